package org.tesseracrm.platform.internal.db;

/**
 * How a bundle's schema stands.
 *
 * @param bundle  the bundle's symbolic name
 * @param schema  the schema it declares
 * @param state   {@code active} or {@code failed}
 * @param version the highest applied migration
 * @param error   why migration failed, or {@code null}
 */
public record SchemaStatus(String bundle, String schema, String state, int version, String error) {
    /** The state of a migrated schema. */
    public static final String ACTIVE = "active";
    /** The state of a schema whose migration failed. */
    public static final String FAILED = "failed";
}
