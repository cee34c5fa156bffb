package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * Who may see and change what, on the real distribution over HTTP: managers A and B of the North
 * department, their director, a director and a manager of the South, and the administrator. A matrix of
 * roles × entities × actions; 1,000 ids of manager A's records guessed by every other role; owners,
 * ids, versions and audit fields a client may not set; failed logins throttled; the console session
 * with its CSRF token. Every answer is checked; the counts of checks, leaks and server errors are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessIT {
    private static final String PASSWORD = "a long and fine password";
    private static final String SALES = "00000000-0000-0000-0000-000000000001";
    private static final List<String> SALES_ENTITIES = List.of("/contacts", "/companies", "/deals", "/activities");
    private static final List<String> CATALOG = List.of("/products", "/price-lists", "/pipelines");

    private static TesseraDistribution tessera;
    private static final Answers answers = new Answers();
    private static final AtomicInteger checks = new AtomicInteger();
    private static final AtomicInteger leaks = new AtomicInteger();
    private static final AtomicInteger mismatches = new AtomicInteger();
    private static final Map<String, List<String>> annasIds = new ConcurrentHashMap<>();
    private static long startMillis;

    @BeforeAll
    static void boot() {
        startMillis = System.currentTimeMillis();
        tessera = TesseraDistribution.unpack(AccessIT.class.getSimpleName()).start();
        String north = department("North");
        String south = department("South");
        user("anna", "manager", north);
        user("boris", "manager", north);
        user("dina", "director", north);
        user("sam", "director", south);
        user("carl", "manager", south);
        user("vera", "manager", south);
    }

    @AfterAll
    static void shutDown() {
        if (tessera == null) {
            return;
        }
        try {
            System.out.printf("[AccessIT] %d requests, %d access checks, %d leaks, %d matrix mismatches, "
                    + "%d problem answers checked, %d server errors, %.1f s%n", tessera.requestCount(), checks.get(),
                    leaks.get(), mismatches.get(), answers.problemsChecked(), tessera.serverErrors().size(),
                    (System.currentTimeMillis() - startMillis) / 1000.0);
            assertEquals(List.of(), tessera.serverErrors(), "server errors");
        } finally {
            tessera.close();
        }
    }

    // ------------------------------------------------------------------ setup helpers

    private static String department(String name) {
        ApiResponse created = tessera.post("/departments", Map.of("name", name));
        return (String) Answers.json(created, 201).get("id");
    }

    private static void user(String name, String role, String department) {
        Answers.json(tessera.post("/users", Map.of("username", name, "roles", List.of(role), "department", department,
                "password", PASSWORD)), 201);
    }

    private static TesseraDistribution.Call as(String user, String method, String path) {
        return user.equals("admin") ? tessera.request(method, path) : tessera.request(method, path).as(user, PASSWORD);
    }

    private static Map<String, Object> body(String entity, String suffix, Map<String, String> refs) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (entity) {
            case "/contacts" -> {
                body.put("lastName", "Guarded" + suffix);
                body.put("companyId", refs.get("/companies"));
            }
            case "/companies" -> body.put("name", "Guarded Co " + suffix);
            case "/deals" -> {
                body.put("title", "Guarded deal " + suffix);
                body.put("pipelineId", SALES);
                body.put("stageId", "lead");
                body.put("currency", "RUB");
                body.put("companyId", refs.get("/companies"));
            }
            case "/activities" -> {
                body.put("type", "CALL");
                body.put("subject", "Guarded call " + suffix);
                body.put("contactId", refs.get("/contacts"));
            }
            case "/products" -> {
                body.put("name", "Guarded product " + suffix);
                body.put("unit", "pcs");
            }
            case "/price-lists" -> {
                body.put("name", "Guarded prices " + suffix);
                body.put("currency", "RUB");
            }
            case "/pipelines" -> {
                body.put("name", "Guarded funnel " + suffix);
                body.put("stages", List.of(Map.of("id", "new", "name", "New", "kind", "OPEN", "probability", 10),
                        Map.of("id", "won", "name", "Won", "kind", "WON", "probability", 100),
                        Map.of("id", "lost", "name", "Lost", "kind", "LOST", "probability", 0)));
            }
            default -> throw new IllegalArgumentException(entity);
        }
        return body;
    }

    private static String create(String user, String entity, String suffix, Map<String, String> refs) {
        ApiResponse created = as(user, "POST", entity).json(body(entity, suffix, refs)).send();
        return (String) Answers.json(created, 201).get("id");
    }

    private static <T> T inParallel(Supplier<T> work) {
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            return pool.submit(work::get).join();
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------ the tests

    @Test
    @Order(1)
    void managerASRecordsAreHersHerDirectorsAndTheAdministratorsOnly() {
        Map<String, String> refs = new LinkedHashMap<>();
        for (String entity : SALES_ENTITIES.stream().sorted((a, b) -> order(a) - order(b)).toList()) {
            refs.put(entity, create("anna", entity, "seed", refs));
        }
        // 250 records of each of the 4 kinds: 1,000 ids of Anna's
        inParallel(() -> {
            for (String entity : SALES_ENTITIES) {
                List<String> ids = java.util.stream.IntStream.range(0, 250).parallel()
                        .mapToObj(i -> create("anna", entity, "n" + i, refs)).toList();
                annasIds.put(entity, new ArrayList<>(ids));
            }
            return null;
        });
        assertEquals(1000, annasIds.values().stream().mapToInt(List::size).sum());
        String borisContact = create("boris", "/contacts", "boris", Map.of());

        Map<String, Boolean> mayRead = Map.of("anna", true, "dina", true, "admin", true,
                "boris", false, "sam", false, "carl", false);
        for (Map.Entry<String, Boolean> who : mayRead.entrySet()) {
            int found = inParallel(() -> annasIds.entrySet().parallelStream()
                    .flatMap(e -> e.getValue().stream().map(id -> e.getKey() + "/" + id))
                    .mapToInt(path -> {
                        ApiResponse answer = as(who.getKey(), "GET", path).send();
                        checks.incrementAndGet();
                        if (answer.status() == 200) {
                            return 1;
                        }
                        answers.problem(answer, 404, "not-found", null);
                        return 0;
                    }).sum());
            if (who.getValue()) {
                assertEquals(1000, found, who.getKey() + " sees all of Anna's records");
            } else {
                leaks.addAndGet(found);
                assertEquals(0, found, who.getKey() + " guessed ids of Anna's records");
            }
        }
        // lists and searches
        for (String user : List.of("boris", "sam", "carl")) {
            for (String entity : SALES_ENTITIES) {
                ApiResponse list = as(user, "GET", entity + "?limit=200").send();
                Answers.json(list, 200);
                long annas = list.items().stream().filter(item -> "anna".equals(item.get("ownerId"))).count();
                checks.incrementAndGet();
                leaks.addAndGet((int) annas);
                assertEquals(0, annas, user + " lists Anna's " + entity);
            }
            ApiResponse search = as(user, "GET", "/contacts?q=guarded").send();
            Answers.json(search, 200);
            assertTrue(search.items().stream().noneMatch(c -> "anna".equals(c.get("ownerId"))), user + " searches");
        }
        assertEquals(252, total("dina", "/contacts?q=guarded"), "the director finds Anna's 251 contacts and Boris's one");
        assertEquals(1, total("boris", "/contacts?q=guarded"), "Boris finds his own");
        assertEquals(0, total("sam", "/contacts?q=guarded"));
        assertNotNull(borisContact);
    }

    private static int order(String entity) {
        return List.of("/companies", "/contacts", "/deals", "/activities").indexOf(entity);
    }

    private static long total(String user, String path) {
        ApiResponse answer = as(user, "GET", path).send();
        Answers.json(answer, 200);
        return answer.total();
    }

    @Test
    @Order(2)
    void othersCannotChangeOrDeleteManagerASRecordsAndNothingChanges() {
        for (String entity : SALES_ENTITIES) {
            for (String id : annasIds.get(entity).subList(0, 25)) {
                for (String user : List.of("boris", "sam", "carl")) {
                    answers.problem(as(user, "PUT", entity + "/" + id).ifMatch("\"1\"")
                            .json(body(entity, "stolen", Map.of())).send(), 404, "not-found", null);
                    answers.problem(as(user, "DELETE", entity + "/" + id).ifMatch("\"1\"").send(), 404, "not-found", null);
                    answers.problem(as(user, "POST", entity + "/" + id + "/restore").send(), 404, "not-found", null);
                    checks.addAndGet(3);
                }
                ApiResponse mine = as("anna", "GET", entity + "/" + id).send();
                assertEquals("1", mine.etag().replace("\"", ""), "unchanged: " + entity + "/" + id);
            }
        }
    }

    @Test
    @Order(3)
    void theMatrixOfRolesEntitiesAndActions() {
        List<String> users = List.of("admin", "dina", "boris");
        Map<String, String> adminRefs = new LinkedHashMap<>();
        adminRefs.put("/companies", create("admin", "/companies", "ref", Map.of()));
        adminRefs.put("/contacts", create("admin", "/contacts", "ref", adminRefs));
        List<String> report = new ArrayList<>();
        for (String user : users) {
            Map<String, String> refs = new LinkedHashMap<>();
            refs.put("/companies", create(user, "/companies", "mref", Map.of()));
            refs.put("/contacts", create(user, "/contacts", "mref", refs));
            for (String entity : concat(SALES_ENTITIES, CATALOG)) {
                boolean manager = user.equals("boris");
                boolean mayChange = !manager || SALES_ENTITIES.contains(entity);
                // list and read
                expect(report, user, entity, "list", as(user, "GET", entity + "?limit=1").send(), 200);
                String someone = create("admin", entity, "m" + user, adminRefs);
                // the administrator is in no department: of the client base, only the administrator sees theirs
                expect(report, user, entity, "read the administrator's", as(user, "GET", entity + "/" + someone).send(),
                        !user.equals("admin") && SALES_ENTITIES.contains(entity) ? 404 : 200);
                // create
                ApiResponse created = as(user, "POST", entity).json(body(entity, "by " + user, refs)).send();
                expect(report, user, entity, "create", created, mayChange ? 201 : 403);
                String own = created.status() == 201 ? (String) created.map().get("id") : someone;
                // update and delete of what is theirs (or, for the catalog, of an existing record)
                expect(report, user, entity, "update", as(user, "PUT", entity + "/" + own).ifMatch("\"1\"")
                        .json(body(entity, "changed by " + user, refs)).send(), mayChange ? 200 : 403);
                expect(report, user, entity, "delete", as(user, "DELETE", entity + "/" + own)
                        .ifMatch(mayChange ? "\"2\"" : "\"1\"").send(), mayChange ? 204 : 403);
            }
        }
        report.forEach(System.out::println);
        assertEquals(List.of(), report, "answers that differ from the matrix");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void expect(List<String> report, String user, String entity, String action, ApiResponse answer,
            int status) {
        checks.incrementAndGet();
        if (answer.status() != status) {
            mismatches.incrementAndGet();
            report.add(user + " " + action + " " + entity + ": " + answer.status() + " instead of " + status + " "
                    + answer.body());
        } else if (status >= 400) {
            answers.problem(answer, status, status == 403 ? "forbidden" : "not-found", null);
        }
    }

    @Test
    @Order(4)
    void clientsCannotSetOwnersIdsVersionsOrAuditFields() {
        long before = total("admin", "/contacts?limit=1");
        Map<String, Object> forged = new LinkedHashMap<>(body("/contacts", "forged", Map.of()));
        forged.put("ownerId", "anna");
        answers.problem(as("boris", "POST", "/contacts").json(forged).send(), 403, "forbidden", "ownerId");
        assertEquals(before, total("admin", "/contacts?limit=1"), "a refused create writes nothing");

        Map<String, Object> sneaky = new LinkedHashMap<>(body("/contacts", "sneaky", Map.of()));
        sneaky.put("id", "00000000-0000-0000-0000-00000000beef");
        sneaky.put("version", 41);
        sneaky.put("createdAt", "2001-01-01T00:00:00Z");
        sneaky.put("createdBy", "anna");
        sneaky.put("updatedBy", "anna");
        ApiResponse created = as("boris", "POST", "/contacts").json(sneaky).send();
        Map<String, Object> stored = Answers.json(created, 201);
        assertNotEquals("00000000-0000-0000-0000-00000000beef", stored.get("id"));
        assertEquals(1, ((Number) stored.get("version")).intValue());
        assertEquals("boris", stored.get("createdBy"));
        assertEquals("boris", stored.get("updatedBy"));
        assertEquals("boris", stored.get("ownerId"));
        assertNotEquals("2001-01-01T00:00:00Z", stored.get("createdAt"));
        answers.problem(as("boris", "GET", "/contacts/00000000-0000-0000-0000-00000000beef").send(), 404,
                "not-found", null);

        // a manager cannot hand a record to someone else; the director can, within the department
        String id = (String) stored.get("id");
        Map<String, Object> handOver = new LinkedHashMap<>(body("/contacts", "sneaky", Map.of()));
        handOver.put("ownerId", "anna");
        answers.problem(as("boris", "PUT", "/contacts/" + id).ifMatch("\"1\"").json(handOver).send(), 403,
                "forbidden", "ownerId");
        Answers.json(as("dina", "PUT", "/contacts/" + id).ifMatch("\"1\"").json(handOver).send(), 200);
        answers.problem(as("boris", "GET", "/contacts/" + id).send(), 404, "not-found", null);
        handOver.put("ownerId", "carl");
        answers.problem(as("dina", "PUT", "/contacts/" + id).ifMatch("\"2\"").json(handOver).send(), 403,
                "forbidden", "ownerId");
        // administrators' resources are theirs alone
        answers.problem(as("dina", "GET", "/users").send(), 403, "forbidden", null);
        answers.problem(as("boris", "POST", "/users").json(Map.of("username", "mole", "roles", List.of("administrator")))
                .send(), 403, "forbidden", null);
        answers.problem(as("boris", "PUT", "/roles/manager/permissions").json(Map.of("contact", List.of("EXPORT")))
                .send(), 403, "forbidden", null);
    }

    @Test
    @Order(5)
    void sharingARecordOpensItToOneColleague() {
        String id = annasIds.get("/contacts").get(0);
        answers.problem(as("boris", "PUT", "/shares/contact/" + id).json(Map.of("usernames", List.of("boris")))
                .send(), 404, "not-found", null);
        Answers.json(as("anna", "PUT", "/shares/contact/" + id).json(Map.of("usernames", List.of("boris"))).send(), 200);
        Answers.json(as("boris", "GET", "/contacts/" + id).send(), 200);
        answers.problem(as("carl", "GET", "/contacts/" + id).send(), 404, "not-found", null);
        Answers.json(as("anna", "PUT", "/shares/contact/" + id).json(Map.of("usernames", List.of())).send(), 200);
        answers.problem(as("boris", "GET", "/contacts/" + id).send(), 404, "not-found", null);
    }

    @Test
    @Order(6)
    void repeatedFailedLoginsAreThrottled() {
        for (int i = 0; i < 5; i++) {
            answers.unauthorized(tessera.request("GET", "/contacts").as("vera", "wrong password " + i).send());
        }
        ApiResponse throttled = tessera.request("GET", "/contacts").as("vera", PASSWORD).send();
        answers.problem(throttled, 429, "too-many-requests", null);
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) > 0);
        answers.problem(tessera.request("POST", "/session").anonymous()
                .json(Map.of("username", "vera", "password", PASSWORD)).send(), 429, "too-many-requests", null);
        Answers.json(as("carl", "GET", "/contacts?limit=1").send(), 200); // others are not affected
        // the same words for a wrong password and an unknown user
        ApiResponse wrong = tessera.request("POST", "/session").anonymous()
                .json(Map.of("username", "carl", "password", "not his")).send();
        ApiResponse unknown = tessera.request("POST", "/session").anonymous()
                .json(Map.of("username", "nobody-at-all", "password", "not his")).send();
        answers.problem(wrong, 401, "unauthorized", null);
        answers.problem(unknown, 401, "unauthorized", null);
        assertEquals(wrong.map().get("detail"), unknown.map().get("detail"));
    }

    @Test
    @Order(7)
    void theConsoleSessionNeedsItsCsrfTokenForChangesAndEndsAtLogout() {
        ApiResponse login = tessera.request("POST", "/session").anonymous()
                .json(Map.of("username", "carl", "password", PASSWORD)).send();
        Map<String, Object> session = Answers.json(login, 200);
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String token = cookie.substring(cookie.indexOf('=') + 1);
        assertTrue(java.util.Base64.getUrlDecoder().decode(token).length >= 16, "at least 128 bits");
        String csrf = (String) session.get("csrfToken");
        assertEquals(Set.of("manager"), Set.copyOf((List<?>) session.get("roles")));

        Answers.json(tessera.request("GET", "/contacts?limit=1").anonymous().header("Cookie", cookie).send(), 200);
        answers.problem(tessera.request("POST", "/contacts").anonymous().header("Cookie", cookie)
                .json(body("/contacts", "csrf", Map.of())).send(), 403, "forbidden", null);
        answers.problem(tessera.request("POST", "/contacts").anonymous().header("Cookie", cookie)
                .header("X-CSRF-Token", "guessed").json(body("/contacts", "csrf", Map.of())).send(), 403, "forbidden", null);
        Answers.json(tessera.request("POST", "/contacts").anonymous().header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).json(body("/contacts", "csrf", Map.of())).send(), 201);

        ApiResponse logout = tessera.request("DELETE", "/session").anonymous().header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).send();
        assertEquals(204, logout.status());
        assertTrue(logout.header("Set-Cookie").contains("Max-Age=0"));
        // the console gets the problem without a Basic challenge (a browser would open its own login box)
        for (ApiResponse ended : List.of(
                tessera.request("GET", "/contacts?limit=1").anonymous().header("Cookie", cookie).send(),
                tessera.request("GET", "/session").anonymous().header("Cookie", "TESSERA_SESSION=forged").send(),
                tessera.request("GET", "/contacts").anonymous().header("X-Requested-With", "XMLHttpRequest").send())) {
            answers.problem(ended, 401, "unauthorized", null);
            assertNull(ended.header("WWW-Authenticate"), () -> "a challenge in " + ended);
        }
        answers.unauthorized(tessera.request("GET", "/contacts").anonymous().send());
    }
}
