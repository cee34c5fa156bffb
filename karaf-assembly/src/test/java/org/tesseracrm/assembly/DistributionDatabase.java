package org.tesseracrm.assembly;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.platform.internal.db.SchemaDatabase;
import org.tesseracrm.platform.internal.security.UserAccounts;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * The embedded Derby database of a stopped distribution, opened from the test JVM: to add users before
 * a start (through the platform's own {@link UserAccounts}), and to read every table of every Tessera
 * schema for comparisons. Derby allows one JVM per database, so the distribution must be stopped, and
 * {@link #close()} shuts the database down before the distribution starts again.
 */
final class DistributionDatabase implements AutoCloseable {
    private final Path folder;
    private final EmbeddedDataSource dataSource = new EmbeddedDataSource();

    private DistributionDatabase(Path folder) {
        this.folder = folder;
        dataSource.setDatabaseName(folder.toString());
    }

    /** Opens the database of a distribution that has started once and is stopped now. */
    static DistributionDatabase open(TesseraDistribution tessera) {
        if (tessera.isRunning()) {
            throw new IllegalStateException("Stop the distribution before opening its Derby database");
        }
        return new DistributionDatabase(tessera.home().resolve("data/tessera/derby"));
    }

    /** Creates a user with a known password, as {@code UserAccounts} does in the running system. */
    void addUser(String username, String password, Set<String> roles) {
        Database platform = new SchemaDatabase("platform", Database.Dialect.DERBY, dataSource);
        new UserAccounts(platform, folder.resolveSibling("initial-admin-password"))
                .create(username, password.toCharArray(), roles, false);
    }

    /**
     * Reads every row of every table of every Tessera schema (those in {@code platform.schema_history}).
     *
     * @return {@code schema.table} (lower case) to its rows, each row its columns' values as text in
     *         column-name order, the rows sorted
     */
    TreeMap<String, List<String>> tables() {
        TreeMap<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            Set<String> schemas = new TreeSet<>(Set.of("platform"));
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT DISTINCT schema_name FROM platform.schema_history")) {
                while (rows.next()) {
                    schemas.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            DatabaseMetaData meta = connection.getMetaData();
            for (String schema : schemas) {
                List<String> names = new ArrayList<>();
                try (ResultSet found = meta.getTables(null, schema.toUpperCase(Locale.ROOT), "%",
                        new String[] {"TABLE"})) {
                    while (found.next()) {
                        names.add(found.getString("TABLE_NAME"));
                    }
                }
                for (String table : names) {
                    tables.put(schema + "." + table.toLowerCase(Locale.ROOT), rows(connection, schema, table));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + folder, e);
        }
        return tables;
    }

    private static List<String> rows(Connection connection, String schema, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT * FROM " + schema.toUpperCase(Locale.ROOT) + ".\"" + table + "\"")) {
            ResultSetMetaData columns = result.getMetaData();
            TreeMap<String, Integer> byName = new TreeMap<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                byName.put(columns.getColumnName(i), i);
            }
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (var column : byName.entrySet()) {
                    Object value = result.getObject(column.getValue());
                    if (value instanceof java.sql.Clob clob) {
                        value = clob.getSubString(1, (int) clob.length());
                    } else if (value instanceof java.sql.Blob blob) {
                        value = HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
                    } else if (value instanceof byte[] bytes) {
                        value = HexFormat.of().formatHex(bytes);
                    }
                    row.append(column.getKey()).append('=').append(value).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    /** Shuts the database down, so the distribution can open it again. */
    @Override
    public void close() {
        try {
            DriverManager.getConnection("jdbc:derby:" + folder + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby answers a clean shutdown with SQLState 08006
            if (!"08006".equals(expected.getSQLState()) && !"XJ004".equals(expected.getSQLState())) {
                throw new IllegalStateException("Cannot shut down " + folder, expected);
            }
        }
    }
}
