package org.tesseracrm.platform.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.platform.internal.backup.Backups;

/**
 * A backup restored into another database of the same schema versions equals the original, table by
 * table and row by row, with every column type Tessera uses, a foreign key to a table that sorts later,
 * a self-reference to a later row and an identity column that goes on counting after the restored rows; an archive of
 * other schema versions, a damaged one and a file that is no archive are refused, and change nothing.
 * Subclasses say which database.
 */
abstract class BackupRoundTripContract {
    private ScratchDatabase source;
    private ScratchDatabase target;
    @TempDir
    Path folder;

    /** @return a new, empty database of the dialect under test */
    abstract ScratchDatabase openDatabase();

    /** @return the shop schema's first migration in the dialect under test */
    abstract String shopSql();

    @BeforeEach
    void open() {
        source = openDatabase();
        target = openDatabase();
        migrate(source, 1);
        migrate(target, 1);
    }

    @AfterEach
    void close() throws SQLException {
        for (ScratchDatabase db : new ScratchDatabase[] {source, target}) {
            if (db != null) {
                db.close();
            }
        }
    }

    private void migrate(ScratchDatabase db, int versions) {
        List<MigrationScript> scripts = new ArrayList<>(List.of(
                new MigrationScript(1, "shop", "TESSERA-INF/db/V001__shop.sql", shopSql())));
        if (versions > 1) {
            scripts.add(new MigrationScript(2, "more", "TESSERA-INF/db/V002__more.sql",
                    "ALTER TABLE z_customer ADD COLUMN rank INTEGER;\n"));
        }
        new SchemaMigrator(db.dataSource()).migrate("shop", scripts);
    }

    private static Backups backups(ScratchDatabase db) {
        return new Backups(new SchemaDatabase("platform", db.dialect(), db.dataSource()), () -> { });
    }

