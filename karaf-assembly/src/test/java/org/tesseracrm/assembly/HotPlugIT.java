package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tesseracrm.assembly.Answers.ids;
import static org.tesseracrm.assembly.Answers.json;
import static org.tesseracrm.assembly.Answers.sameRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * Hot-plug is a product feature (DESIGN.md): on one running distribution (embedded Derby), plugins are
 * installed, uninstalled, reinstalled and upgraded through {@code /api/v1/platform/features} while a
 * steady load of core requests runs from the first install to the end, and the core must not notice.
 * The plugins are the tiny ones of {@code samples/test-plugins}, installed from feature repositories this
 * test writes with {@code file:} URLs to their jars:
 *
 * <ol>
 * <li>installing notes 1.0.0 migrates schema {@code notes} and serves {@code /notes/items}, while every
 *     core bundle keeps its id, state, {@code lastModified} and registered services;</li>
 * <li>no core request fails, at ≥ 50 req/s, during install, uninstall and reinstall;</li>
 * <li>uninstall keeps the plugin's data, reinstall finds it, and the upgrade to 2.0.0 (uninstall 1.0.0,
 *     install 2.0.0 from its own repository) runs only V002;</li>
 * <li>a plugin that throws from {@code @Activate} is {@code failed} with the reason, and takes nothing
 *     down;</li>
 * <li>a plugin whose migration fails is {@code failed} naming the script, leaves no table behind, and the
 *     core keeps serving — read from the Derby files once the distribution is stopped, last.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HotPlugIT {
    private static final String NOTES = "tessera-test-notes";
    private static final String THROWING = "tessera-test-throwing";
    private static final String BROKEN = "tessera-test-broken";
    private static final String NOTES_BUNDLE = "org.tesseracrm.plugin.notes";
    private static final String PLATFORM_BUNDLE = "org.tesseracrm.platform";
    private static final String NOTES_PATH = "/notes/items";
    /** What the platform registers for notes: its JAX-RS application and the Database of its schema. */
    private static final int NOTES_SERVICES = 2;
    /** The reason FailingStart (tessera-test-throwing) throws with. */
    private static final String THROWN = "thrown on purpose by the hot-plug test plugin";

    private static final int LOAD_THREADS = 8;
    private static final int LOAD_PER_SECOND = 75;
    private static final double REQUIRED_PER_SECOND = 50;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static TesseraDistribution tessera;
    private static CoreLoad load;
    private static URI testPlugins;
    private static URI notes2;
    /** The Tessera bundles before any test plugin, by bundle id. */
    private static Map<Long, Map<String, Object>> baseline;
    /** The note written by notes 1.0.0 in the first test. */
    private static Map<String, Object> firstNote;
    private static long startMillis;

    private CoreLoad.Mark testMark;

    @BeforeAll
    static void boot() {
        startMillis = System.currentTimeMillis();
        tessera = TesseraDistribution.unpack(HotPlugIT.class.getSimpleName()).start();
        Path repositories = Path.of(System.getProperty(TesseraDistribution.WORK_PROPERTY))
                .resolve(HotPlugIT.class.getSimpleName() + "-features");
        testPlugins = writeRepository(repositories.resolve("test-plugins.xml"), "tessera-test-plugins",
                feature(NOTES, "1.0.0", "notesV1"), feature(THROWING, "1.0.0", "throwing"),
                feature(BROKEN, "1.0.0", "broken"));
        notes2 = writeRepository(repositories.resolve("test-notes-2.xml"), "tessera-test-notes-2",
                feature(NOTES, "2.0.0", "notesV2"));

        Map<String, Object> contact = json(tessera.post("/contacts", Map.of("firstName", "Olga", "lastName",
                "Hotplugova")), 201);
        ApiResponse platform = platform();
        baseline = bundles(platform);
        List<Object> pluginIds = plugins(platform).stream().map(plugin -> plugin.get("id")).toList();
        assertTrue(pluginIds.stream().noneMatch(List.of("notes", "throwing", "broken")::contains),
                () -> "a test plugin is installed already: " + pluginIds);
        System.out.printf("[HotPlugIT] %d Tessera bundles before any test plugin: %s%n", baseline.size(),
                baseline.values().stream().map(b -> b.get("symbolicName") + " [" + b.get("id") + "]").toList());

        load = CoreLoad.start(tessera, LOAD_THREADS, LOAD_PER_SECOND,
                List.of("/contacts?limit=5", "/contacts/" + contact.get("id")));
        System.out.println("[HotPlugIT] core load: " + load.describe());
    }

    @AfterAll
    static void shutDown() {
        try {
            if (load != null) {
                load.close();
                System.out.println("[HotPlugIT] core load, operation by operation:");
                load.windows().forEach(window -> System.out.println("[HotPlugIT]   " + window));
                System.out.println("[HotPlugIT]   " + load.total());
            }
            if (tessera != null) {
                System.out.printf("[HotPlugIT] %d requests in all, %d server errors, %.1f s%n",
                        tessera.requestCount(), tessera.serverErrors().size(),
                        (System.currentTimeMillis() - startMillis) / 1000.0);
            }
        } finally {
            if (tessera != null) {
                tessera.close();
            }
        }
    }

    @BeforeEach
    void markLoad() {
        testMark = load.mark();
    }

    @AfterEach
    void printLoad(TestInfo test) {
        System.out.println("[HotPlugIT] " + load.since(test.getTestMethod().orElseThrow().getName(), testMark));
        List<CoreLoad.Failure> failures = load.failuresSince(testMark);
        failures.stream().limit(5).forEach(failure -> System.out.println("[HotPlugIT]   failed: " + failure));
    }

    @Test
    @Order(0)
    void upgradingTheEditionIsOneFeatureInstallAndKeepsTheData() {
        assertEquals("standard", platform().map().get("edition"), "the edition booted");
        Map<String, Object> contacts = json(tessera.get("/contacts?limit=500"), 200);

        load.during("install tessera-edition-professional-plus", () -> {
            Map<String, Object> reply = json(tessera.post("/platform/features",
                    Map.of("name", "tessera-edition-professional-plus")), 200);
            assertEquals(true, reply.get("installed"), reply::toString);
        });

        ApiResponse upgraded = platform();
        assertEquals("professional-plus", upgraded.map().get("edition"), "the edition after the upgrade");
        assertEquals(contacts, json(tessera.get("/contacts?limit=500"), 200), "the contacts after the upgrade");
        // The edition's plugins came in, each active, each with its own REST application (and its schema's
        // Database) registered by the platform; nothing else changed.
        List<Object> editionPlugins = plugins(upgraded).stream().map(p -> p.get("id")).toList();
        Set<String> pluginBundles = new HashSet<>();
        int platformServices = 0;
        for (Map<String, Object> plugin : plugins(upgraded)) {
            assertEquals("active", plugin.get("state"), plugin::toString);
            pluginBundles.add((String) plugin.get("bundle"));
            platformServices += plugin.get("schema") == null ? 1 : 2;
        }
        System.out.println("[HotPlugIT] plugins of the upgraded edition: " + editionPlugins);
        assertCoreUntouched("after the edition upgrade", baseline, upgraded, pluginBundles, platformServices);
        assertNoFailedCoreRequest();
        baseline = bundles(upgraded); // the later tests start from the upgraded edition
    }

    @Test
    @Order(1)
    void installingAPluginMigratesItsSchemaAndServesItWithoutRestartingTheCore() {
        assertEquals(404, tessera.get(NOTES_PATH).status(), "notes is served before its install");

        load.during("install notes 1.0.0", () -> installAndAwait(NOTES, testPlugins, "notes", "active"));

        Map<String, Object> plugin = plugin(platform(), "notes");
        assertEquals("1.0.0", plugin.get("version"), plugin::toString);
        assertEquals(NOTES_BUNDLE, plugin.get("bundle"), plugin::toString);
        assertEquals("notes", plugin.get("schema"), plugin::toString);
        assertEquals(1, number(plugin.get("schemaVersion")), plugin::toString);
        assertEquals(1, logLines("Schema notes of " + NOTES_BUNDLE + " migrated to version 1 (applied [1])"),
                "V001 applied once");

        firstNote = json(tessera.post(NOTES_PATH, Map.of("title", "Call the plumber",
                "body", "written by notes 1.0.0")), 201);
        assertEquals(List.of(firstNote.get("id")), ids(tessera.get(NOTES_PATH)), "the notes listed");

        assertCoreUntouched("after installing notes 1.0.0", baseline, platform(), Set.of(NOTES_BUNDLE), NOTES_SERVICES);
        assertNoFailedCoreRequest();
    }

    @Test
    @Order(2)
    void coreRequestsNeverFailWhileAPluginIsInstalledUninstalledAndReinstalled() {
        assertNotNull(firstNote, "the first test installed no plugin");
        load.during("uninstall notes 1.0.0", () -> uninstallAndAwaitGone(NOTES, "notes"));
        load.during("reinstall notes 1.0.0", () -> installAndAwait(NOTES, null, "notes", "active"));
        load.during("uninstall notes 1.0.0 again", () -> uninstallAndAwaitGone(NOTES, "notes"));
        load.during("reinstall notes 1.0.0 again", () -> installAndAwait(NOTES, null, "notes", "active"));

        List<CoreLoad.Window> operations = load.windows();
        long requests = operations.stream().mapToLong(CoreLoad.Window::requests).sum();
        long failures = operations.stream().mapToLong(CoreLoad.Window::failures).sum();
        long millis = operations.stream().mapToLong(CoreLoad.Window::millis).sum();
        double rate = requests * 1000.0 / millis;
        CoreLoad.Window total = load.total();
        System.out.printf("[HotPlugIT] during %d installs and uninstalls: %d core requests in %.1f s (%.1f req/s),"
                + " %d failed; since the load started: %s%n", operations.size(), requests, millis / 1000.0, rate,
                failures, total);
        assertTrue(operations.stream().anyMatch(w -> w.operation().startsWith("install")), operations::toString);
        assertNoFailedCoreRequest(load.failures(), "since the load started");
        assertTrue(rate >= REQUIRED_PER_SECOND, String.format(
                "only %.1f core req/s during installs and uninstalls, %s required", rate, REQUIRED_PER_SECOND));
        assertTrue(total.perSecond() >= REQUIRED_PER_SECOND, "core req/s since the load started: " + total);
        assertCoreUntouched("after installs and uninstalls", baseline, platform(), Set.of(NOTES_BUNDLE), NOTES_SERVICES);
    }

    @Test
    @Order(3)
    void uninstallKeepsTheDataReinstallFindsItAndAnUpgradeRunsOnlyTheNewMigration() {
        assertNotNull(firstNote, "the first test installed no plugin");
        Map<String, Object> note = json(tessera.post(NOTES_PATH, Map.of("title", "Keep me",
                "body", "written before the uninstall")), 201);
        String id = (String) note.get("id");

        load.during("uninstall notes 1.0.0 (data stays)", () -> uninstallAndAwaitGone(NOTES, "notes"));
        assertEquals(404, tessera.get(NOTES_PATH + "/" + id).status(), "notes is served after its uninstall");
        assertCoreUntouched("with notes uninstalled", baseline, platform(), Set.of(), 0);

        load.during("reinstall notes 1.0.0 (finds data)", () -> installAndAwait(NOTES, null, "notes", "active"));
        assertEquals(1, number(plugin(platform(), "notes").get("schemaVersion")), "schema version after reinstall");
        sameRecord(note, json(tessera.get(NOTES_PATH + "/" + id), 200), "the note after the reinstall");
        assertEquals(1, logLines("Schema notes of " + NOTES_BUNDLE + " migrated to version 1"),
                "V001 is applied once, never again on reinstall");

        load.during("uninstall notes 1.0.0 (upgrade)", () -> uninstallAndAwaitGone(NOTES, "notes"));
        load.during("install notes 2.0.0 (upgrade)", () -> {
            installAndAwait(NOTES, notes2, "notes", "active");
            awaitPlatform("notes 2.0.0 active", platform -> {
                Map<String, Object> plugin = plugin(platform, "notes");
                return plugin != null && "2.0.0".equals(plugin.get("version")) ? null : String.valueOf(plugin);
            });
        });

        ApiResponse platform = platform();
        Map<String, Object> plugin = plugin(platform, "notes");
        assertEquals("2.0.0", plugin.get("version"), plugin::toString);
        assertEquals("active", plugin.get("state"), plugin::toString);
        assertEquals(2, number(plugin.get("schemaVersion")), plugin::toString);
        List<Object> notesBundles = bundles(platform).values().stream()
                .filter(bundle -> NOTES_BUNDLE.equals(bundle.get("symbolicName"))).map(b -> b.get("version")).toList();
        assertEquals(List.of("2.0.0"), notesBundles, "bundles of the notes plugin");
        assertEquals(1, logLines("Schema notes of " + NOTES_BUNDLE + " migrated to version 2 (applied [2])"),
                "the upgrade applies V002 only");
        assertEquals(1, logLines("Schema notes of " + NOTES_BUNDLE + " migrated to version 1"),
                "V001 is applied once, never again on upgrade");

        for (Map<String, Object> written : List.of(firstNote, note)) {
            Map<String, Object> read = json(tessera.get(NOTES_PATH + "/" + written.get("id")), 200);
            assertEquals(Boolean.FALSE, read.get("pinned"), () -> "the new field of a 1.0.0 note: " + read);
            Map<String, Object> withoutNewField = new LinkedHashMap<>(read);
            withoutNewField.remove("pinned");
            sameRecord(written, withoutNewField, "a note written by 1.0.0, read by 2.0.0");
        }
        assertEquals(Set.of(firstNote.get("id"), id), new HashSet<>(ids(tessera.get(NOTES_PATH))), "notes listed");

        assertCoreUntouched("after the upgrade to notes 2.0.0", baseline, platform, Set.of(NOTES_BUNDLE),
                NOTES_SERVICES);
        assertNoFailedCoreRequest();
    }

    @Test
    @Order(4)
    void aPluginWhoseComponentThrowsIsFailedAndTakesNothingDown() {
        Map<Long, Map<String, Object>> before = bundles(platform());

        load.during("install throwing", () -> installAndAwait(THROWING, testPlugins, "throwing", "failed"));

        ApiResponse platform = platform();
        Map<String, Object> plugin = plugin(platform, "throwing");
        String reason = String.valueOf(plugin.get("reason"));
        System.out.println("[HotPlugIT] throwing plugin: " + plugin);
        assertTrue(reason.contains(THROWN), () -> "the reason does not say what was thrown: " + plugin);
        assertTrue(reason.contains("FailingStart"), () -> "the reason does not name the component: " + plugin);
        assertEquals("active", plugin(platform, "notes").get("state"), "the notes plugin");
        json(tessera.get(NOTES_PATH + "/" + firstNote.get("id")), 200);
        json(tessera.get("/contacts?limit=5"), 200);
        // every bundle there was, the notes plugin too, kept its id, state and services; the platform
        // registered the plugin's (empty) application
        assertCoreUntouched("after the throwing plugin", before, platform, Set.of("org.tesseracrm.plugin.throwing"),
                1);
        assertNoFailedCoreRequest();
    }

    @Test
    @Order(5)
    void aPluginWhoseMigrationFailsIsFailedAndLeavesNoTable() throws SQLException {
        Map<Long, Map<String, Object>> before = bundles(platform());

        load.during("install broken", () -> installAndAwait(BROKEN, testPlugins, "broken", "failed"));

        ApiResponse platform = platform();
        Map<String, Object> plugin = plugin(platform, "broken");
        String reason = String.valueOf(plugin.get("reason"));
        System.out.println("[HotPlugIT] broken plugin: " + plugin);
        assertTrue(reason.contains("TESSERA-INF/db/V001__broken.sql"), () -> "the reason names no script: " + plugin);
        assertTrue(reason.contains("statement 2"), () -> "the reason names no statement: " + plugin);
        assertEquals(0, number(plugin.get("schemaVersion")), plugin::toString);
        assertEquals(404, tessera.get("/broken/widgets").status(), "the broken plugin's resource is served");
        json(tessera.get("/contacts?limit=5"), 200);
        assertEquals("active", plugin(platform, "notes").get("state"), "the notes plugin");
        // the platform registered the plugin's application, and no Database for its schema
        assertCoreUntouched("after the broken plugin", before, platform, Set.of("org.tesseracrm.plugin.broken"), 1);
        assertNoFailedCoreRequest();

        // What is in the database, read from its files: the embedded Derby cannot be opened while it runs.
        load.close();
        tessera.stop();
        System.setProperty("derby.stream.error.file", tessera.home().resolve("../derby-test-reader.log").toString());
        String url = "jdbc:derby:" + tessera.home().resolve("data/tessera/derby");
        try (Connection derby = DriverManager.getConnection(url)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = derby.getMetaData().getTables(null, "BROKEN", "%", null)) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            boolean schemaLeft;
            try (ResultSet rows = derby.getMetaData().getSchemas(null, "BROKEN")) {
                schemaLeft = rows.next();
            }
            long history;
            try (PreparedStatement select = derby.prepareStatement(
                    "SELECT COUNT(*) FROM platform.schema_history WHERE schema_name = 'broken'");
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                history = rows.getLong(1);
            }
            System.out.printf("[HotPlugIT] database after the failed migration: tables in schema broken %s,"
                    + " schema broken %s, history rows %d%n", tables, schemaLeft ? "exists (empty)" : "absent", history);
            assertEquals(List.of(), tables, "tables left by the failed migration");
            assertEquals(0, history, "history rows of the failed migration");
            assertFalse(schemaLeft, "the failed migration left its schema behind");
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException expected) {
                // Derby reports a clean shutdown as an exception (08006)
            }
        }
    }

    // ---------------------------------------------------------------- plugins

    /** POSTs the feature, then waits until the plugin reports the state (and, when active, answers). */
    private static void installAndAwait(String feature, URI repository, String pluginId, String state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", feature);
        if (repository != null) {
            body.put("repository", repository.toString());
        }
        ApiResponse installed = tessera.post("/platform/features", body);
        Map<String, Object> reply = json(installed, 200);
        assertEquals(feature, reply.get("name"), installed::toString);
        assertEquals(true, reply.get("installed"), installed::toString);
        awaitPlatform(pluginId + " " + state, platform -> {
            Map<String, Object> plugin = plugin(platform, pluginId);
            return plugin != null && state.equals(plugin.get("state")) ? null : String.valueOf(plugin);
        });
        if (pluginId.equals("notes")) {
            await("GET " + NOTES_PATH + " answers 200", () -> {
                ApiResponse answer = tessera.get(NOTES_PATH);
                return answer.status() == 200 ? null : answer.toString();
            });
        }
    }

    /** DELETEs the feature, then waits until the plugin is gone from the platform and its path. */
    private static void uninstallAndAwaitGone(String feature, String pluginId) {
        ApiResponse uninstalled = tessera.delete("/platform/features/" + feature, null);
        assertEquals(Map.of("name", feature, "installed", false), json(uninstalled, 200), uninstalled::toString);
        awaitPlatform(pluginId + " gone", platform -> {
            Map<String, Object> plugin = plugin(platform, pluginId);
            return plugin == null ? null : plugin.toString();
        });
        await("GET " + NOTES_PATH + " answers 404", () -> {
            ApiResponse answer = tessera.get(NOTES_PATH);
            return answer.status() == 404 ? null : answer.toString();
        });
    }

    /** A feature of one bundle, which (like every plugin feature) depends on the core's. */
    private static String feature(String name, String version, String jarProperty) {
        String property = "tessera.testPlugin." + jarProperty;
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property " + property + " names no jar (" + jar
                    + "): failsafe passes the test plugins' jars from karaf-assembly/pom.xml");
        }
        return "    <feature name=\"" + name + "\" version=\"" + version + "\" description=\"hot-plug test plugin\">\n"
                + "        <feature>tessera-core</feature>\n"
                + "        <bundle>file:" + Path.of(jar).toAbsolutePath() + "</bundle>\n"
                + "    </feature>\n";
    }

    private static URI writeRepository(Path file, String name, String... features) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- Written by HotPlugIT: plugins that exist only for the hot-plug tests. -->\n"
                + "<features name=\"" + name + "\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n"
                + String.join("", features) + "</features>\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return URI.create("file:" + file.toAbsolutePath());
    }

    // ---------------------------------------------------------------- what /platform says

    private static ApiResponse platform() {
        ApiResponse answer = tessera.get("/platform");
        json(answer, 200);
        return answer;
    }

    /** @return the Tessera bundles, by bundle id */
    @SuppressWarnings("unchecked")
    private static Map<Long, Map<String, Object>> bundles(ApiResponse platform) {
        Map<Long, Map<String, Object>> bundles = new TreeMap<>();
        for (Object bundle : (List<Object>) platform.map().get("bundles")) {
            Map<String, Object> entry = (Map<String, Object>) bundle;
            bundles.put(((Number) entry.get("id")).longValue(), entry);
        }
        return bundles;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> plugins(ApiResponse platform) {
        return (List<Map<String, Object>>) platform.map().get("plugins");
    }

    private static Map<String, Object> plugin(ApiResponse platform, String id) {
        return plugins(platform).stream().filter(plugin -> id.equals(plugin.get("id"))).findFirst().orElse(null);
    }

    /**
     * Asserts that every bundle of {@code before} is still there with the same id, version, state,
     * {@code lastModified} and registered services (a restarted or refreshed bundle, or a re-activated
     * component, gets new service ids); that the only new Tessera bundles are {@code added}; and that
     * the platform registered exactly {@code newPlatformServices} new services, all it registers on
     * behalf of plugins: each started plugin's JAX-RS application ({@code PluginApplications}) and each
     * migrated plugin schema's {@code Database} ({@code MigrationExtender}).
     */
    private static void assertCoreUntouched(String when, Map<Long, Map<String, Object>> before, ApiResponse platform,
            Set<String> added, int newPlatformServices) {
        Map<Long, Map<String, Object>> after = bundles(platform);
        List<String> changes = new ArrayList<>();
        for (Map<String, Object> was : before.values()) {
            Object id = was.get("id");
            String name = was.get("symbolicName") + " [" + id + "]";
            Map<String, Object> is = after.get(((Number) id).longValue());
            if (is == null) {
                changes.add(name + " is gone");
                continue;
            }
            for (String key : List.of("symbolicName", "version", "state", "lastModified")) {
                if (!Objects.equals(was.get(key), is.get(key))) {
                    changes.add(name + " " + key + ": " + was.get(key) + " → " + is.get(key));
                }
            }
            Set<Object> wasServices = new HashSet<>((List<?>) was.get("serviceIds"));
            Set<Object> isServices = new HashSet<>((List<?>) is.get("serviceIds"));
            Set<Object> lost = difference(wasServices, isServices);
            Set<Object> gained = difference(isServices, wasServices);
            if (!lost.isEmpty()) {
                changes.add(name + " unregistered services " + lost);
            }
            int expected = PLATFORM_BUNDLE.equals(was.get("symbolicName")) ? newPlatformServices : 0;
            if (gained.size() != expected) {
                changes.add(name + " registered " + gained.size() + " new services " + gained + ", expected "
                        + expected);
            }
        }
        Set<Object> newBundles = after.values().stream().filter(b -> !before.containsKey(((Number) b.get("id"))
                .longValue())).map(b -> b.get("symbolicName")).collect(Collectors.toSet());
        if (!newBundles.equals(added)) {
            changes.add("new Tessera bundles " + newBundles + ", expected " + added);
        }
        assertEquals(List.of(), changes, when + ": the bundles that were there changed");
        System.out.printf("[HotPlugIT] %s: %d bundles kept their ids, states, lastModified and services%n", when,
                before.size());
    }

    private static Set<Object> difference(Set<Object> from, Set<Object> without) {
        Set<Object> difference = new HashSet<>(from);
        difference.removeAll(without);
        return difference;
    }

    // ---------------------------------------------------------------- load, log, polling

    private void assertNoFailedCoreRequest() {
        assertNoFailedCoreRequest(load.failuresSince(testMark), "during this test");
    }

    private static void assertNoFailedCoreRequest(List<CoreLoad.Failure> failures, String when) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " core requests failed " + when + " (" + load.describe() + "):\n  "
                    + failures.stream().limit(40).map(String::valueOf).collect(Collectors.joining("\n  ")));
        }
    }

    /** @return how many lines of karaf.log contain the text */
    private static long logLines(String text) {
        try (Stream<String> lines = Files.lines(tessera.karafLog(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls /platform until the check returns null; a non-null value says what is seen instead. */
    private static void awaitPlatform(String what, Function<ApiResponse, String> check) {
        Set<String> printed = new HashSet<>();
        await(what, () -> {
            ApiResponse answer = tessera.get("/platform");
            if (answer.status() != 200) {
                if (printed.add(answer.status() + answer.body())) {
                    System.out.println("[HotPlugIT] while waiting for " + what + ": " + answer);
                }
                return answer.toString();
            }
            return check.apply(answer);
        });
    }

    /** Polls until the probe answers {@code null}, failing with its last answer after {@link #DEADLINE}. */
    private static void await(String what, Callable<String> probe) {
        Answers.await(what, DEADLINE, probe);
    }

    private static int number(Object value) {
        assertNotNull(value);
        return ((Number) value).intValue();
    }
}
