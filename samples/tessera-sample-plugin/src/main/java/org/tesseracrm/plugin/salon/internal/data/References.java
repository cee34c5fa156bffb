package org.tesseracrm.plugin.salon.internal.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.tesseracrm.api.ProblemException;

/** Checks that an id names a live record, inside the write transaction. */
final class References {
    private References() {
    }

    /**
     * Refuses a reference that was set or changed to an unknown or deleted record; an unchanged one is
     * accepted as it is (the record it names may have been deleted since).
     *
     * @param table    the schema-qualified table ({@code core.contact}); a constant, never user input
     * @param field    the field name, for the problem
     * @param previous the stored value, or {@code null} on create
     * @param current  the value to store
     */
    static void checkChanged(Connection connection, String table, String field, String previous, String current)
            throws SQLException {
        if (current == null || Objects.equals(previous, current)) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE id = ? AND deleted_at IS NULL")) {
            select.setString(1, current);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw ProblemException.invalid(field, field + " names no existing record: '" + current + "'");
                }
            }
        }
    }
}
