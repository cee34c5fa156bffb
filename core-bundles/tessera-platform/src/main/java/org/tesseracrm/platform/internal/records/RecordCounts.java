package org.tesseracrm.platform.internal.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many live and deleted records an entity has, kept in {@code platform.record_count} by every
 * write, in the write's transaction, so an unfiltered list knows its total without counting the table.
 * The numbers are spread over {@value #SLOTS} rows so that concurrent writers rarely wait on each other.
 */
final class RecordCounts {
    /** Rows per entity. */
    static final int SLOTS = 16;

    private RecordCounts() {
    }

    /** Counts the table afresh (when a store starts): slot 0 gets the counts, the others zero. */
    static void recount(Connection connection, String entity, String table, boolean softDelete)
            throws SQLException {
        long live = count(connection, "SELECT COUNT(*) FROM " + table
                + (softDelete ? " WHERE deleted_at IS NULL" : ""));
        long deleted = softDelete ? count(connection, "SELECT COUNT(*) FROM " + table
                + " WHERE deleted_at IS NOT NULL") : 0;
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM platform.record_count WHERE entity = ?")) {
            delete.setString(1, entity);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO platform.record_count (entity, slot, live, deleted) VALUES (?, ?, ?, ?)")) {
            for (int slot = 0; slot < SLOTS; slot++) {
                insert.setString(1, entity);
                insert.setInt(2, slot);
                insert.setLong(3, slot == 0 ? live : 0);
                insert.setLong(4, slot == 0 ? deleted : 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Adds to the counts inside the caller's transaction. */
    static void add(Connection connection, String entity, long live, long deleted) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE platform.record_count "
                + "SET live = live + ?, deleted = deleted + ? WHERE entity = ? AND slot = ?")) {
            update.setLong(1, live);
            update.setLong(2, deleted);
            update.setString(3, entity);
            update.setInt(4, ThreadLocalRandom.current().nextInt(SLOTS));
            update.executeUpdate();
        }
    }

    /** @return the number of live (or deleted) records of the entity */
    static long total(Connection connection, String entity, boolean deleted) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT SUM(" + (deleted ? "deleted" : "live")
                + ") FROM platform.record_count WHERE entity = ?")) {
            select.setString(1, entity);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
