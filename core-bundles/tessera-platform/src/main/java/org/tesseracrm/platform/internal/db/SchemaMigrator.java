package org.tesseracrm.platform.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.tesseracrm.api.data.Database.Dialect;

/**
 * Applies a schema's pending migration scripts, in version order, in one transaction, and records each
 * with its checksum in {@code platform.schema_history}. A script whose checksum differs from the applied
 * one, or a script that fails, rolls everything back: the schema stays as it was.
 */
public final class SchemaMigrator {
    private static final String HISTORY_SCRIPT = "TESSERA-INF/history/schema_history.sql";
    private static final String PLATFORM_SCHEMA = "platform";

    private final DataSource dataSource;

    /** @param dataSource the database to migrate */
    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param schema  the bundle's schema
     * @param scripts all of the bundle's scripts for this database's dialect
     * @return the versions applied now (empty when the schema was up to date)
     * @throws MigrationException naming the script at fault; nothing was changed then
     */
    public List<Integer> migrate(String schema, List<MigrationScript> scripts) {
        try (Connection connection = dataSource.getConnection()) {
            Dialect dialect = Dialects.detect(connection);
            prepareHistory(connection, dialect);
            connection.setAutoCommit(false);
            String previousSchema = connection.getSchema();
            try {
                ensureSchema(connection, dialect, schema); // inside the transaction: a failure leaves no schema
                List<Integer> applied = applyPending(connection, dialect, schema, scripts);
                connection.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setSchema(previousSchema);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationException("Migrations of schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    /** @return the highest applied version of a schema, 0 when none */
    public int currentVersion(String schema) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT MAX(version) FROM platform.schema_history WHERE schema_name = ?")) {
            select.setString(1, schema);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private List<Integer> applyPending(Connection connection, Dialect dialect, String schema,
            List<MigrationScript> scripts) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            // One migrator at a time, also across nodes sharing a PostgreSQL database.
            lock.execute("LOCK TABLE platform.schema_history IN EXCLUSIVE MODE");
        }
        Map<Integer, String> applied = appliedChecksums(connection, schema);
        List<MigrationScript> pending = new ArrayList<>();
        for (MigrationScript script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum == null) {
                pending.add(script);
            } else if (!checksum.equals(script.checksum())) {
                throw new MigrationException(script.resource() + " was changed after it was applied (checksum "
                        + checksum.substring(0, 12) + "… became " + script.checksum().substring(0, 12)
                        + "…); add a new migration instead of editing an applied one");
            }
        }
        List<Integer> done = new ArrayList<>();
        if (pending.isEmpty()) {
            return done;
        }
        pending.sort(Comparator.comparingInt(MigrationScript::version));
        connection.setSchema(Dialects.stored(dialect, schema));
        for (MigrationScript script : pending) {
            run(connection, script);
            try (PreparedStatement record = connection.prepareStatement("INSERT INTO platform.schema_history "
                    + "(schema_name, version, description, script, checksum, applied_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                record.setString(1, schema);
                record.setInt(2, script.version());
                record.setString(3, truncate(script.description(), 200));
                record.setString(4, truncate(script.resource(), 300));
                record.setString(5, script.checksum());
                record.setTimestamp(6, Timestamp.from(Instant.now()));
                record.executeUpdate();
            }
            done.add(script.version());
        }
        return done;
    }

    private static void run(Connection connection, MigrationScript script) {
        List<String> statements = SqlStatements.split(script.sql());
        for (int i = 0; i < statements.size(); i++) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(statements.get(i));
            } catch (SQLException e) {
                throw new MigrationException(script.resource() + " failed at statement " + (i + 1) + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static Map<Integer, String> appliedChecksums(Connection connection, String schema) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, checksum FROM platform.schema_history WHERE schema_name = ?")) {
            select.setString(1, schema);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    applied.put(rows.getInt(1), rows.getString(2));
                }
            }
        }
        return applied;
    }

    private void prepareHistory(Connection connection, Dialect dialect) throws SQLException {
        ensureSchema(connection, dialect, PLATFORM_SCHEMA);
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(null, Dialects.stored(dialect, PLATFORM_SCHEMA),
                Dialects.stored(dialect, "schema_history"), null)) {
            if (tables.next()) {
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : SqlStatements.split(historyScript())) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            // Another node may have created it at the same moment; fail only if it is still missing.
            try (ResultSet tables = meta.getTables(null, Dialects.stored(dialect, PLATFORM_SCHEMA),
                    Dialects.stored(dialect, "schema_history"), null)) {
                if (!tables.next()) {
                    throw e;
                }
            }
        }
    }

    private static void ensureSchema(Connection connection, Dialect dialect, String schema) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            // never fails, so a transaction around it stays usable (PostgreSQL aborts it on any error)
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
            return;
        }
        String stored = Dialects.stored(dialect, schema);
        try (ResultSet schemas = connection.getMetaData().getSchemas()) {
            while (schemas.next()) {
                if (schemas.getString("TABLE_SCHEM").equals(stored)) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if (!"X0Y68".equals(e.getSQLState())) { // created meanwhile by another connection
                throw e;
            }
        }
    }

    private static String historyScript() {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(HISTORY_SCRIPT)) {
            if (in == null) {
                throw new MigrationException(HISTORY_SCRIPT + " is missing from the platform bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + HISTORY_SCRIPT, e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
