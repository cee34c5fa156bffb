package org.tesseracrm.platform.internal.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.tesseracrm.api.data.Database.Dialect;

/**
 * An empty database for one test: Derby in memory, or a fresh PostgreSQL database on 127.0.0.1:5432
 * (user {@code postgres}, trust authentication) that is dropped on {@link #close()}. The platform's own
 * tests cannot use tessera-test-support (it depends on the platform), hence this small twin.
 */
final class ScratchDatabase implements AutoCloseable {
    /** The PostgreSQL server of the tests; {@code -Dtessera.test.postgres=jdbc:postgresql://host:port/} overrides. */
    static final String POSTGRES = System.getProperty("tessera.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");

    static {
        // Keep derby.log out of the source tree.
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private final String url;
    private final String name;
    private final Dialect dialect;
    private final DataSource dataSource;

    private ScratchDatabase(String url, String name, Dialect dialect) {
        this.url = url;
        this.name = name;
        this.dialect = dialect;
        this.dataSource = dataSource(url, dialect);
    }

    /** The drivers' own non-pooling data sources: a new connection per call. */
    private static DataSource dataSource(String url, Dialect dialect) {
        if (dialect == Dialect.DERBY) {
            org.apache.derby.jdbc.EmbeddedDataSource derby = new org.apache.derby.jdbc.EmbeddedDataSource();
            derby.setDatabaseName(url.substring("jdbc:derby:".length(), url.indexOf(';')));
            derby.setCreateDatabase("create");
            return derby;
        }
        org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
        postgres.setURL(url);
        return postgres;
    }

    /** @return a new in-memory Derby database */
    static ScratchDatabase derby() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        return new ScratchDatabase("jdbc:derby:memory:" + name + ";create=true", name, Dialect.DERBY);
    }

    /**
     * @return a new PostgreSQL database; when the server cannot be reached the test fails on CI (the
     *         {@code CI} environment variable is set) and is skipped elsewhere
     */
    static ScratchDatabase postgres() {
        String name = "tessera_p" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String why = "PostgreSQL at " + POSTGRES + " is not reachable: " + e.getMessage();
            if (System.getenv("CI") != null) {
                Assertions.fail(why, e);
            }
            Assumptions.abort(why);
        }
        return new ScratchDatabase(POSTGRES + name + "?user=postgres", name, Dialect.POSTGRESQL);
    }

    Dialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        if (dialect == Dialect.DERBY) {
            try {
                DriverManager.getConnection(url.replace(";create=true", ";drop=true")).close();
            } catch (SQLException dropped) {
                // Derby answers a successful drop with an exception (08006)
                if (!"08006".equals(dropped.getSQLState())) {
                    throw dropped;
                }
            }
            return;
        }
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
