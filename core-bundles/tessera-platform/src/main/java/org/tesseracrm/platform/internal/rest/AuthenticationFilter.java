package org.tesseracrm.platform.internal.rest;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.Authenticator;

/**
 * Every API request must carry credentials (HTTP Basic); the user then acts as
 * {@link CurrentUser} for the request. Wrong or missing credentials get a 401 problem that does not
 * say which of name or password was wrong.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String SCOPE = AuthenticationFilter.class.getName() + ".scope";

    private final Authenticator authenticator;
    private final JsonCodec json;

    AuthenticationFilter(Authenticator authenticator, JsonCodec json) {
        this.authenticator = authenticator;
        this.json = json;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<TesseraUser> user = basic(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (user.isEmpty()) {
            Response problem = Problems.response(json, ProblemType.UNAUTHORIZED,
                    "Log in: send a username and password with HTTP Basic authentication", null,
                    request.getUriInfo().getRequestUri().getPath());
            request.abortWith(Response.fromResponse(problem)
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

    private Optional<TesseraUser> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon > 100) {
            return Optional.empty();
        }
        return authenticator.login(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
