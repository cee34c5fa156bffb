package org.tesseracrm.spi.security;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.tesseracrm.api.security.Action;

/**
 * A role, or grants added to a role, registered as a service. The platform defines
 * {@code administrator}, {@code director} and {@code manager}; a plugin declares its own roles
 * ({@code warehouse-keeper}) and may grant the built-in roles actions on its own entities by registering
 * a definition with their name: definitions of one name add up. Administrators can change the grants
 * later ({@code PUT /api/v1/roles/<name>/permissions}).
 */
@ConsumerType
public interface RoleDefinition {
    /** Grants an action on every entity. */
    String ANY_ENTITY = "*";

    /** @return the role's name: lower-case letters, digits and dashes */
    String name();

    /** @return the role's name for people, in English */
    String title();

    /** @return the role's name for people in a language; {@link #title()} by default */
    default String title(Locale locale) {
        return title();
    }

    /** @return actions granted, by entity ({@value #ANY_ENTITY} for all entities) */
    Map<String, Set<Action>> grants();

    /** @return whose records the role sees; a user gets the widest of their roles */
    default Visibility visibility() {
        return Visibility.OWN;
    }

    /** Whose records a role sees, of entities that have owners. */
    enum Visibility {
        /** Records the user owns or that were shared with them. */
        OWN,
        /** Also records owned by the users of the user's department and the departments below it. */
        DEPARTMENT,
        /** Every record. */
        ALL
    }
}
