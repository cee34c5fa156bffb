package org.tesseracrm.api.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java record as a stored entity. Its components map to columns of {@code table} by name
 * ({@code companyId} is {@code company_id}); lists and nested records are stored as JSON text.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Entity {
    /**
     * @return the entity name in events, audit and errors: lower case, one word; a plugin prefixes its
     *         id ({@code salon_appointment}) so its names never clash with the core's or another plugin's
     */
    String name();

    /** @return the schema-qualified table ({@code core.contact}) */
    String table();

    /**
     * @return whether a record is seen only by its owner, the users it is shared with, the directors of
     *         the owner's department and administrators (the client base: contacts, companies, deals);
     *         records of other entities (the catalog) are seen by everyone whose role may read them.
     *         Needs an {@code ownerId} component.
     */
    boolean restrictedToOwner() default false;
}
