package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tesseracrm.assembly.KarafShell.Run;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * The distribution's Karaf is locked down: every socket it listens on is bound to 127.0.0.1, there is no
 * default account anywhere, and over real SSH an administrator runs changing commands while a manager
 * cannot log in at all and a non-administrator who may enter the console (roles {@code manager} and
 * {@code ssh}) is refused every changing command — the system is the same afterwards.
 */
class HardeningIT {
    private static final String MANAGER = "mia";
    private static final String OPERATOR = "otto";
    private static final String PASSWORD = "Correct-Horse-7";

    private static TesseraDistribution tessera;
    private static KarafShell shell;

    @BeforeAll
    static void boot() {
        tessera = TesseraDistribution.unpack(HardeningIT.class.getSimpleName()).start();
        tessera.stop();
        try (DistributionDatabase database = DistributionDatabase.open(tessera)) {
            database.addUser(MANAGER, PASSWORD, Set.of("manager"));
            database.addUser(OPERATOR, PASSWORD, Set.of("manager", "ssh"));
        }
        tessera.start();
        shell = new KarafShell(tessera);
    }

    @AfterAll
    static void shutDown() throws IOException {
        if (shell != null) {
            shell.close();
        }
        if (tessera != null) {
            tessera.close();
        }
    }

    @Test
    void everySocketOfKarafListensOnLoopbackOnly() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
        long pid = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(tessera.home().toString())
                        && process.info().command().orElse("").endsWith("java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new AssertionError("no Karaf JVM"));
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        Map<Integer, String> listening = new TreeMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] column = line.trim().split("\\s+");
                if (column[3].equals("0A") && inodes.contains(column[9])) { // 0A: LISTEN
                    String[] local = column[1].split(":");
                    listening.put(Integer.parseInt(local[1], 16), local[0]);
                }
            }
        }
        System.out.println("[HardeningIT] Karaf (pid " + pid + ") listens on ports " + listening.keySet());
        assertTrue(listening.containsKey(tessera.port()), "HTTP port not found: " + listening);
        assertTrue(listening.containsKey(sshPort()), "SSH port not found: " + listening);
        Set<String> loopback = Set.of("0100007F", "00000000000000000000000001000000",
                "0000000000000000FFFF00000100007F");
        listening.forEach((port, address) -> assertTrue(loopback.contains(address),
                "port " + port + " listens on " + address + ", not on 127.0.0.1"));
    }

    @Test
    void noDefaultAccountsAnywhere() throws IOException {
        for (String file : List.of("users.properties", "keys.properties")) {
            Properties accounts = new Properties();
            try (var in = Files.newInputStream(tessera.home().resolve("etc").resolve(file))) {
                accounts.load(in);
            }
            assertEquals(Map.of(), new TreeMap<>(accounts), "etc/" + file + " defines accounts");
        }
        for (String[] guess : List.of(new String[] {"karaf", "karaf"}, new String[] {"admin", "admin"},
                new String[] {"tesseraadmin", "tessera"}, new String[] {"root", "root"})) {
            assertFalse(canLogIn(guess[0], guess[1]), "SSH let in " + guess[0] + "/" + guess[1]);
            assertEquals(401, tessera.request("GET", "/platform").as(guess[0], guess[1]).send().status(),
                    "REST let in " + guess[0] + "/" + guess[1]);
        }
    }

    @Test
    void administratorRunsChangingCommands() {
        Run edit = run(tessera.adminUser(), tessera.adminPassword(), "config:edit org.tesseracrm.hardening.probe\n"
                + "config:property-set checked yes\nconfig:update\n");
        assertEquals(0, edit.exit(), edit::toString);
        Run read = run(tessera.adminUser(), tessera.adminPassword(),
                "config:property-get --pid org.tesseracrm.hardening.probe checked");
        assertEquals("yes", read.output().strip(), read::toString);
        Run plugins = run(tessera.adminUser(), tessera.adminPassword(), "tessera:plugins");
        assertEquals(0, plugins.exit(), plugins::toString);
        Run bundles = run(tessera.adminUser(), tessera.adminPassword(), "bundle:list -s --no-format");
        assertTrue(bundles.output().contains("org.tesseracrm.platform"), bundles::toString);
    }

    @Test
    void pathsNothingServesAnswerAProblemAndTheRootLeadsToTheConsole() {
        String server = "http://127.0.0.1:" + tessera.port();
        ApiResponse root = tessera.request("GET", server + "/").anonymous().send();
        assertEquals(303, root.status(), root::toString);
        assertEquals("/console/", URI.create(server + "/").resolve(root.header("Location")).getPath(), root::toString);
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/foo", "/api/v2/contacts", "/exchange/nothing/here", "/index.html")) {
                ApiResponse answer = tessera.request(method, server + path).anonymous().send();
                assertEquals(404, answer.status(), answer::toString);
                assertTrue(answer.isProblem(), answer::toString);
                assertEquals("https://tesseracrm.org/problems/not-found", answer.map().get("type"), answer::toString);
                assertEquals(path, answer.map().get("instance"), answer::toString);
                assertFalse(answer.body().contains("<html"), answer::toString);
            }
        }
        // the console, the API and the plugins' own paths are not shadowed
        assertEquals(200, tessera.request("GET", server + "/console/").anonymous().send().status());
        assertEquals(401, tessera.request("GET", "/contacts").anonymous().send().status());
    }

    @Test
    void managerCannotLogInToTheConsole() {
        var login = tessera.request("POST", "/session").anonymous()
                .json(java.util.Map.of("username", MANAGER, "password", PASSWORD)).send();
        assertEquals(200, login.status(), "the manager's account works for the API: " + login);
        assertFalse(canLogIn(MANAGER, PASSWORD), "a manager entered Karaf's console");
    }

    @Test
    void nonAdministratorIsRefusedEveryChangingCommand() {
        Run bundles = run(OPERATOR, PASSWORD, "bundle:list -s --no-format");
        assertEquals(0, bundles.exit(), "a read-only command works for " + OPERATOR + ": " + bundles);
        String platformId = bundleId(bundles.output(), "org.tesseracrm.platform");
        String before = bundleStates();
        List<String> changing = List.of(
                "bundle:stop " + platformId,
                "bundle:stop -f " + platformId,
                "bundle:uninstall " + platformId,
                "bundle:refresh",
                "bundle:update " + platformId,
                "bundle:install mvn:org.tesseracrm/tessera-sample-plugin/1.0.0-SNAPSHOT",
                "bundle:start-level " + platformId + " 200",
                "feature:install tessera-sample-plugin",
                "feature:uninstall tessera-edition-standard",
                "feature:repo-add mvn:org.example/evil/1/xml/features",
                "config:edit org.tesseracrm.hardening.intruder",
                "config:delete org.ops4j.datasource-tessera",
                "config:property-set --pid org.ops4j.pax.web org.osgi.service.http.port 80",
                "system:property tessera.intruder yes",
                "system:start-level 10",
                "system:shutdown -f",
                "kar:install file:/tmp/evil.kar",
                "tessera:plugins",
                "tessera:edition enterprise",
                "tessera:backup " + tessera.home().resolve("intruder-backup.zip"),
                "tessera:restore " + tessera.home().resolve("intruder-backup.zip"),
                "jaas:realm-manage --realm karaf",
                "shell:exec touch /tmp/tessera-intruder",
                "log:set TRACE");
        List<String> allowed = new ArrayList<>();
        for (String command : changing) {
            Run attempt = run(OPERATOR, PASSWORD, command);
            if (!attempt.refused()) {
                allowed.add(attempt.toString());
            }
        }
        System.out.printf("[HardeningIT] %d changing commands tried as a non-administrator, %d allowed%n",
                changing.size(), allowed.size());
        assertEquals(List.of(), allowed);
        assertEquals(before, bundleStates(), "bundles changed");
        assertFalse(Files.exists(tessera.home().resolve("intruder-backup.zip")), "a backup was written");
        Run property = run(tessera.adminUser(), tessera.adminPassword(), "system:property tessera.intruder");
        assertFalse(property.output().contains("yes"), property::toString);
        assertEquals(200, tessera.get("/platform").status());
        assertTrue(canLogIn(OPERATOR, PASSWORD), "the refusals must come from the ACLs, not a failed login");
    }

    /** @return bundle id of a symbolic name in {@code bundle:list -s --no-format} output */
    private static String bundleId(String list, String symbolicName) {
        for (String line : list.split("\n")) {
            String[] cells = line.strip().split("\\s+");
            if (cells.length >= 4 && cells[cells.length - 1].equals(symbolicName)) {
                return cells[0];
            }
        }
        throw new AssertionError(symbolicName + " not in " + list);
    }

    private static String bundleStates() {
        Run list = run(tessera.adminUser(), tessera.adminPassword(), "bundle:list -s --no-format");
        assertEquals(0, list.exit(), list::toString);
        return list.output();
    }

    private static int sshPort() {
        return shell.port();
    }

    private static boolean canLogIn(String user, String password) {
        return shell.canLogIn(user, password);
    }

    private static Run run(String user, String password, String command) {
        return shell.run(user, password, command);
    }
}
