package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.tesseracrm.assembly.Answers.containsAll;
import static org.tesseracrm.assembly.Answers.etagIsVersion;
import static org.tesseracrm.assembly.Answers.json;
import static org.tesseracrm.assembly.Answers.sameRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * A contact created over REST survives a real restart of the distribution (on embedded Derby); its
 * update needs {@code If-Match} (428 without, 412 when stale), a malformed body is a 400 problem, and the
 * audit log holds exactly one entry per change — before and after the restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {
    private static TesseraDistribution tessera;
    private static final Answers answers = new Answers();
    private static long startMillis;

    private static String id;
    private static Map<String, Object> afterUpdate;
    private static String password;

    @BeforeAll
    static void boot() {
        startMillis = System.currentTimeMillis();
        tessera = TesseraDistribution.unpack(RestartIT.class.getSimpleName()).start();
        password = tessera.adminPassword();
    }

    @AfterAll
    static void shutDown() {
        if (tessera == null) {
            return;
        }
        try {
            System.out.printf("[RestartIT] %d requests, %d starts (last in %.1f s), %d problem answers checked,"
                    + " %d server errors, %.1f s%n", tessera.requestCount(), tessera.starts(),
                    tessera.lastStartDuration().toMillis() / 1000.0, answers.problemsChecked(),
                    tessera.serverErrors().size(), (System.currentTimeMillis() - startMillis) / 1000.0);
        } finally {
            tessera.close();
        }
    }

    @Test
    @Order(1)
    void aContactIsUpdatedOnlyWithTheRightVersion() {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("firstName", "Ivan");
        contact.put("lastName", "Restartov");
        contact.put("emails", List.of("ivan.restartov@example.com"));
        contact.put("phones", List.of("+7 812 555-01-02"));
        ApiResponse created = tessera.post("/contacts", contact);
        Map<String, Object> record = json(created, 201);
        id = (String) record.get("id");
        assertNotNull(id);
        etagIsVersion(created, 1);

        Map<String, Object> changed = new LinkedHashMap<>(contact);
        changed.put("position", "CFO");
        answers.problem(tessera.put("/contacts/" + id, null, changed), 428, "version-required", "If-Match");
        answers.problem(tessera.post("/contacts", "{\"lastName\": \"Broken\""), 400, "malformed-request", null);
        answers.problem(tessera.put("/contacts/" + id, "\"1\"", "{\"lastName\": "), 400, "malformed-request", null);
        etagIsVersion(tessera.get("/contacts/" + id), 1);

        ApiResponse updated = tessera.put("/contacts/" + id, "\"1\"", changed);
        afterUpdate = json(updated, 200);
        etagIsVersion(updated, 2);
        containsAll(changed, afterUpdate, "contact");

        Map<String, Object> lost = new LinkedHashMap<>(contact);
        lost.put("position", "CEO");
        answers.problem(tessera.put("/contacts/" + id, "\"1\"", lost), 412, "version-conflict", "If-Match");
        sameRecord(afterUpdate, json(tessera.get("/contacts/" + id), 200), "the stale update changed nothing");

        assertAuditHasTheCreateAndTheUpdate();
    }

    @Test
    @Order(2)
    void theContactAndItsAuditSurviveARestart() {
        assertNotNull(id, "the first test created no contact");
        tessera.restart();
        assertEquals(password, tessera.adminPassword(), "the administrator's password is kept");

        ApiResponse read = tessera.get("/contacts/" + id);
        sameRecord(afterUpdate, json(read, 200), "the contact after the restart");
        etagIsVersion(read, 2);
        ApiResponse found = tessera.get("/contacts?q=restartov");
        assertEquals(List.of(id), Answers.ids(found), () -> "search after the restart: " + found);

        answers.problem(tessera.put("/contacts/" + id, null, afterUpdate), 428, "version-required", "If-Match");
        answers.problem(tessera.put("/contacts/" + id, "\"1\"", afterUpdate), 412, "version-conflict", "If-Match");
        answers.problem(tessera.put("/contacts/" + id, "\"2\"", "not json"), 400, "malformed-request", null);
        assertAuditHasTheCreateAndTheUpdate();
    }

    @Test
    @Order(3)
    void noServerErrorAndNoErrorInTheLog() {
        assertEquals(List.of(), tessera.serverErrors(), "answers with status 500 or more");
        assertEquals(List.of(), tessera.logErrors(), "ERROR lines in " + tessera.karafLog());
    }

    /** Exactly two entries, newest first: the update (position only) and the create. */
    private static void assertAuditHasTheCreateAndTheUpdate() {
        ApiResponse audit = tessera.get("/audit?entity=contact&id=" + id);
        json(audit, 200);
        List<Map<String, Object>> entries = audit.items();
        assertEquals(2, audit.total(), () -> "audit of " + id + ": " + audit);
        assertEquals(List.of("UPDATED", "CREATED"), entries.stream().map(e -> e.get("action")).toList(),
                audit::toString);
        for (Map<String, Object> entry : entries) {
            assertEquals("admin", entry.get("actor"), entry::toString);
            assertEquals("contact", entry.get("entity"), entry::toString);
            assertEquals(id, entry.get("entityId"), entry::toString);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> update = (Map<String, Object>) entries.get(0).get("changes");
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("oldValue", null);
        position.put("newValue", "CFO");
        assertEquals(Map.of("position", position), update, "the update changed the position only");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> create = (Map<String, Map<String, Object>>) entries.get(1).get("changes");
        assertEquals("Restartov", create.get("lastName").get("newValue"), entries.get(1)::toString);
        assertEquals(null, create.get("lastName").get("oldValue"), entries.get(1)::toString);
    }
}
