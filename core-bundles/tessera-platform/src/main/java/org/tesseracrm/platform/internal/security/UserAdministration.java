package org.tesseracrm.platform.internal.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.security.UserAccounts.Account;

/**
 * What administrators do with users, whether over REST or in the shell: create (with a generated
 * password that must be changed at the first login, or one that meets the policy), change roles,
 * department, display name or activity, deactivate, reset a password. Every change that alters what a
 * user may do ends their sessions and what was remembered of their logins and access.
 */
@Component(service = UserAdministration.class)
public final class UserAdministration {
    private static final Logger LOG = LoggerFactory.getLogger(UserAdministration.class);
    private static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";

    private final UserAccounts accounts;
    private final Departments departments;
    private final Roles roles;
    private final Sessions sessions;
    private final Authenticator authenticator;
    private final AccessService access;

    /**
     * A new account and, when the password was generated, that password (shown once).
     *
     * @param account           the account
     * @param generatedPassword the generated password, or {@code null}
     */
    public record Created(Account account, String generatedPassword) {
    }

    /** Works on accounts, departments, roles, sessions and what was remembered. */
    @Activate
    public UserAdministration(@Reference UserAccounts accounts, @Reference Departments departments,
            @Reference Roles roles, @Reference Sessions sessions, @Reference Authenticator authenticator,
            @Reference AccessService access) {
        this.accounts = accounts;
        this.departments = departments;
        this.roles = roles;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.access = access;
    }

    /** @return the account */
    public Account find(String username) {
        if (username == null || username.length() > 100) {
            throw ProblemException.notFound("user", username == null ? "" : username.substring(0, 100));
        }
        return accounts.find(username).orElseThrow(() -> ProblemException.notFound("user", username));
    }

    /**
     * Creates a user.
     *
     * @param password the password, or {@code null} to generate one
     */
    public Created create(String username, String displayName, List<String> roleNames, String department,
            String password) {
        if (username == null || !username.matches(USERNAME)) {
            throw ProblemException.invalid("username",
                    "A username has 1 to 100 letters, digits, dots, dashes, underscores or @, starting with a letter or digit");
        }
        checkLength("displayName", displayName, 200);
        Set<String> checkedRoles = roles(roleNames);
        String checkedDepartment = department(department);
        boolean generated = password == null;
        char[] secret;
        if (generated) {
            secret = UserAccounts.generatePassword();
        } else {
            PasswordPolicy.check(username, password, "password");
            secret = password.toCharArray();
        }
        accounts.create(username, displayName, secret, checkedRoles, checkedDepartment, generated);
        LOG.info("{} created the user {} with roles {}", CurrentUser.get().username(), username, checkedRoles);
        access.forgetAll();
        return new Created(find(username), generated ? new String(secret) : null);
    }

    /** Changes what is given; {@code null} keeps the current value. */
    public Account update(String username, String displayName, List<String> roleNames, String department,
            Boolean active) {
        Account before = find(username);
        checkLength("displayName", displayName, 200);
        Set<String> newRoles = roleNames == null ? before.roles() : roles(roleNames);
        String newDepartment = department == null ? before.departmentId() : department(department);
        boolean newActive = active == null ? before.active() : active;
        if (username.equals(CurrentUser.get().username())
                && (!newActive || !newRoles.contains(TesseraUser.ADMINISTRATOR))) {
            throw ProblemException.invalid(newActive ? "roles" : "active",
                    "Administrators cannot take away their own administrator role or deactivate themselves");
        }
        Account after = accounts.update(username, displayName == null ? before.displayName() : displayName,
                newRoles, newDepartment, newActive);
        if (!after.roles().equals(before.roles()) || after.active() != before.active()
                || !Objects.equals(after.departmentId(), before.departmentId())) {
            forget(username);
            LOG.info("{} changed the user {}: roles {}, department {}, active {}", CurrentUser.get().username(),
                    username, after.roles(), after.departmentId(), after.active());
        }
        return after;
    }

    /** Deactivates a user: they cannot log in; their records and history stay. */
    public void deactivate(String username) {
        update(username, null, null, null, false);
    }

    /** @return a new generated password, which the user must change at the next login */
    public String resetPassword(String username) {
        find(username);
        char[] password = UserAccounts.generatePassword();
        accounts.setPassword(username, password, true);
        forget(username);
        LOG.info("{} reset the password of {}", CurrentUser.get().username(), username);
        return new String(password);
    }

    private void forget(String username) {
        sessions.closeAll(username);
        authenticator.forgetAll();
        access.forgetAll();
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
}
