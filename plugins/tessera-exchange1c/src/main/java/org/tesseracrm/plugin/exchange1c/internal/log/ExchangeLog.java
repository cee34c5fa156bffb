package org.tesseracrm.plugin.exchange1c.internal.log;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.plugin.exchange1c.internal.ImportResult;

/**
 * The exchange log: one session per 1C {@code checkauth}, and per session what happened — files received,
 * imports with their counts and the elements that failed, orders sent and confirmed, failures. Each entry is
 * committed on its own, so the log shows an exchange while it runs and keeps what happened before a crash.
 */
@Component(service = ExchangeLog.class)
public final class ExchangeLog {
    /** How an entry ended. */
    public enum Outcome {
        /** It worked. */
        SUCCESS,
        /** It is still running (an import answered {@code progress}). */
        PROGRESS,
        /** It was refused. */
        FAILURE
    }

    /** A session, as listed. */
    public record Session(String id, String connection, String username, Instant startedAt, Instant lastAt,
            int events, int failures) { }

    /** One entry of a session. */
    public record Event(int seq, Instant at, String type, String mode, String filename, Outcome outcome,
            String message, Map<String, Integer> counts, String errors) { }

    private final Database database;

    /** Writes into schema {@code exchange1c}. */
    @Activate
    public ExchangeLog(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=exchange1c)") Database database) {
        this.database = database;
    }

    /** Opens a session. */
    public void start(String sessionId, String connection, String username) {
        Timestamp now = Timestamp.from(Instant.now());
        database.inTransaction(sql -> {
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO exchange1c.exchange_session "
                    + "(id, connection_id, username, started_at, last_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, sessionId);
                insert.setString(2, connection);
                insert.setString(3, username);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Writes an entry.
     *
     * @param result the import's counts and errors, or {@code null}
     */
    public void record(String sessionId, String type, String mode, String filename, Outcome outcome, String message,
            ImportResult result) {
        Timestamp now = Timestamp.from(Instant.now());
        String counts = result == null ? null : truncate(result.counts().entrySet().stream()
                .filter(e -> e.getValue() != 0).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")), 2000);
        String errors = result == null || result.errors().isEmpty() ? null : truncate(result.errors().stream()
                .map(e -> e.element() + " line " + e.line() + (e.id() == null ? "" : " Ид " + e.id()) + ": "
                        + e.message())
                .collect(Collectors.joining("\n")), 32000);
        database.inTransaction(sql -> {
            int seq;
            try (PreparedStatement next = sql.prepareStatement(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM exchange1c.exchange_event WHERE session_id = ?")) {
                next.setString(1, sessionId);
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    seq = row.getInt(1);
                }
            }
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO exchange1c.exchange_event (session_id, "
                    + "seq, happened_at, exchange_type, exchange_mode, filename, outcome, message, counts, errors) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sessionId);
                insert.setInt(2, seq);
                insert.setTimestamp(3, now);
                insert.setString(4, truncate(type, 20));
                insert.setString(5, truncate(mode, 20));
                insert.setString(6, truncate(filename, 500));
                insert.setString(7, outcome.name());
                insert.setString(8, truncate(message, 2000));
                insert.setString(9, counts);
                insert.setString(10, errors);
                insert.executeUpdate();
            }
            try (PreparedStatement touch = sql.prepareStatement(
                    "UPDATE exchange1c.exchange_session SET last_at = ? WHERE id = ?")) {
                touch.setTimestamp(1, now);
                touch.setString(2, sessionId);
                touch.executeUpdate();
            }
            return null;
        });
    }

    /** @return sessions, newest first, optionally of one connection */
    public Page<Session> sessions(String connection, int offset, int limit) {
        return database.inTransaction(sql -> {
            String where = connection == null ? "" : " WHERE s.connection_id = ?";
            long total;
            try (PreparedStatement count = sql.prepareStatement(
                    "SELECT COUNT(*) FROM exchange1c.exchange_session s" + where)) {
                if (connection != null) {
                    count.setString(1, connection);
                }
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Session> items = new ArrayList<>();
            try (PreparedStatement select = sql.prepareStatement("SELECT s.id, s.connection_id, s.username, "
                    + "s.started_at, s.last_at, (SELECT COUNT(*) FROM exchange1c.exchange_event e WHERE e.session_id = s.id), "
                    + "(SELECT COUNT(*) FROM exchange1c.exchange_event e WHERE e.session_id = s.id AND e.outcome = 'FAILURE') "
                    + "FROM exchange1c.exchange_session s" + where
                    + " ORDER BY s.started_at DESC, s.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = 1;
                if (connection != null) {
                    select.setString(i++, connection);
                }
                select.setInt(i++, offset);
                select.setInt(i, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        items.add(new Session(row.getString(1), row.getString(2), row.getString(3),
                                row.getTimestamp(4).toInstant(), row.getTimestamp(5).toInstant(), row.getInt(6),
                                row.getInt(7)));
                    }
                }
            }
            return new Page<>(items, total, offset, limit);
        });
    }

    /** @return the session, if it exists */
    public Optional<Session> session(String id) {
        return database.inTransaction(sql -> {
            try (PreparedStatement select = sql.prepareStatement("SELECT s.id, s.connection_id, s.username, "
                    + "s.started_at, s.last_at, (SELECT COUNT(*) FROM exchange1c.exchange_event e WHERE e.session_id = s.id), "
                    + "(SELECT COUNT(*) FROM exchange1c.exchange_event e WHERE e.session_id = s.id AND e.outcome = 'FAILURE') "
                    + "FROM exchange1c.exchange_session s WHERE s.id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Session(row.getString(1), row.getString(2),
                            row.getString(3), row.getTimestamp(4).toInstant(), row.getTimestamp(5).toInstant(),
                            row.getInt(6), row.getInt(7))) : Optional.<Session>empty();
                }
            }
        });
    }

    /** @return the session's entries in order */
    public List<Event> events(String sessionId) {
        return database.inTransaction(sql -> {
            List<Event> events = new ArrayList<>();
            try (PreparedStatement select = sql.prepareStatement("SELECT seq, happened_at, exchange_type, "
                    + "exchange_mode, filename, outcome, message, counts, errors FROM exchange1c.exchange_event "
                    + "WHERE session_id = ? ORDER BY seq")) {
                select.setString(1, sessionId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        events.add(new Event(row.getInt(1), row.getTimestamp(2).toInstant(), row.getString(3),
                                row.getString(4), row.getString(5), Outcome.valueOf(row.getString(6)),
                                row.getString(7), counts(row.getString(8)), row.getString(9)));
                    }
                }
            }
            return events;
        });
    }

    private static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                counts.put(pair.substring(0, eq), Integer.valueOf(pair.substring(eq + 1)));
            }
        }
        return counts;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
