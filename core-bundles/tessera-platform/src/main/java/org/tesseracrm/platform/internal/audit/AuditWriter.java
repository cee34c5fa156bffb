package org.tesseracrm.platform.internal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.platform.internal.json.JsonCodec;

/** Writes audit entries inside the caller's transaction, so a change and its entry commit together. */
public final class AuditWriter {
    private static final JsonCodec JSON = new JsonCodec();

    private AuditWriter() {
    }

    /**
     * @param connection the transaction of the change
     * @param actor      who changed it
     * @param entity     the entity name
     * @param entityId   the record id
     * @param action     CREATED, UPDATED, DELETED, RESTORED or another verb
     * @param changes    field to old and new value
     */
    public static void write(Connection connection, String actor, String entity, String entityId, String action,
            Map<String, FieldChange> changes) throws SQLException {
        writeAll(connection, actor, entity, action, Map.of(entityId, changes));
    }

    /**
     * Writes one entry per record, in one batch.
     *
     * @param changes by record id (in the order to write), field to old and new value
     */
    public static void writeAll(Connection connection, String actor, String entity, String action,
            Map<String, Map<String, FieldChange>> changes) throws SQLException {
        Timestamp occurred = Timestamp.from(Instant.now());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO platform.audit_entry "
                + "(occurred_at, actor, entity, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Map<String, FieldChange>> record : changes.entrySet()) {
                insert.setTimestamp(1, occurred, AuditLogService.utc());
                insert.setString(2, actor);
                insert.setString(3, entity);
                insert.setString(4, record.getKey());
                insert.setString(5, action);
                insert.setString(6, JSON.writeString(record.getValue()));
                if (changes.size() == 1) {
                    insert.executeUpdate();
                } else {
                    insert.addBatch();
                }
            }
            if (changes.size() > 1) {
                insert.executeBatch();
            }
        }
    }
}
