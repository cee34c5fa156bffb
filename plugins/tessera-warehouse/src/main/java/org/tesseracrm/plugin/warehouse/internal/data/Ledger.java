package org.tesseracrm.plugin.warehouse.internal.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.api.audit.AuditLog;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.plugin.warehouse.api.Availability;
import org.tesseracrm.plugin.warehouse.api.Stock;

/**
 * The stock ledger: posts and reverses documents, keeps current stock ({@code warehouse.stock}) and the
 * movement history ({@code warehouse.movement}), and answers stock questions.
 *
 * <p>Posting changes the document's status, every stock row and the movement history in one transaction.
 * Stock leaves a warehouse only through a conditional update ({@code … WHERE on_hand - reserved >= ?}), so
 * of two concurrent shipments of the last unit exactly one succeeds; the other gets a {@code CONFLICT}
 * naming the product. Outgoing rows are locked in a fixed order (warehouse, product) to avoid deadlocks.
 * Receipts update the moving-average cost; everything else leaves at the average cost.
 */
@Component(service = {Ledger.class, Stock.class})
public final class Ledger implements Stock {
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(4);
    private static final String ADD_ON_HAND = "UPDATE warehouse.stock SET on_hand = on_hand + ?"
            + " WHERE warehouse_id = ? AND product_id = ?";
    private static final Comparator<Move> ORDER = Comparator.comparing(Move::warehouseId)
            .thenComparing(Move::productId);

    private final Database database;
    private final Documents documents;
    private final LowStock lowStock;
    private final AuditLog audit;

