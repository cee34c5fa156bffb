package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.JsonText;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * CSV export on the real distribution: {@code GET /<entity>/export.csv} holds exactly what the list with
 * the same query shows, on all its pages, cell by cell as the JSON API gives it, UTF-8 with a byte-order
 * mark, formulas made inert; plugin resources export the same way; exporting needs the export
 * permission and holds what the user's list shows; the audit log exports for administrators only.
 */
class ExportIT {
    private static final String MANAGER = "mia";
    private static final String DIRECTOR = "dora";
    private static final String PASSWORD = "Correct-Horse-7";
    /** More than one page of the export (500), so paging is exercised. */
    private static final int CONTACTS = 520;

    private static TesseraDistribution tessera;
    private static String companyId;
    private static String trickyId;

    @BeforeAll
    static void boot() {
        tessera = TesseraDistribution.unpack(ExportIT.class.getSimpleName()).start();
        tessera.stop();
        try (DistributionDatabase database = DistributionDatabase.open(tessera)) {
            database.addUser(MANAGER, PASSWORD, Set.of("manager"));
            database.addUser(DIRECTOR, PASSWORD, Set.of("director"));
        }
        tessera.start();
        companyId = created(tessera.post("/companies", Map.of("name", "Exportco")));
        for (int i = 0; i < CONTACTS; i++) {
            created(tessera.post("/contacts", i % 2 == 0 ? Map.of("lastName", "Exported" + i, "companyId", companyId)
                    : Map.of("lastName", "Exported" + i)));
        }
        Map<String, Object> tricky = new LinkedHashMap<>();
        tricky.put("firstName", "=HYPERLINK(\"http://evil.example\",\"click\")");
        tricky.put("lastName", "Щукина, \"Анна\"");
        tricky.put("position", "@SUM(A1:A9)");
        tricky.put("phones", List.of("+7 495 123-45-67"));
        tricky.put("emails", List.of("anna@example.com", "a.s@example.com"));
        tricky.put("notes", "line one\nline two; -1+1");
        trickyId = created(tessera.post("/contacts", tricky));
        String deleted = created(tessera.post("/contacts", Map.of("lastName", "Binned")));
        assertEquals(204, tessera.delete("/contacts/" + deleted, null).status());
    }

    @AfterAll
    static void shutDown() {
        if (tessera != null) {
            System.out.printf("[ExportIT] %d requests, %d server errors%n", tessera.requestCount(),
                    tessera.serverErrors().size());
            tessera.close();
        }
    }

    @Test
    void exportHoldsEveryRecordOfTheListCellByCell() throws IOException {
        ApiResponse export = tessera.get("/contacts/export.csv");
        assertEquals(200, export.status(), export::toString);
        assertEquals("text/csv;charset=utf-8", export.header("Content-Type").replace(" ", "").toLowerCase());
        assertTrue(export.header("Content-Disposition").startsWith("attachment; filename=\"contact"),
                export.header("Content-Disposition"));
        assertTrue(export.body().startsWith("\uFEFF"), "no byte-order mark");
        List<Map<String, Object>> listed = everything("/contacts", "");
        int cells = assertSame(export, listed);
        System.out.printf("[ExportIT] contacts: %d rows, %d cells equal to the list%n", listed.size(), cells);
        assertEquals(CONTACTS, listed.stream().filter(r -> String.valueOf(r.get("lastName")).startsWith("Exported"))
                .count());
    }

    @Test
    void exportHonoursSearchFiltersSortAndRecycleBin() throws IOException {
        for (String query : List.of("q=exported1", "companyId=" + companyId, "sort=-lastName&q=exported2",
                "deleted=true", "q=" + URLEncoder.encode("щук", StandardCharsets.UTF_8), "q=nobody-is-called-this")) {
            ApiResponse export = tessera.get("/contacts/export.csv?" + query);
            assertEquals(200, export.status(), export::toString);
            List<Map<String, Object>> listed = everything("/contacts", query);
            assertSame(export, listed);
            System.out.printf("[ExportIT] ?%s: %d rows%n", query, listed.size());
        }
    }

