package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The 1C exchange over real HTTP on the distribution (embedded Derby), as 1C's "exchange with site" runs
 * it: the plugin is installed into the running Standard edition, then 1C's sequences go to
 * {@code /exchange/1c} (default connection: zip) and {@code /exchange/1c/plain} (a factory configuration
 * in {@code etc/}: no zip, 4 KiB chunks, deals in stage {@code invoice} exported) with the real 1C files of
 * the fixtures: the catalog with and without zip, a file in several chunks, progress on a big file, the same
 * package again (no new rows), orders query/success and a status back from 1C, wrong password, unknown mode,
 * truncated and non-XML files (a {@code failure}, nothing imported). Every reply is plain text, never HTML.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Exchange1cIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int PLAIN_LIMIT = 4096;
    private static TesseraDistribution tessera;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Path fixtures;

    @BeforeAll
    static void start() {
        fixtures = fixtures();
        tessera = TesseraDistribution.unpack(Exchange1cIT.class.getSimpleName());
        tessera.configure("org.tesseracrm.plugin.exchange1c.connection-plain.cfg", String.join("\n",
                "name = plain",
                "zip = false",
                "fileLimit = " + PLAIN_LIMIT,
                "exportStages = invoice",
                "encoding = windows-1251",
                ""));
        tessera.start();
        ApiResponse installed = tessera.post("/platform/features", Map.of("name", "tessera-exchange1c"));
        assertEquals(200, installed.status(), installed::toString);
        await("the exchange answers", () -> {
            ApiResponse connections = tessera.get("/exchange1c/connections");
            if (connections.status() != 200 || !connections.body().contains("\"plain\"")) {
                return connections.toString();
            }
            Reply reply = exchange("", "catalog", "checkauth", null, null, null, null);
            return reply.status() == 401 ? null : reply.toString();
        });
    }

    @AfterAll
    static void stop() {
        if (tessera != null) {
            assertEquals(List.of(), tessera.serverErrors(), "no 5xx answer");
            tessera.close();
        }
    }

    // ---------------------------------------------------------------- HTTP of 1C

    /** A reply of the exchange endpoint. */
    record Reply(int status, String contentType, byte[] bytes) {
        String text() {
            return new String(bytes, contentType != null && contentType.contains("windows-1251")
                    ? java.nio.charset.Charset.forName("windows-1251") : StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + text();
        }
    }

    private static Reply exchange(String connection, String type, String mode, String filename, String authorization,
            String cookie, byte[] body) {
        StringBuilder query = new StringBuilder("?type=").append(type).append("&mode=").append(mode);
        if (filename != null) {
            query.append("&filename=").append(URLEncoder.encode(filename, StandardCharsets.UTF_8));
        }
        URI uri = URI.create("http://127.0.0.1:" + tessera.port() + "/exchange/1c"
                + (connection.isEmpty() ? "" : "/" + connection) + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
            assertFalse(reply.text().contains("<html") || reply.text().contains("<HTML"), "never an HTML page: " + reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A 1C session: checkauth and init, then requests with the cookie. */
    private static final class Session {
        final String connection;
        final String type;
        final String cookie;
        final String init;

        Session(String connection, String type) {
            this.connection = connection;
            this.type = type;
            Reply auth = exchange(connection, type, "checkauth", null, basic(tessera.adminUser(), tessera.adminPassword()),
                    null, null);
            assertEquals(200, auth.status(), auth::toString);
            String[] lines = auth.text().split("\n");
            assertEquals(3, lines.length, auth::toString);
            assertEquals("success", lines[0]);
            cookie = lines[1] + "=" + lines[2];
            init = call("init", null, null).text();
        }

        Reply call(String mode, String filename, byte[] body) {
            return exchange(connection, type, mode, filename, null, cookie, body);
        }

        String id() {
            return cookie.substring(cookie.indexOf('=') + 1);
        }

        /** Sends a file in chunks of the given size, each answered {@code success}. */
        void send(String filename, byte[] bytes, int chunk) {
            for (int at = 0; at < bytes.length; at += chunk) {
                Reply reply = call("file", filename, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk)));
                assertEquals("success", reply.text(), reply::toString);
            }
        }

        /** Repeats mode=import as 1C does until it is not {@code progress}; @return the replies */
        List<String> importFile(String filename) {
            List<String> replies = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                long begin = System.nanoTime();
                Reply reply = call("import", filename, null);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
                assertTrue(millis < 10_000, "an import request is answered at once, not after " + millis + " ms");
                assertEquals(200, reply.status(), reply::toString);
                replies.add(reply.text());
                if (!reply.text().startsWith("progress\n")) {
                    return replies;
                }
                sleep(100);
            }
            throw new AssertionError("the import of " + filename + " did not end: " + replies);
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void wrongPasswordNoPasswordUnknownModeAndType() {
        Reply wrong = exchange("", "catalog", "checkauth", null, basic(tessera.adminUser(), "not-the-password"), null,
                null);
        assertEquals(200, wrong.status());
        assertEquals("failure\nwrong login or password", wrong.text());
        assertTrue(wrong.contentType().startsWith("text/plain"), wrong::toString);
        Reply none = exchange("", "catalog", "checkauth", null, null, null, null);
        assertEquals(401, none.status());
        assertTrue(none.contentType().startsWith("text/plain"), none::toString);
        assertEquals("failure\nlogin and password required", none.text());
        assertEquals("failure\nnot authorised: call mode=checkauth first",
                exchange("", "catalog", "init", null, null, "tessera_1c_exchange=forged", null).text());
        assertEquals("failure\nno 1C connection named nowhere", exchange("nowhere", "catalog", "checkauth", null,
                basic(tessera.adminUser(), tessera.adminPassword()), null, null).text());
        Session session = new Session("", "catalog");
        assertEquals("failure\nunknown mode: explode", session.call("explode", null, null).text());
        assertEquals("failure\nunknown type: bogus (catalog or sale)",
                exchange("", "bogus", "init", null, null, session.cookie, null).text());
        assertEquals("success", session.call("deactivate", null, null).text());
        assertEquals("success", session.call("complete", null, null).text());
    }

    @Test
    @Order(2)
    void theCatalogSequenceWithoutZipInChunksAndTheSamePackageAgainAddsNothing() throws IOException {
        long productsBefore = total("/products");
        Session session = new Session("plain", "catalog");
        assertEquals("zip=no\nfile_limit=" + PLAIN_LIMIT, session.init);
        byte[] catalog = Files.readAllBytes(fixture("01_"));
        byte[] offers = Files.readAllBytes(fixture("02_"));
        assertTrue(catalog.length > 3 * PLAIN_LIMIT, "the catalog goes in several chunks");
        session.send("import0_1.xml", catalog, PLAIN_LIMIT);
        session.send("offers0_1.xml", offers, PLAIN_LIMIT);
        List<String> replies = session.importFile("import0_1.xml");
        assertTrue(replies.get(0).startsWith("progress\n"), replies::toString);
        assertEquals("success", replies.get(replies.size() - 1));
        assertEquals(List.of("success"), tail(session.importFile("offers0_1.xml")));
        assertEquals(productsBefore + 36, total("/products"), "the 36 products of import0_1.xml");

        Map<String, Object> log = tessera.get("/exchange1c/sessions/" + session.id()).map();
        Map<String, Object> imported = event(log, "import", "import0_1.xml");
        assertEquals("SUCCESS", imported.get("outcome"));
        assertEquals(36, counts(imported).get("products"));
        assertEquals(1 + 12 + 36, counts(imported).get("created"), "its group, properties and products");
        Map<String, Object> offersImported = event(log, "import", "offers0_1.xml");
        assertEquals(44, counts(offersImported).get("offers"));
        assertEquals(132, counts(offersImported).get("stockRows"));
        assertEquals(8, counts(offersImported).get("unknown"), "offers of products the package does not hold");

        // 1C sends the same package again: nothing new
        Session again = new Session("plain", "catalog");
        again.send("import0_1.xml", catalog, PLAIN_LIMIT);
        again.send("offers0_1.xml", offers, PLAIN_LIMIT);
        assertEquals("success", tail(again.importFile("import0_1.xml")).get(0));
        assertEquals("success", tail(again.importFile("offers0_1.xml")).get(0));
        assertEquals(productsBefore + 36, total("/products"), "the same package again: 0 new products");
        Map<String, Object> secondLog = tessera.get("/exchange1c/sessions/" + again.id()).map();
        assertEquals(null, counts(event(secondLog, "import", "import0_1.xml")).get("created"), "0 created");
        assertEquals(1 + 12 + 36, counts(event(secondLog, "import", "import0_1.xml")).get("skipped"));
        assertEquals(null, counts(event(secondLog, "import", "offers0_1.xml")).get("created"));
    }

    @Test
    @Order(3)
    void theCatalogSequenceWithZip() throws IOException {
        long productsBefore = total("/products");
        Session session = new Session("", "catalog");
        assertTrue(session.init.startsWith("zip=yes\nfile_limit="), session.init);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            zip.putNextEntry(new ZipEntry("import.xml"));
            zip.write(Files.readAllBytes(fixture("06_")));
            zip.putNextEntry(new ZipEntry("import_files/0a/0a1b.jpg"));
            zip.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        }
        session.send("v8_5F3A_1.zip", archive.toByteArray(), Integer.MAX_VALUE);
        assertEquals("success", tail(session.importFile("import.xml")).get(0));
        assertEquals(productsBefore + 2, total("/products"), "the 2 products of the zipped import.xml");
    }

    @Test
    @Order(4)
    void aBigFileAnswersProgressAndNoRequestWaitsForTheImport() {
        long productsBefore = total("/products");
        int products = 3000;
        byte[] big = generatedCatalog(products);
        Session session = new Session("plain", "catalog");
        session.send("import___big.xml", big, PLAIN_LIMIT * 64);
        List<String> replies = session.importFile("import___big.xml");
        assertEquals("success", tail(replies).get(0));
        assertTrue(replies.size() >= 3, "1C is told progress while the import runs: " + replies.size() + " replies");
        assertTrue(replies.subList(0, replies.size() - 1).stream().allMatch(r -> r.startsWith("progress\n")));
        assertEquals(productsBefore + products, total("/products"));
    }

    @Test
    @Order(5)
    void truncatedAndNonXmlFilesAreAFailureAndImportNothing() throws IOException {
        long productsBefore = total("/products");
        byte[] whole = Files.readAllBytes(fixture("03_"));
        Session session = new Session("plain", "catalog");
        session.send("import___cut.xml", Arrays.copyOf(whole, whole.length / 2), PLAIN_LIMIT * 64);
        session.send("offers___junk.xml", "this is not XML at all".getBytes(StandardCharsets.UTF_8), PLAIN_LIMIT);
        for (String file : List.of("import___cut.xml", "offers___junk.xml")) {
            String reply = tail(session.importFile(file)).get(0);
            assertTrue(reply.startsWith("failure\n"), reply);
            assertEquals(2, reply.split("\n").length, "failure and one line of reason: " + reply);
        }
        assertEquals(productsBefore, total("/products"), "nothing half-imported");
        Map<String, Object> log = tessera.get("/exchange1c/sessions/" + session.id()).map();
        assertEquals("FAILURE", event(log, "import", "import___cut.xml").get("outcome"));
        Map<String, Object> listed = tessera.get("/exchange1c/sessions?connection=plain&limit=500").items().stream()
                .filter(s -> s.get("id").equals(session.id())).findFirst().orElseThrow();
        assertEquals(2, ((Number) listed.get("failures")).intValue());
    }

    @Test
    @Order(6)
    void ordersQuerySuccessAndAStatusFrom1c() throws Exception {
        Map<String, Object> pipeline = tessera.post("/pipelines", Map.of("name", "1C orders", "stages", List.of(
                Map.of("id", "new", "name", "New", "kind", "OPEN", "probability", 10),
                Map.of("id", "invoice", "name", "Счёт", "kind", "OPEN", "probability", 60),
                Map.of("id", "won", "name", "Won", "kind", "WON", "probability", 100),
                Map.of("id", "lost", "name", "Lost", "kind", "LOST", "probability", 0)))).map();
        Map<String, Object> company = tessera.post("/companies", Map.of("name", "ООО Покупатель",
                "inn", "7707083893", "kpp", "773601001")).map();
        Map<String, Object> product = tessera.post("/products", Map.of("name", "Стол", "sku", "T-1",
                "price", 2500, "currency", "RUB")).map();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("productId", product.get("id"));
        line.put("quantity", 2);
        line.put("price", 2500);
        Map<String, Object> deal = tessera.post("/deals", Map.of("title", "Столы", "companyId", company.get("id"),
                "pipelineId", pipeline.get("id"), "stageId", "invoice", "lines", List.of(line))).map();
        String dealId = (String) deal.get("id");

        Session first = new Session("plain", "sale");
        Reply query = first.call("query", null, null);
        assertTrue(query.contentType().contains("windows-1251"), query::toString);
        assertEquals(List.of(dealId), orderIds(query.bytes()));
        Session second = new Session("plain", "sale");
        assertEquals(List.of(dealId), orderIds(second.call("query", null, null).bytes()),
                "not confirmed by mode=success: offered again");
        assertEquals("success", second.call("success", null, null).text());
        assertEquals(List.of(), orderIds(new Session("plain", "sale").call("query", null, null).bytes()),
                "confirmed: never sent twice");

        // 1C cancels the order and sends it back
        String sent = new String(query.bytes(), "windows-1251");
        assertTrue(sent.startsWith("<?xml version=\"1.0\" encoding=\"windows-1251\""), sent);
        assertFalse(sent.contains("&#"), "Cyrillic as windows-1251 bytes, not character references");
        String cancelled = sent.replace("<Наименование>Отменен</Наименование><Значение>false</Значение>",
                "<Наименование>Отменен</Наименование><Значение>true</Значение>");
        assertTrue(cancelled.contains("<Значение>true</Значение>"), "the test cancelled the order");
        Session back = new Session("plain", "sale");
        back.send("documents___" + dealId + ".xml", cancelled.getBytes("windows-1251"), PLAIN_LIMIT);
        Map<String, Object> moved = tessera.get("/deals/" + dealId).map();
        assertEquals("lost", moved.get("stageId"), "cancelled in 1C: lost in Tessera");
        Map<String, Object> log = tessera.get("/exchange1c/sessions/" + back.id()).map();
        assertEquals(1, counts(event(log, "import", "documents___" + dealId + ".xml")).get("dealsUpdated"));
    }

    @Test
    @Order(7)
    void theConflictQueueAndTheConsolePageAreServed() {
        ApiResponse conflicts = tessera.get("/exchange1c/conflicts?resolved=false");
        assertEquals(200, conflicts.status(), conflicts::toString);
        ApiResponse bad = tessera.get("/exchange1c/conflicts?resolved=maybe");
        assertEquals(400, bad.status(), bad::toString);
        assertTrue(bad.isProblem(), bad::toString);
        ApiResponse resolution = tessera.post("/exchange1c/conflicts/resolutions",
                Map.of("connection", "plain", "counterpartyId", "nobody", "create", true));
        assertEquals(404, resolution.status(), resolution::toString);
        ApiResponse pages = tessera.get("/console/pages");
        assertTrue(pages.body().contains("exchange1c.exchange"), pages::toString);
        ApiResponse script = tessera.get("/console/pages/exchange1c.exchange/script");
        assertEquals(200, script.status(), script::toString);
        assertTrue(script.body().contains("export async function render(element, kit)"));
    }

    @Test
    @Order(8)
    void usersWithTheExchangeRoleMayExchangeOthersMayNot() {
        ApiResponse roles = tessera.get("/roles");
        assertEquals(200, roles.status(), roles::toString);
        assertTrue(roles.body().contains("\"exchange1c\""), "the plugin's role is offered: " + roles.body());
        String bookkeeper = createUser("bookkeeper1c", "exchange1c");
        String clerk = createUser("clerk1c", "manager");
        Reply allowed = exchange("plain", "sale", "checkauth", null, basic("bookkeeper1c", bookkeeper), null, null);
        assertTrue(allowed.text().startsWith("success\ntessera_1c_exchange\n"), allowed::toString);
        Reply refused = exchange("plain", "sale", "checkauth", null, basic("clerk1c", clerk), null, null);
        assertEquals("failure\nuser clerk1c may not exchange with 1C (needs the role exchange1c or administrator)",
                refused.text());
        ApiResponse log = tessera.request("GET", "/exchange1c/sessions").as("clerk1c", clerk).send();
        assertEquals(403, log.status(), "the exchange log is for administrators and the exchange role: " + log);
        assertTrue(log.body().contains("exchange1c"), log::toString);
        ApiResponse ownLog = tessera.request("GET", "/exchange1c/sessions").as("bookkeeper1c", bookkeeper).send();
        assertEquals(200, ownLog.status(), ownLog::toString);
    }

    @Test
    @Order(9)
    void stockGoesIntoTheWarehousePluginOnceItIsInstalled() throws IOException {
        ApiResponse installed = tessera.post("/platform/features", Map.of("name", "tessera-warehouse"));
        assertEquals(200, installed.status(), installed::toString);
        await("the warehouse plugin answers", () -> {
            ApiResponse answer = tessera.get("/warehouse/warehouses");
            return answer.status() == 200 ? null : answer.toString();
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Склад 1С");
        body.put("allowNegative", false);
        String warehouse = tessera.post("/warehouse/warehouses", body).string("id");
        assertNotNull(warehouse);
        // a connection mapping 1C's warehouse W-MAIN to it, saved while Tessera runs (W-FAR stays unmapped)
        Files.writeString(tessera.home().resolve("etc/org.tesseracrm.plugin.exchange1c.connection-stock.cfg"),
                "name = stock\nzip = false\nwarehouses = W-MAIN=" + warehouse + "\n", StandardCharsets.UTF_8);
        await("the stock connection", () -> {
            ApiResponse connections = tessera.get("/exchange1c/connections");
            return connections.body().contains(warehouse) ? null : connections.toString();
        });

        Session session = new Session("stock", "catalog");
        String product = "a5c1e2f0-0000-4000-8000-00000000stck";
        session.send("import.xml", catalog(product, "Zyxstock стеллаж"), PLAIN_LIMIT);
        assertEquals("success", tail(session.importFile("import.xml")).get(0));
        List<Map<String, Object>> found = tessera.get("/products?q=zyxstock").items();
        assertEquals(1, found.size(), found::toString);
        String productId = (String) found.get(0).get("id");
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("productId", productId);
        line.put("quantity", 10);
        line.put("price", 100);
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("kind", "RECEIPT");
        receipt.put("warehouseId", warehouse);
        receipt.put("lines", List.of(line));
        ApiResponse document = tessera.post("/warehouse/documents", receipt);
        assertEquals(201, document.status(), document::toString);
        ApiResponse posted = tessera.post("/warehouse/documents/" + document.string("id") + "/post", Map.of());
        assertEquals(200, posted.status(), posted::toString);
        assertEquals(0, new java.math.BigDecimal("10").compareTo(onHand(productId, warehouse)));

        // 1C says 3 are left in W-MAIN (and 5 in W-FAR): the warehouse issues 7
        session.send("offers.xml", offers(product, "3", "5"), PLAIN_LIMIT);
        assertEquals("success", tail(session.importFile("offers.xml")).get(0));
        assertEquals(0, new java.math.BigDecimal("3").compareTo(onHand(productId, warehouse)));
        Map<String, Integer> counts = counts(event(tessera.get("/exchange1c/sessions/" + session.id()).map(), "import",
                "offers.xml"));
        assertEquals(1, counts.get("stockPosted"), counts::toString);
        assertEquals(1, counts.get("stockKept"), "the unmapped warehouse: " + counts);

        // 1C says 8: the warehouse receives 5 at its average cost, so the valuation stays at 100 a unit
        Session again = new Session("stock", "catalog");
        again.send("offers.xml", offers(product, "8", "5"), PLAIN_LIMIT);
        assertEquals("success", tail(again.importFile("offers.xml")).get(0));
        assertEquals(0, new java.math.BigDecimal("8").compareTo(onHand(productId, warehouse)));
        Map<String, Integer> raised = counts(event(tessera.get("/exchange1c/sessions/" + again.id()).map(), "import",
                "offers.xml"));
        assertEquals(1, raised.get("stockPosted"), raised::toString); // W-FAR's 5 did not change
        List<Map<String, Object>> row = tessera.get("/warehouse/stock?productId=" + productId + "&warehouseId="
                + warehouse).items();
        assertEquals(0, new java.math.BigDecimal("100").compareTo(
                new java.math.BigDecimal(String.valueOf(row.get(0).get("averageCost")))), row::toString);
    }

    // ---------------------------------------------------------------- helpers

    @Test
    @Order(10)
    void aConnectionThatSaysSoDeletesWhatAFullCatalogOmitsAfter1cEndsThePackage() throws IOException {
        Files.writeString(tessera.home().resolve("etc/org.tesseracrm.plugin.exchange1c.connection-mirror.cfg"),
                "name = mirror\nzip = false\ndeleteOmitted = true\n", StandardCharsets.UTF_8);
        await("the mirror connection", () -> {
            ApiResponse connections = tessera.get("/exchange1c/connections");
            // the only connection that deletes what a full catalog omits
            return connections.body().contains("\"name\":\"mirror\"")
                    && connections.body().contains("\"deleteOmitted\":true") ? null : connections.toString();
        });
        assertEquals(3, fullPackage("Zyxmirror-A", "Zyxmirror-B", "Zyxmirror-C").size());

        Session shorter = new Session("mirror", "catalog");
        shorter.send("import.xml", fullCatalog("Zyxmirror-A", "Zyxmirror-B"), PLAIN_LIMIT);
        assertEquals("success", tail(shorter.importFile("import.xml")).get(0));
        assertEquals(3, tessera.get("/products?q=zyxmirror").items().size(), "nothing is deleted before 1C ends");
        assertEquals("success", shorter.call("deactivate", null, null).text());
        assertEquals("success", shorter.call("complete", null, null).text());

        List<Map<String, Object>> live = tessera.get("/products?q=zyxmirror").items();
        assertEquals(List.of("Zyxmirror-A", "Zyxmirror-B"), live.stream().map(p -> (String) p.get("name")).sorted()
                .toList());
        List<Map<String, Object>> binned = tessera.get("/products?q=zyxmirror&deleted=true").items();
        assertEquals(List.of("Zyxmirror-C"), binned.stream().map(p -> (String) p.get("name")).toList(),
                "the omitted product is in the recycle bin, once");
        String log = tessera.get("/exchange1c/sessions/" + shorter.id()).body();
        assertTrue(log.contains("1 products missing from the full catalog deleted to the recycle bin"), log);

        assertEquals(3, fullPackage("Zyxmirror-A", "Zyxmirror-B", "Zyxmirror-C").size(),
                "listed again: restored, not duplicated");
        assertEquals(List.of(), tessera.get("/products?q=zyxmirror&deleted=true").items());
    }

    /** Sends a full catalog of these products in a session of its own, ends it; @return the live products */
    private static List<Map<String, Object>> fullPackage(String... names) {
        Session session = new Session("mirror", "catalog");
        session.send("import.xml", fullCatalog(names), PLAIN_LIMIT);
        assertEquals("success", tail(session.importFile("import.xml")).get(0));
        assertEquals("success", session.call("deactivate", null, null).text());
        return tessera.get("/products?q=zyxmirror").items();
    }

    private static byte[] fullCatalog(String... names) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация "
                + "ВерсияСхемы=\"2.10\"><Каталог СодержитТолькоИзменения=\"false\"><Ид>m</Ид><Наименование>m"
                + "</Наименование><Товары>");
        for (String name : names) {
            xml.append("<Товар><Ид>mirror-").append(name).append("</Ид><Наименование>").append(name)
                    .append("</Наименование></Товар>");
        }
        return xml.append("</Товары></Каталог></КоммерческаяИнформация>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static java.math.BigDecimal onHand(String productId, String warehouseId) {
        List<Map<String, Object>> stock = tessera.get("/warehouse/stock?productId=" + productId + "&warehouseId="
                + warehouseId).items();
        assertEquals(1, stock.size(), stock::toString);
        return new java.math.BigDecimal(String.valueOf(stock.get(0).get("onHand")));
    }

    private static byte[] catalog(String productId, String name) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация ВерсияСхемы=\"2.08\">"
                + "<Каталог><Ид>c</Ид><Наименование>c</Наименование><Товары><Товар><Ид>" + productId + "</Ид>"
                + "<Наименование>" + name + "</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] offers(String productId, String main, String far) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация ВерсияСхемы=\"2.10\">"
                + "<ПакетПредложений><Ид>o</Ид><Наименование>o</Наименование><Предложения><Предложение><Ид>"
                + productId + "</Ид><Наименование>x</Наименование><Остатки><Остаток><Склад><Ид>W-MAIN</Ид>"
                + "<Количество>" + main + "</Количество></Склад></Остаток><Остаток><Склад><Ид>W-FAR</Ид><Количество>"
                + far + "</Количество></Склад></Остаток></Остатки></Предложение></Предложения></ПакетПредложений>"
                + "</КоммерческаяИнформация>").getBytes(StandardCharsets.UTF_8);
    }

    /** @return the generated password of a new user with one role */
    private static String createUser(String username, String role) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("displayName", username);
        user.put("roles", List.of(role));
        ApiResponse created = tessera.post("/users", user);
        assertEquals(201, created.status(), created::toString);
        return created.string("generatedPassword");
    }

    private static List<String> orderIds(byte[] document) throws Exception {
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(document));
        assertEquals("КоммерческаяИнформация", xml.getDocumentElement().getTagName());
        List<String> ids = new ArrayList<>();
        NodeList documents = xml.getDocumentElement().getElementsByTagName("Документ");
        for (int i = 0; i < documents.getLength(); i++) {
            Element d = (Element) documents.item(i);
            ids.add(d.getElementsByTagName("Ид").item(0).getTextContent());
        }
        return ids;
    }

    private static byte[] generatedCatalog(int products) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<КоммерческаяИнформация ВерсияСхемы=\"2.10\" ДатаФормирования=\"2026-11-23T10:00:00\">"
                + "<Каталог СодержитТолькоИзменения=\"false\"><Ид>big</Ид><Наименование>Big</Наименование><Товары>");
        for (int i = 0; i < products; i++) {
            xml.append("<Товар><Ид>00000000-0000-0000-0000-").append(String.format("%012d", i)).append("</Ид>")
                    .append("<Артикул>BIG-").append(i).append("</Артикул><Наименование>Товар ").append(i)
                    .append("</Наименование><БазоваяЕдиница Код=\"796 \">шт</БазоваяЕдиница></Товар>");
        }
        xml.append("</Товары></Каталог></КоммерческаяИнформация>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long total(String path) {
        ApiResponse page = tessera.get(path + "?limit=1");
        assertEquals(200, page.status(), page::toString);
        return page.total();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, Object> log, String mode, String filename) {
        return ((List<Map<String, Object>>) log.get("events")).stream()
                .filter(e -> mode.equals(e.get("mode")) && filename.equals(e.get("filename"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + mode + " of " + filename + " in " + log));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> counts(Map<String, Object> event) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ((Map<String, Object>) event.get("counts")).forEach((k, v) -> counts.put(k, ((Number) v).intValue()));
        return counts;
    }

    private static List<String> tail(List<String> replies) {
        return List.of(replies.get(replies.size() - 1));
    }

    private static Path fixture(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(fixtures)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no fixture " + prefix + "* in " + fixtures));
        }
    }

    /** The real 1C files: {@code tessera.fixtures.commerceml}, else {@code shared/fixtures/commerceml} beside a parent. */
    private static Path fixtures() {
        String configured = System.getProperty("tessera.fixtures.commerceml");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/fixtures/commerceml"),
                    dir.resolveSibling("shared").resolve("fixtures/commerceml"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("no fixtures/commerceml folder found above " + Path.of("").toAbsolutePath());
    }

    private static void await(String what, Callable<String> probe) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
            } catch (Exception e) {
                last = e.toString();
            }
            if (last == null) {
                return;
            }
            sleep(200);
        }
        fail("waited " + DEADLINE.toSeconds() + " s for " + what + "; last: " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
