package org.tesseracrm.platform.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.UserAccounts;
import org.tesseracrm.platform.internal.security.UserAdministration;
import org.tesseracrm.platform.internal.security.UserAccounts.Account;

/**
 * Users, for administrators: {@code GET /api/v1/users} (paged, {@code q} searches name and display
 * name), {@code GET /users/{username}}, {@code POST /users} (without a password, a generated one is
 * answered once and must be changed at the first login; or the administrator gives one that meets the
 * policy),
 * {@code PUT /users/{username}}, {@code DELETE /users/{username}} (deactivates: the user's records and
 * audit history stay), {@code POST /users/{username}/password} (resets to a generated password). A
 * change of roles, department or activity ends the user's sessions.
 */
@Component(service = UsersResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {
    private final UserAccounts accounts;
    private final UserAdministration administration;
    private final JsonCodec json;

    /** What {@code POST} and {@code PUT} take. */
    public record UserForm(String username, String displayName, List<String> roles, String department,
            Boolean active, String password) {
    }

    /** Works on the accounts. */
    @Activate
    public UsersResource(@Reference UserAccounts accounts, @Reference UserAdministration administration,
            @Reference JsonCodec json) {
        this.accounts = accounts;
        this.administration = administration;
        this.json = json;
    }

    /** @return a page of users */
    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Administrators.only("manage users");
        var parameters = new LinkedHashMap<>(uri.getQueryParameters());
        List<String> q = parameters.remove("q");
        Query query = Query.fromParameters(parameters);
        if (!query.filters().isEmpty() || query.sort() != null) {
            throw ProblemException.invalid(query.filters().isEmpty() ? "sort" : query.filters().keySet().iterator().next(),
                    "Users are listed by username; use q, offset and limit");
        }
        String prefix = q == null || q.isEmpty() || q.get(0).isBlank() ? null : q.get(0).strip();
        Page<Account> page = accounts.list(query.offset(), query.limit(), prefix);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(UsersResource::describe).toList());
        body.put("total", page.total());
        body.put("offset", page.offset());
        body.put("limit", page.limit());
        return body;
    }

    /** @return one user */
    @GET
    @Path("{username}")
    public Map<String, Object> get(@PathParam("username") String username) {
        Administrators.only("manage users");
        return describe(administration.find(username));
    }

    /** Creates a user. */
    @POST
    public Response create(@Context HttpHeaders headers, InputStream body) {
        Administrators.only("manage users");
        UserForm form = JsonBody.read(json, headers, body, UserForm.class);
        if (form.active() != null && !form.active()) {
            throw ProblemException.invalid("active", "A new user is active");
        }
        UserAdministration.Created created = administration.create(form.username(), form.displayName(), form.roles(),
                form.department(), form.password());
        Map<String, Object> answer = describe(created.account());
        if (created.generatedPassword() != null) {
            answer.put("generatedPassword", created.generatedPassword());
        }
        return Response.created(URI.create(TesseraApi.BASE + "/users/" + form.username())).entity(answer).build();
    }

    /** Changes a user's display name, roles, department or activity. */
    @PUT
    @Path("{username}")
    public Map<String, Object> update(@PathParam("username") String username, @Context HttpHeaders headers,
            InputStream body) {
        Administrators.only("manage users");
        administration.find(username);
        UserForm form = JsonBody.read(json, headers, body, UserForm.class);
        if (form.username() != null && !form.username().equals(username)) {
            throw ProblemException.invalid("username", "A username cannot be changed");
        }
        if (form.password() != null) {
            throw ProblemException.invalid("password", "Passwords are reset with POST /users/{username}/password");
        }
        return describe(administration.update(username, form.displayName(), form.roles(),
                form.department() == null ? null : form.department(), form.active()));
    }

    /** Deactivates a user. */
    @DELETE
    @Path("{username}")
    public Response deactivate(@PathParam("username") String username) {
        Administrators.only("manage users");
        administration.deactivate(username);
        return Response.noContent().build();
    }

    /** Resets a user's password to a generated one, which they must change at the next login. */
    @POST
    @Path("{username}/password")
    public Map<String, Object> resetPassword(@PathParam("username") String username) {
        Administrators.only("manage users");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", username);
        answer.put("generatedPassword", administration.resetPassword(username));
        return answer;
    }

    private static Map<String, Object> describe(Account account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", account.username());
        body.put("displayName", account.displayName());
        body.put("roles", account.roles());
        body.put("department", account.departmentId());
        body.put("active", account.active());
        body.put("passwordChangeRequired", account.mustChangePassword());
        return body;
    }
}
