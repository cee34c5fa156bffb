package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tesseracrm.assembly.KarafShell.Run;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.JsonText;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * Backup and restore between two real distributions: the original is filled through the API (core
 * records with updates, a deletion and their audit, and the sample plugin's records), backed up over
 * REST and with {@code tessera:backup} over SSH, and stopped; a fresh distribution refuses the archive
 * while its schema versions differ, a file that is no archive, and a non-administrator, then restores it
 * with {@code tessera:restore} and over REST. Every table of every Tessera schema of both is then read
 * from their Derby files and compared row by row: 0 differences.
 */
class BackupIT {
    private static final String PASSWORD = "Correct-Horse-7";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TesseraDistribution original;
    private static TesseraDistribution copy;

    @AfterAll
    static void shutDown() {
        for (TesseraDistribution tessera : new TesseraDistribution[] {original, copy}) {
            if (tessera != null) {
                System.out.printf("[BackupIT] %s: %d requests, %d server errors%n", tessera.home().getParent().getFileName(),
                        tessera.requestCount(), tessera.serverErrors().size());
                tessera.close();
            }
        }
    }

    @Test
    void restoredInstallationEqualsTheOriginalRowByRow() throws Exception {
        original = TesseraDistribution.unpack(BackupIT.class.getSimpleName() + "-original").start();
        original.stop();
        try (DistributionDatabase database = DistributionDatabase.open(original)) {
            database.addUser("mia", PASSWORD, Set.of("manager"));
        }
        original.start();
        installSamplePlugin(original);
        fill(original);
        String adminPassword = original.adminPassword();

        Path shellArchive = original.home().getParent().resolve("shell-backup.zip");
        Files.deleteIfExists(shellArchive);
        KarafShell.Run shellBackup;
        try (KarafShell shell = new KarafShell(original)) {
            shellBackup = shell.run(original.adminUser(), adminPassword, "tessera:backup " + shellArchive);
        }
        assertEquals(0, shellBackup.exit(), shellBackup::toString);
        assertTrue(shellBackup.output().contains("Backed up"), shellBackup::toString);

        HttpResponse<byte[]> managerBackup = send(original, "mia", PASSWORD, "POST", "/platform/backup", null, null);
        assertEquals(403, managerBackup.statusCode());
        // the REST backup is the last request: nothing changes the original after it
        HttpResponse<byte[]> backup = send(original, original.adminUser(), adminPassword, "POST", "/platform/backup",
                null, null);
        assertEquals(200, backup.statusCode(), () -> new String(backup.body(), StandardCharsets.UTF_8));
        assertEquals("application/zip", backup.headers().firstValue("Content-Type").orElse(""));
        assertTrue(backup.headers().firstValue("Content-Disposition").orElse("").contains("tessera-backup-"));
        byte[] archive = backup.body();
        original.stop();
        Map<String, List<String>> before;
        try (DistributionDatabase database = DistributionDatabase.open(original)) {
            before = database.tables();
        }
        Map<String, String> rest = entries(archive);
        Map<String, String> fromShell = entries(Files.readAllBytes(shellArchive));
        assertEquals(rest.keySet(), fromShell.keySet(), "shell and REST archives hold the same tables");
        // logins between the two backups are audited: the audit log (and its count) may differ, nothing else
        for (String table : rest.keySet()) {
            if (table.startsWith("tables/") && !table.equals("tables/platform.audit_entry.json")) {
                assertEquals(rest.get(table), fromShell.get(table), table);
            }
        }
        assertTrue(before.keySet().stream().anyMatch(t -> t.startsWith("salon.")), "a plugin's tables: " + before.keySet());

        copy = TesseraDistribution.unpack(BackupIT.class.getSimpleName() + "-copy").start();
        String copyPassword = copy.adminPassword();
        HttpResponse<byte[]> otherVersions = send(copy, copy.adminUser(), copyPassword, "POST", "/platform/restore",
                "application/zip", archive);
        assertProblem(409, otherVersions);
        installSamplePlugin(copy);
        assertProblem(400, send(copy, copy.adminUser(), copyPassword, "POST", "/platform/restore", "application/zip",
                "PK not really a zip".getBytes(StandardCharsets.UTF_8)));
        assertProblem(415, send(copy, copy.adminUser(), copyPassword, "POST", "/platform/restore", "application/json",
                archive));
        assertProblem(401, send(copy, copy.adminUser(), "wrong", "POST", "/platform/restore", "application/zip", archive));
        long contactsBefore = copy.get("/contacts?limit=1").total();

        try (KarafShell shell = new KarafShell(copy)) {
            Run restore = shell.run(copy.adminUser(), copyPassword, "tessera:restore " + shellArchive);
            assertEquals(0, restore.exit(), restore::toString);
            assertTrue(restore.output().contains("Restored"), restore::toString);
        }
        assertEquals(401, copy.request("GET", "/platform").as(copy.adminUser(), copyPassword).send().status(),
                "the restore brought the original's users and passwords");
        long contactsRestored = copy.request("GET", "/contacts?limit=1").as(original.adminUser(), adminPassword).send()
                .total();
        assertTrue(contactsRestored > contactsBefore, contactsRestored + " contacts after the shell restore");

        HttpResponse<byte[]> restored = send(copy, original.adminUser(), adminPassword, "POST", "/platform/restore",
                "application/zip", archive);
        assertEquals(200, restored.statusCode(), () -> new String(restored.body(), StandardCharsets.UTF_8));
        Map<?, ?> summary = (Map<?, ?>) JsonText.parse(new String(restored.body(), StandardCharsets.UTF_8));
        copy.stop();
        Map<String, List<String>> after;
        try (DistributionDatabase database = DistributionDatabase.open(copy)) {
            after = database.tables();
        }

        int rows = 0;
        int differences = 0;
        Set<String> tables = new TreeSet<>(before.keySet());
        tables.addAll(after.keySet());
        for (String table : tables) {
            List<String> a = before.getOrDefault(table, List.of());
            List<String> b = after.getOrDefault(table, List.of());
            rows += a.size();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
                    if (differences++ < 3) {
                        System.out.printf("[BackupIT] %s differs:%n  %s%n  %s%n", table,
                                i < a.size() ? a.get(i) : "(none)", i < b.size() ? b.get(i) : "(none)");
                    }
                }
            }
        }
        System.out.printf("[BackupIT] %d tables, %d rows compared (restore said %s), %d differences%n",
                tables.size(), rows, summary, differences);
        assertEquals(0, differences);
        assertEquals(before, after);
        assertEquals(((Number) summary.get("rows")).longValue(), rows);
    }

    private static void assertProblem(int status, HttpResponse<byte[]> answer) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(status, answer.statusCode(), body);
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse("").split(";")[0],
                body);
    }

    private static void installSamplePlugin(TesseraDistribution tessera) {
        ApiResponse installed = tessera.post("/platform/features", Map.of("name", "tessera-sample-plugin"));
        assertTrue(installed.status() == 200 || installed.status() == 201, installed::toString);
        long deadline = System.currentTimeMillis() + 60_000;
        while (tessera.get("/salon/services").status() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "the sample plugin's resources never came up");
            pause();
        }
    }

    private static void fill(TesseraDistribution tessera) {
        for (int i = 0; i < 40; i++) {
            String company = created(tessera.post("/companies", Map.of("name", "Компания " + i, "inn", "7707083893")));
            String contact = created(tessera.post("/contacts", Map.of("firstName", "Имя " + i, "lastName", "Фамилия",
                    "companyId", company, "emails", List.of("c" + i + "@example.com"), "tags", List.of("t" + i % 3))));
            if (i % 5 == 0) {
                ApiResponse read = tessera.get("/contacts/" + contact);
                ApiResponse updated = tessera.put("/contacts/" + contact, read.etag(), Map.of("firstName", "Имя " + i,
                        "lastName", "Фамилия", "companyId", company, "position", "Директор"));
                assertEquals(200, updated.status(), updated::toString);
            }
            if (i % 7 == 0) {
                assertEquals(204, tessera.delete("/contacts/" + contact, null).status());
            }
            created(tessera.post("/products", Map.of("name", "Товар " + i, "sku", "SKU-" + i,
                    "price", new BigDecimal("10.25").multiply(BigDecimal.valueOf(i + 1)), "currency", "RUB")));
            created(tessera.post("/salon/services", Map.of("name", "Услуга " + i, "durationMinutes", 30 + i,
                    "price", new BigDecimal("1500.5"))));
        }
    }

    /** @return the archive's entries with their content, the manifest's creation time left out */
    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                entries.put(entry.getName(), text.replaceAll("\"createdAt\" : \"[^\"]*\"", ""));
            }
        }
        return entries;
    }

    private HttpResponse<byte[]> send(TesseraDistribution tessera, String user, String password, String method,
            String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tessera.apiUri() + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String created(ApiResponse answer) {
        assertEquals(201, answer.status(), answer::toString);
        return answer.string("id");
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