    @Test
    void formulasAreInertAndTextSurvives() throws IOException {
        CSVRecord row = rows(tessera.get("/contacts/export.csv?q=" + URLEncoder.encode("Щукина", StandardCharsets.UTF_8)))
                .get(0);
        assertEquals(trickyId, row.get("id"));
        assertEquals("'=HYPERLINK(\"http://evil.example\",\"click\")", row.get("firstName"));
        assertEquals("'@SUM(A1:A9)", row.get("position"));
        assertEquals("Щукина, \"Анна\"", row.get("lastName"));
        assertEquals("line one\nline two; -1+1", row.get("notes"));
        assertEquals(List.of("+7 495 123-45-67"), JsonText.parse(row.get("phones")));
    }

    @Test
    void badParametersAreProblemsNotBrokenFiles() {
        for (String query : List.of("deleted=maybe", "sort=noSuchField", "q=a&q=b")) {
            ApiResponse answer = tessera.get("/contacts/export.csv?" + query);
            assertEquals(400, answer.status(), answer::toString);
            assertTrue(answer.isProblem(), answer::toString);
        }
        ApiResponse anonymous = tessera.request("GET", "/contacts/export.csv").anonymous().send();
        assertEquals(401, anonymous.status(), anonymous::toString);
    }

    @Test
    void exportNeedsTheExportPermissionAndHoldsWhatTheUsersListShows() throws IOException {
        ApiResponse manager = tessera.request("GET", "/contacts/export.csv").as(MANAGER, PASSWORD).send();
        assertEquals(403, manager.status(), "managers may not export by default: " + manager);
        assertTrue(manager.isProblem(), manager::toString);
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            own.add(created(tessera.request("POST", "/contacts").as(DIRECTOR, PASSWORD)
                    .json(Map.of("lastName", "Directed" + i)).send()));
        }
        ApiResponse revoked = tessera.put("/roles/director/permissions", null,
                Map.of("contact", List.of("READ", "CREATE", "UPDATE", "DELETE")));
        assertEquals(200, revoked.status(), revoked::toString);
        ApiResponse refused = tessera.request("GET", "/contacts/export.csv").as(DIRECTOR, PASSWORD).send();
        assertEquals(403, refused.status(), "export without the export permission: " + refused);
        assertTrue(refused.isProblem(), refused::toString);

