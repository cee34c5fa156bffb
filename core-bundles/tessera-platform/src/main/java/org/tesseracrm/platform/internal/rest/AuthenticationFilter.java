package org.tesseracrm.platform.internal.rest;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.Authenticator;
import org.tesseracrm.platform.internal.security.Sessions;

/**
 * Every API request must carry credentials: the console's session cookie or HTTP Basic; the user then
 * acts as {@link CurrentUser} for the request. With the cookie, every change (POST, PUT, PATCH, DELETE)
 * must also carry the session's CSRF token in {@value #CSRF_HEADER}, and a user who must change a
 * generated password may do nothing else first. Wrong or missing credentials get a 401 problem that
 * does not say which of name or password was wrong; a throttled name or address gets 429. The only
 * request without credentials is the login itself ({@code POST /session}).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** The header that carries the CSRF token of a console session. */
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SCOPE = AuthenticationFilter.class.getName() + ".scope";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Authenticator authenticator;
    private final Sessions sessions;
    private final JsonCodec json;
    @Context
    private HttpServletRequest servletRequest;

    AuthenticationFilter(Authenticator authenticator, Sessions sessions, JsonCodec json) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        String method = request.getMethod();
        if (path.equals("session") && method.equals("POST")) {
            return; // the login itself
        }
        String instance = request.getUriInfo().getRequestUri().getPath();
        Optional<String> token = Optional.ofNullable(request.getCookies().get(Sessions.COOKIE))
                .map(javax.ws.rs.core.Cookie::getValue).filter(v -> !v.isEmpty());
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<TesseraUser> user = Optional.empty();
        if (token.isPresent() && authorization == null) {
            Optional<Sessions.Session> session = sessions.find(token.get());
            if (session.isPresent()) {
                Sessions.Session live = session.get();
                if (!SAFE_METHODS.contains(method)
                        && !live.csrfToken().equals(request.getHeaderString(CSRF_HEADER))) {
                    request.abortWith(Problems.response(json, ProblemType.FORBIDDEN,
                            "A change from the console must carry the session's " + CSRF_HEADER + " header",
                            null, instance));
                    return;
                }
                if (live.passwordChangeRequired() && !path.startsWith("session")) {
                    request.abortWith(Problems.response(json, ProblemType.FORBIDDEN,
                            "Change the generated password first (PUT /api/v1/session/password)", null, instance));
                    return;
                }
                request.setProperty(SessionResource.SESSION_ATTRIBUTE, live);
                user = Optional.of(live.user());
            }
        } else {
            String address = servletRequest == null ? null : servletRequest.getRemoteAddr();
            Authenticator.Attempt attempt = basic(authorization, address);
            if (attempt.throttled()) {
                request.abortWith(Response.fromResponse(Problems.response(json, ProblemType.TOO_MANY_REQUESTS,
                        "Too many failed logins; try again in " + attempt.retryAfterSeconds() + " seconds", null,
                        instance)).header("Retry-After", attempt.retryAfterSeconds()).build());
                return;
            }
            user = attempt.user();
        }
        if (user.isEmpty()) {
            Response problem = Problems.response(json, ProblemType.UNAUTHORIZED,
                    "Log in: send a username and password with HTTP Basic authentication, or log in to the console",
                    null, instance);
            // a browser answers a Basic challenge with a login box of its own: the console (which says it
            // is a script, or holds a session) gets the problem alone and shows its login page
            boolean console = token.isPresent()
                    || "XMLHttpRequest".equalsIgnoreCase(request.getHeaderString("X-Requested-With"));
            request.abortWith(console ? problem : Response.fromResponse(problem)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Tessera\", charset=\"UTF-8\"").build());
            return;
        }
        TesseraUser tesseraUser = user.get();
        request.setProperty(SCOPE, CurrentUser.enter(tesseraUser));
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return tesseraUser::username;
            }

            @Override
            public boolean isUserInRole(String role) {
                return tesseraUser.hasRole(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.BASIC_AUTH;
            }
        });
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object scope = request.getProperty(SCOPE);
        if (scope instanceof CurrentUser.Scope userScope) {
            userScope.close();
            request.removeProperty(SCOPE);
        }
    }

    private Authenticator.Attempt basic(String header, String address) {
        Authenticator.Attempt none = new Authenticator.Attempt(Optional.empty(), 0);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return none;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return none;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon > 100) {
            return none;
        }
        return authenticator.attempt(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }
}