    /** Starts once schema {@code warehouse} is migrated. */
    @Activate
    public Ledger(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=warehouse)") Database database,
            @Reference Documents documents, @Reference LowStock lowStock, @Reference AuditLog audit) {
        this.database = database;
        this.documents = documents;
        this.lowStock = lowStock;
        this.audit = audit;
    }

    // ---------------------------------------------------------------- posting

    /**
     * Posts a draft: its movements change stock, its status becomes {@link DocumentStatus#POSTED}.
     *
     * @throws ProblemException CONFLICT when it is not a draft or stock is short; INVALID_FIELD without lines
     */
    public Document post(String id) {
        return post(id, null);
    }

    /**
     * Posts a draft like {@link #post(String)}, running other work first in the same transaction: when
     * either fails, nothing of both is written. A won deal's shipment releases its reservation this way.
     *
     * @param before work to run in the posting transaction before stock moves, or {@code null}
     * @return the posted document
     */
    public Document post(String id, Database.Work<?> before) {
        return posting(null, () -> documents.get(id), before == null ? null : document -> before);
    }

    /**
     * Creates a document and posts it at once ("post and close"), in one transaction: when the posting is
     * refused (stock is short, say) nothing is left behind, neither a draft nor a used number.
     *
     * @param draft the new document, as for {@link Documents#create}
     * @return the posted document
     * @throws ProblemException as {@link Documents#create} and {@link #post(String)} do
     */
    public Document createPosted(Document draft) {
        return createPosted(draft, null);
    }

    /**
     * Creates a document and posts it at once like {@link #createPosted(Document)}, running other work
     * first in the same transaction: when either fails, nothing of both is written, not even the draft.
     * A won deal's shipment releases its reservation this way.
     *
     * @param before gives the work to run for the document just created (its id is known), or is
     *               {@code null}
     */
    public Document createPosted(Document draft, Function<Document, Database.Work<?>> before) {
        documents.prepareNumbering(draft);
        return posting(draft, () -> documents.create(draft), before);
    }

    /**
     * Reads (or creates) a draft, checks it and moves its stock in one transaction, each statement prepared
     * once. Stock rows the document needs and does not have yet (a product's first movement in a
     * warehouse) are created first, each in a transaction of its own, and the posting starts again: two
     * postings racing for the same new row thus never fail on its insertion. Rows are looked for before
     * anything is written, so that an attempt that starts again has nothing to undo, even when it runs
     * inside a caller's transaction.
     *
     * @param planned the document about to be created, whose stock rows are looked for first; or
     *                {@code null} to look for them once the draft is read
     */
    private Document posting(Document planned, Supplier<Document> draft,
            Function<Document, Database.Work<?>> before) {
        String actor = CurrentUser.get().username();
        boolean lookFirst = planned != null && Moves.possible(planned);
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean lookingFirst = lookFirst;
            try {
                Posted posted = database.inTransaction(connection -> {
                    try (Statements statements = new Statements(connection)) {
                        Map<String, Availability> levels = lookingFirst
                                ? existingLevels(statements, Moves.of(planned)) : null;
                        Document document = draft.get();
                        if (document.status() != DocumentStatus.DRAFT) {
                            throw ProblemException.conflict("Document " + document.number() + " is "
                                    + document.status() + "; only a draft can be posted");
                        }
                        if (document.lines() == null || document.lines().isEmpty()) {
                            throw ProblemException.invalid("lines", "A document needs at least one line to be posted");
                        }
                        Moves moves = Moves.of(document);
                        if (levels == null) {
                            levels = existingLevels(statements, moves);
                        }
                        Document done = post(statements, document, moves, levels,
                                before == null ? null : before.apply(document), actor);
                        return new Posted(done, lowStock.crossed(connection, products(done.lines())));
                    }
                });
                lowStock.announce(posted.crossed()); // committed now
                return posted.document();
            } catch (MissingStockRows missing) {
                if (!lookingFirst && attempt > 0) {
                    throw gone(missing.moves); // created once already: what they name is no longer there
                }
                missing.moves.forEach(move -> ensureRow(move.warehouseId(), move.productId()));
                // rows that still do not exist name no live product or warehouse: creating the document says which
                lookFirst = false;
            }
        }
        throw new IllegalStateException("The stock rows of a document vanished while it was posted");
    }

    /**
     * @return the conflict of a draft that names a product or warehouse deleted since it was written (no
     *         stock row can be made for it)
     */
    private ProblemException gone(List<Move> moves) {
        Move move = moves.get(0);
        return database.inTransaction(connection -> {
            boolean product = exists(connection, "SELECT 1 FROM core.product WHERE id = ? AND deleted_at IS NULL",
                    move.productId());
            return ProblemException.conflict(product
                    ? "Warehouse '" + warehouseName(connection, move.warehouseId()) + "' (" + move.warehouseId()
                            + ") was deleted; restore it to post this document"
                    : "Product '" + productName(connection, move.productId()) + "' (" + move.productId()
                            + ") was deleted; restore it or change the line to post this document");
        });
    }

    /**
     * @return the stock rows of the moves, as {@link #levels} reads them
     * @throws MissingStockRows when some do not exist yet
     */
    private static Map<String, Availability> existingLevels(Statements statements, Moves moves) throws SQLException {
        Map<String, Availability> levels = levels(statements, moves.all());
        List<Move> missing = moves.all().stream()
                .filter(move -> !levels.containsKey(key(move.warehouseId(), move.productId()))).toList();
        if (!missing.isEmpty()) {
            throw new MissingStockRows(missing);
        }
        return levels;
    }

    /**
     * Moves the stock of a checked draft whose stock rows all exist.
     *
     * @param levels the stock rows as read at the start of the transaction; each is changed only if it is
     *               still so (else it is locked and read again), so a 10-line document costs 10 updates
     *               and 10 inserts, as by hand
     * @return the document as posted
     */
    private Document post(Statements statements, Document document, Moves moves, Map<String, Availability> levels,
            Database.Work<?> before, String actor) throws SQLException {
        Document posted = changeStatus(statements, document, DocumentStatus.DRAFT, DocumentStatus.POSTED, actor);
        if (before != null) {
            before.run(statements.connection());
            levels = levels(statements, moves.all()); // the work may have changed them
        }
        if (document.kind() == DocumentKind.INVENTORY) {
            for (Move counted : sorted(moves.in())) {
                adjust(statements, document, counted, actor);
            }
            return posted;
        }
        Map<String, BigDecimal> transferCost = new HashMap<>();
        for (Move move : sorted(moves.out())) {
            BigDecimal cost = takeOut(statements, levels, move);
            transferCost.put(move.productId(), cost);
            record(statements, document, false, move.warehouseId(), move.productId(), move.quantity().negate(),
                    cost, document.postingDate(), actor);
        }
        for (Move move : sorted(moves.in())) {
            BigDecimal cost = move.unitCost() != null ? move.unitCost() : transferCost.get(move.productId());
            putIn(statements, levels, move, cost);
            record(statements, document, false, move.warehouseId(), move.productId(), move.quantity(), cost,
                    document.postingDate(), actor);
        }
        return posted;
    }

    /**
     * Takes a move's stock out at the average cost read before, when that is still the average: one
     * update; otherwise (someone changed it meanwhile) as {@link #takeOut(Statements, String, String,
     * BigDecimal)} does. Keeps {@code levels} up to date for later lines of the same product.
     *
     * @return the unit cost it left at
     */
    private BigDecimal takeOut(Statements statements, Map<String, Availability> levels, Move move)
            throws SQLException {
        String key = key(move.warehouseId(), move.productId());
        Availability seen = levels.get(key);
        boolean allowNegative = allowNegative(statements, move.warehouseId());
        PreparedStatement update = statements.get("UPDATE warehouse.stock SET on_hand = on_hand - ?"
                + " WHERE warehouse_id = ? AND product_id = ? AND average_cost = ?"
                + (allowNegative ? "" : " AND on_hand - reserved >= ?"));
        update.setBigDecimal(1, move.quantity());
        update.setString(2, move.warehouseId());
        update.setString(3, move.productId());
        update.setBigDecimal(4, seen.averageCost());
        if (!allowNegative) {
            update.setBigDecimal(5, move.quantity());
        }
        if (update.executeUpdate() == 1) {
            BigDecimal onHand = seen.onHand().subtract(move.quantity());
            levels.put(key, availability(move.productId(), move.warehouseId(), onHand, seen.reserved(),
                    seen.averageCost()));
            return seen.averageCost();
        }
        BigDecimal cost = takeOut(statements, move.warehouseId(), move.productId(), move.quantity());
        levels.put(key, level(statements, move.warehouseId(), move.productId()));
        return cost;
    }

    /**
     * Puts a move's stock in at a unit cost, with the new moving average computed from the row read
     * before: one update when the row is still as read; otherwise as {@link #putIn(Statements, String,
     * String, BigDecimal, BigDecimal)} does. Keeps {@code levels} up to date.
     */
    private void putIn(Statements statements, Map<String, Availability> levels, Move move, BigDecimal unitCost)
            throws SQLException {
        String key = key(move.warehouseId(), move.productId());
        Availability seen = levels.get(key);
        BigDecimal onHand = seen.onHand().add(move.quantity());
        BigDecimal average = average(seen.onHand(), seen.averageCost(), move.quantity(), unitCost, onHand);
        PreparedStatement update = statements.get("UPDATE warehouse.stock SET on_hand = on_hand + ?,"
                + " average_cost = ? WHERE warehouse_id = ? AND product_id = ? AND on_hand = ? AND average_cost = ?");
        update.setBigDecimal(1, move.quantity());
        update.setBigDecimal(2, average);
        update.setString(3, move.warehouseId());
        update.setString(4, move.productId());
        update.setBigDecimal(5, seen.onHand());
        update.setBigDecimal(6, seen.averageCost());
        if (update.executeUpdate() == 1) {
            levels.put(key, availability(move.productId(), move.warehouseId(), onHand, seen.reserved(), average));
            return;
        }
        putIn(statements, move.warehouseId(), move.productId(), move.quantity(), unitCost);
        levels.put(key, level(statements, move.warehouseId(), move.productId()));
    }

    /**
     * The moving average after a receipt: the value before plus what came in, over the quantity after;
     * the unit cost alone when there was nothing (or less than nothing) before or is nothing after.
     */
    private static BigDecimal average(BigDecimal onHandBefore, BigDecimal averageBefore, BigDecimal quantity,
            BigDecimal unitCost, BigDecimal onHandAfter) {
        if (onHandBefore.signum() <= 0 || onHandAfter.signum() <= 0) {
            return unitCost.setScale(4, RoundingMode.HALF_UP);
        }
        return onHandBefore.multiply(averageBefore).add(quantity.multiply(unitCost))
                .divide(onHandAfter, 4, RoundingMode.HALF_UP);
    }

    private static String key(String warehouseId, String productId) {
        return warehouseId + "/" + productId;
    }

    private static List<String> products(List<DocumentLine> lines) {
        return lines.stream().map(DocumentLine::productId).distinct().toList();
    }

    /**
     * Posts one counted line of an inventory count: the difference between what was counted and what is
     * on hand now becomes an adjustment movement (none when they agree). The stock row is locked before it
     * is read, so a concurrent shipment cannot slip between the reading and the adjustment.
     */
    private void adjust(Statements statements, Document document, Move counted, String actor) throws SQLException {
        PreparedStatement lock = statements.get("UPDATE warehouse.stock SET on_hand = on_hand"
                + " WHERE warehouse_id = ? AND product_id = ?");
        lock.setString(1, counted.warehouseId());
        lock.setString(2, counted.productId());
        lock.executeUpdate();
        Availability now = level(statements, counted.warehouseId(), counted.productId());
        BigDecimal difference = counted.quantity().subtract(now.onHand());
        if (difference.signum() == 0) {
            return;
        }
        BigDecimal cost;
        if (difference.signum() > 0) {
            cost = counted.unitCost() != null ? counted.unitCost() : now.averageCost();
            putIn(statements, counted.warehouseId(), counted.productId(), difference, cost);
        } else {
            cost = now.averageCost();
            PreparedStatement update = statements.get(ADD_ON_HAND);
            update.setBigDecimal(1, difference);
            update.setString(2, counted.warehouseId());
            update.setString(3, counted.productId());
            update.executeUpdate();
        }
        record(statements, document, false, counted.warehouseId(), counted.productId(), difference, cost,
                document.postingDate(), actor);
    }

    /**
     * Reverses a posted document: every movement it made is undone by the opposite movement, dated today
     * (or its posting date when that is later); its status becomes {@link DocumentStatus#REVERSED}. Undoing
     * a receipt whose goods already left is refused like a shipment would be.
     *
     * @throws ProblemException CONFLICT when it is not posted or stock is short
     */
    public Document reverse(String id) {
        String actor = CurrentUser.get().username();
        Document reversed = database.inTransaction(connection -> {
            Document document = documents.get(id);
            if (document.status() != DocumentStatus.POSTED) {
                throw ProblemException.conflict("Document " + document.number() + " is " + document.status()
                        + "; only a posted document can be reversed");
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate date = document.postingDate().isAfter(today) ? document.postingDate() : today;
            try (Statements statements = new Statements(connection)) {
                Document changed = changeStatus(statements, document, DocumentStatus.POSTED,
                        DocumentStatus.REVERSED, actor);
                List<Move> original = new ArrayList<>();
                PreparedStatement select = statements.get("SELECT warehouse_id, product_id, quantity, unit_cost"
                        + " FROM warehouse.movement WHERE document_id = ? AND reversal = ?");
                select.setString(1, document.id());
                select.setBoolean(2, false);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        original.add(new Move(rows.getString(1), rows.getString(2), rows.getBigDecimal(3),
                                rows.getBigDecimal(4)));
                    }
                }
                // What came in goes out first (checked), then what went out comes back.
                for (Move move : sorted(original.stream().filter(m -> m.quantity().signum() > 0).toList())) {
                    takeBack(statements, move.warehouseId(), move.productId(), move.quantity(), move.unitCost());
                    record(statements, document, true, move.warehouseId(), move.productId(),
                            move.quantity().negate(), move.unitCost(), date, actor);
                }
                for (Move move : sorted(original.stream().filter(m -> m.quantity().signum() < 0).toList())) {
                    putIn(statements, move.warehouseId(), move.productId(), move.quantity().negate(),
                            move.unitCost());
                    record(statements, document, true, move.warehouseId(), move.productId(),
                            move.quantity().negate(), move.unitCost(), date, actor);
                }
                return changed;
            }
        });
        lowStock.check(products(reversed.lines()));
        return reversed;
    }

    /** @return a new UTC calendar (JDBC drivers may change the one they are given) */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    private static List<Move> sorted(List<Move> moves) {
        List<Move> copy = new ArrayList<>(moves);
        copy.sort(ORDER);
        return copy;
    }

    /**
     * Moves the document to its new status, audited in the posting's transaction.
     *
     * @return the document as it is now written
     */
    private Document changeStatus(Statements statements, Document document, DocumentStatus from,
            DocumentStatus to, String actor) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PreparedStatement update = statements.get("UPDATE warehouse.document SET status = ?,"
                + " version = version + 1, updated_at = ?, updated_by = ?"
                + " WHERE id = ? AND status = ? AND version = ? AND deleted_at IS NULL");
        update.setString(1, to.name());
        update.setTimestamp(2, Timestamp.from(now), utc());
        update.setString(3, actor);
        update.setString(4, document.id());
        update.setString(5, from.name());
        update.setLong(6, document.version());
        if (update.executeUpdate() != 1) {
            throw ProblemException.conflict("Document " + document.number()
                    + " was changed, posted or reversed at the same time; read it again");
        }
        audit.write(Document.ENTITY, document.id(), to.name(), Map.of("status", new FieldChange(from.name(), to.name()),
                "version", new FieldChange(document.version(), document.version() + 1)));
        return document.changed(to, document.version() + 1, now, actor);
    }

    /** Takes stock out, refusing to go below zero unless the warehouse allows it; @return the unit cost. */
    private BigDecimal takeOut(Statements statements, String warehouseId, String productId, BigDecimal quantity)
            throws SQLException {
        boolean allowNegative = allowNegative(statements, warehouseId);
        PreparedStatement update = statements.get("UPDATE warehouse.stock SET on_hand = on_hand - ?"
                + " WHERE warehouse_id = ? AND product_id = ?" + (allowNegative ? "" : " AND on_hand - reserved >= ?"));
        update.setBigDecimal(1, quantity);
        update.setString(2, warehouseId);
        update.setString(3, productId);
        if (!allowNegative) {
            update.setBigDecimal(4, quantity);
        }
        if (update.executeUpdate() != 1) {
            throw shortage(statements.connection(), warehouseId, productId, quantity);
        }
        return level(statements, warehouseId, productId).averageCost();
    }

    /** Undoes an incoming movement: takes it out (checked) and removes its cost from the average. */
    private void takeBack(Statements statements, String warehouseId, String productId, BigDecimal quantity,
            BigDecimal unitCost) throws SQLException {
        takeOut(statements, warehouseId, productId, quantity);
        Availability after = level(statements, warehouseId, productId);
        if (after.onHand().signum() > 0) {
            BigDecimal before = after.onHand().add(quantity);
            BigDecimal value = before.multiply(after.averageCost()).subtract(quantity.multiply(unitCost));
            BigDecimal average = value.signum() <= 0 ? ZERO : value.divide(after.onHand(), 4, RoundingMode.HALF_UP);
            setAverage(statements, warehouseId, productId, average);
        }
    }

    /** Puts stock in at a unit cost, updating the moving average. */
    private void putIn(Statements statements, String warehouseId, String productId, BigDecimal quantity,
            BigDecimal unitCost) throws SQLException {
        PreparedStatement update = statements.get(ADD_ON_HAND);
        update.setBigDecimal(1, quantity);
        update.setString(2, warehouseId);
        update.setString(3, productId);
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("No stock row for " + productId + " in " + warehouseId);
        }
        Availability after = level(statements, warehouseId, productId);
        BigDecimal average = average(after.onHand().subtract(quantity), after.averageCost(), quantity, unitCost,
                after.onHand());
        if (average.compareTo(after.averageCost()) != 0) { // goods at the average cost leave it as it is
            setAverage(statements, warehouseId, productId, average);
        }
    }

    private static void setAverage(Statements statements, String warehouseId, String productId, BigDecimal average)
            throws SQLException {
        PreparedStatement update = statements.get("UPDATE warehouse.stock SET average_cost = ?"
                + " WHERE warehouse_id = ? AND product_id = ?");
        update.setBigDecimal(1, average.setScale(4, RoundingMode.HALF_UP));
        update.setString(2, warehouseId);
        update.setString(3, productId);
        update.executeUpdate();
    }

    private static void record(Statements statements, Document document, boolean reversal, String warehouseId,
            String productId, BigDecimal quantity, BigDecimal unitCost, LocalDate date, String actor)
            throws SQLException {
        PreparedStatement insert = statements.get("INSERT INTO warehouse.movement (id, document_id,"
                + " kind, reversal, warehouse_id, product_id, quantity, unit_cost, posting_date, created_at,"
                + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, document.id());
        insert.setString(3, document.kind().name());
        insert.setBoolean(4, reversal);
        insert.setString(5, warehouseId);
        insert.setString(6, productId);
        insert.setBigDecimal(7, quantity);
        insert.setBigDecimal(8, (unitCost == null ? ZERO : unitCost).setScale(4, RoundingMode.HALF_UP));
        insert.setDate(9, Date.valueOf(date));
        insert.setTimestamp(10, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), utc());
        insert.setString(11, actor);
        insert.executeUpdate();
    }

    /**
     * @return the stock rows of these moves that exist, by {@link #key}, read with one query per warehouse
     *         (the primary key's index answers {@code warehouse_id = ? AND product_id IN (…)})
     */
    private static Map<String, Availability> levels(Statements statements, List<Move> moves) throws SQLException {
        Map<String, Set<String>> byWarehouse = new TreeMap<>();
        for (Move move : moves) {
            byWarehouse.computeIfAbsent(move.warehouseId(), w -> new LinkedHashSet<>()).add(move.productId());
        }
        Map<String, Availability> found = new HashMap<>();
        for (Map.Entry<String, Set<String>> warehouse : byWarehouse.entrySet()) {
            String marks = String.join(", ", warehouse.getValue().stream().map(p -> "?").toList());
            PreparedStatement select = statements.get("SELECT product_id, on_hand, reserved, average_cost"
                    + " FROM warehouse.stock WHERE warehouse_id = ? AND product_id IN (" + marks + ")");
            select.setString(1, warehouse.getKey());
            int index = 2;
            for (String productId : warehouse.getValue()) {
                select.setString(index++, productId);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String productId = rows.getString(1);
                    found.put(key(warehouse.getKey(), productId), availability(productId, warehouse.getKey(),
                            rows.getBigDecimal(2), rows.getBigDecimal(3), rows.getBigDecimal(4)));
                }
            }
        }
        return found;
    }

    private void ensureRow(String warehouseId, String productId) {
        try {
            database.inTransaction(connection -> {
                if (!exists(connection, "SELECT 1 FROM warehouse.stock WHERE warehouse_id = ? AND product_id = ?",
                        warehouseId, productId)) {
                    // only for a live product in a live warehouse: a row for a mistyped id would show as stock
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.stock"
                            + " (warehouse_id, product_id, on_hand, reserved, average_cost)"
                            + " SELECT w.id, p.id, 0, 0, 0 FROM warehouse.warehouse w, core.product p"
                            + " WHERE w.id = ? AND w.deleted_at IS NULL AND p.id = ? AND p.deleted_at IS NULL")) {
                        insert.setString(1, warehouseId);
                        insert.setString(2, productId);
                        insert.executeUpdate();
                    }
                }
                return null;
            });
        } catch (ProblemException duplicate) {
            if (duplicate.type() != ProblemType.CONFLICT) {
                throw duplicate;
            }
            // another transaction created the row at the same time: it exists now
        }
    }

    private ProblemException shortage(Connection connection, String warehouseId, String productId,
            BigDecimal needed) throws SQLException {
        Availability level = level(connection, warehouseId, productId);
        return new ProblemException(ProblemType.CONFLICT, "Not enough stock of product '"
                + productName(connection, productId) + "' (" + productId + ") in warehouse '"
                + warehouseName(connection, warehouseId) + "': available " + plain(level.available()) + ", needed "
                + plain(needed), "productId");
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static String productName(Connection connection, String productId) throws SQLException {
        return text(connection, "SELECT name FROM core.product WHERE id = ?", productId, productId);
    }

    private static String warehouseName(Connection connection, String warehouseId) throws SQLException {
        return text(connection, "SELECT name FROM warehouse.warehouse WHERE id = ?", warehouseId, warehouseId);
    }

    private static String text(Connection connection, String sql, String id, String fallback) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : fallback;
            }
        }
    }

    private static boolean allowNegative(Statements statements, String warehouseId) throws SQLException {
        PreparedStatement select = statements.get("SELECT allow_negative FROM warehouse.warehouse WHERE id = ?");
        select.setString(1, warehouseId);
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /** @return whether the query with these string parameters finds a row */
    static boolean exists(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    // ---------------------------------------------------------------- reading

    private static final String LEVEL = "SELECT on_hand, reserved, average_cost FROM warehouse.stock"
            + " WHERE warehouse_id = ? AND product_id = ?";

    private static Availability level(Connection connection, String warehouseId, String productId)
            throws SQLException {
        try (Statements statements = new Statements(connection)) {
            return level(statements, warehouseId, productId);
        }
    }

    private static Availability level(Statements statements, String warehouseId, String productId)
            throws SQLException {
        PreparedStatement select = statements.get(LEVEL);
        select.setString(1, warehouseId);
        select.setString(2, productId);
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return new Availability(productId, warehouseId, ZERO, ZERO, ZERO, ZERO);
            }
            return availability(productId, warehouseId, rows.getBigDecimal(1), rows.getBigDecimal(2),
                    rows.getBigDecimal(3));
        }
    }

    private static Availability availability(String productId, String warehouseId, BigDecimal onHand,
            BigDecimal reserved, BigDecimal averageCost) {
        return new Availability(productId, warehouseId, onHand, reserved, onHand.subtract(reserved), averageCost);
    }

    /**
     * Current stock rows matching the filters (either may be {@code null}), ordered by warehouse and product.
     */
    public List<Availability> stock(String productId, String warehouseId, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT product_id, warehouse_id, on_hand, reserved, average_cost"
                + " FROM warehouse.stock WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        filter(sql, parameters, "product_id", productId);
        filter(sql, parameters, "warehouse_id", warehouseId);
        sql.append(" ORDER BY warehouse_id, product_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        return database.inTransaction(connection -> {
            List<Availability> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int next = bind(select, parameters);
                select.setInt(next++, offset);
                select.setInt(next, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(availability(rows.getString(1), rows.getString(2), rows.getBigDecimal(3),
                                rows.getBigDecimal(4), rows.getBigDecimal(5)));
                    }
                }
            }
            return result;
        });
    }

    /** @return the on-hand quantity of a product in a warehouse at the end of a day, from the movements */
    public BigDecimal onHandAsOf(String productId, String warehouseId, LocalDate date) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT SUM(quantity) FROM warehouse.movement"
                    + " WHERE product_id = ? AND warehouse_id = ? AND posting_date <= ?")) {
                select.setString(1, productId);
                select.setString(2, warehouseId);
                select.setDate(3, Date.valueOf(date));
                try (ResultSet rows = select.executeQuery()) {
                    BigDecimal sum = rows.next() ? rows.getBigDecimal(1) : null;
                    return (sum == null ? ZERO : sum).setScale(4, RoundingMode.HALF_UP);
                }
            }
        });
    }

    /**
     * The movement history matching the filters (any may be {@code null}), oldest first.
     *
     * @param from first posting date included
     * @param to   last posting date included
     */
    public List<Movement> movements(String productId, String warehouseId, String documentId, LocalDate from,
            LocalDate to, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, document_id, kind, reversal, warehouse_id, product_id,"
                + " quantity, unit_cost, posting_date, created_at, created_by FROM warehouse.movement WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        filter(sql, parameters, "product_id", productId);
        filter(sql, parameters, "warehouse_id", warehouseId);
        filter(sql, parameters, "document_id", documentId);
        if (from != null) {
            sql.append(" AND posting_date >= ?");
        }
        if (to != null) {
            sql.append(" AND posting_date <= ?");
        }
        sql.append(" ORDER BY posting_date, created_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        return database.inTransaction(connection -> {
            List<Movement> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int next = bind(select, parameters);
                if (from != null) {
                    select.setDate(next++, Date.valueOf(from));
                }
                if (to != null) {
                    select.setDate(next++, Date.valueOf(to));
                }
                select.setInt(next++, offset);
                select.setInt(next, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(new Movement(rows.getString(1), rows.getString(2),
                                DocumentKind.valueOf(rows.getString(3)), rows.getBoolean(4), rows.getString(5),
                                rows.getString(6), rows.getBigDecimal(7), rows.getBigDecimal(8),
                                rows.getDate(9).toLocalDate(), rows.getTimestamp(10, utc()).toInstant(),
                                rows.getString(11)));
                    }
                }
            }
            return result;
        });
    }

    private static void filter(StringBuilder sql, List<String> parameters, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    private static int bind(PreparedStatement select, List<String> parameters) throws SQLException {
        int index = 1;
        for (String parameter : parameters) {
            select.setString(index++, parameter);
        }
        return index;
    }

    // ---------------------------------------------------------------- Stock, for other plugins

    @Override
    public Availability availability(String productId, String warehouseId) {
        requireWarehouse(warehouseId);
        return database.inTransaction(connection -> level(connection, warehouseId, productId));
    }

    @Override
    public Availability reserve(String productId, String warehouseId, BigDecimal quantity) {
        checkRequest(productId, warehouseId, quantity);
        ensureRow(warehouseId, productId);
        Availability after = database.inTransaction(connection -> {
            if (!reserve(connection, warehouseId, productId, quantity)) {
                throw shortage(connection, warehouseId, productId, quantity);
            }
            return level(connection, warehouseId, productId);
        });
        lowStock.check(List.of(productId));
        return after;
    }

    @Override
    public Availability release(String productId, String warehouseId, BigDecimal quantity) {
        checkRequest(productId, warehouseId, quantity);
        Availability after = database.inTransaction(connection -> {
            release(connection, warehouseId, productId, quantity);
            return level(connection, warehouseId, productId);
        });
        lowStock.check(List.of(productId));
        return after;
    }

    /**
     * Reserves a quantity in the caller's transaction, only when that much is available (or the warehouse
     * allows negative stock). The stock row must exist ({@link #ensureStockRow}).
     *
     * @return whether it was reserved; nothing changed when not
     */
    public boolean reserve(Connection connection, String warehouseId, String productId, BigDecimal quantity)
            throws SQLException {
        try (Statements statements = new Statements(connection)) {
            boolean allowNegative = allowNegative(statements, warehouseId);
            PreparedStatement update = statements.get("UPDATE warehouse.stock"
                    + " SET reserved = reserved + ? WHERE warehouse_id = ? AND product_id = ?"
                    + (allowNegative ? "" : " AND on_hand - reserved >= ?"));
            update.setBigDecimal(1, quantity);
            update.setString(2, warehouseId);
            update.setString(3, productId);
            if (!allowNegative) {
                update.setBigDecimal(4, quantity);
            }
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Reserves as much of a quantity as is available now, in the caller's transaction: all of it, part
     * of it, or nothing. The stock row must exist ({@link #ensureStockRow}).
     *
     * @return what was reserved (zero or more, at most the quantity)
     */
    public BigDecimal reserveAvailable(Connection connection, String warehouseId, String productId,
            BigDecimal quantity) throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (reserve(connection, warehouseId, productId, quantity)) {
                return quantity;
            }
            BigDecimal available = level(connection, warehouseId, productId).available();
            if (available.signum() <= 0) {
                return ZERO;
            }
            BigDecimal part = available.min(quantity);
            if (reserve(connection, warehouseId, productId, part)) {
                return part;
            }
            // someone took stock between the reading and the update: read again
        }
        return ZERO;
    }

    /**
     * Releases a reserved quantity in the caller's transaction.
     *
     * @throws ProblemException CONFLICT when less than that is reserved
     */
    public void release(Connection connection, String warehouseId, String productId, BigDecimal quantity)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.stock"
                + " SET reserved = reserved - ? WHERE warehouse_id = ? AND product_id = ? AND reserved >= ?")) {
            update.setBigDecimal(1, quantity);
            update.setString(2, warehouseId);
            update.setString(3, productId);
            update.setBigDecimal(4, quantity);
            if (update.executeUpdate() != 1) {
                throw ProblemException.conflict("Only " + plain(level(connection, warehouseId, productId).reserved())
                        + " of product '" + productName(connection, productId) + "' (" + productId
                        + ") is reserved in warehouse '" + warehouseName(connection, warehouseId)
                        + "', cannot release " + plain(quantity));
            }
        }
    }

    /**
     * Releases up to a quantity in the caller's transaction: all of it, or what is still reserved when
     * someone released part of it by hand meanwhile.
     */
    public void releaseUpTo(Connection connection, String warehouseId, String productId, BigDecimal quantity)
            throws SQLException {
        BigDecimal reserved = level(connection, warehouseId, productId).reserved();
        BigDecimal part = reserved.min(quantity);
        if (part.signum() > 0) {
            release(connection, warehouseId, productId, part);
        }
    }

    /**
     * Creates the stock row of a product in a warehouse when it has none (in a transaction of its own);
     * nothing when either is unknown or deleted.
     */
    public void ensureStockRow(String warehouseId, String productId) {
        ensureRow(warehouseId, productId);
    }

    @Override
    public String issue(String productId, String warehouseId, BigDecimal quantity) {
        checkRequest(productId, warehouseId, quantity);
        return postOneLine(DocumentKind.SHIPMENT, warehouseId, new DocumentLine(productId, quantity, null));
    }

    @Override
    public String receive(String productId, String warehouseId, BigDecimal quantity, BigDecimal unitCost) {
        checkRequest(productId, warehouseId, quantity);
        DocumentRules.checkAmount("unitCost", unitCost, false);
        return postOneLine(DocumentKind.RECEIPT, warehouseId, new DocumentLine(productId, quantity, unitCost));
    }

    /** @return the id of a one-line document created and posted; a refused posting leaves nothing behind */
    private String postOneLine(DocumentKind kind, String warehouseId, DocumentLine line) {
        return createPosted(Document.draft(kind, warehouseId, null, null, List.of(line))).id();
    }

    private void checkRequest(String productId, String warehouseId, BigDecimal quantity) {
        if (productId == null || productId.isBlank()) {
            throw ProblemException.invalid("productId", "productId is required");
        }
        DocumentRules.checkAmount("quantity", quantity, true);
        requireWarehouse(warehouseId);
        boolean product = database.inTransaction(connection -> exists(connection,
                "SELECT 1 FROM core.product WHERE id = ? AND deleted_at IS NULL", productId));
        if (!product) {
            throw ProblemException.invalid("productId", "No product with id '" + productId + "'");
        }
    }

    private void requireWarehouse(String warehouseId) {
        if (warehouseId == null || warehouseId.isBlank()) {
            throw ProblemException.invalid("warehouseId", "warehouseId is required");
        }
        boolean found = database.inTransaction(connection -> exists(connection,
                "SELECT 1 FROM warehouse.warehouse WHERE id = ? AND deleted_at IS NULL", warehouseId));
        if (!found) {
            throw ProblemException.notFound(Warehouse.ENTITY, warehouseId);
        }
    }

    /** One stock change to make: quantity is positive, the direction is the list it is in. */
    private record Move(String warehouseId, String productId, BigDecimal quantity, BigDecimal unitCost) {
    }

    /** What a document moves: out of its warehouse, and in (to it, or to a transfer's target). */
    private record Moves(List<Move> out, List<Move> in) {
        static Moves of(Document document) {
            List<Move> out = new ArrayList<>();
            List<Move> in = new ArrayList<>();
            for (DocumentLine line : document.lines()) {
                switch (document.kind()) {
                    case RECEIPT, INVENTORY -> in.add(new Move(document.warehouseId(), line.productId(),
                            line.quantity(), line.price()));
                    case SHIPMENT, WRITE_OFF -> out.add(new Move(document.warehouseId(), line.productId(),
                            line.quantity(), null));
                    case TRANSFER -> {
                        out.add(new Move(document.warehouseId(), line.productId(), line.quantity(), null));
                        in.add(new Move(document.targetWarehouseId(), line.productId(), line.quantity(), null));
                    }
                    default -> throw new IllegalStateException(document.kind().name());
                }
            }
            return new Moves(out, in);
        }

        /** @return whether a (not yet checked) document names everything its moves need */
        static boolean possible(Document document) {
            return document.kind() != null && document.warehouseId() != null && document.lines() != null
                    && !document.lines().isEmpty()
                    && (document.kind() != DocumentKind.TRANSFER || document.targetWarehouseId() != null)
                    && document.lines().stream().allMatch(line -> line != null && line.productId() != null
                            && line.quantity() != null);
        }

        List<Move> all() {
            List<Move> all = new ArrayList<>(out);
            all.addAll(in);
            return all;
        }
    }

    /** A document just posted, and the low-stock thresholds its posting crossed. */
    private record Posted(Document document, List<LowStock.Threshold> crossed) {
    }

    /** Ends a posting attempt that found stock rows missing: they are created, and the posting starts again. */
    private static final class MissingStockRows extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Move> moves;

        MissingStockRows(List<Move> moves) {
            super(null, null, false, false);
            this.moves = moves;
        }
    }
}
