package org.tesseracrm.api.data;

/**
 * Names of the EventAdmin events that {@link Records} post after each committed change. Topics are
 * {@code org/tesseracrm/<entity>/<ACTION>}; subscribe to {@code org/tesseracrm/deal/*} for all deal
 * events.
 */
public final class RecordEvents {
    /** Action of a new record. */
    public static final String CREATED = "CREATED";
    /** Action of a changed record. */
    public static final String UPDATED = "UPDATED";
    /** Action of a record moved to the recycle bin. */
    public static final String DELETED = "DELETED";
    /** Action of a record brought back from the recycle bin. */
    public static final String RESTORED = "RESTORED";

    /** Event property: the entity name. */
    public static final String ENTITY = "entity";
    /** Event property: the record id. */
    public static final String ID = "id";
    /** Event property: the record's version after the change. */
    public static final String VERSION = "version";
    /** Event property: who made the change. */
    public static final String ACTOR = "actor";
    /** Event property: the names of the fields that changed (a String array). */
    public static final String FIELDS = "fields";

    private RecordEvents() {
    }

    /** @return the topic of an action on an entity, such as {@code org/tesseracrm/contact/CREATED} */
    public static String topic(String entity, String action) {
        return "org/tesseracrm/" + entity + "/" + action;
    }
}
