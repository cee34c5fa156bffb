package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.tesseracrm.assembly.Answers.containsAll;
import static org.tesseracrm.assembly.Answers.etagIsVersion;
import static org.tesseracrm.assembly.Answers.ids;
import static org.tesseracrm.assembly.Answers.json;
import static org.tesseracrm.assembly.Answers.sameRecord;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * Boots the distribution once and works every core resource over HTTP with Basic authentication:
 * create, read, list (filter, search, sort), update with {@code If-Match}, soft delete and restore, each
 * with its audit entries; then a matrix of bad requests per resource, each answered with the right 4xx
 * {@code application/problem+json} naming the field, and none of them changing anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrudIT {
    private static final String UNKNOWN_ID = UUID.randomUUID().toString();

    private static TesseraDistribution tessera;
    private static final Answers answers = new Answers();
    /** Ids of the records created by the CRUD tests, by resource path; the later records refer to them. */
    private static final Map<String, String> created = new ConcurrentHashMap<>();
    private static int badRequests;
    private static long startMillis;

    /** What the tests need to know about one REST resource. */
    private record Resource(String path, String entity, UnaryOperator<Map<String, Object>> valid,
            String updateField, Object updateValue, String filterField, String search, String textField,
            int maxLength, List<Bad> bad) {
        Map<String, Object> body() {
            return valid.apply(new LinkedHashMap<>());
        }
    }

    /** A body that differs from a valid one in one way, and the problem it must get. */
    private record Bad(String what, UnaryOperator<Map<String, Object>> change, int status, String slug, String field) {
        static Bad invalid(String what, String field, UnaryOperator<Map<String, Object>> change) {
            return new Bad(what, change, 400, "invalid-field", field);
        }
    }

    private static final List<Resource> RESOURCES = List.of(
            new Resource("/companies", "company", body -> put(body,
                    "name", "Qwertyco", "legalName", "Qwertyco LLC", "inn", "7707083893", "kpp", "773601001",
                    "addresses", List.of(put(new LinkedHashMap<>(), "kind", "legal", "line", "Tverskaya 1",
                            "city", "Moscow", "postalCode", "125009", "country", "RU")),
                    "bankAccounts", List.of(put(new LinkedHashMap<>(), "number", "40702810938000000001",
                            "bik", "044525225", "bankName", "Sberbank", "correspondentAccount",
                            "30101810400000000225")),
                    "phones", List.of("+7 495 000-00-00"), "emails", List.of("info@qwertyco.example"),
                    "website", "https://qwertyco.example", "notes", "key account"),
                    "website", "https://www.qwertyco.example", "inn", "qwer", "name", 200, List.of(
                            Bad.invalid("INN of 3 digits", "inn", b -> put(b, "inn", "123")),
                            Bad.invalid("KPP of letters", "kpp", b -> put(b, "kpp", "ABCDEFGHI")),
                            Bad.invalid("addresses as text", "addresses", b -> put(b, "addresses", "Moscow")),
                            Bad.invalid("over-long city", "addresses[0].city", b -> put(b, "addresses",
                                    List.of(Map.of("city", "m".repeat(101))))),
                            Bad.invalid("bank account without a number", "bankAccounts[0].number", b -> put(b,
                                    "bankAccounts", List.of(Map.of("bik", "044525225")))),
                            Bad.invalid("bank account number as object", "bankAccounts[0].number", b -> put(b,
                                    "bankAccounts", List.of(Map.of("number", Map.of("n", 1))))),
                            Bad.invalid("phone of letters", "phones[0]", b -> put(b, "phones", List.of("call me"))),
                            Bad.invalid("website as number", "website", b -> put(b, "website", 42)))),
            new Resource("/contacts", "contact", body -> put(body,
                    "firstName", "Anna", "middleName", "Sergeevna", "lastName", "Zyxwvuts",
                    "emails", List.of("anna.zyxwvuts@example.com"), "phones", List.of("+7 495 123-45-67"),
                    "position", "Buyer", "companyId", created.get("/companies"), "tags", List.of("vip"),
                    "notes", "met at the expo"),
                    "position", "Head of purchasing", "lastName", "zyxw", "lastName", 100, List.of(
                            Bad.invalid("e-mails as text", "emails", b -> put(b, "emails", "anna@example.com")),
                            Bad.invalid("malformed e-mail", "emails[0]", b -> put(b, "emails", List.of("anna"))),
                            Bad.invalid("phone of letters", "phones[0]", b -> put(b, "phones", List.of("call me"))),
                            Bad.invalid("unknown company", "companyId", b -> put(b, "companyId", UNKNOWN_ID)),
                            Bad.invalid("tag as number", "tags[0]", b -> put(b, "tags", List.of(7))),
                            Bad.invalid("NUL in a name", "firstName", b -> put(b, "firstName", "An\u0000na")))),
            new Resource("/pipelines", "pipeline", body -> put(body,
                    "name", "Partner funnel", "stages", List.of(
                            stage("new", "New", "OPEN", 10), stage("signed", "Signed", "WON", 100),
                            stage("gone", "Gone", "LOST", 0))),
                    "name", "Partner funnel (2027)", "name", null, "name", 100, List.of(
                            Bad.invalid("no stages", "stages", b -> without(b, "stages")),
                            Bad.invalid("stages as text", "stages", b -> put(b, "stages", "New, Won")),
                            Bad.invalid("no open stage", "stages", b -> put(b, "stages",
                                    List.of(stage("won", "Won", "WON", 100)))),
                            Bad.invalid("unknown stage kind", "stages[0].kind", b -> put(b, "stages",
                                    List.of(stage("new", "New", "MAYBE", 10)))),
                            Bad.invalid("stage id twice", "stages[1].id", b -> put(b, "stages",
                                    List.of(stage("new", "New", "OPEN", 10), stage("new", "Old", "OPEN", 20)))),
                            Bad.invalid("probability 101", "stages[0].probability", b -> put(b, "stages",
                                    List.of(stage("new", "New", "OPEN", 101)))))),
            new Resource("/products", "product", body -> put(body,
                    "name", "Plumbus", "sku", "PLB-001", "barcode", "4600000000001", "unit", "pcs",
                    "description", "everyone has one", "price", new java.math.BigDecimal("1250.50"),
                    "currency", "RUB", "active", true),
                    "price", new java.math.BigDecimal("1300"), "sku", "plum", "name", 200, List.of(
                            Bad.invalid("price as text", "price", b -> put(b, "price", "cheap")),
                            Bad.invalid("negative price", "price", b -> put(b, "price", -1)),
                            Bad.invalid("price with 9 decimals", "price", b -> put(b, "price",
                                    new java.math.BigDecimal("1.123456789"))),
                            Bad.invalid("currency in lower case", "currency", b -> put(b, "currency", "rub")),
                            Bad.invalid("active as text", "active", b -> put(b, "active", "yes")))),
            new Resource("/price-lists", "pricelist", body -> put(body,
                    "name", "Wholesale", "currency", "RUB", "items", List.of(put(new LinkedHashMap<>(),
                            "productId", created.get("/products"), "price", new java.math.BigDecimal("1100.00")))),
                    "name", "Wholesale 2027", "currency", "whole", "name", 100, List.of(
                            Bad.invalid("no currency", "currency", b -> without(b, "currency")),
                            Bad.invalid("items as object", "items", b -> put(b, "items", Map.of("price", 1))),
                            Bad.invalid("unknown product", "items[0].productId", b -> put(b, "items",
                                    List.of(Map.of("productId", UNKNOWN_ID, "price", 1)))),
                            Bad.invalid("item without price", "items[0].price", b -> put(b, "items",
                                    List.of(Map.of("productId", created.get("/products"))))))),
            new Resource("/deals", "deal", body -> put(body,
                    "title", "Plumbus supply", "companyId", created.get("/companies"),
                    "contactId", created.get("/contacts"), "currency", "RUB",
                    "pipelineId", created.get("/pipelines"), "stageId", "new", "probability", 20,
                    "expectedClose", "2027-03-31", "lines", List.of(put(new LinkedHashMap<>(),
                            "productId", created.get("/products"), "description", "ten plumbuses",
                            "quantity", 10, "price", new java.math.BigDecimal("1250.50"), "discount", 5)),
                    "notes", "needs a discount"),
                    "title", "Plumbus supply, signed", "stageId", "plumbus", "title", 200, List.of(
                            Bad.invalid("amount as text", "amount", b -> put(b, "amount", "lots")),
                            Bad.invalid("probability 101", "probability", b -> put(b, "probability", 101)),
                            Bad.invalid("probability with decimals", "probability", b -> put(b, "probability", 2.5)),
                            Bad.invalid("unknown stage", "stageId", b -> put(b, "stageId", "nowhere")),
                            Bad.invalid("unknown company", "companyId", b -> put(b, "companyId", UNKNOWN_ID)),
                            Bad.invalid("line without quantity", "lines[0].quantity", b -> put(b, "lines",
                                    List.of(Map.of("price", 1)))),
                            Bad.invalid("date as text", "expectedClose", b -> put(b, "expectedClose", "soon")))),
            new Resource("/activities", "activity", body -> put(body,
                    "type", "MEETING", "subject", "Plumbus demo", "dueAt", "2027-01-15T10:30:00Z",
                    "done", false, "contactId", created.get("/contacts"),
                    "companyId", created.get("/companies"), "dealId", created.get("/deals"),
                    "notes", "bring samples"),
                    "done", true, "type", "plumbus", "subject", 200, List.of(
                            Bad.invalid("no type", "type", b -> without(b, "type")),
                            Bad.invalid("unknown type", "type", b -> put(b, "type", "PARTY")),
                            Bad.invalid("type as number", "type", b -> put(b, "type", 1)),
                            Bad.invalid("time as text", "dueAt", b -> put(b, "dueAt", "tomorrow")),
                            Bad.invalid("done as text", "done", b -> put(b, "done", "yes")),
                            Bad.invalid("unknown deal", "dealId", b -> put(b, "dealId", UNKNOWN_ID)))));

    @BeforeAll
    static void boot() {
        startMillis = System.currentTimeMillis();
        tessera = TesseraDistribution.unpack(CrudIT.class.getSimpleName()).start();
    }

    @AfterAll
    static void shutDown() {
        if (tessera == null) {
            return;
        }
        try {
            System.out.printf("[CrudIT] %d requests, %d records created over %d resources, %d bad requests,"
                    + " %d problem answers checked, %d server errors, %.1f s%n", tessera.requestCount(),
                    created.size(), RESOURCES.size(), badRequests, answers.problemsChecked(),
                    tessera.serverErrors().size(), (System.currentTimeMillis() - startMillis) / 1000.0);
        } finally {
            tessera.close();
        }
    }

    @Test
    @Order(1)
    void platformReportsTheStandardEditionOnDerby() {
        Map<String, Object> platform = json(tessera.get("/platform"), 200);
        assertEquals("standard", platform.get("edition"), platform::toString);
        assertEquals("derby", platform.get("database"), platform::toString);
        assertNotNull(platform.get("version"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bundles = (List<Map<String, Object>>) platform.get("bundles");
        List<Object> names = bundles.stream().map(b -> b.get("symbolicName")).toList();
        for (String bundle : List.of("org.tesseracrm.api", "org.tesseracrm.platform", "org.tesseracrm.core")) {
            assertTrue(names.contains(bundle), () -> bundle + " is not reported: " + platform);
        }
        for (Map<String, Object> bundle : bundles) {
            assertEquals("active", bundle.get("state"), () -> "bundle " + bundle);
            if (bundle.containsKey("schemaState")) {
                assertEquals("active", bundle.get("schemaState"), () -> "schema of " + bundle);
            }
        }
    }

    @Test
    @Order(2)
    void httpListensOnLoopbackOnly() throws IOException {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst();
        if (external.isEmpty()) {
            System.out.println("[CrudIT] no non-loopback address to check the binding against");
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), tessera.port()), 2000);
            fail("Tessera answers on " + external.get() + ":" + tessera.port() + ", not only on 127.0.0.1");
        } catch (ConnectException | NoRouteToHostException | SocketTimeoutException expected) {
            // refused: bound to loopback only
        }
    }

    @Test
    @Order(3)
    void requestsWithoutRightCredentialsGet401AndChangeNothing() {
        Map<String, Long> before = totals();
        long loginsBefore = loginsAudited();
        String wrongPassword = tessera.adminPassword() + "x";
        // a name is throttled (429) after five failures (SecurityIT), so each resource is tried with another name
        for (Resource resource : RESOURCES) {
            answers.unauthorized(tessera.request("GET", resource.path()).anonymous().send());
            answers.unauthorized(tessera.request("GET", resource.path())
                    .as("guess" + resource.path().replace('/', '-'), wrongPassword).send());
        }
        answers.unauthorized(tessera.request("GET", "/platform").anonymous().send());
        answers.unauthorized(tessera.request("GET", "/audit").anonymous().send());
        answers.unauthorized(tessera.request("GET", "/contacts").as("nobody", "secret").send());
        answers.unauthorized(tessera.request("GET", "/contacts").as("admin", "").send());
        answers.unauthorized(tessera.request("GET", "/contacts").authorization("Basic !!not-base64!!").send());
        answers.unauthorized(tessera.request("GET", "/contacts").authorization("Bearer abc.def.ghi").send());
        answers.unauthorized(tessera.request("POST", "/contacts").anonymous()
                .json(Map.of("lastName", "Intruder")).send());
        answers.unauthorized(tessera.request("POST", "/contacts").as("admin", wrongPassword)
                .json(Map.of("lastName", "Intruder")).send());
        answers.unauthorized(tessera.request("DELETE", "/pipelines/00000000-0000-0000-0000-000000000001")
                .anonymous().send());
        assertEquals(before, totals(), "requests without valid credentials changed data");
        // each of the 10 attempts with a name (7 guesses, nobody, admin twice) is audited as a failed login
        ApiResponse failures = tessera.get("/audit?entity=user&limit=10");
        json(failures, 200);
        assertTrue(loginsAudited() >= loginsBefore + 10, "failed logins are audited");
        assertEquals(10, ((List<?>) failures.map().get("items")).stream()
                .filter(e -> "LOGIN_FAILED".equals(((Map<?, ?>) e).get("action"))).count());
    }

    @Test
    @Order(10)
    void companies() {
        crud(resource("/companies"));
    }

    @Test
    @Order(11)
    void contacts() {
        crud(resource("/contacts"));
    }

    @Test
    @Order(12)
    void pipelines() {
        crud(resource("/pipelines"));
    }

    @Test
    @Order(13)
    void products() {
        crud(resource("/products"));
    }

    @Test
    @Order(14)
    void priceLists() {
        crud(resource("/price-lists"));
    }

    @Test
    @Order(15)
    void deals() {
        Map<String, Object> deal = crud(resource("/deals"));
        // 10 × 1250.50 − 5 %: computed from the lines because no amount was sent
        containsAll(new java.math.BigDecimal("11879.75"), deal.get("amount"), "deal.amount");
    }

    @Test
    @Order(16)
    void activities() {
        crud(resource("/activities"));
    }

    /**
     * Per resource: the bad requests, then a check that none of them changed the resource, any other
     * resource or the audit log.
     */
    @TestFactory
    @Order(20)
    Stream<DynamicNode> badRequestsGetProblemsAndChangeNothing() {
        return RESOURCES.stream().map(resource -> {
            Map<String, Object> snapshot = new ConcurrentHashMap<>();
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(dynamicTest("snapshot", () -> {
                String id = created.get(resource.path());
                assertNotNull(id, "the CRUD test of " + resource.path() + " created no record");
                snapshot.put("totals", totals());
                ApiResponse record = tessera.get(resource.path() + "/" + id);
                snapshot.put("record", json(record, 200));
                snapshot.put("etag", record.etag());
            }));
            for (BadRequest bad : badRequests(resource, snapshot)) {
                tests.add(dynamicTest(bad.name(), () -> {
                    badRequests++;
                    answers.problem(bad.send().get(), bad.status(), bad.slug(), bad.field());
                }));
            }
            tests.add(dynamicTest("nothing changed", () -> {
                assertEquals(snapshot.get("totals"), totals(), "a bad request changed the data or the audit log");
                ApiResponse record = tessera.get(resource.path() + "/" + created.get(resource.path()));
                assertEquals(snapshot.get("record"), json(record, 200), "a bad request changed the record");
                assertEquals(snapshot.get("etag"), record.etag());
            }));
            return dynamicContainer(resource.path(), tests);
        });
    }

    @Test
    @Order(30)
    void unknownPathsAndMethodsGetProblems() {
        Map<String, Long> before = totals();
        answers.problem(tessera.get("/no-such-resource"), 404, "not-found", null);
        answers.problem(tessera.request("PATCH", "/contacts/" + created.get("/contacts"))
                .json(Map.of("lastName", "Patched")).send(), 405, "method-not-allowed", null);
        answers.problem(tessera.request("POST", "/contacts").json("{\"lastName\":\"" + "x".repeat(1_100_000) + "\"}")
                .send(), 413, "payload-too-large", null);
        assertEquals(before, totals());
    }

    @Test
    @Order(99)
    void noServerErrorAndNoErrorInTheLog() {
        assertEquals(List.of(), tessera.serverErrors(), "answers with status 500 or more");
        assertEquals(List.of(), tessera.logErrors(), "ERROR lines in " + tessera.karafLog());
    }

    // ------------------------------------------------------------------ CRUD of one resource

    private static Map<String, Object> crud(Resource resource) {
        String path = resource.path();
        Map<String, Long> before = totals();
        Map<String, Object> body = resource.body();

        ApiResponse createdAnswer = tessera.post(path, body);
        Map<String, Object> record = json(createdAnswer, 201);
        containsAll(body, record, resource.entity());
        String id = (String) record.get("id");
        assertNotNull(id, () -> "no id in " + createdAnswer);
        assertEquals(tessera.apiUri() + path + "/" + id, createdAnswer.location().orElse(null),
                () -> "Location of " + createdAnswer);
        etagIsVersion(createdAnswer, 1);
        assertEquals("admin", record.get("createdBy"));
        assertNotNull(record.get("createdAt"));
        assertEquals(null, record.get("deletedAt"));

        ApiResponse read = tessera.get(createdAnswer.location().get());
        sameRecord(record, json(read, 200), "GET answers what POST answered");
        etagIsVersion(read, 1);

        Object filterValue = body.get(resource.filterField());
        ApiResponse filtered = tessera.get(path + "?" + resource.filterField() + "="
                + URLEncoder.encode(String.valueOf(filterValue), StandardCharsets.UTF_8) + "&limit=10");
        json(filtered, 200);
        assertTrue(ids(filtered).contains(id), () -> "filter " + resource.filterField() + " misses it: " + filtered);
        assertEquals(10L, filtered.map().get("limit"));
        assertEquals(0L, filtered.map().get("offset"));
        if (resource.search() != null) {
            ApiResponse found = tessera.get(path + "?q=" + resource.search().toUpperCase());
            json(found, 200);
            assertTrue(ids(found).contains(id), () -> "search '" + resource.search() + "' misses it: " + found);
        }
        ApiResponse newest = tessera.get(path + "?sort=-createdAt&limit=1");
        assertEquals(List.of(id), ids(newest), () -> "sort=-createdAt: " + newest);
        assertEquals(before.get(path) + 1, newest.total(), () -> "total after create: " + newest);

        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(resource.updateField(), resource.updateValue());
        ApiResponse updated = tessera.put(path + "/" + id, "\"1\"", changed);
        Map<String, Object> updatedRecord = json(updated, 200);
        containsAll(changed, updatedRecord, resource.entity());
        etagIsVersion(updated, 2);
        sameRecord(updatedRecord, json(tessera.get(path + "/" + id), 200), "GET after PUT");

        ApiResponse again = tessera.put(path + "/" + id, "\"2\"", changed);
        sameRecord(updatedRecord, json(again, 200), "the same content again changes nothing");
        etagIsVersion(again, 2);

        ApiResponse deleted = tessera.delete(path + "/" + id, "\"2\"");
        assertEquals(204, deleted.status(), deleted::toString);
        answers.problem(tessera.get(path + "/" + id), 404, "not-found", null);
        answers.problem(tessera.put(path + "/" + id, "\"3\"", changed), 404, "not-found", null);
        answers.problem(tessera.delete(path + "/" + id, null), 404, "not-found", null);
        assertFalse(ids(tessera.get(path + "?limit=500")).contains(id), "a deleted record is listed");
        assertTrue(ids(tessera.get(path + "?deleted=true&limit=500")).contains(id), "not in the recycle bin");

        ApiResponse restored = tessera.request("POST", path + "/" + id + "/restore").send();
        Map<String, Object> restoredRecord = json(restored, 200);
        etagIsVersion(restored, 4);
        assertEquals(null, restoredRecord.get("deletedAt"));
        containsAll(changed, restoredRecord, resource.entity());
        sameRecord(restoredRecord, json(tessera.get(path + "/" + id), 200), "GET after restore");

        ApiResponse audit = tessera.get("/audit?entity=" + resource.entity() + "&id=" + id);
        List<Map<String, Object>> entries = audit.items();
        assertEquals(List.of("RESTORED", "DELETED", "UPDATED", "CREATED"),
                entries.stream().map(e -> e.get("action")).toList(), () -> "audit of " + id + ": " + audit);
        for (Map<String, Object> entry : entries) {
            assertEquals("admin", entry.get("actor"), entry::toString);
            assertEquals(resource.entity(), entry.get("entity"), entry::toString);
            assertEquals(id, entry.get("entityId"), entry::toString);
            assertNotNull(entry.get("at"), entry::toString);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> changes = (Map<String, Map<String, Object>>) entries.get(2).get("changes");
        assertTrue(changes.containsKey(resource.updateField()), () -> "update not audited: " + entries.get(2));
        sameValue(body.get(resource.updateField()), changes.get(resource.updateField()).get("oldValue"));
        sameValue(resource.updateValue(), changes.get(resource.updateField()).get("newValue"));

        Map<String, Long> after = totals();
        Map<String, Long> expected = new LinkedHashMap<>(before);
        expected.put(path, before.get(path) + 1);
        expected.put("audit", before.get("audit") + 4);
        assertEquals(expected, after, "one record more, four audit entries more, nothing else");

        created.put(path, id);
        return restoredRecord;
    }

    // ------------------------------------------------------------------ the matrix of bad requests

    /** A request that must get a problem. */
    private record BadRequest(String name, java.util.function.Supplier<ApiResponse> send, int status, String slug,
            String field) {
    }

    private static List<BadRequest> badRequests(Resource resource, Map<String, Object> snapshot) {
        String path = resource.path();
        String one = path + "/" + "%s";
        List<BadRequest> list = new ArrayList<>();
        String text = resource.textField();
        String validJson = "{\"" + text + "\":\"x\"}";
        // the bodies are built when the test runs: they refer to records the CRUD tests created
        List<Bad> common = List.of(
                new Bad("malformed JSON", b -> null, 400, "malformed-request", null),
                Bad.invalid("wrong type: " + text + " as a number", text, b -> put(b, text, 12345)),
                Bad.invalid("wrong type: " + text + " as an object", text, b -> put(b, text, Map.of("a", 1))),
                Bad.invalid("missing required " + text, text, b -> without(b, text)),
                Bad.invalid("required " + text + " null", text, b -> put(b, text, null)),
                Bad.invalid("over-long " + text, text, b -> put(b, text, "w".repeat(resource.maxLength() + 1))),
                Bad.invalid("unknown field", "colour", b -> put(b, "colour", "blue")));
        for (String method : List.of("POST", "PUT")) {
            String target = method.equals("POST") ? path : null;
            for (Bad bad : concat(common, resource.bad())) {
                list.add(new BadRequest(method + " " + bad.what(), () -> {
                    String body = bad.what().equals("malformed JSON") ? "{\"" + text + "\": \"x\","
                            : org.tesseracrm.testing.JsonText.write(bad.change().apply(resource.body()));
                    return send(method, target, resource, snapshot, "application/json", body);
                }, bad.status(), bad.slug(), bad.field()));
            }
            list.add(new BadRequest(method + " not JSON at all", () -> send(method, target, resource, snapshot,
                    "application/json", "lastName=Lee"), 400, "malformed-request", null));
            list.add(new BadRequest(method + " a JSON array", () -> send(method, target, resource, snapshot,
                    "application/json", "[" + validJson + "]"), 400, "malformed-request", null));
            list.add(new BadRequest(method + " JSON null", () -> send(method, target, resource, snapshot,
                    "application/json", "null"), 400, "malformed-request", null));
            list.add(new BadRequest(method + " empty body", () -> send(method, target, resource, snapshot,
                    "application/json", ""), 400, "malformed-request", null));
            list.add(new BadRequest(method + " trailing garbage", () -> send(method, target, resource, snapshot,
                    "application/json", org.tesseracrm.testing.JsonText.write(resource.body()) + " {}"),
                    400, "malformed-request", null));
            list.add(new BadRequest(method + " duplicate key", () -> send(method, target, resource, snapshot,
                    "application/json", "{\"" + text + "\":\"a\",\"" + text + "\":\"b\"}"), 400,
                    "malformed-request", null));
            list.add(new BadRequest(method + " text/plain", () -> send(method, target, resource, snapshot,
                    "text/plain", org.tesseracrm.testing.JsonText.write(resource.body())), 415,
                    "unsupported-media-type", "Content-Type"));
            list.add(new BadRequest(method + " form data", () -> send(method, target, resource, snapshot,
                    "application/x-www-form-urlencoded", text + "=x"), 415, "unsupported-media-type", "Content-Type"));
            list.add(new BadRequest(method + " JSON in ISO-8859-1", () -> send(method, target, resource, snapshot,
                    "application/json; charset=ISO-8859-1", org.tesseracrm.testing.JsonText.write(resource.body())),
                    415, "unsupported-media-type", "Content-Type"));
            list.add(new BadRequest(method + " without Content-Type", () -> send(method, target, resource, snapshot,
                    null, org.tesseracrm.testing.JsonText.write(resource.body())), 415, "unsupported-media-type",
                    "Content-Type"));
        }
        list.add(new BadRequest("PUT without If-Match", () -> tessera.request("PUT", fixture(resource))
                .json(resource.body()).send(), 428, "version-required", "If-Match"));
        list.add(new BadRequest("PUT with a stale If-Match", () -> tessera.request("PUT", fixture(resource))
                .ifMatch("\"1\"").json(resource.body()).send(), 412, "version-conflict", "If-Match"));
        list.add(new BadRequest("PUT with a future If-Match", () -> tessera.request("PUT", fixture(resource))
                .ifMatch("\"999\"").json(resource.body()).send(), 412, "version-conflict", "If-Match"));
        list.add(new BadRequest("PUT with a malformed If-Match", () -> tessera.request("PUT", fixture(resource))
                .ifMatch("yesterday").json(resource.body()).send(), 400, "malformed-request", "If-Match"));
        list.add(new BadRequest("DELETE with a stale If-Match", () -> tessera.request("DELETE", fixture(resource))
                .ifMatch("\"1\"").send(), 412, "version-conflict", "If-Match"));
        list.add(new BadRequest("DELETE with a malformed If-Match", () -> tessera.request("DELETE",
                fixture(resource)).ifMatch("W/").send(), 400, "malformed-request", "If-Match"));
        list.add(new BadRequest("GET unknown id", () -> tessera.get(one.formatted(UNKNOWN_ID)), 404, "not-found",
                null));
        list.add(new BadRequest("PUT unknown id", () -> tessera.put(one.formatted(UNKNOWN_ID), "\"1\"",
                resource.body()), 404, "not-found", null));
        list.add(new BadRequest("PUT unknown id without If-Match", () -> tessera.put(one.formatted(UNKNOWN_ID), null,
                resource.body()), 404, "not-found", null));
        list.add(new BadRequest("DELETE unknown id", () -> tessera.delete(one.formatted(UNKNOWN_ID), null), 404,
                "not-found", null));
        list.add(new BadRequest("restore unknown id", () -> tessera.request("POST",
                one.formatted(UNKNOWN_ID) + "/restore").send(), 404, "not-found", null));
        list.add(new BadRequest("filter by an unknown field", () -> tessera.get(path + "?colour=blue"), 400,
                "invalid-field", "colour"));
        list.add(new BadRequest("filter version by text", () -> tessera.get(path + "?version=new"), 400,
                "invalid-field", "version"));
        list.add(new BadRequest("sort by an unknown field", () -> tessera.get(path + "?sort=-colour"), 400,
                "invalid-field", "sort"));
        list.add(new BadRequest("sort given twice", () -> tessera.get(path + "?sort=createdAt&sort=id"), 400,
                "invalid-field", "sort"));
        list.add(new BadRequest("limit 0", () -> tessera.get(path + "?limit=0"), 400, "invalid-field", "limit"));
        list.add(new BadRequest("limit 501", () -> tessera.get(path + "?limit=501"), 400, "invalid-field", "limit"));
        list.add(new BadRequest("limit as text", () -> tessera.get(path + "?limit=ten"), 400, "malformed-request",
                "limit"));
        list.add(new BadRequest("negative offset", () -> tessera.get(path + "?offset=-1"), 400, "invalid-field",
                "offset"));
        list.add(new BadRequest("deleted=maybe", () -> tessera.get(path + "?deleted=maybe"), 400,
                "malformed-request", "deleted"));
        return list;
    }

    private static String fixture(Resource resource) {
        return resource.path() + "/" + created.get(resource.path());
    }

    /** POST to the collection, or PUT to the fixture record with its current ETag. */
    private static ApiResponse send(String method, String target, Resource resource, Map<String, Object> snapshot,
            String contentType, String body) {
        TesseraDistribution.Call call = target != null ? tessera.request(method, target)
                : tessera.request(method, fixture(resource)).ifMatch((String) snapshot.get("etag"));
        return call.body(contentType, body).send();
    }

    // ------------------------------------------------------------------ helpers

    /** @return the live total of every resource, the total in the recycle bins and the audit log's total */
    private static Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        long deleted = 0;
        for (Resource resource : RESOURCES) {
            ApiResponse live = tessera.get(resource.path() + "?limit=1");
            json(live, 200);
            totals.put(resource.path(), live.total());
            ApiResponse bin = tessera.get(resource.path() + "?limit=1&deleted=true");
            json(bin, 200);
            deleted += bin.total();
        }
        totals.put("deleted", deleted);
        ApiResponse audit = tessera.get("/audit?limit=1");
        json(audit, 200);
        totals.put("audit", audit.total() - loginsAudited());
        return totals;
    }

    /** @return the audit entries of logins (entity {@code user}), which any request with credentials may add */
    private static long loginsAudited() {
        ApiResponse logins = tessera.get("/audit?entity=user&limit=1");
        json(logins, 200);
        return logins.total();
    }

    /** An audited value: decimals may be kept as exact text. */
    private static void sameValue(Object expected, Object audited) {
        if (expected instanceof Number number && audited != null) {
            assertEquals(0, new java.math.BigDecimal(number.toString()).compareTo(
                    new java.math.BigDecimal(audited.toString())), () -> "audited " + audited + ", not " + expected);
        } else {
            assertEquals(expected, audited, "audited value");
        }
    }

    private static Resource resource(String path) {
        return RESOURCES.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    private static Map<String, Object> put(Map<String, Object> map, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        map.remove(key);
        return map;
    }

    private static Map<String, Object> stage(String id, String name, String kind, int probability) {
        return put(new LinkedHashMap<>(), "id", id, "name", name, "kind", kind, "probability", probability);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