        ApiResponse granted = tessera.put("/roles/director/permissions", null,
                Map.of("contact", List.of("READ", "CREATE", "UPDATE", "DELETE", "EXPORT")));
        assertEquals(200, granted.status(), granted::toString);
        ApiResponse export = tessera.request("GET", "/contacts/export.csv").as(DIRECTOR, PASSWORD).send();
        assertEquals(200, export.status(), export::toString);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            ApiResponse page = tessera.request("GET", "/contacts?limit=500&offset=" + offset).as(DIRECTOR, PASSWORD)
                    .send();
            assertEquals(200, page.status(), page::toString);
            listed.addAll(page.items());
            if (page.items().size() < 500) {
                break;
            }
        }
        assertSame(export, listed);
        List<String> exported = rows(export).stream().map(row -> row.get("id")).toList();
        assertTrue(exported.containsAll(own), "the director's own contacts are exported");
        long all = everything("/contacts", "").size();
        assertTrue(exported.size() < all, "the director (no department) exported the administrator's contacts too");
        System.out.printf("[ExportIT] the director exported %d of %d contacts, as the director's list shows%n",
                exported.size(), all);
    }

    @Test
    void pluginResourcesExportTheSameWay() throws IOException {
        ApiResponse installed = tessera.post("/platform/features", Map.of("name", "tessera-sample-plugin"));
        assertTrue(installed.status() == 200 || installed.status() == 201, installed::toString);
        ApiResponse created = awaitCreated("/salon/services", Map.of("name", "Стрижка =1+1", "durationMinutes", 45,
                "price", new BigDecimal("1500.50")));
        ApiResponse export = tessera.get("/salon/services/export.csv");
        assertEquals(200, export.status(), export::toString);
        assertSame(export, everything("/salon/services", ""));
        assertEquals(0, new BigDecimal("1500.50").compareTo(new BigDecimal(rows(export).get(0).get("price"))));
        assertEquals(created.string("id"), rows(export).get(0).get("id"));
    }

    @Test
    void auditExportsForAdministratorsOnly() throws IOException {
        ApiResponse export = tessera.get("/audit/export.csv?entity=contact&id=" + trickyId);
        assertEquals(200, export.status(), export::toString);
        List<CSVRecord> rows = rows(export);
        List<Map<String, Object>> entries = tessera.get("/audit?entity=contact&id=" + trickyId).items();
        int changes = 0;
        for (Map<String, Object> entry : entries) {
            changes += Math.max(1, ((Map<?, ?>) entry.get("changes")).size());
        }
        assertEquals(changes, rows.size());
        for (CSVRecord row : rows) {
            assertEquals(trickyId, row.get("entityId"));
            assertEquals("CREATED", row.get("action"));
            Map<?, ?> change = (Map<?, ?>) ((Map<?, ?>) entries.get(0).get("changes")).get(row.get("field"));
            assertCell(change.get("newValue"), row.get("newValue"), "audit value of " + row.get("field"));
        }
        // contacts' entries only: logins are audited too, and may come between two requests
        long all = rows(tessera.get("/audit/export.csv?entity=contact")).stream().map(r -> r.get("id")).distinct()
                .count();
        assertEquals(tessera.get("/audit?entity=contact&limit=1").total(), all, "every contact entry is exported");
        ApiResponse manager = tessera.request("GET", "/audit/export.csv").as(MANAGER, PASSWORD).send();
        assertEquals(403, manager.status(), manager::toString);
        assertTrue(manager.isProblem(), manager::toString);
        System.out.printf("[ExportIT] audit: %d rows for one contact, %d entries in all%n", rows.size(), all);
    }

    /** Compares every row of an export with the records of a list; @return the number of cells compared */
    private static int assertSame(ApiResponse export, List<Map<String, Object>> listed) throws IOException {
        List<CSVRecord> rows = rows(export);
        assertEquals(listed.size(), rows.size(), "rows of " + export.uri());
        int cells = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> record = listed.get(i);
            CSVRecord row = rows.get(i);
            assertEquals(List.copyOf(record.keySet()), rows.get(i).getParser().getHeaderNames(), "header");
            for (Map.Entry<String, Object> field : record.entrySet()) {
                assertCell(field.getValue(), row.get(field.getKey()),
                        field.getKey() + " of row " + i + " of " + export.uri());
                cells++;
            }
        }
        return cells;
    }

    /** Checks a cell against the JSON API's value: text as is (formulas inert), lists and objects as JSON. */
    private static void assertCell(Object value, String cell, String what) {
        if (value instanceof Map || value instanceof List) {
            assertEquals(value, JsonText.parse(cell), what);
        } else if (value == null) {
            assertEquals("", cell, what);
        } else {
            String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
            assertEquals(text, cell.replaceFirst("^'([=@+-])", "$1"), what);
        }
    }

    private static List<CSVRecord> rows(ApiResponse export) throws IOException {
        assertEquals(200, export.status(), export::toString);
        String text = export.body().startsWith("\uFEFF") ? export.body().substring(1) : export.body();
        try (CSVParser parser = CSVParser.parse(new StringReader(text),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    /** @return every record a list shows, over all its pages */
    private static List<Map<String, Object>> everything(String path, String query) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            ApiResponse page = tessera.get(path + "?limit=500&offset=" + offset + (query.isEmpty() ? "" : "&" + query));
            assertEquals(200, page.status(), page::toString);
            all.addAll(page.items());
            if (page.items().size() < 500) {
                return all;
            }
        }
    }

    private static ApiResponse awaitCreated(String path, Map<String, Object> body) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            ApiResponse answer = tessera.post(path, body);
            if (answer.status() == 201 || System.currentTimeMillis() > deadline) {
                assertEquals(201, answer.status(), answer::toString);
                return answer;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String created(ApiResponse answer) {
        assertEquals(201, answer.status(), answer::toString);
        return answer.string("id");
    }
}
