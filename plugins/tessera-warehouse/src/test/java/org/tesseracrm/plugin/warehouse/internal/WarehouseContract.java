package org.tesseracrm.plugin.warehouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.audit.AuditEntry;
import org.tesseracrm.platform.internal.db.SchemaMigrator;
import org.tesseracrm.platform.internal.audit.AuditLogService;
import org.tesseracrm.api.ProblemType;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.DealLine;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.json.JsonCodec;
import org.tesseracrm.core.internal.service.DealService;
import org.tesseracrm.core.internal.service.PipelineService;
import org.tesseracrm.core.internal.service.ProductService;
import org.tesseracrm.plugin.warehouse.api.Availability;
import org.tesseracrm.plugin.warehouse.internal.data.Document;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentKind;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentLine;
import org.tesseracrm.plugin.warehouse.internal.data.DocumentStatus;
import org.tesseracrm.plugin.warehouse.internal.data.Documents;
import org.tesseracrm.plugin.warehouse.internal.data.Ledger;
import org.tesseracrm.plugin.warehouse.internal.data.LowStock;
import org.tesseracrm.plugin.warehouse.internal.data.StockReports;
import org.tesseracrm.plugin.warehouse.internal.deals.DealReservation;
import org.tesseracrm.plugin.warehouse.internal.deals.DealReservations;
import org.tesseracrm.plugin.warehouse.internal.deals.ReservationStage;
import org.tesseracrm.plugin.warehouse.internal.deals.ReservationStages;
import org.tesseracrm.plugin.warehouse.internal.kpi.OutOfStockMetric;
import org.tesseracrm.plugin.warehouse.internal.kpi.StockValueMetric;
import org.tesseracrm.plugin.warehouse.internal.kpi.TurnoverMetric;
import org.tesseracrm.plugin.warehouse.internal.data.Movement;
import org.tesseracrm.plugin.warehouse.internal.data.Warehouse;
import org.tesseracrm.plugin.warehouse.internal.data.Warehouses;
import org.tesseracrm.plugin.warehouse.internal.rest.MovementResource;
import org.tesseracrm.plugin.warehouse.internal.rest.StockResource;
import org.tesseracrm.testing.DatabaseContract;
import org.tesseracrm.testing.TestDatabase;

/**
 * What the warehouse plugin promises on every supported database, through its real components over the
 * real platform store and the core's real products: posting, reversal, numbering, moving-average
 * valuation, negative-stock refusal, reservations, stock as of a date, and concurrent shipments of the
 * last units. Each test works with warehouses and products of its own.
 */
abstract class WarehouseContract extends DatabaseContract {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private ProductService products;
    private Warehouses warehouses;
    private Documents documents;
    private Ledger ledger;
    private Database schema;
    private LowStock lowStock;
    private StockReports reports;
    private PipelineService pipelines;
    private DealService deals;
    private ReservationStages reservationStages;
    private DealReservations reservations;
    /** What the plugin posted on EventAdmin. */
    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private AuditLogService audit;

    /** The warehouse keeper of these tests may do everything; roles are AccessIT's and WarehouseIT's concern. */
    @Override
    protected String actingRole() {
        return TesseraUser.ADMINISTRATOR;
    }

