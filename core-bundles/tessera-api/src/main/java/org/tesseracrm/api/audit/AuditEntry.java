package org.tesseracrm.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One change of one record.
 *
 * @param id       sequence number of the entry
 * @param at       when the change committed
 * @param actor    who made it (a username, or {@code system})
 * @param entity   the entity name ({@code contact})
 * @param entityId the record's id
 * @param action   {@code CREATED}, {@code UPDATED}, {@code DELETED} or {@code RESTORED}
 * @param changes  field name to its old and new value
 */
public record AuditEntry(long id, Instant at, String actor, String entity, String entityId, String action,
        Map<String, FieldChange> changes) {

    /**
     * How one field changed.
     *
     * @param oldValue the value before (JSON form), or {@code null}
     * @param newValue the value after (JSON form), or {@code null}
     */
    public record FieldChange(Object oldValue, Object newValue) {
    }
}
