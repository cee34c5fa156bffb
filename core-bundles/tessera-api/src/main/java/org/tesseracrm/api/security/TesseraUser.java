package org.tesseracrm.api.security;

import java.util.Set;

/**
 * An authenticated user.
 *
 * @param username the login name, unique
 * @param roles    role names ({@value #ADMINISTRATOR}, {@value #DIRECTOR}, {@value #MANAGER}, plugin roles)
 */
public record TesseraUser(String username, Set<String> roles) {
    /** Role that may do everything. */
    public static final String ADMINISTRATOR = "administrator";
    /** Role that sees a department's records. */
    public static final String DIRECTOR = "director";
    /** Role that sees own and shared records. */
    public static final String MANAGER = "manager";

    /** The platform itself, acting for no person (migrations, demo data, scheduled jobs). */
    public static final TesseraUser SYSTEM = new TesseraUser("system", Set.of(ADMINISTRATOR));

    public TesseraUser {
        roles = Set.copyOf(roles);
    }

    /** @return whether the user has the role */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
