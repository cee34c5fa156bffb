package org.tesseracrm.plugin.warehouse.internal.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;

/**
 * What sits on the shelves, for people: the stock list with product and warehouse names, the stock value
 * report, and the numbers behind the warehouse KPIs (out-of-stock count, stock value, turnover). Read only;
 * {@link Ledger} changes stock.
 */
@Component(service = StockReports.class)
public final class StockReports {
    private static final String ROWS = " FROM warehouse.stock s"
            + " JOIN warehouse.warehouse w ON w.id = s.warehouse_id"
            + " LEFT JOIN core.product p ON p.id = s.product_id"
            + " WHERE w.deleted_at IS NULL";

    private final Database database;

    /** Starts once schema {@code warehouse} is migrated. */
    @Activate
    public StockReports(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=warehouse)") Database database) {
        this.database = database;
    }

    /**
     * One stock row as people read it.
     *
     * @param productId     the core product
     * @param productName   its name in the catalog
     * @param warehouseId   the warehouse
     * @param warehouseName its name
     * @param onHand        on the shelf
     * @param reserved      promised
     * @param available     {@code onHand - reserved}
     * @param averageCost   moving-average unit cost
     * @param value         {@code onHand × averageCost}, 2 decimals
     */
    public record StockRow(String productId, String productName, String warehouseId, String warehouseName,
            BigDecimal onHand, BigDecimal reserved, BigDecimal available, BigDecimal averageCost, BigDecimal value) {
    }

    /**
     * The filters of the stock list; any may be {@code null}.
     *
     * @param productId   one product
     * @param warehouseId one warehouse
     * @param search      the start of the product's name, any case
     * @param outOfStock  {@code true}: only rows with nothing available; {@code false}: only rows with some
     */
    public record Filter(String productId, String warehouseId, String search, Boolean outOfStock) {
    }

    /**
     * A page of the stock list.
     *
     * @param items  the rows
     * @param total  how many rows match
     * @param offset where the page starts
     * @param limit  the page size asked for
     */
    public record StockPage(List<StockRow> items, long total, int offset, int limit) {
    }

    /** @return the matching stock rows, by product name then warehouse name */
    public StockPage list(Filter filter, int offset, int limit) {
        StringBuilder where = new StringBuilder(ROWS);
        List<Object> parameters = new ArrayList<>();
        if (filter.productId() != null) {
            where.append(" AND s.product_id = ?");
            parameters.add(filter.productId());
        }
        if (filter.warehouseId() != null) {
            where.append(" AND s.warehouse_id = ?");
            parameters.add(filter.warehouseId());
        }
        if (filter.search() != null) {
            where.append(" AND LOWER(p.name) LIKE ?");
            parameters.add(filter.search().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        if (filter.outOfStock() != null) {
            where.append(filter.outOfStock() ? " AND s.on_hand - s.reserved <= 0" : " AND s.on_hand - s.reserved > 0");
        }
        return database.inTransaction(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*)" + where)) {
                bind(count, parameters);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<StockRow> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT s.product_id, p.name, s.warehouse_id,"
                    + " w.name, s.on_hand, s.reserved, s.average_cost" + where
                    + " ORDER BY p.name, w.name, s.product_id, s.warehouse_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int next = bind(select, parameters);
                select.setInt(next++, offset);
                select.setInt(next, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        BigDecimal onHand = rows.getBigDecimal(5);
                        BigDecimal reserved = rows.getBigDecimal(6);
                        BigDecimal cost = rows.getBigDecimal(7);
                        items.add(new StockRow(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), onHand, reserved, onHand.subtract(reserved), cost,
                                onHand.multiply(cost).setScale(2, RoundingMode.HALF_UP)));
                    }
                }
            }
            return new StockPage(items, total, offset, limit);
        });
    }

    /**
     * The value of one warehouse's stock.
     *
     * @param warehouseId   the warehouse
     * @param warehouseName its name
     * @param products      how many products it has on hand
     * @param value         {@code Σ onHand × averageCost} of its products, 2 decimals
     */
    public record WarehouseValue(String warehouseId, String warehouseName, long products, BigDecimal value) {
    }

    /**
     * The stock value report.
     *
     * @param warehouses the value per warehouse, by name
     * @param total      the value of all of them
     */
    public record ValueReport(List<WarehouseValue> warehouses, BigDecimal total) {
    }

    /** @return what the stock on hand is worth at moving-average cost, per live warehouse and in all */
    public ValueReport value() {
        return database.inTransaction(connection -> {
            List<WarehouseValue> warehouses = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            try (PreparedStatement select = connection.prepareStatement("SELECT w.id, w.name,"
                    + " SUM(CASE WHEN s.on_hand > 0 THEN 1 ELSE 0 END), SUM(s.on_hand * s.average_cost)"
                    + " FROM warehouse.warehouse w LEFT JOIN warehouse.stock s ON s.warehouse_id = w.id"
                    + " WHERE w.deleted_at IS NULL GROUP BY w.id, w.name ORDER BY w.name, w.id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    BigDecimal value = rows.getBigDecimal(4);
                    value = (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP);
                    warehouses.add(new WarehouseValue(rows.getString(1), rows.getString(2), rows.getLong(3), value));
                    total = total.add(value);
                }
            }
            return new ValueReport(warehouses, total);
        });
    }

    /** @return how many stock rows (product in a live warehouse) have nothing available */
    public long outOfStock() {
        return database.inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*)" + ROWS
                    + " AND s.on_hand - s.reserved <= 0");
                    ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * The cost of goods shipped in a period: shipments at the cost they left at, less their reversals.
     *
     * @param ownerId only shipments owned by this user, or {@code null} for all
     */
    public BigDecimal shippedCost(LocalDate from, LocalDate to, String ownerId) {
        String sql = "SELECT SUM(-m.quantity * m.unit_cost) FROM warehouse.movement m"
                + (ownerId == null ? "" : " JOIN warehouse.document d ON d.id = m.document_id")
                + " WHERE m.kind = ? AND m.posting_date >= ? AND m.posting_date <= ?"
                + (ownerId == null ? "" : " AND d.owner_id = ?");
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, DocumentKind.SHIPMENT.name());
                select.setDate(2, Date.valueOf(from));
                select.setDate(3, Date.valueOf(to));
                if (ownerId != null) {
                    select.setString(4, ownerId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    BigDecimal sum = rows.next() ? rows.getBigDecimal(1) : null;
                    return (sum == null ? BigDecimal.ZERO : sum).setScale(2, RoundingMode.HALF_UP);
                }
            }
        });
    }

    private static int bind(PreparedStatement statement, List<Object> parameters) throws java.sql.SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }
}
