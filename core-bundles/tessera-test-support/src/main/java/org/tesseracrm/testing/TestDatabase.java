package org.tesseracrm.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.platform.internal.db.MigrationScripts;
import org.tesseracrm.platform.internal.db.SchemaDatabase;
import org.tesseracrm.platform.internal.db.SchemaMigrator;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.platform.internal.records.RecordAccess;
import org.tesseracrm.platform.internal.records.RecordStore;

/**
 * A real, empty database for one test class: Derby in memory, or a fresh PostgreSQL database on
 * 127.0.0.1:5432 (dropped again on {@link #close()}). Schemas are migrated from the bundles' own
 * {@code TESSERA-INF/db} scripts, exactly as the platform does in the running system.
 */
public final class TestDatabase implements AutoCloseable {
    /** PostgreSQL server used by tests; {@code -Dtessera.test.postgres=jdbc:postgresql://host:port/} overrides. */
    public static final String POSTGRES = System.getProperty("tessera.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/");

    private final String url;
    private final String dropDatabase;
    private final Database.Dialect dialect;
    private final DataSource dataSource;
    private final JsonCodec json = new JsonCodec();
    /** Events posted by records of this database, newest last. */
    public final List<String> events = new CopyOnWriteArrayList<>();

    private TestDatabase(String url, String dropDatabase, Database.Dialect dialect) {
        this.url = url;
        this.dropDatabase = dropDatabase;
        this.dialect = dialect;
        this.dataSource = dataSource(url, dialect);
        database("platform", SchemaMigrator.class);
    }

    /** The drivers' own non-pooling data sources: a new connection per call, enough for tests. */
    private static DataSource dataSource(String url, Database.Dialect dialect) {
        if (dialect == Database.Dialect.DERBY) {
            EmbeddedDataSource derby = new EmbeddedDataSource();
            derby.setDatabaseName(url.substring("jdbc:derby:".length(), url.indexOf(';')));
            derby.setCreateDatabase("create");
            return derby;
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        return postgres;
    }

    /** @return a new in-memory Derby database */
    public static TestDatabase derby() {
        return new TestDatabase("jdbc:derby:memory:t" + UUID.randomUUID().toString().replace("-", "") + ";create=true",
                null, Database.Dialect.DERBY);
    }

    /**
     * @return a new PostgreSQL database on the test server
     * @throws IllegalStateException when PostgreSQL cannot be reached
     */
    public static TestDatabase postgres() {
        String name = "tessera_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES + " is not reachable: " + e.getMessage(), e);
        }
        return new TestDatabase(POSTGRES + name + "?user=postgres", name, Database.Dialect.POSTGRESQL);
    }

    /**
     * @return a new PostgreSQL database for a test; when the server cannot be reached the test fails on
     *         CI (the {@code CI} environment variable is set) and is skipped elsewhere
     */
    public static TestDatabase postgresOrSkip() {
        if (!postgresAvailable()) {
            String why = "PostgreSQL at " + POSTGRES + " is not reachable";
            if (System.getenv("CI") != null) {
                org.junit.jupiter.api.Assertions.fail(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        return postgres();
    }

    /** @return whether the PostgreSQL test server answers */
    public static boolean postgresAvailable() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** @return the dialect of this database */
    public Database.Dialect dialect() {
        return dialect;
    }

    /** @return the data source (a new connection per call) */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Migrates a bundle's schema from the scripts next to a class of that bundle.
     *
     * @param schema      the schema name
     * @param bundleClass any class of the bundle (its code source holds {@code TESSERA-INF/db})
     */
    public Database database(String schema, Class<?> bundleClass) {
        new SchemaMigrator(dataSource).migrate(schema, MigrationScripts.select(scripts(bundleClass), dialect));
        return new SchemaDatabase(schema, dialect, dataSource);
    }

    /** @return record stores on this database that note event topics in {@link #events} */
    public RecordStores stores() {
        return stores(RecordAccess.UNRESTRICTED);
    }

    /**
     * @param access who may do what (the platform's access service, for tests of access control)
     * @return record stores on this database that note event topics in {@link #events}
     */
    public RecordStores stores(RecordAccess access) {
        return new RecordStores() {
            @Override
            public <T> org.tesseracrm.api.data.Records<T> create(Class<T> type, Database database,
                    org.tesseracrm.api.data.RecordRules<T> rules) {
                return new RecordStore<>(type, database, rules, json, (topic, properties) -> events.add(topic),
                        access);
            }
        };
    }

    /** @return the number of rows of a table */
    public long count(String table) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the migration scripts that lie beside a class (in its jar or classes folder). */
    public static Map<String, String> scripts(Class<?> bundleClass) {
        try {
            Path root = Path.of(bundleClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                return read(root);
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                return read(jar.getPath("/"));
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot read the migrations of " + bundleClass, e);
        }
    }

    private static Map<String, String> read(Path root) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Path folder = root.resolve(MigrationScripts.FOLDER);
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".sql")).toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                files.put(relative, Files.readString(path, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Override
    public void close() {
        if (dialect == Database.Dialect.DERBY) {
            try {
                DriverManager.getConnection(url.replace(";create=true", ";drop=true")).close();
            } catch (SQLException expected) {
                // Derby answers a successful drop with an exception
            }
            return;
        }
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + dropDatabase + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop " + dropDatabase, e);
        }
    }
}
