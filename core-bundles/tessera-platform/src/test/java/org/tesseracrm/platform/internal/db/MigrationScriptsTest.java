package org.tesseracrm.platform.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tesseracrm.api.data.Database.Dialect;

/**
 * Proves how a bundle's migration files become the scripts to run: numeric version order, a dialect
 * folder's file replacing the common file of the same version, other dialects' files ignored, and
 * badly named or clashing files refused with a message naming them.
 */
class MigrationScriptsTest {

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    private static List<String> resources(List<MigrationScript> scripts) {
        return scripts.stream().map(MigrationScript::resource).toList();
    }

    @Test
    void ordersByNumericVersionWhateverTheFileOrder() {
        List<MigrationScript> scripts = MigrationScripts.select(files(
                "TESSERA-INF/db/V10__ten.sql", "-- 10",
                "TESSERA-INF/db/V2__two.sql", "-- 2",
                "TESSERA-INF/db/V001__one.sql", "-- 1"), Dialect.DERBY);

        assertEquals(List.of(1, 2, 10), scripts.stream().map(MigrationScript::version).toList());
        assertEquals(List.of("TESSERA-INF/db/V001__one.sql", "TESSERA-INF/db/V2__two.sql",
                "TESSERA-INF/db/V10__ten.sql"), resources(scripts));
    }

    @Test
    void dialectFileReplacesTheCommonFileOfTheSameVersion() {
        Map<String, String> files = files(
                "TESSERA-INF/db/V001__tables.sql", "common 1",
                "TESSERA-INF/db/V002__index.sql", "common 2",
                "TESSERA-INF/db/derby/V002__index.sql", "derby 2",
                "TESSERA-INF/db/postgresql/V003__extra.sql", "postgresql 3");

        List<MigrationScript> derby = MigrationScripts.select(files, Dialect.DERBY);
        assertEquals(List.of("common 1", "derby 2"), derby.stream().map(MigrationScript::sql).toList());
        assertEquals("TESSERA-INF/db/derby/V002__index.sql", derby.get(1).resource());

        List<MigrationScript> postgres = MigrationScripts.select(files, Dialect.POSTGRESQL);
        assertEquals(List.of("common 1", "common 2", "postgresql 3"),
                postgres.stream().map(MigrationScript::sql).toList());
        assertEquals(List.of(1, 2, 3), postgres.stream().map(MigrationScript::version).toList());
    }

    @Test
    void acceptsBundleEntryPathsWithALeadingSlash() {
        List<MigrationScript> scripts = MigrationScripts.select(files(
                "/TESSERA-INF/db/V001__add_stock_tables.sql", "x",
                "/TESSERA-INF/db/postgresql/V001__add_stock_tables.sql", "pg"), Dialect.POSTGRESQL);

        assertEquals(1, scripts.size());
        MigrationScript script = scripts.get(0);
        assertEquals(1, script.version());
        assertEquals("add stock tables", script.description());
        assertEquals("TESSERA-INF/db/postgresql/V001__add_stock_tables.sql", script.resource());
        assertEquals("pg", script.sql());
    }

    @Test
    void ignoresFilesOutsideTheMigrationFolders() {
        List<MigrationScript> scripts = MigrationScripts.select(files(
                "TESSERA-INF/db/V001__one.sql", "1",
                "TESSERA-INF/db/old/V002__draft.sql", "old",
                "TESSERA-INF/db/postgresql/not-a-migration.sql", "other dialect",
                "OTHER/V003__x.sql", "elsewhere"), Dialect.DERBY);

        assertEquals(List.of("TESSERA-INF/db/V001__one.sql"), resources(scripts));
    }

    @Test
    void noFilesNoScripts() {
        assertEquals(List.of(), MigrationScripts.select(Map.of(), Dialect.DERBY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1_one.sql", "v1__one.sql", "V__one.sql", "V1__.sql", "V1__with-dash.sql",
            "V1__one.SQL", "1__one.sql", "V99999999999__too_big.sql"})
    void refusesBadlyNamedFilesNamingThem(String name) {
        String path = "TESSERA-INF/db/" + name;
        MigrationException e = assertThrows(MigrationException.class,
                () -> MigrationScripts.select(files("TESSERA-INF/db/V001__fine.sql", "ok", path, "x"), Dialect.DERBY));
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    @Test
    void refusesBadlyNamedFilesInTheDialectFolder() {
        MigrationException e = assertThrows(MigrationException.class, () -> MigrationScripts.select(
                files("TESSERA-INF/db/derby/V2-index.sql", "x"), Dialect.DERBY));
        assertTrue(e.getMessage().contains("TESSERA-INF/db/derby/V2-index.sql"), e.getMessage());
    }

    @Test
    void refusesTwoFilesOfTheSameVersionInOneFolder() {
        MigrationException e = assertThrows(MigrationException.class, () -> MigrationScripts.select(files(
                "TESSERA-INF/db/V1__first.sql", "a",
                "TESSERA-INF/db/V001__second.sql", "b"), Dialect.DERBY));
        assertTrue(e.getMessage().contains("V1__first.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("V001__second.sql"), e.getMessage());
    }

    @Test
    void refusesTwoFilesOfTheSameVersionInTheDialectFolder() {
        MigrationException e = assertThrows(MigrationException.class, () -> MigrationScripts.select(files(
                "TESSERA-INF/db/postgresql/V3__a.sql", "a",
                "TESSERA-INF/db/postgresql/V03__b.sql", "b"), Dialect.POSTGRESQL));
        assertTrue(e.getMessage().contains("V3__a.sql") && e.getMessage().contains("V03__b.sql"), e.getMessage());
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() {
        MigrationScript unix = new MigrationScript(1, "x", "V1__x.sql", "CREATE TABLE t (id INT);\nSELECT 1;\n");
        MigrationScript windows = new MigrationScript(1, "x", "V1__x.sql", "CREATE TABLE t (id INT);\r\nSELECT 1;\r\n");
        MigrationScript edited = new MigrationScript(1, "x", "V1__x.sql", "CREATE TABLE t (id BIGINT);\nSELECT 1;\n");

        assertEquals(64, unix.checksum().length());
        assertTrue(unix.checksum().matches("[0-9a-f]{64}"));
        assertEquals(unix.checksum(), windows.checksum());
        assertNotEquals(unix.checksum(), edited.checksum());
    }
}
