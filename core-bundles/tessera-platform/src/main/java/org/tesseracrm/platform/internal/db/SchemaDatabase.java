package org.tesseracrm.platform.internal.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;

/**
 * A migrated schema on the shared pool: the implementation of the {@code Database} service. Work started
 * while the same thread is already inside a transaction on the same pool joins that transaction (one
 * connection per request, whatever schemas and services it touches; it commits or rolls back with the
 * outermost work), so a record store's rules and access checks never wait for a second connection.
 */
public final class SchemaDatabase implements org.tesseracrm.api.data.Database {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchemaDatabase.class);
    private final String schema;
    private final Dialect dialect;
    private final DataSource dataSource;

    /**
     * @param schema     the schema name
     * @param dialect    the database product
     * @param dataSource the shared pool
     */
    public SchemaDatabase(String schema, Dialect dialect, DataSource dataSource) {
        this.schema = schema;
        this.dialect = dialect;
        this.dataSource = dataSource;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    /** The connection of the transaction each thread is in, by pool. */
    private static final ThreadLocal<java.util.Map<DataSource, Connection>> CURRENT =
            ThreadLocal.withInitial(java.util.HashMap::new);

    @Override
    public <R> R inTransaction(Work<R> work) {
        Connection current = CURRENT.get().get(dataSource);
        if (current != null) {
            try {
                return work.run(current);
            } catch (SQLException e) {
                throw translate(e);
            }
        }
        return inOwnTransaction(work);
    }

    /**
     * Runs work in a transaction of its own, even when the thread is inside another one: for what must
     * be kept when the surrounding work fails (the audit of a refused access).
     */
    public <R> R inOwnTransaction(Work<R> work) {
        java.util.Map<DataSource, Connection> open = CURRENT.get();
        Connection outer = open.get(dataSource);
        java.util.Map<DataSource, java.util.List<Runnable>> waiting = AFTER_COMMIT.get();
        java.util.List<Runnable> outerWaiting = waiting.put(dataSource, new java.util.ArrayList<>());
        java.util.List<Runnable> committed = null;
        try (Connection connection = dataSource.getConnection()) {
            open.put(dataSource, connection);
            connection.setAutoCommit(false);
            try {
                R result = work.run(connection);
                connection.commit();
                committed = waiting.get(dataSource);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (outerWaiting == null) {
                waiting.remove(dataSource);
                if (waiting.isEmpty()) {
                    AFTER_COMMIT.remove();
                }
            } else {
                waiting.put(dataSource, outerWaiting);
            }
            if (outer == null) {
                open.remove(dataSource);
                if (open.isEmpty()) {
                    CURRENT.remove();
                }
            } else {
                open.put(dataSource, outer);
            }
            if (committed != null) {
                committed.forEach(Runnable::run);
            }
        }
    }

    @Override
    public void commitSoFar() {
        Connection current = CURRENT.get().get(dataSource);
        if (current == null) {
            throw new IllegalStateException("commitSoFar() outside a transaction of schema " + schema);
        }
        try {
            current.commit();
        } catch (SQLException e) {
            throw translate(e);
        }
        java.util.List<Runnable> waiting = AFTER_COMMIT.get().get(dataSource);
        if (waiting != null && !waiting.isEmpty()) {
            java.util.List<Runnable> committed = new java.util.ArrayList<>(waiting);
            waiting.clear();
            committed.forEach(Runnable::run);
        }
    }

    /** What waits for the commit of each thread's transaction, by pool. */
    private static final ThreadLocal<java.util.Map<DataSource, java.util.List<Runnable>>> AFTER_COMMIT =
            ThreadLocal.withInitial(java.util.HashMap::new);

    /**
     * Runs an action once the thread's transaction on the pool has committed (at once when the thread is
     * in none); a rollback drops it. Record events use it, so listeners never see what was rolled back.
     */
    public static void afterCommit(DataSource dataSource, Runnable action) {
        java.util.List<Runnable> waiting = CURRENT.get().get(dataSource) == null ? null
                : AFTER_COMMIT.get().get(dataSource);
        if (waiting == null) {
            action.run();
        } else {
            waiting.add(action);
        }
    }

    /** Turns a database failure into a problem when the caller caused it, else into an unchecked error. */
    static RuntimeException translate(SQLException e) {
        if (Dialects.isDuplicate(e) || Dialects.isConcurrencyFailure(e)) {
            // answered as 409 without details; the log keeps what the database said
            LOG.warn("Database refused a change (SQLState {}): {}", e.getSQLState(), e.getMessage());
        }
        if (Dialects.isDuplicate(e)) {
            return new ProblemException(ProblemType.CONFLICT, "A record with the same key exists already", null);
        }
        if (Dialects.isConcurrencyFailure(e)) {
            return new ProblemException(ProblemType.CONFLICT,
                    "Another change to the same data ran at the same time; try again", null);
        }
        return new DatabaseException(e);
    }

    /** An unexpected database failure: logged in full, answered as 500 without details. */
    public static final class DatabaseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseException(SQLException cause) {
            super("Database failure: " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
        }
    }
}
