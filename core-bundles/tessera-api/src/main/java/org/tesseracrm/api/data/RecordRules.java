package org.tesseracrm.api.data;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The domain rules of one record type, called by {@link Records} inside the write transaction.
 * Field-level checks declared by annotations ({@link Required}, {@link MaxLength}, {@link RefersTo}…)
 * run before these. Throw {@link org.tesseracrm.api.ProblemException} to refuse a change; nothing is
 * written then.
 *
 * @param <T> the record type
 */
@ConsumerType
public interface RecordRules<T> {

    /** Rules that accept everything. */
    static <T> RecordRules<T> none() {
        return new RecordRules<>() {
        };
    }

    /**
     * Checks and completes a record about to be created or updated.
     *
     * @param previous   the stored record, or {@code null} on create
     * @param record     what the caller sent (server-managed fields already set)
     * @param connection the write transaction, for look-ups that must see the same data
     * @return the record to store (the same, or a completed copy)
     */
    default T beforeWrite(T previous, T record, Connection connection) {
        return record;
    }

    /**
     * Extra event topics to post after a change commits, besides CREATED/UPDATED/DELETED — for
     * example {@code org/tesseracrm/deal/WON}.
     *
     * @param previous the record before the change, or {@code null} on create
     * @param current  the record after the change
     */
    default List<String> extraTopics(T previous, T current) {
        return List.of();
    }

    /** Extra properties for every event about this change (for example the deal's new stage). */
    default Map<String, Object> eventProperties(T previous, T current) {
        return Map.of();
    }
}
