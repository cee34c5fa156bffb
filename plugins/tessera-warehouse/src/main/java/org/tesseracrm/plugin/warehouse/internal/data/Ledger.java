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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;

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
     */
    public Document post(String id, Database.Work<?> before) {
        Document document = documents.get(id);
        if (document.status() != DocumentStatus.DRAFT) {
            throw ProblemException.conflict("Document " + document.number() + " is " + document.status()
                    + "; only a draft can be posted");
        }
        if (document.lines() == null || document.lines().isEmpty()) {
            throw ProblemException.invalid("lines", "A document needs at least one line to be posted");
        }
        List<Move> out = new ArrayList<>();
        List<Move> in = new ArrayList<>();
        for (DocumentLine line : document.lines()) {
            switch (document.kind()) {
                case RECEIPT -> in.add(new Move(document.warehouseId(), line.productId(), line.quantity(), line.price()));
                case SHIPMENT, WRITE_OFF -> out.add(new Move(document.warehouseId(), line.productId(), line.quantity(), null));
                case TRANSFER -> {
                    out.add(new Move(document.warehouseId(), line.productId(), line.quantity(), null));
                    in.add(new Move(document.targetWarehouseId(), line.productId(), line.quantity(), null));
                }
                case INVENTORY -> in.add(new Move(document.warehouseId(), line.productId(), line.quantity(), line.price()));
                default -> throw new IllegalStateException(document.kind().name());
            }
        }
        ensureRows(out, in);
        String actor = CurrentUser.get().username();
        database.inTransaction(connection -> {
            changeStatus(connection, document, DocumentStatus.DRAFT, DocumentStatus.POSTED, actor);
            if (before != null) {
                before.run(connection);
            }
            if (document.kind() == DocumentKind.INVENTORY) {
                for (Move counted : sorted(in)) {
                    adjust(connection, document, counted, actor);
                }
                return null;
            }
            Map<String, BigDecimal> transferCost = new HashMap<>();
            for (Move move : sorted(out)) {
                BigDecimal cost = takeOut(connection, move.warehouseId(), move.productId(), move.quantity());
                transferCost.put(move.productId(), cost);
                record(connection, document, false, move.warehouseId(), move.productId(), move.quantity().negate(),
                        cost, document.postingDate(), actor);
            }
            for (Move move : sorted(in)) {
                BigDecimal cost = move.unitCost() != null ? move.unitCost() : transferCost.get(move.productId());
                putIn(connection, move.warehouseId(), move.productId(), move.quantity(), cost);
                record(connection, document, false, move.warehouseId(), move.productId(), move.quantity(), cost,
                        document.postingDate(), actor);
            }
            return null;
        });
        lowStock.check(products(document.lines()));
        return documents.get(id);
    }

    private static List<String> products(List<DocumentLine> lines) {
        return lines.stream().map(DocumentLine::productId).distinct().toList();
    }

    /**
     * Posts one counted line of an inventory count: the difference between what was counted and what is
     * on hand now becomes an adjustment movement (none when they agree). The stock row is locked before it
     * is read, so a concurrent shipment cannot slip between the reading and the adjustment.
     */
    private void adjust(Connection connection, Document document, Move counted, String actor) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("UPDATE warehouse.stock SET on_hand = on_hand"
                + " WHERE warehouse_id = ? AND product_id = ?")) {
            lock.setString(1, counted.warehouseId());
            lock.setString(2, counted.productId());
            lock.executeUpdate();
        }
        Availability now = level(connection, counted.warehouseId(), counted.productId());
        BigDecimal difference = counted.quantity().subtract(now.onHand());
        if (difference.signum() == 0) {
            return;
        }
        BigDecimal cost;
        if (difference.signum() > 0) {
            cost = counted.unitCost() != null ? counted.unitCost() : now.averageCost();
            putIn(connection, counted.warehouseId(), counted.productId(), difference, cost);
        } else {
            cost = now.averageCost();
            try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.stock"
                    + " SET on_hand = on_hand + ? WHERE warehouse_id = ? AND product_id = ?")) {
                update.setBigDecimal(1, difference);
                update.setString(2, counted.warehouseId());
                update.setString(3, counted.productId());
                update.executeUpdate();
            }
        }
        record(connection, document, false, counted.warehouseId(), counted.productId(), difference, cost,
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
        Document document = documents.get(id);
        if (document.status() != DocumentStatus.POSTED) {
            throw ProblemException.conflict("Document " + document.number() + " is " + document.status()
                    + "; only a posted document can be reversed");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate date = document.postingDate().isAfter(today) ? document.postingDate() : today;
        String actor = CurrentUser.get().username();
        database.inTransaction(connection -> {
            changeStatus(connection, document, DocumentStatus.POSTED, DocumentStatus.REVERSED, actor);
            List<Move> original = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT warehouse_id, product_id, quantity,"
                    + " unit_cost FROM warehouse.movement WHERE document_id = ? AND reversal = ?")) {
                select.setString(1, document.id());
                select.setBoolean(2, false);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        original.add(new Move(rows.getString(1), rows.getString(2), rows.getBigDecimal(3),
                                rows.getBigDecimal(4)));
                    }
                }
            }
            // What came in goes out first (checked), then what went out comes back.
            for (Move move : sorted(original.stream().filter(m -> m.quantity().signum() > 0).toList())) {
                takeBack(connection, move.warehouseId(), move.productId(), move.quantity(), move.unitCost());
                record(connection, document, true, move.warehouseId(), move.productId(), move.quantity().negate(),
                        move.unitCost(), date, actor);
            }
            for (Move move : sorted(original.stream().filter(m -> m.quantity().signum() < 0).toList())) {
                putIn(connection, move.warehouseId(), move.productId(), move.quantity().negate(), move.unitCost());
                record(connection, document, true, move.warehouseId(), move.productId(), move.quantity().negate(),
                        move.unitCost(), date, actor);
            }
            return null;
        });
        lowStock.check(products(document.lines()));
        return documents.get(id);
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

    /** Moves the document to its new status, audited in the posting's transaction. */
    private void changeStatus(Connection connection, Document document, DocumentStatus from,
            DocumentStatus to, String actor) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.document SET status = ?,"
                + " version = version + 1, updated_at = ?, updated_by = ?"
                + " WHERE id = ? AND status = ? AND version = ? AND deleted_at IS NULL")) {
            update.setString(1, to.name());
            update.setTimestamp(2, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), utc());
            update.setString(3, actor);
            update.setString(4, document.id());
            update.setString(5, from.name());
            update.setLong(6, document.version());
            if (update.executeUpdate() != 1) {
                throw ProblemException.conflict("Document " + document.number()
                        + " was changed, posted or reversed at the same time; read it again");
            }
        }
        audit.write(Document.ENTITY, document.id(), to.name(), Map.of("status", new FieldChange(from.name(), to.name()),
                "version", new FieldChange(document.version(), document.version() + 1)));
    }

    /** Takes stock out, refusing to go below zero unless the warehouse allows it; @return the unit cost. */
    private BigDecimal takeOut(Connection connection, String warehouseId, String productId, BigDecimal quantity)
            throws SQLException {
        boolean allowNegative = allowNegative(connection, warehouseId);
        String sql = "UPDATE warehouse.stock SET on_hand = on_hand - ? WHERE warehouse_id = ? AND product_id = ?"
                + (allowNegative ? "" : " AND on_hand - reserved >= ?");
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setBigDecimal(1, quantity);
            update.setString(2, warehouseId);
            update.setString(3, productId);
            if (!allowNegative) {
                update.setBigDecimal(4, quantity);
            }
            if (update.executeUpdate() != 1) {
                throw shortage(connection, warehouseId, productId, quantity);
            }
        }
        return level(connection, warehouseId, productId).averageCost();
    }

    /** Undoes an incoming movement: takes it out (checked) and removes its cost from the average. */
    private void takeBack(Connection connection, String warehouseId, String productId, BigDecimal quantity,
            BigDecimal unitCost) throws SQLException {
        takeOut(connection, warehouseId, productId, quantity);
        Availability after = level(connection, warehouseId, productId);
        if (after.onHand().signum() > 0) {
            BigDecimal before = after.onHand().add(quantity);
            BigDecimal value = before.multiply(after.averageCost()).subtract(quantity.multiply(unitCost));
            BigDecimal average = value.signum() <= 0 ? ZERO : value.divide(after.onHand(), 4, RoundingMode.HALF_UP);
            setAverage(connection, warehouseId, productId, average);
        }
    }

    /** Puts stock in at a unit cost, updating the moving average. */
    private void putIn(Connection connection, String warehouseId, String productId, BigDecimal quantity,
            BigDecimal unitCost) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.stock SET on_hand = on_hand + ?"
                + " WHERE warehouse_id = ? AND product_id = ?")) {
            update.setBigDecimal(1, quantity);
            update.setString(2, warehouseId);
            update.setString(3, productId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("No stock row for " + productId + " in " + warehouseId);
            }
        }
        Availability after = level(connection, warehouseId, productId);
        BigDecimal before = after.onHand().subtract(quantity);
        BigDecimal average = before.signum() <= 0 || after.onHand().signum() <= 0 ? unitCost
                : before.multiply(after.averageCost()).add(quantity.multiply(unitCost))
                        .divide(after.onHand(), 4, RoundingMode.HALF_UP);
        if (average.compareTo(after.averageCost()) != 0) { // goods at the average cost leave it as it is
            setAverage(connection, warehouseId, productId, average);
        }
    }

    private static void setAverage(Connection connection, String warehouseId, String productId, BigDecimal average)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.stock SET average_cost = ?"
                + " WHERE warehouse_id = ? AND product_id = ?")) {
            update.setBigDecimal(1, average.setScale(4, RoundingMode.HALF_UP));
            update.setString(2, warehouseId);
            update.setString(3, productId);
            update.executeUpdate();
        }
    }

    private static void record(Connection connection, Document document, boolean reversal, String warehouseId,
            String productId, BigDecimal quantity, BigDecimal unitCost, LocalDate date, String actor)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.movement (id, document_id,"
                + " kind, reversal, warehouse_id, product_id, quantity, unit_cost, posting_date, created_at,"
                + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
    }

    /**
     * Creates the missing stock rows, each in a transaction of its own, so posting only updates rows. Which
     * rows exist is read in one query first: in the steady state every row exists and this is one read.
     */
    @SafeVarargs
    private void ensureRows(List<Move>... moves) {
        Set<String> wanted = new LinkedHashSet<>();
        for (List<Move> list : moves) {
            for (Move move : list) {
                wanted.add(move.warehouseId() + "/" + move.productId());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, List<String>> byWarehouse = new TreeMap<>();
        for (String key : wanted) {
            int slash = key.indexOf('/');
            byWarehouse.computeIfAbsent(key.substring(0, slash), w -> new ArrayList<>()).add(key.substring(slash + 1));
        }
        Set<String> existing = database.inTransaction(connection -> {
            Set<String> found = new HashSet<>();
            for (Map.Entry<String, List<String>> warehouse : byWarehouse.entrySet()) {
                // warehouse_id = ? AND product_id IN (…): the primary key's index answers it
                String marks = String.join(", ", warehouse.getValue().stream().map(p -> "?").toList());
                try (PreparedStatement select = connection.prepareStatement("SELECT product_id FROM warehouse.stock"
                        + " WHERE warehouse_id = ? AND product_id IN (" + marks + ")")) {
                    select.setString(1, warehouse.getKey());
                    int index = 2;
                    for (String productId : warehouse.getValue()) {
                        select.setString(index++, productId);
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.add(warehouse.getKey() + "/" + rows.getString(1));
                        }
                    }
                }
            }
            return found;
        });
        for (String key : wanted) {
            if (!existing.contains(key)) {
                int slash = key.indexOf('/');
                ensureRow(key.substring(0, slash), key.substring(slash + 1));
            }
        }
    }

    private void ensureRow(String warehouseId, String productId) {
        try {
            database.inTransaction(connection -> {
                if (!exists(connection, "SELECT 1 FROM warehouse.stock WHERE warehouse_id = ? AND product_id = ?",
                        warehouseId, productId)) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.stock"
                            + " (warehouse_id, product_id, on_hand, reserved, average_cost) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, warehouseId);
                        insert.setString(2, productId);
                        insert.setBigDecimal(3, ZERO);
                        insert.setBigDecimal(4, ZERO);
                        insert.setBigDecimal(5, ZERO);
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

    private static boolean allowNegative(Connection connection, String warehouseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT allow_negative FROM warehouse.warehouse WHERE id = ?")) {
            select.setString(1, warehouseId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
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

    private static Availability level(Connection connection, String warehouseId, String productId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT on_hand, reserved, average_cost"
                + " FROM warehouse.stock WHERE warehouse_id = ? AND product_id = ?")) {
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
        boolean allowNegative = allowNegative(connection, warehouseId);
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.stock"
                + " SET reserved = reserved + ? WHERE warehouse_id = ? AND product_id = ?"
                + (allowNegative ? "" : " AND on_hand - reserved >= ?"))) {
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

    /** Creates the stock row of a product in a warehouse when it has none (in a transaction of its own). */
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

    /** @return the id of a one-line document created and posted; a refused posting leaves no draft */
    private String postOneLine(DocumentKind kind, String warehouseId, DocumentLine line) {
        Document draft = documents.create(Document.draft(kind, warehouseId, null, null, List.of(line)));
        try {
            return post(draft.id()).id();
        } catch (RuntimeException refused) {
            documents.delete(draft.id(), null);
            throw refused;
        }
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
}
