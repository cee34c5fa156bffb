package org.tesseracrm.platform.internal.rest;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.Authenticator;
import org.tesseracrm.platform.internal.security.PasswordPolicy;
import org.tesseracrm.platform.internal.security.Sessions;
import org.tesseracrm.platform.internal.security.UserAccounts;

/**
 * The console's login: {@code POST /api/v1/session} with a name and password opens a session (an
 * HttpOnly, SameSite=Strict cookie, and a CSRF token in the answer), {@code GET} tells who is logged in,
 * {@code DELETE} logs out, {@code PUT /session/password} changes the user's password.
 */
@Component(service = SessionResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
    /** Request attribute holding the {@link Sessions.Session} that authenticated the request. */
    static final String SESSION_ATTRIBUTE = "org.tesseracrm.session";

    private final Authenticator authenticator;
    private final Sessions sessions;
    private final UserAccounts accounts;
    private final JsonCodec json;

    /** What {@code POST} takes. */
    public record Credentials(String username, String password) {
    }

    /** What {@code PUT /password} takes. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** Works with the authenticator, the sessions and the accounts. */
    @Activate
    public SessionResource(@Reference Authenticator authenticator, @Reference Sessions sessions,
            @Reference UserAccounts accounts, @Reference JsonCodec json) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.accounts = accounts;
        this.json = json;
    }

    /** Logs in. */
    @POST
    public Response login(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body) {
        Credentials credentials = JsonBody.read(json, headers, body, Credentials.class);
        String username = credentials.username();
        String password = credentials.password();
        if (username == null || username.isBlank() || username.length() > 100) {
            throw ProblemException.invalid("username", "Give the username (at most 100 characters)");
        }
        if (password == null || password.isEmpty() || password.length() > 1000) {
            throw ProblemException.invalid("password", "Give the password");
        }
        Authenticator.Attempt attempt = authenticator.attempt(username, password, request.getRemoteAddr());
        if (attempt.throttled()) {
            return Response.fromResponse(Problems.response(json, ProblemType.TOO_MANY_REQUESTS,
                    "Too many failed logins; try again in " + attempt.retryAfterSeconds() + " seconds", null,
                    request.getRequestURI())).header("Retry-After", attempt.retryAfterSeconds()).build();
        }
        TesseraUser user = attempt.user().orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED,
                "Wrong username or password", null));
        Sessions.Session session = sessions.open(user);
        return Response.ok(describe(session))
                .header(HttpHeaders.SET_COOKIE, cookie(session.token(), request.isSecure(), -1)).build();
    }

    /** @return who is logged in with this session */
    @GET
    public Map<String, Object> current(@Context HttpServletRequest request) {
        return describe(session(request));
    }

    /** Logs out: the session ends and the cookie is cleared. */
    @DELETE
    public Response logout(@Context HttpServletRequest request) {
        Sessions.Session session = session(request);
        sessions.close(session.token());
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", request.isSecure(), 0)).build();
    }

    /** Changes the logged-in user's password; their other sessions end. */
    @PUT
    @Path("password")
    public Response changePassword(@Context HttpHeaders headers, @Context HttpServletRequest request,
            InputStream body) {
        PasswordChange change = JsonBody.read(json, headers, body, PasswordChange.class);
        String username = CurrentUser.get().username();
        if (change.currentPassword() == null || change.currentPassword().length() > 1000) {
            throw ProblemException.invalid("currentPassword", "Give the current password");
        }
        Authenticator.Attempt attempt = authenticator.attempt(username, change.currentPassword(),
                request.getRemoteAddr());
        if (attempt.throttled()) {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Too many failed attempts; try again later",
                    "currentPassword");
        }
        if (attempt.user().isEmpty()) {
            throw ProblemException.invalid("currentPassword", "The current password is wrong");
        }
        PasswordPolicy.check(username, change.newPassword(), "newPassword");
        if (change.newPassword().equals(change.currentPassword())) {
            throw ProblemException.invalid("newPassword", "The new password must differ from the current one");
        }
        accounts.setPassword(username, change.newPassword().toCharArray(), false);
        Object current = request.getAttribute(SESSION_ATTRIBUTE);
        sessions.closeAll(username, current instanceof Sessions.Session s ? s.token() : null);
        authenticator.forgetAll();
        return Response.noContent().build();
    }

    private Sessions.Session session(HttpServletRequest request) {
        Object session = request.getAttribute(SESSION_ATTRIBUTE);
        if (session instanceof Sessions.Session s) {
            return s;
        }
        throw new ProblemException(ProblemType.UNAUTHORIZED, "Not logged in: there is no console session", null);
    }

    private Map<String, Object> describe(Sessions.Session session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", session.user().username());
        body.put("displayName", accounts.find(session.user().username()).map(UserAccounts.Account::displayName)
                .orElse(session.user().username()));
        body.put("roles", session.user().roles());
        body.put("csrfToken", session.csrfToken());
        body.put("idleTimeoutSeconds", sessions.idleTimeoutSeconds());
        body.put("passwordChangeRequired", session.passwordChangeRequired());
        return body;
    }

    /** @return the session cookie; {@code maxAge} 0 clears it, -1 keeps it for the browser session */
    static String cookie(String token, boolean secure, int maxAge) {
        return Sessions.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    static Optional<String> token(HttpHeaders headers) {
        var cookie = headers.getCookies().get(Sessions.COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
