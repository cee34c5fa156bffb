package org.tesseracrm.platform.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.rest.JsonBody;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.security.AccessService;
import org.tesseracrm.platform.internal.security.Authenticator;
import org.tesseracrm.platform.internal.security.Departments;
import org.tesseracrm.platform.internal.security.PasswordPolicy;
import org.tesseracrm.platform.internal.security.Roles;
import org.tesseracrm.platform.internal.security.Sessions;
import org.tesseracrm.platform.internal.security.UserAccounts;
import org.tesseracrm.platform.internal.security.UserAccounts.Account;

/**
 * Users, for administrators: {@code GET /api/v1/users} (paged, {@code q} searches name and display
 * name), {@code GET /users/{username}}, {@code POST /users} (a generated password is answered once and
 * must be changed at the first login, unless the administrator gives one that meets the policy),
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
    private static final Logger LOG = LoggerFactory.getLogger(UsersResource.class);
    private static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";

    private final UserAccounts accounts;
    private final Departments departments;
    private final Roles roles;
    private final Sessions sessions;
    private final Authenticator authenticator;
    private final AccessService access;
    private final JsonCodec json;

    /** What {@code POST} and {@code PUT} take. */
    public record UserForm(String username, String displayName, List<String> roles, String department,
            Boolean active, String password) {
    }

    /** Works on the accounts. */
    @Activate
    public UsersResource(@Reference UserAccounts accounts, @Reference Departments departments,
            @Reference Roles roles, @Reference Sessions sessions, @Reference Authenticator authenticator,
            @Reference AccessService access, @Reference JsonCodec json) {
        this.accounts = accounts;
        this.departments = departments;
        this.roles = roles;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.access = access;
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
        return describe(find(username));
    }

    /** Creates a user. */
    @POST
    public Response create(@Context HttpHeaders headers, InputStream body) {
        Administrators.only("manage users");
        UserForm form = JsonBody.read(json, headers, body, UserForm.class);
        if (form.username() == null || !form.username().matches(USERNAME)) {
            throw ProblemException.invalid("username",
                    "A username has 1 to 100 letters, digits, dots, dashes, underscores or @, starting with a letter or digit");
        }
        if (form.active() != null && !form.active()) {
            throw ProblemException.invalid("active", "A new user is active");
        }
        Set<String> roleNames = roles(form.roles());
        String department = department(form.department());
        boolean generated = form.password() == null;
        char[] password;
        if (generated) {
            password = UserAccounts.generatePassword();
        } else {
            PasswordPolicy.check(form.username(), form.password(), "password");
            password = form.password().toCharArray();
        }
        checkLength("displayName", form.displayName(), 200);
        accounts.create(form.username(), form.displayName(), password, roleNames, department, true);
        LOG.info("{} created the user {} with roles {}", CurrentUser.get().username(), form.username(), roleNames);
        access.forgetAll();
        Map<String, Object> answer = describe(find(form.username()));
        if (generated) {
            answer.put("generatedPassword", new String(password));
        }
        return Response.created(URI.create(TesseraApi.BASE + "/users/" + form.username())).entity(answer).build();
    }

    /** Changes a user's display name, roles, department or activity. */
    @PUT
    @Path("{username}")
    public Map<String, Object> update(@PathParam("username") String username, @Context HttpHeaders headers,
            InputStream body) {
        Administrators.only("manage users");
        Account before = find(username);
        UserForm form = JsonBody.read(json, headers, body, UserForm.class);
        if (form.username() != null && !form.username().equals(username)) {
            throw ProblemException.invalid("username", "A username cannot be changed");
        }
        if (form.password() != null) {
            throw ProblemException.invalid("password", "Passwords are reset with POST /users/{username}/password");
        }
        checkLength("displayName", form.displayName(), 200);
        Set<String> roleNames = form.roles() == null ? before.roles() : roles(form.roles());
        String department = form.department() == null ? before.departmentId() : department(form.department());
        boolean active = form.active() == null ? before.active() : form.active();
        String displayName = form.displayName() == null ? before.displayName() : form.displayName();
        if (username.equals(CurrentUser.get().username())
                && (!active || !roleNames.contains(TesseraUser.ADMINISTRATOR))) {
            throw ProblemException.invalid(active ? "roles" : "active",
                    "Administrators cannot take away their own administrator role or deactivate themselves");
        }
        Account after = accounts.update(username, displayName, roleNames, department, active);
        if (!after.roles().equals(before.roles()) || after.active() != before.active()
                || !java.util.Objects.equals(after.departmentId(), before.departmentId())) {
            sessions.closeAll(username);
            authenticator.forgetAll();
            access.forgetAll();
            LOG.info("{} changed the user {}: roles {}, department {}, active {}", CurrentUser.get().username(),
                    username, after.roles(), after.departmentId(), after.active());
        }
        return describe(after);
    }

    /** Deactivates a user. */
    @DELETE
    @Path("{username}")
    public Response deactivate(@PathParam("username") String username) {
        Administrators.only("manage users");
        Account account = find(username);
        if (username.equals(CurrentUser.get().username())) {
            throw ProblemException.invalid("username", "Administrators cannot deactivate themselves");
        }
        accounts.update(username, account.displayName(), account.roles(), account.departmentId(), false);
        sessions.closeAll(username);
        authenticator.forgetAll();
        access.forgetAll();
        LOG.info("{} deactivated the user {}", CurrentUser.get().username(), username);
        return Response.noContent().build();
    }

    /** Resets a user's password to a generated one, which they must change at the next login. */
    @POST
    @Path("{username}/password")
    public Map<String, Object> resetPassword(@PathParam("username") String username) {
        Administrators.only("manage users");
        find(username);
        char[] password = UserAccounts.generatePassword();
        accounts.setPassword(username, password, true);
        sessions.closeAll(username);
        authenticator.forgetAll();
        LOG.info("{} reset the password of {}", CurrentUser.get().username(), username);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", username);
        answer.put("generatedPassword", new String(password));
        return answer;
    }

    private Account find(String username) {
        if (username.length() > 100) {
            throw ProblemException.notFound("user", username.substring(0, 100));
        }
        return accounts.find(username).orElseThrow(() -> ProblemException.notFound("user", username));
    }

    private Set<String> roles(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw ProblemException.invalid("roles", "A user needs at least one role; roles are " + roles.names());
        }
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !roles.exists(name)) {
                throw ProblemException.invalid("roles[" + i + "]", "Unknown role '" + name + "'; roles are " + roles.names());
            }
            set.add(name);
        }
        return set;
    }

    private String department(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        departments.requireExists(id, "department");
        return id;
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ProblemException.invalid(field, field + " must not be longer than " + max + " characters");
        }
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
