package org.tesseracrm.api.security;

/** What a user may do with an entity; roles are granted actions per entity. */
public enum Action {
    /** See records (in lists, by id, in searches). */
    READ,
    /** Create records. */
    CREATE,
    /** Change records. */
    UPDATE,
    /** Delete records into the recycle bin, and restore them. */
    DELETE,
    /** Export records to files (CSV). */
    EXPORT,
    /** Give a record to another owner. */
    REASSIGN
}
