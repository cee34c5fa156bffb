package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.JsonText;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * Sends generated malformed and hostile requests to every core resource of the real distribution —
 * broken JSON, invalid UTF-8, wrong types, huge numbers and strings, deep nesting, duplicate keys, nulls,
 * unknown fields, wrong content types, garbage in paths, query strings and {@code If-Match} — and checks
 * that every answer is a 4xx {@code application/problem+json}, none a 5xx, and that nothing changed: the
 * live and deleted totals of every resource, the versions of existing records, each entity's audit entries
 * and the installed features are the same afterwards. The platform's endpoints (features, restore, audit)
 * get their share. The generator is seeded ({@value #SEED_PROPERTY}, default {@value #DEFAULT_SEED}), so
 * a failure can be replayed.
 */
class FuzzIT {
    static final String SEED_PROPERTY = "tessera.fuzz.seed";
    static final long DEFAULT_SEED = 20261123L;
    /** Generated cases per category and resource. */
    private static final int CASES = 12;

    private static TesseraDistribution tessera;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Map<String, Object>> VALID = new LinkedHashMap<>();
    /** The field of each resource's body that must not be null or missing. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();
    /** The entity name of each resource, as the audit log names it. */
    private static final Map<String, String> ENTITIES = new LinkedHashMap<>();
    /** One existing record per resource, to aim updates, deletes and restores at. */
    private static final Map<String, String> EXISTING = new LinkedHashMap<>();

    @BeforeAll
    static void boot() {
        tessera = TesseraDistribution.unpack(FuzzIT.class.getSimpleName()).start();
        ApiResponse pipeline = tessera.post("/pipelines", Map.of("name", "Fuzz funnel", "stages", List.of(
                Map.of("id", "new", "name", "New", "kind", "OPEN", "probability", 10),
                Map.of("id", "won", "name", "Won", "kind", "WON", "probability", 100),
                Map.of("id", "lost", "name", "Lost", "kind", "LOST", "probability", 0))));
        assertEquals(201, pipeline.status(), pipeline::toString);
        resource("/companies", "company", "name", Map.of("name", "Fuzzco", "inn", "7707083893"));
        resource("/contacts", "contact", "lastName", Map.of("lastName", "Fuzzer",
                "emails", List.of("f@example.com")));
        resource("/pipelines", "pipeline", "stages", Map.of("name", "Fuzz funnel 2",
                "stages", pipeline.map().get("stages")));
        resource("/products", "product", "name", Map.of("name", "Fuzz thing", "price", 10, "currency", "RUB",
                "active", true));
        resource("/price-lists", "pricelist", "name", Map.of("name", "Fuzz prices", "currency", "RUB", "items", List.of()));
        resource("/deals", "deal", "title", Map.of("title", "Fuzz deal", "currency", "RUB",
                "pipelineId", pipeline.string("id"),
                "stageId", "new", "probability", 10));
        resource("/activities", "activity", "subject", Map.of("type", "CALL", "subject", "Fuzz call", "done", false));
    }

    private static void resource(String path, String entity, String required, Map<String, Object> valid) {
        VALID.put(path, new LinkedHashMap<>(valid));
        ENTITIES.put(path, entity);
        REQUIRED.put(path, required);
        ApiResponse created = tessera.post(path, valid);
        assertEquals(201, created.status(), created::toString);
        EXISTING.put(path, created.string("id"));
    }

    @AfterAll
    static void shutDown() {
        if (tessera != null) {
            tessera.close();
        }
    }

    /** One generated request. */
    private record Case(String category, String method, String path, String contentType, byte[] body,
            Map<String, String> headers) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return category + ": " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
                    + " [" + contentType + "] " + headers + " " + text;
        }
    }

    @Test
    void hostileRequestsGetProblemAnswersAndChangeNothing() throws Exception {
        long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (String path : VALID.keySet()) {
            cases.addAll(casesFor(path, random));
        }
        cases.addAll(platformCases(random));
        Map<String, Long> before = state();
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failedByCategory = new TreeMap<>();
        int serverErrors = 0;
        int notProblems = 0;
        int accepted = 0;
        for (Case c : cases) {
            byCategory.merge(c.category(), 1, Integer::sum);
            HttpResponse<String> answer = send(c);
            int status = answer.statusCode();
            byStatus.merge(status, 1, Integer::sum);
            String type = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
            if (status >= 500) {
                serverErrors++;
            } else if (status < 400) {
                accepted++;
            } else if (!type.equals(ApiResponse.PROBLEM_JSON)) {
                notProblems++;
            } else {
                continue;
            }
            failedByCategory.merge(c.category(), 1, Integer::sum);
            if (failedByCategory.get(c.category()) <= 3) {
                failures.add(status + " " + type + " for " + c + "\n    → "
                        + answer.body().substring(0, Math.min(answer.body().length(), 300)));
            }
        }
        Map<String, Long> after = state();
        long changed = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();
        System.out.printf("[FuzzIT] seed %d: %d requests over %d resources %s; statuses %s; %d server errors, "
                + "%d accepted, %d 4xx without problem+json (by category %s); %d of %d counters changed%n", seed,
                cases.size(), VALID.size(), byCategory, byStatus, serverErrors, accepted, notProblems, failedByCategory,
                changed, before.size());
        failures.forEach(f -> System.out.println("[FuzzIT] " + f));
        assertEquals(List.of(), failures, "seed " + seed);
        assertEquals(before, after, "rejected requests changed data");
    }

    /** @return totals of every resource (live and deleted), versions of the existing records, audit entries */
    private static Map<String, Long> state() {
        Map<String, Long> state = new TreeMap<>();
        for (String path : VALID.keySet()) {
            state.put(path + " live", tessera.get(path + "?limit=1").total());
            state.put(path + " deleted", tessera.get(path + "?limit=1&deleted=true").total());
            ApiResponse existing = tessera.get(path + "/" + EXISTING.get(path));
            state.put(path + " version", existing.status() == 200 ? Long.parseLong(existing.string("version")) : -1);
            // the entity's entries only: logins are audited too
            state.put(path + " audit entries", tessera.get("/audit?limit=1&entity=" + ENTITIES.get(path)).total());
        }
        long installed = ((List<?>) tessera.get("/platform/features").json()).stream()
                .filter(feature -> Boolean.TRUE.equals(((Map<?, ?>) feature).get("installed"))).count();
        state.put("installed features", installed);
        return state;
    }

    /** Hostile requests to the platform's own endpoints: features, restore, audit. */
    private List<Case> platformCases(Random random) {
        List<Case> cases = new ArrayList<>();
        Map<String, Object> valid = Map.of("name", "tessera-sample-plugin");
        String json = JsonText.write(valid);
        String[] features = {"POST", "/platform/features"};
        for (int i = 0; i < CASES * 2; i++) {
            add(cases, "platform", features, malformed(json, random));
            add(cases, "platform", features, utf8(JsonText.write(with(valid, "name", wrongType("x", random)))));
            add(cases, "platform", features, utf8(json(valid, unknownField(random), "1")));
            add(cases, "platform", features, utf8(nulls(valid, "name", random)));
            add(cases, "platform", features, utf8(json(valid, "name", deep(1_000 + random.nextInt(5_000), random))));
            // names Karaf would read as patterns ("(") included
            cases.add(new Case("platform", "DELETE", "/platform/features/" + garbageId(random), null, null, Map.of()));
            byte[] garbage = new byte[random.nextInt(4_000)];
            random.nextBytes(garbage);
            cases.add(new Case("platform", "POST", "/platform/restore", random.nextBoolean() ? "application/zip"
                    : "application/json", garbage, Map.of()));
            cases.add(new Case("platform", "GET", "/audit?" + garbageQuery(random), null, null, Map.of()));
            cases.add(new Case("platform", "GET", "/audit/export.csv?" + garbageQuery(random), null, null, Map.of()));
        }
        return cases;
    }

    private List<Case> casesFor(String path, Random random) {
        List<Case> cases = new ArrayList<>();
        Map<String, Object> valid = VALID.get(path);
        String json = JsonText.write(valid);
        String id = EXISTING.get(path);
        String version = "\"" + tessera.get(path + "/" + id).string("version") + "\"";
        List<String> fields = new ArrayList<>(valid.keySet());
        for (int i = 0; i < CASES; i++) {
            String field = fields.get(random.nextInt(fields.size()));
            // the same hostile body as a create and as an update of an existing record
            for (String[] target : new String[][] {{"POST", path}, {"PUT", path + "/" + id}}) {
                add(cases, "malformed JSON", target, malformed(json, random));
                add(cases, "invalid UTF-8", target, invalidUtf8(valid, field, random));
                add(cases, "wrong type", target, utf8(JsonText.write(with(valid, field, wrongType(valid.get(field), random)))));
                add(cases, "huge number", target, utf8(json(valid, field, hugeNumber(random))));
                add(cases, "huge string", target, utf8(JsonText.write(with(valid, REQUIRED.get(path),
                        "Ж".repeat(5_000 + random.nextInt(200_000))))));
                add(cases, "deep nesting", target, utf8(json(valid, field, deep(1_000 + random.nextInt(20_000), random))));
                add(cases, "duplicate key", target, utf8(duplicateKey(json, fields.get(random.nextInt(fields.size())),
                        random)));
                add(cases, "null", target, utf8(nulls(valid, REQUIRED.get(path), random)));
                add(cases, "unknown field", target, utf8(json(valid, unknownField(random), "1")));
            }
            String[] contentTypes = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", null, "garbage",
                "application/json-patch+json", "text/json; charset=utf-16"};
            String contentType = contentTypes[random.nextInt(contentTypes.length)];
            cases.add(new Case("content type", "POST", path, contentType, utf8(json), Map.of()));
            cases.add(new Case("content type", "PUT", path + "/" + id, contentType, utf8(json), Map.of("If-Match", version)));
            String garbageId = garbageId(random);
            cases.add(new Case("path", "GET", path + "/" + garbageId, null, null, Map.of()));
            cases.add(new Case("path", "PUT", path + "/" + garbageId, "application/json", utf8(json),
                    Map.of("If-Match", "\"1\"")));
            cases.add(new Case("path", "DELETE", path + "/" + garbageId, null, null, Map.of()));
            cases.add(new Case("path", "POST", path + "/" + garbageId + "/restore", null, null, Map.of()));
            cases.add(new Case("path", "GET", path + "/" + id + "/" + garbageId, null, null, Map.of()));
            cases.add(new Case("query", "GET", path + "?" + garbageQuery(random), null, null, Map.of()));
            cases.add(new Case("query", "GET", path + "/export.csv?" + garbageQuery(random), null, null, Map.of()));
            String ifMatch = garbageIfMatch(random);
            cases.add(new Case("If-Match", "PUT", path + "/" + id, "application/json", utf8(json), Map.of("If-Match", ifMatch)));
            cases.add(new Case("If-Match", "DELETE", path + "/" + id, null, null, Map.of("If-Match", ifMatch)));
        }
        return cases;
    }

    private static void add(List<Case> cases, String category, String[] target, byte[] body) {
        Map<String, String> headers = target[0].equals("PUT") ? Map.of("If-Match", currentVersion(target[1])) : Map.of();
        cases.add(new Case(category, target[0], target[1], "application/json", body, headers));
    }

    private static final Map<String, String> VERSIONS = new LinkedHashMap<>();

    /** The version an update must name, so the body is what gets judged. */
    private static String currentVersion(String path) {
        return VERSIONS.computeIfAbsent(path, p -> "\"" + tessera.get(p).string("version") + "\"");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, value);
        return body;
    }

    /** @return the valid body with one field's value replaced by raw JSON text */
    private static String json(Map<String, Object> valid, String field, String rawValue) {
        StringBuilder out = new StringBuilder("{");
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.putIfAbsent(field, null);
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(JsonText.write(entry.getKey())).append(':')
                    .append(entry.getKey().equals(field) ? rawValue : JsonText.write(entry.getValue()));
        }
        return out.append('}').toString();
    }

    private static byte[] malformed(String json, Random random) {
        String[] broken = {
            json.substring(0, 1 + random.nextInt(json.length() - 1)),
            json + "}",
            json + ",",
            json + " garbage",
            "garbage " + json,
            json.replaceFirst(":", "="),
            json.replaceFirst("\"([A-Za-z]+)\":", "$1:"),
            json.replace('"', '\''),
            json.replaceFirst("\\{", "{/* comment */"),
            json.replaceFirst("}$", ",}"),
            json.replaceFirst("}$", ",\"x\":NaN}"),
            json.replaceFirst("}$", ",\"x\":007}"),
            "",
            "{",
            "[" + json,
        };
        return utf8(broken[random.nextInt(broken.length)]);
    }

    private static byte[] invalidUtf8(Map<String, Object> valid, String field, Random random) {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        String marker = "@@MARK@@";
        String text = JsonText.write(with(valid, field, "ab" + marker + "cd"));
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(text.substring(0, at)));
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.writeBytes(utf8(text.substring(at + marker.length())));
        return out.toByteArray();
    }

    private static Object wrongType(Object value, Random random) {
        Object[] forText = {Map.of("nested", 1), List.of(1, 2), 42, 4.2, true};
        Object[] forNumber = {"ten", Map.of("n", 1), List.of(1), true};
        Object[] forBoolean = {"yes", 1, List.of(true), Map.of("b", true)};
        Object[] forList = {"text", 7, Map.of("item", 1), true};
        Object[] choices = value instanceof String ? forText : value instanceof Number ? forNumber
                : value instanceof Boolean ? forBoolean : forList;
        return choices[random.nextInt(choices.length)];
    }

    private static String hugeNumber(Random random) {
        String[] numbers = {"1e400", "-1e400", "1e-400", "123456789012345678901234567890123456789",
            "9".repeat(1_500), "-0.000000000000000000000000000000000001", "1" + "0".repeat(5_000) + ".5",
            "99999999999999999999.99999999999999999999e999999999"};
        return numbers[random.nextInt(numbers.length)];
    }

    private static String deep(int depth, Random random) {
        boolean arrays = random.nextBoolean();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "[" : "{\"a\":");
        }
        out.append('1');
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "]" : "}");
        }
        return out.toString();
    }

    private static String duplicateKey(String json, String field, Random random) {
        String value = random.nextBoolean() ? "\"other\"" : "null";
        return json.replaceFirst("}$", "," + JsonText.write(field) + ":" + value + "}");
    }

    private static String nulls(Map<String, Object> valid, String required, Random random) {
        String[] bodies = {"null", "[]", "\"text\"", "123", "true", "{}", JsonText.write(with(valid, required, null)),
            JsonText.write(without(valid, required))};
        return bodies[random.nextInt(bodies.length)];
    }

    private static Map<String, Object> without(Map<String, Object> valid, String field) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.remove(field);
        return body;
    }

    private static String unknownField(Random random) {
        String[] names = {"hack", "__proto__", "constructor", "$where", "isAdmin", "roles", "x".repeat(10_000),
            "lastName ", "LASTNAME", "\u0000", "emails[0]"};
        return names[random.nextInt(names.length)];
    }

    private static String garbageId(Random random) {
        // ids stay inside the resource: a path that climbs out of /api/v1, or one Jetty refuses before any
        // application sees it (%00), is not the API's to answer
        String[] ids = {"%2E%2E", "'%20OR%20'1'%3D'1", "x".repeat(1_500), "%E2%98%83",
            "null", "-1", "0", "99999999999999999999", "%3Cscript%3E", "%20", "a%2Fb", "%C3%28"};
        return ids[random.nextInt(ids.length)];
    }

    private static String garbageQuery(Random random) {
        Supplier<String> huge = () -> "9".repeat(30);
        String[] queries = {"limit=-1", "limit=abc", "limit=" + huge.get(), "offset=-5", "offset=1.5",
            "limit=0", "limit=501", "sort=" + enc("; DROP TABLE core.contact"), "sort=-", "sort=nosuchfield",
            "deleted=maybe", "q=a&q=b", "limit=1&limit=2", "nosuchfield=1", "offset=" + huge.get(),
            "deleted=" + enc("true' OR '1'='1")};
        return queries[random.nextInt(queries.length)];
    }

    private static String garbageIfMatch(Random random) {
        String[] values = {"abc", "\"abc\"", "W/\"x\"", "\"99999999999999999999999\"", "\"-1\"", "\"0\"", "*", "\"\"",
            "\"999999\""};
        return values[random.nextInt(values.length)];
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(Case c) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tessera.apiUri() + c.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (tessera.adminUser() + ":" + tessera.adminPassword()).getBytes(StandardCharsets.UTF_8)))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        c.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
