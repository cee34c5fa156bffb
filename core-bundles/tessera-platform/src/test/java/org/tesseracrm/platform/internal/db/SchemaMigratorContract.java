package org.tesseracrm.platform.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * What the schema migrator promises on every supported database: pending scripts run in version order
 * and are recorded with their checksums; a second run applies nothing; an applied script that was
 * edited, or a script that fails, is an error that leaves the schema and its history exactly as they
 * were. Subclasses say which database; each test works on schemas of its own in one database per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SchemaMigratorContract {
    private static int schemas;
    private ScratchDatabase db;
    private String skipped;
    private SchemaMigrator migrator;
    private String stock;
    private String media;

    /** @return a new, empty database of the dialect under test */
    abstract ScratchDatabase openDatabase();

    @BeforeAll
    void open() {
        try {
            db = openDatabase();
        } catch (TestAbortedException unavailable) {
            skipped = unavailable.getMessage(); // reported on every test, not swallowed with the class
            return;
        }
        migrator = new SchemaMigrator(db.dataSource());
    }

    @AfterAll
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void freshSchemas() {
        Assumptions.assumeTrue(skipped == null, skipped);
        schemas++;
        stock = "stock" + schemas;
        media = "media" + schemas;
    }

    private static MigrationScript script(int version, String name, String sql) {
        return new MigrationScript(version, name.replace('_', ' '),
                String.format("TESSERA-INF/db/V%03d__%s.sql", version, name), sql);
    }

    private static final MigrationScript ONE = script(1, "stock", """
            -- the stock table; with a comment
            CREATE TABLE item (id INT NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL);
            INSERT INTO item (id, name) VALUES (1, 'bolt; M8');
            """);
    private static final MigrationScript TWO = script(2, "quantity", """
            ALTER TABLE item ADD COLUMN quantity INT;
            UPDATE item SET quantity = 5;
            """);
    private static final MigrationScript THREE = script(3, "place", """
            CREATE TABLE place (id INT NOT NULL PRIMARY KEY, item_id INT NOT NULL REFERENCES item (id));
            INSERT INTO place (id, item_id) VALUES (1, 1);
            """);

    @Test
    void appliesPendingScriptsInVersionOrderAndRecordsThem() throws SQLException {
        // Given out of order on purpose: version 2 needs the table of version 1.
        List<Integer> applied = migrator.migrate(stock, List.of(THREE, ONE, TWO));

        assertEquals(List.of(1, 2, 3), applied);
        assertEquals(3, migrator.currentVersion(stock));
        assertEquals(List.of("bolt; M8|5"), query("SELECT name, quantity FROM " + stock + ".item"));
        assertEquals(List.of("1|1"), query("SELECT id, item_id FROM " + stock + ".place"));
        assertEquals(List.of(
                "1|stock|TESSERA-INF/db/V001__stock.sql|" + ONE.checksum(),
                "2|quantity|TESSERA-INF/db/V002__quantity.sql|" + TWO.checksum(),
                "3|place|TESSERA-INF/db/V003__place.sql|" + THREE.checksum()), history(stock));
        assertEquals(List.of("3"), query("SELECT COUNT(*) FROM platform.schema_history WHERE applied_at IS NOT NULL "
                + "AND schema_name = '" + stock + "'"));
    }

    @Test
    void runningAgainAppliesNothing() throws SQLException {
        migrator.migrate(stock, List.of(ONE, TWO));
        List<String> before = history(stock);

        assertEquals(List.of(), migrator.migrate(stock, List.of(ONE, TWO)));
        assertEquals(before, history(stock));
        assertEquals(List.of("bolt; M8|5"), query("SELECT name, quantity FROM " + stock + ".item"));
    }

    @Test
    void laterRunAppliesOnlyTheNewScripts() throws SQLException {
        migrator.migrate(stock, List.of(ONE));

        assertEquals(List.of(2, 3), migrator.migrate(stock, List.of(ONE, TWO, THREE)));
        assertEquals(3, migrator.currentVersion(stock));
        assertEquals(List.of("bolt; M8|5"), query("SELECT name, quantity FROM " + stock + ".item"));
        assertEquals(3, history(stock).size());
    }

    @Test
    void schemasHaveTheirOwnHistory() throws SQLException {
        migrator.migrate(stock, List.of(ONE));
        migrator.migrate(media, List.of(script(1, "spot", "CREATE TABLE spot (id INT)")));

        assertEquals(1, migrator.currentVersion(stock));
        assertEquals(1, migrator.currentVersion(media));
        assertEquals(0, migrator.currentVersion("nothing"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM " + media + ".spot"));
    }

    @Test
    void noScriptsCreatesAnEmptySchemaAndNoHistory() throws SQLException {
        assertEquals(List.of(), migrator.migrate(stock, List.of()));
        assertEquals(0, migrator.currentVersion(stock));
        assertEquals(List.of(), history(stock));
    }

    @Test
    void changedChecksumIsAnErrorAndAppliesNothing() throws SQLException {
        migrator.migrate(stock, List.of(ONE));
        List<String> before = history(stock);
        MigrationScript edited = script(1, "stock", ONE.sql().replace("VARCHAR(50)", "VARCHAR(80)"));

        MigrationException e = assertThrows(MigrationException.class,
                () -> migrator.migrate(stock, List.of(edited, TWO)));

        assertTrue(e.getMessage().contains("TESSERA-INF/db/V001__stock.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
        assertEquals(before, history(stock));
        assertEquals(1, migrator.currentVersion(stock));
        assertFalse(hasColumn(stock, "item", "quantity"), "version 2 must not have been applied");
    }

    @Test
    void failingScriptLeavesNothingApplied() throws SQLException {
        MigrationScript broken = script(2, "broken", """
                CREATE TABLE extra (id INT);
                INSERT INTO no_such_table (id) VALUES (1);
                """);

        MigrationException e = assertThrows(MigrationException.class,
                () -> migrator.migrate(stock, List.of(ONE, broken)));

        assertTrue(e.getMessage().contains("TESSERA-INF/db/V002__broken.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("statement 2"), e.getMessage());
        assertFalse(hasTable(stock, "item"), "the table of the first script must be rolled back");
        assertFalse(hasTable(stock, "extra"), "the table of the failed script must be rolled back");
        assertEquals(List.of(), history(stock));
        assertEquals(0, migrator.currentVersion(stock));
    }

    @Test
    void failureAfterEarlierSuccessKeepsTheEarlierVersion() throws SQLException {
        migrator.migrate(stock, List.of(ONE));
        MigrationScript broken = script(3, "broken", "CREATE TABLE third (id INT); SELEKT 1");

        assertThrows(MigrationException.class, () -> migrator.migrate(stock, List.of(ONE, TWO, broken)));

        assertEquals(1, migrator.currentVersion(stock));
        assertEquals(1, history(stock).size());
        assertFalse(hasColumn(stock, "item", "quantity"), "version 2 must be rolled back with version 3");
        assertFalse(hasTable(stock, "third"));
        assertEquals(List.of("bolt; M8"), query("SELECT name FROM " + stock + ".item"));

        // Once the script is fixed, the same run succeeds.
        assertEquals(List.of(2, 3), migrator.migrate(stock,
                List.of(ONE, TWO, script(3, "fixed", "CREATE TABLE third (id INT)"))));
        assertTrue(hasTable(stock, "third"));
    }

    @Test
    void connectionsGoBackToTheirDefaultSchema() throws SQLException {
        migrator.migrate(stock, List.of(ONE));
        try (Connection connection = db.dataSource().getConnection()) {
            String schema = connection.getSchema();
            assertNotNull(schema);
            assertFalse(schema.equalsIgnoreCase(stock), schema);
        }
    }

    private List<String> history(String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT version, description, script, checksum "
                        + "FROM platform.schema_history WHERE schema_name = ? ORDER BY version")) {
            select.setString(1, schema);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getInt(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|"
                            + result.getString(4));
                }
            }
        }
        return rows;
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private boolean hasTable(String schema, String table) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, Dialects.stored(db.dialect(), schema),
                        Dialects.stored(db.dialect(), table), null)) {
            return tables.next();
        }
    }

    private boolean hasColumn(String schema, String table, String column) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                ResultSet columns = connection.getMetaData().getColumns(null, Dialects.stored(db.dialect(), schema),
                        Dialects.stored(db.dialect(), table), Dialects.stored(db.dialect(), column))) {
            return columns.next();
        }
    }
}
