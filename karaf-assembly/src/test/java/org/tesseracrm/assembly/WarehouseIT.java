package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tesseracrm.assembly.Answers.json;
import static org.tesseracrm.assembly.Answers.sameRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tesseracrm.testing.ApiResponse;
import org.tesseracrm.testing.TesseraDistribution;

/**
 * The warehouse plugin on the real distribution (embedded Derby), over HTTP: installed into the running
 * Standard edition through {@code POST /api/v1/platform/features}; a deal moved to the stage an
 * administrator configured as "reserve" reserves its products (available stock drops), a lost deal
 * releases them, a won deal ships them (a posted shipment) and reversing that shipment restores the stock;
 * many clients shipping the last units leave exactly 0 with every refusal a 409 problem; and the plugin is
 * uninstalled and reinstalled with its data kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarehouseIT {
    private static final String FEATURE = "tessera-warehouse";
    /** The pipeline every installation starts with (core V001), and its stages. */
    private static final String SALES = "00000000-0000-0000-0000-000000000001";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static TesseraDistribution tessera;
    private static String warehouseId;
    private static String productId;
    /** The deal that keeps its reservation in the second test and is won in the third. */
    private static String keptDealId;

    @BeforeAll
    static void boot() {
        tessera = TesseraDistribution.unpack(WarehouseIT.class.getSimpleName()).start();
    }

    @AfterAll
    static void shutDown() {
        if (tessera != null) {
            System.out.printf("[WarehouseIT] %d requests, %d server errors%n", tessera.requestCount(),
                    tessera.serverErrors().size());
            tessera.close();
        }
    }

    @Test
    @Order(0)
    void theWarehouseFeatureInstallsIntoTheRunningSystem() {
        assertEquals(404, tessera.get("/warehouse/warehouses").status(), "served before its install");
        install();
        Map<String, Object> warehouse = json(tessera.post("/warehouse/warehouses",
                Map.of("name", "Main", "address", "1 Main street")), 201);
        warehouseId = (String) warehouse.get("id");
        productId = (String) json(tessera.post("/products", Map.of("name", "Cordless drill", "unit", "pcs",
                "price", 120, "currency", "RUB")), 201).get("id");
        receive(productId, "10", "55.50");
        Map<String, Object> stock = stock(productId);
        assertAmount("10", stock.get("onHand"));
        assertAmount("10", stock.get("available"));
        assertEquals("Cordless drill", stock.get("productName"));
        List<Object> pages = array("/console/pages?lang=ru").stream().map(page -> page.get("id")).toList();
        assertTrue(pages.containsAll(List.of("warehouse.stock", "warehouse.documents", "warehouse.history",
                "warehouse.low-stock")), pages::toString);
        assertTrue(array("/console/pages?lang=ru").stream().anyMatch(page -> "Остатки".equals(page.get("title"))),
                () -> array("/console/pages?lang=ru").toString());
        ApiResponse script = tessera.get("/console/pages/warehouse.stock/script");
        assertEquals(200, script.status(), script::toString);
        assertTrue(script.body().contains("export async function render(element, kit)"), script::toString);
        Map<Object, Object> metrics = new LinkedHashMap<>();
        array("/metrics").forEach(metric -> metrics.put(metric.get("id"), metric.get("value")));
        assertAmount("555", metrics.get("warehouse.stockValue")); // 10 × 55.50
        assertAmount("0", metrics.get("warehouse.outOfStock"));
        assertAmount("0", metrics.get("warehouse.turnover"));
        List<Object> roles = array("/roles").stream().map(role -> role.get("name")).toList();
        assertTrue(roles.contains("warehouse-keeper"), roles::toString);
    }

    @Test
    @Order(1)
    void aDealMovedToTheReserveStageReservesAndALostDealReleases() {
        Map<String, Object> setting = json(tessera.post("/warehouse/reservation-stages", Map.of("pipelineId", SALES,
                "stageId", "proposal", "warehouseId", warehouseId, "shipWhenWon", true)), 201);
        assertEquals(true, setting.get("shipWhenWon"));
        ApiResponse wonStage = tessera.post("/warehouse/reservation-stages", Map.of("pipelineId", SALES,
                "stageId", "won", "warehouseId", warehouseId));
        assertEquals(400, wonStage.status(), wonStage::toString);
        assertTrue(wonStage.isProblem(), wonStage::toString);
        assertEquals("stageId", wonStage.map().get("field"), wonStage::toString);

        String kept = deal("Drills for Romashka", "4");
        keptDealId = kept;
        String lost = deal("Drills for Vasilek", "3");
        moveDeal(kept, "proposal");
        moveDeal(lost, "proposal");
        Map<String, Object> reservation = awaitReservation(kept, "RESERVED");
        assertEquals(warehouseId, reservation.get("warehouseId"));
        awaitReservation(lost, "RESERVED");
        Map<String, Object> stock = stock(productId);
        assertAmount("10", stock.get("onHand"));
        assertAmount("7", stock.get("reserved"));
        assertAmount("3", stock.get("available"));

        moveDeal(lost, "lost");
        awaitReservation(lost, "RELEASED");
        stock = stock(productId);
        assertAmount("4", stock.get("reserved"));
        assertAmount("6", stock.get("available"));
    }

    @Test
    @Order(2)
    void aWonDealShipsItsReservationAndAReversalRestoresTheStock() {
        String dealId = keptDealId;
        assertNotNull(dealId, "the previous test reserved nothing");
        moveDeal(dealId, "won");
        Map<String, Object> shipped = awaitReservation(dealId, "SHIPPED");
        String shipmentId = (String) shipped.get("shipmentId");
        assertNotNull(shipmentId, shipped::toString);
        Map<String, Object> shipment = json(tessera.get("/warehouse/documents/" + shipmentId), 200);
        assertEquals("SHIPMENT", shipment.get("kind"));
        assertEquals("POSTED", shipment.get("status"));
        Map<String, Object> stock = stock(productId);
        assertAmount("6", stock.get("onHand"));
        assertAmount("0", stock.get("reserved"));
        assertAmount("6", stock.get("available"));

        Map<String, Object> reversed = json(tessera.post("/warehouse/documents/" + shipmentId + "/reverse", Map.of()),
                200);
        assertEquals("REVERSED", reversed.get("status"));
        stock = stock(productId);
        assertAmount("10", stock.get("onHand"));
        assertAmount("10", stock.get("available"));
        ApiResponse again = tessera.post("/warehouse/documents/" + shipmentId + "/reverse", Map.of());
        assertEquals(409, again.status(), again::toString);
        assertTrue(again.isProblem(), again::toString);
    }

    @Test
    @Order(3)
    void manyClientsShippingTheLastUnitsLeaveExactlyZeroAndEveryRefusalIsA409() throws Exception {
        String product = (String) json(tessera.post("/products", Map.of("name", "Last units", "unit", "pcs")), 201)
                .get("id");
        int units = 12;
        int attempts = 40;
        receive(product, Integer.toString(units), "3");
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            drafts.add((String) json(tessera.post("/warehouse/documents", document("SHIPMENT", product, "1", null)), 201)
                    .get("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try {
            for (String draft : drafts) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return tessera.post("/warehouse/documents/" + draft + "/post", Map.of());
                }));
            }
            start.countDown();
            int posted = 0;
            int refused = 0;
            for (Future<ApiResponse> future : answers) {
                ApiResponse answer = future.get(120, TimeUnit.SECONDS);
                if (answer.status() == 200) {
                    posted++;
                } else {
                    assertEquals(409, answer.status(), answer::toString);
                    assertTrue(answer.isProblem(), answer::toString);
                    assertTrue(String.valueOf(answer.map().get("detail")).contains("Not enough stock of product"
                            + " 'Last units'"), answer::toString);
                    refused++;
                }
            }
            System.out.printf("[WarehouseIT] %d shipments of 1 for %d units: %d posted, %d refused with 409%n",
                    attempts, units, posted, refused);
            assertEquals(units, posted);
            assertEquals(attempts - units, refused);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> stock = stock(product);
        assertAmount("0", stock.get("onHand"));
        assertAmount("0", stock.get("available"));
        assertEquals(units + 1, tessera.get("/warehouse/movements?limit=1000&productId=" + product).items().size());

        // created and posted at once: a refusal leaves no draft behind, a success is posted
        long documents = tessera.get("/warehouse/documents?limit=1&warehouseId=" + warehouseId).total();
        ApiResponse shortAtOnce = tessera.post("/warehouse/documents?post=true", document("SHIPMENT", product, "1", null));
        assertEquals(409, shortAtOnce.status(), shortAtOnce::toString);
        assertTrue(shortAtOnce.isProblem(), shortAtOnce::toString);
        ApiResponse unclear = tessera.post("/warehouse/documents?post=maybe", document("RECEIPT", product, "1", "3"));
        assertEquals(400, unclear.status(), unclear::toString);
        assertEquals("post", unclear.map().get("field"), unclear::toString);
        assertEquals(documents, tessera.get("/warehouse/documents?limit=1&warehouseId=" + warehouseId).total(),
                "the refused documents were not kept");
        Map<String, Object> atOnce = json(tessera.post("/warehouse/documents?post=true",
                document("RECEIPT", product, "2", "3")), 201);
        assertEquals("POSTED", atOnce.get("status"));
        assertAmount("2", stock(product).get("onHand"));
        assertTrue(tessera.serverErrors().isEmpty(), () -> tessera.serverErrors().toString());
    }

    @Test
    @Order(4)
    void uninstallKeepsTheWarehouseDataAndAReinstallFindsIt() {
        Map<String, Object> before = json(tessera.get("/warehouse/stock?productId=" + productId), 200);
        Map<String, Object> warehouse = json(tessera.get("/warehouse/warehouses/" + warehouseId), 200);
        List<Map<String, Object>> reservations = tessera.get("/warehouse/deal-reservations").items();

        for (int round = 1; round <= 2; round++) {
            ApiResponse uninstalled = tessera.delete("/platform/features/" + FEATURE, null);
            assertEquals(Map.of("name", FEATURE, "installed", false), json(uninstalled, 200), uninstalled::toString);
            await("the warehouse plugin gone", () -> plugin() == null ? null : String.valueOf(plugin()));
            await("/warehouse/warehouses answers 404", () -> {
                ApiResponse answer = tessera.get("/warehouse/warehouses");
                return answer.status() == 404 ? null : answer.toString();
            });
            assertEquals(200, tessera.get("/products/" + productId).status(), "the core serves without the plugin");

            install();
            sameRecord(warehouse, json(tessera.get("/warehouse/warehouses/" + warehouseId), 200),
                    "the warehouse after reinstall " + round);
            assertEquals(before, json(tessera.get("/warehouse/stock?productId=" + productId), 200),
                    "the stock after reinstall " + round);
            assertEquals(reservations, tessera.get("/warehouse/deal-reservations").items(),
                    "the deal reservations after reinstall " + round);
        }
        assertEquals(2, ((Number) plugin().get("schemaVersion")).intValue(), plugin()::toString);
        // and it still works: a receipt posts after the reinstall
        receive(productId, "1", "60");
        assertAmount("11", stock(productId).get("onHand"));
        assertTrue(tessera.serverErrors().isEmpty(), () -> tessera.serverErrors().toString());
    }

    // ---------------------------------------------------------------- helpers

    private static void install() {
        ApiResponse installed = tessera.post("/platform/features", Map.of("name", FEATURE));
        Map<String, Object> reply = json(installed, 200);
        assertEquals(true, reply.get("installed"), installed::toString);
        await("the warehouse plugin active", () -> {
            Map<String, Object> plugin = plugin();
            return plugin != null && "active".equals(plugin.get("state")) ? null : String.valueOf(plugin);
        });
        await("/warehouse/warehouses answers 200", () -> {
            ApiResponse answer = tessera.get("/warehouse/warehouses");
            return answer.status() == 200 ? null : answer.toString();
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plugin() {
        List<Map<String, Object>> plugins = (List<Map<String, Object>>) json(tessera.get("/platform"), 200)
                .get("plugins");
        return plugins.stream().filter(plugin -> "warehouse".equals(plugin.get("id"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> array(String path) {
        ApiResponse answer = tessera.get(path);
        assertEquals(200, answer.status(), answer::toString);
        return (List<Map<String, Object>>) answer.json();
    }

    private static Map<String, Object> document(String kind, String product, String quantity, String price) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("productId", product);
        line.put("quantity", new BigDecimal(quantity));
        if (price != null) {
            line.put("price", new BigDecimal(price));
        }
        return Map.of("kind", kind, "warehouseId", warehouseId, "lines", List.of(line));
    }

    private static void receive(String product, String quantity, String cost) {
        String id = (String) json(tessera.post("/warehouse/documents", document("RECEIPT", product, quantity, cost)),
                201).get("id");
        assertEquals("POSTED", json(tessera.post("/warehouse/documents/" + id + "/post", Map.of()), 200).get("status"));
    }

    private static Map<String, Object> stock(String product) {
        List<Map<String, Object>> rows = tessera.get("/warehouse/stock?productId=" + product + "&warehouseId="
                + warehouseId).items();
        assertEquals(1, rows.size(), rows::toString);
        return rows.get(0);
    }

    private static String deal(String title, String quantity) {
        Map<String, Object> line = Map.of("productId", productId, "quantity", new BigDecimal(quantity),
                "price", new BigDecimal("120"));
        Map<String, Object> deal = json(tessera.post("/deals", Map.of("title", title, "pipelineId", SALES,
                "stageId", "qualified", "lines", List.of(line))), 201);
        return (String) deal.get("id");
    }

    private static void moveDeal(String dealId, String stageId) {
        ApiResponse current = tessera.get("/deals/" + dealId);
        Map<String, Object> deal = new LinkedHashMap<>(json(current, 200));
        deal.put("stageId", stageId);
        deal.remove("probability");
        json(tessera.put("/deals/" + dealId, current.etag(), deal), 200);
    }

    private static Map<String, Object> awaitReservation(String dealId, String status) {
        await("deal " + dealId + " " + status, () -> {
            ApiResponse answer = tessera.get("/warehouse/deal-reservations/" + dealId);
            return answer.status() == 200 && status.equals(answer.map().get("status")) ? null : answer.toString();
        });
        return json(tessera.get("/warehouse/deal-reservations/" + dealId), 200);
    }

    private static void assertAmount(String expected, Object actual) {
        assertNotNull(actual, "amount");
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())),
                () -> "expected " + expected + " but was " + actual);
    }

    /** Polls until the probe answers {@code null}, failing with its last answer after {@link #DEADLINE}. */
    private static void await(String what, Callable<String> probe) {
        Answers.await(what, DEADLINE, probe);
    }
}