    @Override
    protected void prepare(TestDatabase db) {
        RecordStores stores = db.stores();
        products = new ProductService(stores, db.database("core", ProductService.class));
        schema = db.database("warehouse", Ledger.class);
        warehouses = new Warehouses(stores, schema);
        documents = new Documents(stores, schema);
        lowStock = new LowStock(schema, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        });
        audit = new AuditLogService(db.database("platform", SchemaMigrator.class), new JsonCodec());
        ledger = new Ledger(schema, documents, lowStock, audit);
        reports = new StockReports(schema);
        Database core = db.database("core", ProductService.class);
        pipelines = new PipelineService(stores, core);
        deals = new DealService(stores, core, pipelines);
        reservationStages = new ReservationStages(stores, schema, pipelines);
        reservations = new DealReservations(schema, deals, pipelines, reservationStages, ledger, lowStock);
    }

    // ---------------------------------------------------------------- helpers

    private String warehouse(String name) {
        return warehouses.create(Warehouse.of(name, "1 Main street", false)).id();
    }

    private String product(String name) {
        return products.create(Product.of(name, "pcs", new BigDecimal("10"), "RUB")).id();
    }

    private static BigDecimal q(String value) {
        return new BigDecimal(value);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, q(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    private Document draft(DocumentKind kind, String warehouseId, String productId, String quantity, String price) {
        return documents.create(Document.draft(kind, warehouseId, null, DAY,
                List.of(new DocumentLine(productId, q(quantity), price == null ? null : q(price)))));
    }

    private Document receive(String warehouseId, String productId, String quantity, String cost) {
        return ledger.post(draft(DocumentKind.RECEIPT, warehouseId, productId, quantity, cost).id());
    }

    private Document ship(String warehouseId, String productId, String quantity) {
        return ledger.post(draft(DocumentKind.SHIPMENT, warehouseId, productId, quantity, null).id());
    }

    private static ProblemException problem(ProblemType type, Runnable action) {
        ProblemException problem = assertThrows(ProblemException.class, action::run);
        assertEquals(type, problem.type(), problem.getMessage());
        return problem;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void receiptPutsStockInAndRecordsTheMovement() {
        String wh = warehouse("Main");
        String p = product("Drill");
        Document posted = receive(wh, p, "10.5", "4.20");
        assertEquals(DocumentStatus.POSTED, posted.status());
        Availability stock = ledger.availability(p, wh);
        assertAmount("10.5", stock.onHand());
        assertAmount("0", stock.reserved());
        assertAmount("10.5", stock.available());
        assertAmount("4.20", stock.averageCost());
        List<Movement> movements = ledger.movements(p, wh, null, null, null, 0, 100);
        assertEquals(1, movements.size());
        assertAmount("10.5", movements.get(0).quantity());
        assertEquals(posted.id(), movements.get(0).documentId());
        assertEquals(DAY, movements.get(0).postingDate());
    }

    @Test
    void movingAverageCostFollowsReceiptsAndGoodsLeaveAtIt() {
        String wh = warehouse("Valued");
        String p = product("Saw");
        receive(wh, p, "10", "5");
        receive(wh, p, "10", "7");
        assertAmount("6", ledger.availability(p, wh).averageCost());
        Document shipment = ship(wh, p, "5");
        assertAmount("6", ledger.availability(p, wh).averageCost());
        Movement out = ledger.movements(p, wh, shipment.id(), null, null, 0, 10).get(0);
        assertAmount("-5", out.quantity());
        assertAmount("6", out.unitCost());
        receive(wh, p, "5", "9");
        assertAmount("6.75", ledger.availability(p, wh).averageCost()); // (15 * 6 + 5 * 9) / 20
        assertAmount("20", ledger.availability(p, wh).onHand());
    }

    @Test
    void documentsAreNumberedPerWarehouseAndYear() {
        String a = warehouse("North");
        String b = warehouse("South");
        String p = product("Nail");
        assertEquals("2026-000001", draft(DocumentKind.RECEIPT, a, p, "1", "1").number());
        assertEquals("2026-000002", draft(DocumentKind.SHIPMENT, a, p, "1", null).number());
        assertEquals("2026-000001", draft(DocumentKind.RECEIPT, b, p, "1", "1").number());
        Document lastYear = documents.create(Document.draft(DocumentKind.RECEIPT, a, null, LocalDate.of(2025, 12, 31),
                List.of(new DocumentLine(p, q("1"), q("1")))));
        assertEquals("2025-000001", lastYear.number());
        assertEquals("2026-000003", draft(DocumentKind.WRITE_OFF, a, p, "1", null).number());
    }

    @Test
    void shipmentBeyondAvailableStockIsAConflictNamingTheProductAndChangesNothing() {
        String wh = warehouse("Small");
        String p = product("Hammer");
        receive(wh, p, "3", "2");
        Document shipment = draft(DocumentKind.SHIPMENT, wh, p, "5", null);
        ProblemException refused = problem(ProblemType.CONFLICT, () -> ledger.post(shipment.id()));
        assertTrue(refused.getMessage().contains("Hammer"), refused.getMessage());
        assertTrue(refused.getMessage().contains("available 3, needed 5"), refused.getMessage());
        assertAmount("3", ledger.availability(p, wh).onHand());
        assertEquals(DocumentStatus.DRAFT, documents.get(shipment.id()).status());
        assertEquals(0, ledger.movements(null, null, shipment.id(), null, null, 0, 10).size());
    }

    @Test
    void aDraftWhoseProductWasDeletedIsRefusedAsAConflictNamingIt() {
        String wh = warehouse("Forgotten");
        String p = product("Discontinued pump");
        Document draft = draft(DocumentKind.RECEIPT, wh, p, "1", "9"); // its first movement here: no stock row yet
        products.delete(p, null);
        ProblemException refused = problem(ProblemType.CONFLICT, () -> ledger.post(draft.id()));
        assertTrue(refused.getMessage().contains("Discontinued pump"), refused.getMessage());
        assertEquals(DocumentStatus.DRAFT, documents.get(draft.id()).status());
        assertEquals(0, ledger.stock(p, null, 0, 10).size(), "no stock row for a deleted product");
        products.restore(p);
        assertEquals(DocumentStatus.POSTED, ledger.post(draft.id()).status());
    }

    @Test
    void aMultiLineDocumentIsAllOrNothing() {
        String wh = warehouse("Atomic");
        String p1 = product("Bolt");
        String p2 = product("Nut");
        receive(wh, p1, "10", "1");
        receive(wh, p2, "1", "1");
        Document shipment = documents.create(Document.draft(DocumentKind.SHIPMENT, wh, null, DAY,
                List.of(new DocumentLine(p1, q("4"), null), new DocumentLine(p2, q("2"), null))));
        problem(ProblemType.CONFLICT, () -> ledger.post(shipment.id()));
        assertAmount("10", ledger.availability(p1, wh).onHand());
        assertAmount("1", ledger.availability(p2, wh).onHand());
    }

    @Test
    void aWarehouseThatAllowsNegativeStockShipsBelowZero() {
        String wh = warehouses.create(Warehouse.of("Virtual", null, true)).id();
        String p = product("Licence");
        ship(wh, p, "5");
        assertAmount("-5", ledger.availability(p, wh).onHand());
    }

    @Test
    void reservedStockIsNotAvailableToShip() {
        String wh = warehouse("Reserving");
        String p = product("Ladder");
        receive(wh, p, "5", "100");
        Availability reserved = ledger.reserve(p, wh, q("3"));
        assertAmount("5", reserved.onHand());
        assertAmount("2", reserved.available());
        problem(ProblemType.CONFLICT, () -> ledger.reserve(p, wh, q("3")));
        Document shipment = draft(DocumentKind.SHIPMENT, wh, p, "3", null);
        problem(ProblemType.CONFLICT, () -> ledger.post(shipment.id()));
        problem(ProblemType.CONFLICT, () -> ledger.release(p, wh, q("4")));
        assertAmount("5", ledger.release(p, wh, q("3")).available());
        ledger.post(shipment.id());
        assertAmount("2", ledger.availability(p, wh).onHand());
    }

    @Test
    void reversalPostsTheOppositeMovementsAndRestoresStock() {
        String wh = warehouse("Reversible");
        String p = product("Paint");
        Document receipt = receive(wh, p, "10", "5");
        Document shipment = ship(wh, p, "4");
        assertAmount("6", ledger.availability(p, wh).onHand());
        Document reversed = ledger.reverse(shipment.id());
        assertEquals(DocumentStatus.REVERSED, reversed.status());
        assertAmount("10", ledger.availability(p, wh).onHand());
        assertAmount("5", ledger.availability(p, wh).averageCost());
        List<Movement> movements = ledger.movements(null, null, shipment.id(), null, null, 0, 10);
        assertEquals(2, movements.size());
        assertAmount("0", movements.get(0).quantity().add(movements.get(1).quantity()));
        assertTrue(movements.stream().anyMatch(Movement::reversal));
        problem(ProblemType.CONFLICT, () -> ledger.reverse(shipment.id()));
        problem(ProblemType.CONFLICT, () -> ledger.post(shipment.id()));
        List<String> actions = audit.list(Document.ENTITY, shipment.id(), 0, 10).items().stream()
                .map(AuditEntry::action).toList();
        assertEquals(List.of("REVERSED", "POSTED", "CREATED"), actions, "posting and reversal are audited");
        assertEquals("POSTED", audit.list(Document.ENTITY, shipment.id(), 0, 1).items().get(0).changes()
                .get("status").oldValue());

        ship(wh, p, "8");
        ProblemException tooLate = problem(ProblemType.CONFLICT, () -> ledger.reverse(receipt.id()));
        assertTrue(tooLate.getMessage().contains("Paint"), tooLate.getMessage());
        assertEquals(DocumentStatus.POSTED, documents.get(receipt.id()).status());
    }

    @Test
    void reversingAReceiptTakesItsCostOutOfTheAverage() {
        String wh = warehouse("Costly");
        String p = product("Glue");
        receive(wh, p, "10", "5");
        Document second = receive(wh, p, "10", "7");
        ledger.reverse(second.id());
        assertAmount("10", ledger.availability(p, wh).onHand());
        assertAmount("5", ledger.availability(p, wh).averageCost());
    }

    @Test
    void transferMovesStockAtTheSourcesAverageCostAndReverses() {
        String a = warehouse("From");
        String b = warehouse("To");
        String p = product("Tile");
        receive(a, p, "10", "5");
        Document transfer = ledger.post(documents.create(Document.draft(DocumentKind.TRANSFER, a, b, DAY,
                List.of(new DocumentLine(p, q("4"), null)))).id());
        assertAmount("6", ledger.availability(p, a).onHand());
        assertAmount("4", ledger.availability(p, b).onHand());
        assertAmount("5", ledger.availability(p, b).averageCost());
        ledger.reverse(transfer.id());
        assertAmount("10", ledger.availability(p, a).onHand());
        assertAmount("0", ledger.availability(p, b).onHand());
    }

    @Test
    void draftsAreEditableButPostedDocumentsAreNot() {
        String wh = warehouse("Editing");
        String p = product("Brush");
        Document draft = draft(DocumentKind.RECEIPT, wh, p, "1", "1");
        Document edited = documents.update(draft.id(), draft.version(), Document.draft(DocumentKind.RECEIPT, wh, null,
                DAY, List.of(new DocumentLine(p, q("7"), q("2")))));
        assertEquals(draft.number(), edited.number());
        ledger.post(edited.id());
        assertAmount("7", ledger.availability(p, wh).onHand());
        Document posted = documents.get(edited.id());
        problem(ProblemType.CONFLICT, () -> documents.update(posted.id(), posted.version(), Document.draft(
                DocumentKind.RECEIPT, wh, null, DAY, List.of(new DocumentLine(p, q("9"), q("2"))))));
        problem(ProblemType.CONFLICT, () -> documents.delete(posted.id(), null));
        Document other = draft(DocumentKind.SHIPMENT, wh, p, "1", null);
        documents.delete(other.id(), null);
        assertTrue(documents.find(other.id()).isEmpty());
        assertEquals(1, documents.list(Query.firstPage().where("warehouseId", wh).where("status", "POSTED"))
                .items().size());
    }

    @Test
    void badInputIsRefusedAsAProblemNamingTheField() {
        String wh = warehouse("Strict");
        String p = product("Rope");
        assertEquals("lines[0].quantity", problem(ProblemType.INVALID_FIELD,
                () -> draft(DocumentKind.SHIPMENT, wh, p, "-1", null)).field());
        assertEquals("lines[0].quantity", problem(ProblemType.INVALID_FIELD,
                () -> draft(DocumentKind.SHIPMENT, wh, p, "1.00001", null)).field());
        assertEquals("lines[0].price", problem(ProblemType.INVALID_FIELD,
                () -> draft(DocumentKind.RECEIPT, wh, p, "1", null)).field());
        assertEquals("lines[0].productId", problem(ProblemType.INVALID_FIELD,
                () -> draft(DocumentKind.RECEIPT, wh, "no-such-product", "1", "1")).field());
        assertEquals("warehouseId", problem(ProblemType.INVALID_FIELD,
                () -> draft(DocumentKind.RECEIPT, "no-such-warehouse", p, "1", "1")).field());
        assertEquals("targetWarehouseId", problem(ProblemType.INVALID_FIELD,
                () -> draft(DocumentKind.TRANSFER, wh, p, "1", null)).field());
        Document empty = documents.create(Document.draft(DocumentKind.SHIPMENT, wh, null, DAY, List.of()));
        assertEquals("lines", problem(ProblemType.INVALID_FIELD, () -> ledger.post(empty.id())).field());
        problem(ProblemType.NOT_FOUND, () -> ledger.post("no-such-document"));
        problem(ProblemType.NOT_FOUND, () -> ledger.availability(p, "no-such-warehouse"));
        problem(ProblemType.INVALID_FIELD, () -> ledger.reserve(p, wh, q("0")));
    }

    @Test
    void stockAsOfAPastDateComesFromTheMovements() {
        String wh = warehouse("History");
        String p = product("Cement");
        ledger.post(documents.create(Document.draft(DocumentKind.RECEIPT, wh, null, LocalDate.of(2026, 1, 10),
                List.of(new DocumentLine(p, q("10"), q("3"))))).id());
        ledger.post(documents.create(Document.draft(DocumentKind.WRITE_OFF, wh, null, LocalDate.of(2026, 2, 1),
                List.of(new DocumentLine(p, q("3"), null)))).id());
        assertAmount("0", ledger.onHandAsOf(p, wh, LocalDate.of(2026, 1, 9)));
        assertAmount("10", ledger.onHandAsOf(p, wh, LocalDate.of(2026, 1, 31)));
        assertAmount("7", ledger.onHandAsOf(p, wh, LocalDate.of(2026, 2, 1)));
        assertEquals(1, ledger.movements(p, wh, null, LocalDate.of(2026, 2, 1), null, 0, 10).size());
        assertEquals(2, ledger.stock(null, wh, 0, 10).size() + 1); // one product, one row
    }

    @Test
    void theStockServiceIssuesAndRefusesWithAConflict() {
        String wh = warehouse("Api");
        String p = product("Cable");
        receive(wh, p, "2", "1");
        String shipment = ledger.issue(p, wh, q("2"));
        assertEquals(DocumentStatus.POSTED, documents.get(shipment).status());
        assertAmount("0", ledger.availability(p, wh).available());
        problem(ProblemType.CONFLICT, () -> ledger.issue(p, wh, q("1")));
        assertEquals(1, documents.list(Query.firstPage().where("warehouseId", wh).where("kind", "SHIPMENT"))
                .items().size(), "the refused shipment's draft is not left behind");
    }

    @Test
    void createAndPostAtOnceLeavesNothingBehindWhenRefused() {
        String wh = warehouse("At once");
        String p = product("Chisel");
        String q = product("Mallet");
        // the first movements of both products here: their stock rows are created on the way
        Document receipt = ledger.createPosted(Document.draft(DocumentKind.RECEIPT, wh, null, DAY,
                List.of(new DocumentLine(p, q("4"), q("3")), new DocumentLine(q, q("1"), q("8")))));
        assertEquals(DocumentStatus.POSTED, receipt.status());
        assertEquals("2026-000001", receipt.number());
        assertEquals(receipt, documents.get(receipt.id()), "what it answers is what is stored");
        assertAmount("4", ledger.availability(p, wh).onHand());
        assertAmount("1", ledger.availability(q, wh).onHand());

        ProblemException refused = problem(ProblemType.CONFLICT, () -> ledger.createPosted(Document.draft(
                DocumentKind.SHIPMENT, wh, null, DAY,
                List.of(new DocumentLine(p, q("2"), null), new DocumentLine(q, q("2"), null)))));
        assertTrue(refused.getMessage().contains("Mallet"), refused.getMessage());
        assertAmount("4", ledger.availability(p, wh).onHand());
        assertEquals(1, documents.list(Query.firstPage().where("warehouseId", wh)).items().size(),
                "no draft of the refused shipment");
        assertEquals(0, documents.list(Query.fromParameters(Map.of("warehouseId", List.of(wh),
                "deleted", List.of("true")))).items().size(), "nor one in the recycle bin");
        problem(ProblemType.INVALID_FIELD, () -> ledger.createPosted(Document.draft(DocumentKind.RECEIPT, wh, null,
                DAY, List.of(new DocumentLine(p, q("1"), null)))));
        Document shipment = ledger.createPosted(Document.draft(DocumentKind.SHIPMENT, wh, null, DAY,
                List.of(new DocumentLine(p, q("2"), null))));
        assertEquals("2026-000002", shipment.number(), "the refused documents used no number");
        assertAmount("2", ledger.availability(p, wh).onHand());
    }

    @Test
    void createAndPostAtOnceInsideACallersTransactionWritesOneDocumentAndNoStrayStockRows() {
        String wh = warehouse("Nested");
        String p = product("Plank");
        // as the 1C exchange does inside its import: the product's first stock row is created on the way
        Document posted = schema.inTransaction(connection -> ledger.createPosted(Document.draft(DocumentKind.RECEIPT,
                wh, null, DAY, List.of(new DocumentLine(p, q("3"), q("2"))))));
        assertEquals(DocumentStatus.POSTED, posted.status());
        assertEquals(1, documents.list(Query.firstPage().where("warehouseId", wh)).items().size());
        assertAmount("3", ledger.availability(p, wh).onHand());

        String unknown = "00000000-0000-0000-0000-000000000000";
        ProblemException refused = problem(ProblemType.INVALID_FIELD, () -> ledger.createPosted(Document.draft(
                DocumentKind.RECEIPT, wh, null, DAY, List.of(new DocumentLine(unknown, q("1"), q("1"))))));
        assertEquals("lines[0].productId", refused.field());
        assertEquals(0, ledger.stock(unknown, null, 0, 10).size(), "no stock row for an unknown product");
        assertEquals(1, documents.list(Query.firstPage().where("warehouseId", wh)).items().size());
    }

    @Test
    void firstDocumentsOfANewWarehouseCreatedAndPostedAtOnceGetDistinctNumbers() throws Exception {
        String wh = warehouse("Opened today");
        String p = product("Brick");
        int count = 8;
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> numbers = new TreeSet<>();
        try {
            List<Future<Document>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser("clerk", Set.of(TesseraUser.MANAGER)))) {
                        // the warehouse's first numbers and the product's first stock row, all at once
                        return ledger.createPosted(Document.draft(DocumentKind.RECEIPT, wh, null, DAY,
                                List.of(new DocumentLine(p, q("1"), q("2")))));
                    }
                }));
            }
            start.countDown();
            for (Future<Document> result : results) {
                numbers.add(result.get(120, TimeUnit.SECONDS).number());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of("2026-000001", "2026-000002", "2026-000003", "2026-000004", "2026-000005",
                "2026-000006", "2026-000007", "2026-000008"), numbers);
        assertAmount("8", ledger.availability(p, wh).onHand());
    }

    @Test
    void theStockServiceReceivesAtACostThatTheAverageTakesIn() {
        String wh = warehouse("Api in");
        String p = product("Rope");
        receive(wh, p, "10", "4");
        String receipt = ledger.receive(p, wh, q("10"), q("6"));
        assertEquals(DocumentKind.RECEIPT, documents.get(receipt).kind());
        assertEquals(DocumentStatus.POSTED, documents.get(receipt).status());
        assertAmount("20", ledger.availability(p, wh).onHand());
        assertAmount("5", ledger.availability(p, wh).averageCost());
        problem(ProblemType.INVALID_FIELD, () -> ledger.receive(p, wh, q("1"), q("-1")));
        problem(ProblemType.INVALID_FIELD, () -> ledger.receive(p, wh, q("0"), q("1")));
        assertAmount("20", ledger.availability(p, wh).onHand());
    }

    @Test
    void concurrentShipmentsOfTheLastUnitsEndAtExactlyZero() throws Exception {
        String wh = warehouse("Contended");
        String p = product("Last item");
        int units = 20;
        int shipments = 60;
        receive(wh, p, String.valueOf(units), "10");
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < shipments; i++) {
            drafts.add(draft(DocumentKind.SHIPMENT, wh, p, "1", null).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ProblemType>> results = new ArrayList<>();
            for (String id : drafts) {
                results.add(pool.submit((Callable<ProblemType>) () -> {
                    start.await();
                    try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser("clerk", Set.of(TesseraUser.MANAGER)))) {
                        ledger.post(id);
                        return null;
                    } catch (ProblemException refused) {
                        return refused.type();
                    }
                }));
            }
            start.countDown();
            int shipped = 0;
            for (Future<ProblemType> result : results) {
                ProblemType refusal = result.get(120, TimeUnit.SECONDS);
                if (refusal == null) {
                    shipped++;
                } else {
                    assertEquals(ProblemType.CONFLICT, refusal);
                }
            }
            assertEquals(units, shipped);
        } finally {
            pool.shutdownNow();
        }
        assertAmount("0", ledger.availability(p, wh).onHand());
        assertAmount("0", ledger.onHandAsOf(p, wh, DAY));
        assertEquals(units + 1, ledger.movements(p, wh, null, null, null, 0, 1000).size());
    }

    @Test
    void concurrentReceiptsAtDifferentCostsKeepTheMovingAverageExact() throws Exception {
        String wh = warehouse("Busy dock");
        String p = product("Tile");
        String other = product("Grout");
        int receipts = 40;
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < receipts; i++) {
            String cost = i % 2 == 0 ? "10" : "30";
            // the same product twice in one document, with another between
            drafts.add(documents.create(Document.draft(DocumentKind.RECEIPT, wh, null, DAY, List.of(
                    new DocumentLine(p, q("2"), q(cost)), new DocumentLine(other, q("1"), q("1")),
                    new DocumentLine(p, q("3"), q(cost))))).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Document>> results = new ArrayList<>();
            for (String id : drafts) {
                results.add(pool.submit(() -> {
                    start.await();
                    try (CurrentUser.Scope ignored = CurrentUser.enter(new TesseraUser("clerk", Set.of(TesseraUser.MANAGER)))) {
                        return ledger.post(id);
                    }
                }));
            }
            start.countDown();
            for (Future<Document> result : results) {
                assertEquals(DocumentStatus.POSTED, result.get(120, TimeUnit.SECONDS).status());
            }
        } finally {
            pool.shutdownNow();
        }
        Availability stock = ledger.availability(p, wh);
        assertAmount("200", stock.onHand());
        // half came in at 10, half at 30: every step rounds to 4 places, a lost update would be far off
        assertTrue(stock.averageCost().subtract(q("20")).abs().compareTo(q("0.01")) < 0, stock.averageCost().toString());
        assertAmount("40", ledger.availability(other, wh).onHand());
        assertAmount("1", ledger.availability(other, wh).averageCost());
    }

    @Test
    void stockAndMovementResourcesAnswerAndRefuseBadParametersAsProblems() {
        // DocumentResource answers with javax.ws.rs.core.Response, which needs a JAX-RS runtime: it is
        // covered through the Ledger it delegates to.
        JsonCodec json = new JsonCodec();
        List<String> asked = new ArrayList<>();
        Access access = new Access() {
            @Override
            public boolean permits(String entity, Action action) {
                return true;
            }

            @Override
            public void require(String entity, Action action) {
                asked.add(entity + ":" + action);
            }
        };
        StockResource stock = new StockResource(ledger, reports, json, access);
        MovementResource movements = new MovementResource(ledger, access);
        String wh = warehouse("Rest");
        String p = product("Lamp");
        Document receipt = draft(DocumentKind.RECEIPT, wh, p, "3", "8");
        ledger.post(receipt.id());
        assertEquals(1, stock.list(p, wh, null, null, null, null).items().size());
        assertAmount("3", stock.asOf(p, wh, DAY.toString()).onHand());
        assertEquals(1, ((List<?>) movements.list(p, null, null, null, null, null, null).get("items")).size());
        assertEquals(1, ((List<?>) movements.list(null, null, receipt.id(), "2026-03-10", "2026-03-10", "0", "10")
                .get("items")).size());
        assertEquals("date", problem(ProblemType.MALFORMED_REQUEST, () -> stock.asOf(p, wh, "yesterday")).field());
        assertEquals("productId", problem(ProblemType.INVALID_FIELD, () -> stock.asOf(null, wh, "2026-01-01")).field());
        assertEquals("limit", problem(ProblemType.INVALID_FIELD,
                () -> movements.list(null, null, null, null, null, null, "0")).field());
        assertEquals("from", problem(ProblemType.MALFORMED_REQUEST,
                () -> movements.list(null, null, null, "31.12.2026", null, null, null)).field());
        assertEquals("offset", problem(ProblemType.MALFORMED_REQUEST,
                () -> stock.list(null, null, null, null, "x", null)).field());
        assertEquals("outOfStock", problem(ProblemType.INVALID_FIELD,
                () -> stock.list(null, null, null, "maybe", null, null)).field());
        assertTrue(asked.contains("warehouse_stock:READ"), asked::toString);
    }

    // ---------------------------------------------------------------- inventory counts

    @Test
    void anInventoryCountPostsTheDifferencesAsAdjustmentsAndCanBeReversed() {
        String wh = warehouse("Counted");
        String more = product("Bolt");
        String less = product("Nut");
        String same = product("Washer");
        receive(wh, more, "10", "2");
        receive(wh, less, "10", "3");
        receive(wh, same, "4", "1");
        Document count = documents.create(Document.draft(DocumentKind.INVENTORY, wh, null, DAY, List.of(
                new DocumentLine(more, q("12"), null), new DocumentLine(less, q("0"), null),
                new DocumentLine(same, q("4"), null))));
        ledger.post(count.id());
        assertAmount("12", ledger.availability(more, wh).onHand());
        assertAmount("0", ledger.availability(less, wh).onHand());
        assertAmount("4", ledger.availability(same, wh).onHand());
        List<Movement> adjustments = ledger.movements(null, null, count.id(), null, null, 0, 10);
        assertEquals(2, adjustments.size(), "no adjustment where the count agrees: " + adjustments);
        for (Movement adjustment : adjustments) {
            assertEquals(DocumentKind.INVENTORY, adjustment.kind());
            assertAmount(adjustment.productId().equals(more) ? "2" : "-10", adjustment.quantity());
            assertAmount(adjustment.productId().equals(more) ? "2" : "3", adjustment.unitCost()); // at the average
        }
        assertAmount("2", ledger.availability(more, wh).averageCost());

        ledger.reverse(count.id());
        assertAmount("10", ledger.availability(more, wh).onHand());
        assertAmount("10", ledger.availability(less, wh).onHand());
    }

    @Test
    void anInventoryCountSetsStockToWhatWasCountedEvenBelowTheReservedQuantity() {
        String wh = warehouse("Recount");
        String p = product("Chisel");
        receive(wh, p, "5", "1");
        ledger.reserve(p, wh, q("4"));
        ledger.post(documents.create(Document.draft(DocumentKind.INVENTORY, wh, null, DAY,
                List.of(new DocumentLine(p, q("3"), null)))).id());
        Availability after = ledger.availability(p, wh);
        assertAmount("3", after.onHand());
        assertAmount("4", after.reserved());
        assertAmount("-1", after.available());
        // other kinds still need a positive quantity
        assertEquals("lines[0].quantity", problem(ProblemType.INVALID_FIELD,
                () -> draft(DocumentKind.SHIPMENT, wh, p, "0", null)).field());
    }

    // ---------------------------------------------------------------- low stock

    @Test
    void crossingALowStockThresholdPostsOneEventAndRecoveringAnother() {
        String wh = warehouse("Thresholds");
        String p = product("Glue");
        receive(wh, p, "10", "1");
        LowStock.Threshold threshold = lowStock.set(p, q("5"));
        assertEquals(false, threshold.low());
        assertEquals("Glue", threshold.productName());
        posted.clear();

        ship(wh, p, "4"); // 6 left: not low
        assertTrue(posted.isEmpty(), posted::toString);
        ship(wh, p, "2"); // 4 left: low
        ledger.reserve(p, wh, q("1")); // 3 available: still low, no second event
        List<Event> low = posted.stream().filter(e -> e.getTopic().equals(LowStock.LOW_STOCK)).toList();
        assertEquals(1, low.size(), posted::toString);
        assertEquals(p, low.get(0).getProperty(LowStock.PRODUCT_ID));
        assertAmount("4", (BigDecimal) low.get(0).getProperty(LowStock.AVAILABLE));
        assertEquals(List.of(p), lowStock.list(true).stream().map(LowStock.Threshold::productId)
                .filter(p::equals).toList());

        receive(wh, p, "10", "1");
        assertEquals(1, posted.stream().filter(e -> e.getTopic().equals(LowStock.STOCK_RECOVERED)).count(),
                posted::toString);
        assertTrue(lowStock.list(true).stream().noneMatch(t -> t.productId().equals(p)));
        assertEquals("minimum", problem(ProblemType.INVALID_FIELD, () -> lowStock.set(p, q("-1"))).field());
        assertEquals("productId", problem(ProblemType.INVALID_FIELD, () -> lowStock.set("nope", q("1"))).field());
        assertTrue(lowStock.remove(p));
        assertEquals(null, lowStock.find(p));
    }

    // ---------------------------------------------------------------- reports and KPIs

    @Test
    void stockListValueReportAndMetricsAgreeWithTheLedger() {
        String wh = warehouse("Reported " + java.util.UUID.randomUUID());
        String a = product("Reported anvil");
        String b = product("Reported bucket");
        receive(wh, a, "3", "10");
        receive(wh, b, "2", "4");
        ship(wh, b, "2");
        StockReports.StockPage page = reports.list(new StockReports.Filter(null, wh, "reported", null), 0, 10);
        assertEquals(2, page.total());
        assertEquals("Reported anvil", page.items().get(0).productName());
        assertAmount("30", page.items().get(0).value());
        assertEquals(List.of(b), reports.list(new StockReports.Filter(null, wh, null, true), 0, 10).items().stream()
                .map(StockReports.StockRow::productId).toList());
        StockReports.WarehouseValue value = reports.value().warehouses().stream()
                .filter(w -> w.warehouseId().equals(wh)).findFirst().orElseThrow();
        assertAmount("30", value.value());
        assertEquals(1, value.products());

        BigDecimal totalBefore = new StockValueMetric(reports).measure(DAY, DAY, null);
        long outBefore = new OutOfStockMetric(reports).measure(DAY, DAY, null).longValueExact();
        receive(wh, a, "1", "10");
        assertAmount(totalBefore.add(q("10")).toPlainString(), new StockValueMetric(reports).measure(DAY, DAY, null));
        ship(wh, a, "4");
        assertEquals(outBefore + 1, new OutOfStockMetric(reports).measure(DAY, DAY, null).longValueExact());
        BigDecimal shipped = reports.shippedCost(DAY, DAY, null);
        BigDecimal turnover = new TurnoverMetric(reports).measure(DAY, DAY, null);
        assertAmount(shipped.divide(reports.value().total(), 4, java.math.RoundingMode.HALF_UP).toPlainString(),
                turnover);
        assertAmount("0", reports.shippedCost(DAY.minusDays(1), DAY.minusDays(1), null));
    }

    // ---------------------------------------------------------------- reservations from deals

    private Pipeline pipeline() {
        return pipelines.create(new Pipeline(null, null, "Wholesale " + java.util.UUID.randomUUID(), List.of(
                new Stage("lead", "Lead", StageKind.OPEN, 10), new Stage("reserve", "Reserve", StageKind.OPEN, 50),
                new Stage("invoice", "Invoice", StageKind.OPEN, 80), new Stage("won", "Won", StageKind.WON, 100),
                new Stage("lost", "Lost", StageKind.LOST, 0)), null, null, null, null, null, null));
    }

    private Deal deal(Pipeline pipeline, String... productAndQuantity) {
        List<DealLine> lines = new ArrayList<>();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            lines.add(new DealLine(productAndQuantity[i], null, q(productAndQuantity[i + 1]), q("100"), null));
        }
        Deal draft = Deal.of("Order " + lines.size()).withLines(lines);
        return deals.create(new Deal(null, null, draft.title(), null, null, null, null, pipeline.id(), "lead", null,
                null, lines, null, null, null, null, null, null, null));
    }

    private Deal move(Deal deal, String stageId) {
        Deal current = deals.get(deal.id());
        Deal moved = deals.update(deal.id(), current.version(), current.withStage(stageId));
        reservations.reconcile(deal.id()); // what DealEvents does on the deal's event
        return moved;
    }

    @Test
    void aDealReachingTheReserveStageReservesItsProductsAndALostDealReleasesThem() {
        String wh = warehouse("Deals");
        String drill = product("Deal drill");
        String saw = product("Deal saw");
        receive(wh, drill, "10", "5");
        receive(wh, saw, "2", "5");
        Pipeline pipeline = pipeline();
        reservationStages.create(ReservationStage.of(pipeline.id(), "reserve", wh, false));
        Deal deal = deal(pipeline, drill, "3", saw, "5", drill, "1");

        move(deal, "lead");
        assertTrue(reservations.find(deal.id()).isEmpty(), "lead does not reserve");
        move(deal, "reserve");
        DealReservation held = reservations.require(deal.id());
        assertEquals(DealReservation.Status.RESERVED, held.status());
        assertAmount("4", ledger.availability(drill, wh).reserved()); // two lines of one product
        assertAmount("6", ledger.availability(drill, wh).available());
        assertAmount("2", ledger.availability(saw, wh).reserved()); // only 2 of 5 were there
        DealReservation.Line sawLine = held.lines().stream().filter(l -> l.productId().equals(saw)).findFirst()
                .orElseThrow();
        assertAmount("5", sawLine.requested());
        assertAmount("2", sawLine.reserved());

        move(deal, "invoice"); // a later open stage keeps the reservation
        reservations.reconcile(deal.id()); // and reconciling twice changes nothing
        assertAmount("4", ledger.availability(drill, wh).reserved());

        move(deal, "lost");
        assertEquals(DealReservation.Status.RELEASED, reservations.require(deal.id()).status());
        assertAmount("0", ledger.availability(drill, wh).reserved());
        assertAmount("0", ledger.availability(saw, wh).reserved());
        assertAmount("10", ledger.availability(drill, wh).onHand());

        move(deal, "reserve"); // reopened: reserves again
        assertEquals(DealReservation.Status.RESERVED, reservations.require(deal.id()).status());
        assertAmount("4", ledger.availability(drill, wh).reserved());
        deals.delete(deal.id(), null);
        reservations.reconcile(deal.id());
        assertEquals(DealReservation.Status.RELEASED, reservations.require(deal.id()).status());
        assertAmount("0", ledger.availability(drill, wh).reserved());
    }

    @Test
    void aReservedDealWhoseLinesChangeHasItsReservationFollowThem() {
        String wh = warehouse("Changing deals");
        String drill = product("Changing drill");
        String saw = product("Changing saw");
        String lamp = product("Changing lamp");
        receive(wh, drill, "10", "5");
        receive(wh, saw, "4", "5");
        receive(wh, lamp, "1", "5");
        Pipeline pipeline = pipeline();
        reservationStages.create(ReservationStage.of(pipeline.id(), "reserve", wh, false));
        Deal deal = move(deal(pipeline, drill, "3", saw, "2"), "reserve");
        Deal other = move(deal(pipeline, saw, "1"), "reserve");
        assertAmount("3", ledger.availability(drill, wh).reserved());
        assertAmount("3", ledger.availability(saw, wh).reserved());

        // more drills, no saw, a lamp more than there is
        Deal current = deals.get(deal.id());
        deals.update(deal.id(), current.version(), current.withLines(List.of(
                new DealLine(drill, null, q("7"), q("100"), null), new DealLine(lamp, null, q("2"), q("100"), null))));
        reservations.reconcile(deal.id()); // what DealEvents does on the deal's event
        DealReservation followed = reservations.require(deal.id());
        assertEquals(DealReservation.Status.RESERVED, followed.status());
        assertEquals(List.of(drill, lamp).stream().sorted().toList(),
                followed.lines().stream().map(DealReservation.Line::productId).toList());
        assertAmount("7", ledger.availability(drill, wh).reserved());
        assertAmount("1", ledger.availability(saw, wh).reserved()); // only the other deal's saw is held
        assertAmount("1", ledger.availability(lamp, wh).reserved());
        DealReservation.Line lampLine = followed.lines().stream().filter(l -> l.productId().equals(lamp))
                .findFirst().orElseThrow();
        assertAmount("2", lampLine.requested());
        assertAmount("1", lampLine.reserved());

        reservations.reconcile(deal.id()); // nothing changed: nothing moves
        assertAmount("7", ledger.availability(drill, wh).reserved());
        move(deal, "lost");
        assertAmount("0", ledger.availability(drill, wh).reserved());
        assertAmount("0", ledger.availability(lamp, wh).reserved());
        assertAmount("1", ledger.availability(saw, wh).reserved());
        assertEquals(DealReservation.Status.RESERVED, reservations.require(other.id()).status());
    }

    @Test
    void aWonDealShipsWhatItReservedInOneShipmentAndAReversalRestoresTheStock() {
        String wh = warehouse("Won deals");
        String p = product("Deal lamp");
        receive(wh, p, "10", "7");
        Pipeline pipeline = pipeline();
        reservationStages.create(ReservationStage.of(pipeline.id(), "reserve", wh, true));
        Deal deal = deal(pipeline, p, "4");
        move(deal, "reserve");
        assertAmount("6", ledger.availability(p, wh).available());

        move(deal, "won");
        DealReservation shipped = reservations.require(deal.id());
        assertEquals(DealReservation.Status.SHIPPED, shipped.status());
        Document shipment = documents.get(shipped.shipmentId());
        assertEquals(DocumentKind.SHIPMENT, shipment.kind());
        assertEquals(DocumentStatus.POSTED, shipment.status());
        Availability after = ledger.availability(p, wh);
        assertAmount("6", after.onHand());
        assertAmount("0", after.reserved());
        assertAmount("6", after.available());

        ledger.reverse(shipment.id());
        assertAmount("10", ledger.availability(p, wh).onHand());
        assertEquals("Deal " + deal.id() + " holds no stock to ship: its reservation is SHIPPED",
                problem(ProblemType.CONFLICT, () -> reservations.ship(deal.id())).getMessage());
    }

    @Test
    void withoutShipWhenWonAWonDealKeepsItsReservationUntilShippedOnRequest() {
        String wh = warehouse("Manual ship");
        String p = product("Deal rope");
        receive(wh, p, "5", "2");
        Pipeline pipeline = pipeline();
        reservationStages.create(ReservationStage.of(pipeline.id(), "reserve", wh, false));
        Deal deal = deal(pipeline, p, "5");
        move(deal, "reserve");
        problem(ProblemType.CONFLICT, () -> reservations.ship(deal.id())); // not won yet
        move(deal, "won");
        assertEquals(DealReservation.Status.RESERVED, reservations.require(deal.id()).status());
        assertAmount("0", ledger.availability(p, wh).available());

        // a count finds only 2 on the shelf: the shipment is refused and leaves nothing behind
        ledger.post(documents.create(Document.draft(DocumentKind.INVENTORY, wh, null, DAY,
                List.of(new DocumentLine(p, q("2"), null)))).id());
        problem(ProblemType.CONFLICT, () -> reservations.ship(deal.id()));
        assertEquals(DealReservation.Status.RESERVED, reservations.require(deal.id()).status());
        assertAmount("5", ledger.availability(p, wh).reserved());
        Map<String, List<String>> shipments = Map.of("warehouseId", List.of(wh), "kind", List.of("SHIPMENT"));
        assertEquals(0, documents.list(Query.fromParameters(shipments)).total(), "no shipment draft");
        Map<String, List<String>> deleted = new java.util.HashMap<>(shipments);
        deleted.put("deleted", List.of("true"));
        assertEquals(0, documents.list(Query.fromParameters(deleted)).total(), "none in the recycle bin either");
        ledger.post(documents.create(Document.draft(DocumentKind.INVENTORY, wh, null, DAY,
                List.of(new DocumentLine(p, q("5"), null)))).id());

        DealReservation shipped = reservations.ship(deal.id());
        assertEquals(DealReservation.Status.SHIPPED, shipped.status());
        assertAmount("0", ledger.availability(p, wh).onHand());
        assertAmount("0", ledger.availability(p, wh).reserved());
    }

    @Test
    void reservationStagesAreCheckedAndOnlyAdministratorsChangeThem() {
        String wh = warehouse("Settings");
        Pipeline pipeline = pipeline();
        assertEquals("stageId", problem(ProblemType.INVALID_FIELD,
                () -> reservationStages.create(ReservationStage.of(pipeline.id(), "nope", wh, false))).field());
        assertEquals("stageId", problem(ProblemType.INVALID_FIELD,
                () -> reservationStages.create(ReservationStage.of(pipeline.id(), "won", wh, false))).field());
        assertEquals("warehouseId", problem(ProblemType.INVALID_FIELD,
                () -> reservationStages.create(ReservationStage.of(pipeline.id(), "reserve", "nope", false))).field());
        ReservationStage setting = reservationStages.create(ReservationStage.of(pipeline.id(), "reserve", wh, false));
        assertEquals(false, setting.shipWhenWon());
        problem(ProblemType.CONFLICT,
                () -> reservationStages.create(ReservationStage.of(pipeline.id(), "reserve", wh, true)));
        try (CurrentUser.Scope manager = CurrentUser.enter(new TesseraUser("manager", Set.of(TesseraUser.MANAGER)))) {
            problem(ProblemType.FORBIDDEN,
                    () -> reservationStages.create(ReservationStage.of(pipeline.id(), "invoice", wh, false)));
            problem(ProblemType.FORBIDDEN, () -> reservationStages.delete(setting.id(), null));
        }
        assertEquals(setting.id(), reservationStages.forStage(pipeline.id(), "reserve").orElseThrow().id());
    }
}
