package org.tesseracrm.plugin.warehouse.internal.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one unit of work on one connection: each SQL text is prepared once however
 * often the work runs it (a 10-line posting runs the same stock update ten times), and all are closed
 * together at the end. Not thread-safe, like the connection it wraps.
 */
final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    Statements(Connection connection) {
        this.connection = connection;
    }

    /** @return the connection the statements run on */
    Connection connection() {
        return connection;
    }

    /**
     * @return the statement for this SQL, prepared at its first use; its parameters are those of its last
     *         run until they are set again
     */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Closes every statement prepared here; the connection stays open. */
    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        prepared.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