    private void fill(ScratchDatabase db, String suffix) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            try (PreparedStatement customer = connection.prepareStatement("INSERT INTO shop.z_customer (name, notes, vip,"
                    + " balance, score, born, seen, photo, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 1203; i++) {
                    customer.setString(1, "Покупатель " + i + suffix);
                    customer.setString(2, i % 7 == 0 ? null : "заметка \"" + i + "\"\n" + "x".repeat(i % 50));
                    customer.setBoolean(3, i % 2 == 0);
                    customer.setBigDecimal(4, new BigDecimal("123456789012345.1234").subtract(BigDecimal.valueOf(i)));
                    customer.setDouble(5, i / 3.0);
                    customer.setObject(6, java.sql.Date.valueOf(LocalDate.of(1970, 1, 1).plusDays(i * 17L)));
                    customer.setTimestamp(7, Timestamp.from(Instant.parse("2026-03-29T01:30:00.123456Z").plusSeconds(i * 997L)));
                    customer.setBytes(8, ("photo" + i).getBytes(StandardCharsets.UTF_8));
                    if (i == 0) {
                        customer.setNull(9, java.sql.Types.BIGINT);
                    } else {
                        customer.setLong(9, 1);
                    }
                    customer.executeUpdate();
                }
            }
            try (Statement statement = connection.createStatement()) {
                // the first row refers to the last: a restore in the archive's order would break the key
                long last;
                try (ResultSet max = statement.executeQuery("SELECT MAX(id) FROM shop.z_customer")) {
                    max.next();
                    last = max.getLong(1);
                }
                statement.executeUpdate("UPDATE shop.z_customer SET parent_id = NULL WHERE id = " + last);
                statement.executeUpdate("UPDATE shop.z_customer SET parent_id = " + last + " WHERE id = 1");
                statement.executeUpdate("INSERT INTO shop.a_purchase (id, customer_id, amount) "
                        + "SELECT 'p' || TRIM(CAST(id AS CHAR(20))), id, balance FROM shop.z_customer WHERE vip = TRUE");
            }
        }
    }

    @Test
    void restoredDatabaseEqualsTheOriginal() throws SQLException, IOException {
        fill(source, "");
        fill(target, " (to be replaced)");
        Map<String, List<String>> original = tables(source);
        Path archive = folder.resolve("backup.zip");
        try (var out = Files.newOutputStream(archive)) {
            Backups.Summary written = backups(source).backup(out);
            assertEquals(Map.of("shop", 1), written.schemaVersions());
        }
        assertNotEquals(original, tables(target));

        Backups.Summary restored = backups(target).restore(archive);

        Map<String, List<String>> copy = tables(target);
        int differences = 0;
        for (String table : original.keySet()) {
            List<String> a = original.get(table);
            List<String> b = copy.getOrDefault(table, List.of());
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
                    if (differences++ == 0) {
                        System.out.printf("first difference in %s:%n  %s%n  %s%n", table,
                                i < a.size() ? a.get(i) : "(none)", i < b.size() ? b.get(i) : "(none)");
                    }
                }
            }
        }
        System.out.printf("[backup %s] %d tables, %d rows restored, %d differences%n", source.dialect(),
                restored.tables(), restored.rows(), differences);
        assertEquals(original.keySet(), copy.keySet());
        assertEquals(0, differences);
        assertEquals(original, copy);

        try (Connection connection = target.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO shop.z_customer (name) VALUES ('after the restore')");
            try (ResultSet max = statement.executeQuery("SELECT id FROM shop.z_customer WHERE name = 'after the restore'")) {
                max.next();
                assertEquals(1204, max.getLong(1), "the identity goes on after the restored rows");
            }
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "INSERT INTO shop.z_customer (id, name) VALUES (5000, 'chosen id')"), "GENERATED ALWAYS again");
        }
    }

    @Test
    void archiveOfOtherSchemaVersionsIsRefusedAndChangesNothing() throws SQLException, IOException {
        fill(source, "");
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        backups(source).backup(archive);
        migrate(target, 2);
        fill(target, " (kept)");
        Map<String, List<String>> before = tables(target);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> backups(target).restore(write(archive.toByteArray())));

        assertEquals(ProblemType.CONFLICT, refused.type());
        assertTrue(refused.getMessage().contains("shop=1") && refused.getMessage().contains("shop=2"), refused::getMessage);
        assertEquals(before, tables(target));
    }

    @Test
    void damagedArchiveIsRefusedAndChangesNothing() throws SQLException, IOException {
        fill(source, "");
        fill(target, " (kept)");
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        backups(source).backup(archive);
        Map<String, List<String>> before = tables(target);
        // the last row of the last table gets a text where a number belongs: found only after the other
        // tables were replaced, so only a real rollback keeps them
        byte[] damaged = replaceLastNumber(archive.toByteArray(), "tables/shop.z_customer.json");

        ProblemException refused = assertThrows(ProblemException.class, () -> backups(target).restore(write(damaged)));
        assertEquals(ProblemType.MALFORMED_REQUEST, refused.type(), refused::getMessage);
        assertEquals(before, tables(target));

        ProblemException notZip = assertThrows(ProblemException.class,
                () -> backups(target).restore(write("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8))));
        assertEquals(ProblemType.MALFORMED_REQUEST, notZip.type());
        assertEquals(before, tables(target));
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(folder, "archive", ".zip");
        Files.write(file, bytes);
        return file;
    }

    /** Replaces the first value (the id) of the last row of an entry with a text. */
    private static byte[] replaceLastNumber(byte[] zip, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    String text = new String(content, StandardCharsets.UTF_8);
                    int row = text.lastIndexOf("[");
                    int comma = text.indexOf(',', row);
                    text = text.substring(0, row + 1) + "\"not a number\"" + text.substring(comma);
                    content = text.getBytes(StandardCharsets.UTF_8);
                }
                copy.putNextEntry(new ZipEntry(e.getName()));
                copy.write(content);
                copy.closeEntry();
            }
        }
        byte[] result = out.toByteArray();
        assertTrue(!java.util.Arrays.equals(zip, result));
        return result;
    }

    /** @return every table of the shop and platform schemas, each its rows as sorted text */
    private static Map<String, List<String>> tables(ScratchDatabase db) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = db.dataSource().getConnection()) {
            for (String table : List.of("shop.z_customer", "shop.a_purchase", "platform.schema_history")) {
                List<String> rows = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            Object value = result.getObject(i);
                            if (value instanceof java.sql.Blob blob) {
                                value = HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
                            } else if (value instanceof java.sql.Clob clob) {
                                value = clob.getSubString(1, (int) clob.length());
                            } else if (value instanceof byte[] bytes) {
                                value = HexFormat.of().formatHex(bytes);
                            }
                            row.append(columns.getColumnName(i).toLowerCase()).append('=').append(value).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
