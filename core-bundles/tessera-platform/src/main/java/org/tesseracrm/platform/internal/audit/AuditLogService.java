package org.tesseracrm.platform.internal.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.audit.AuditEntry;
import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.api.audit.AuditLog;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.platform.internal.json.JsonCodec;

import com.fasterxml.jackson.core.type.TypeReference;

/** Reads {@code platform.audit_entry}, newest first. */
@Component(service = AuditLog.class)
public final class AuditLogService implements AuditLog {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final TypeReference<LinkedHashMap<String, FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final Database database;
    private final JsonCodec json;

    /** Reads from the platform schema. */
    @Activate
    public AuditLogService(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database database,
            @Reference JsonCodec json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public Page<AuditEntry> list(String entity, String entityId, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        if (entity != null) {
            where.append(" AND entity = ?");
            parameters.add(entity);
        }
        if (entityId != null) {
            where.append(" AND entity_id = ?");
            parameters.add(entityId);
        }
        return database.inTransaction(connection -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, occurred_at, actor, entity, entity_id, action, changes FROM platform.audit_entry" + where
                            + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int index = 1;
                for (String parameter : parameters) {
                    select.setString(index++, parameter);
                }
                select.setInt(index++, offset);
                select.setInt(index, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String changes = rows.getString(7);
                        Map<String, FieldChange> parsed = changes == null ? Map.of() : json.readType(changes, CHANGES);
                        entries.add(new AuditEntry(rows.getLong(1), rows.getTimestamp(2, utc()).toInstant(),
                                rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), parsed));
                    }
                }
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM platform.audit_entry" + where)) {
                int index = 1;
                for (String parameter : parameters) {
                    count.setString(index++, parameter);
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            return new Page<>(entries, total, offset, limit);
        });
    }

    @Override
    public void write(String entity, String entityId, String action, java.util.Map<String, FieldChange> changes) {
        String actor = org.tesseracrm.api.security.CurrentUser.get().username();
        database.inTransaction(connection -> {
            AuditWriter.write(connection, actor, entity, entityId, action, changes);
            return null;
        });
    }

    /** A new UTC calendar per call: JDBC drivers (Derby) write into the calendar they are given. */
    public static Calendar utc() {
        return Calendar.getInstance(UTC);
    }
}
