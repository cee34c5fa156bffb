package org.tesseracrm.plugin.warehouse.internal.data;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.security.CurrentUser;

/**
 * Low-stock thresholds per product ({@code warehouse.low_stock_threshold}). A product is low when its
 * available stock over all warehouses is below its minimum. {@link Ledger} compares ({@link #crossed}) inside
 * every posting and reversal and {@link #check}s after reservations and releases; when a product crosses its
 * threshold downwards, {@value #LOW_STOCK} is posted once (not on every further change), after the change
 * committed, and {@value #STOCK_RECOVERED} when it climbs back to its minimum.
 */
@Component(service = LowStock.class)
public final class LowStock {
    /** Topic posted when a product's available stock falls below its minimum. */
    public static final String LOW_STOCK = "org/tesseracrm/warehouse/LOW_STOCK";
    /** Topic posted when a low product's available stock is back at or above its minimum. */
    public static final String STOCK_RECOVERED = "org/tesseracrm/warehouse/STOCK_RECOVERED";
    /** Event property: the core product's id. */
    public static final String PRODUCT_ID = "productId";
    /** Event property: the minimum (a BigDecimal). */
    public static final String MINIMUM = "minimum";
    /** Event property: the available stock over all warehouses (a BigDecimal). */
    public static final String AVAILABLE = "available";

    private static final Logger LOG = LoggerFactory.getLogger(LowStock.class);
    private static final String TOTALS = "SELECT t.product_id, t.minimum,"
            + " COALESCE((SELECT SUM(s.on_hand - s.reserved) FROM warehouse.stock s WHERE s.product_id = t.product_id), 0)"
            + " FROM warehouse.low_stock_threshold t";

    private final Database database;
    private final EventAdmin events;

    /** Starts once schema {@code warehouse} is migrated. */
    @Activate
    public LowStock(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=warehouse)") Database database,
            @Reference EventAdmin events) {
        this.database = database;
        this.events = events;
    }

    /**
     * A product's threshold and where it stands.
     *
     * @param productId   the core product
     * @param productName its name in the catalog
     * @param minimum     the threshold: less available than this is low
     * @param available   available stock over all warehouses
     * @param low         whether it is below the minimum
     */
    public record Threshold(String productId, String productName, BigDecimal minimum, BigDecimal available,
            boolean low) {
    }

    /**
     * Sets a product's minimum (creates or replaces its threshold) and checks it at once.
     *
     * @throws ProblemException INVALID_FIELD for an unknown product or a negative minimum
     */
    public Threshold set(String productId, BigDecimal minimum) {
        if (productId == null || productId.isBlank()) {
            throw ProblemException.invalid("productId", "productId is required");
        }
        DocumentRules.checkAmount("minimum", minimum, false);
        String actor = CurrentUser.get().username();
        database.inTransaction(connection -> {
            if (!Ledger.exists(connection, "SELECT 1 FROM core.product WHERE id = ? AND deleted_at IS NULL", productId)) {
                throw ProblemException.invalid("productId", "No product with id '" + productId + "'");
            }
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.low_stock_threshold"
                    + " SET minimum = ?, updated_at = ?, updated_by = ? WHERE product_id = ?")) {
                update.setBigDecimal(1, minimum);
                update.setTimestamp(2, now, utc());
                update.setString(3, actor);
                update.setString(4, productId);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouse.low_stock_threshold"
                    + " (product_id, minimum, low, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, productId);
                insert.setBigDecimal(2, minimum);
                insert.setBoolean(3, false);
                insert.setTimestamp(4, now, utc());
                insert.setString(5, actor);
                insert.executeUpdate();
            }
            return null;
        });
        check(List.of(productId));
        return find(productId);
    }

    /** Removes a product's threshold; @return whether it had one. */
    public boolean remove(String productId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM warehouse.low_stock_threshold WHERE product_id = ?")) {
                delete.setString(1, productId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /**
     * @param onlyLow only the products below their minimum
     * @return the thresholds, lowest availability relative to the minimum first
     */
    public List<Threshold> list(boolean onlyLow) {
        return database.inTransaction(connection -> read(connection, TOTALS, List.of())).stream()
                .filter(threshold -> !onlyLow || threshold.low())
                .sorted((a, b) -> a.available().subtract(a.minimum()).compareTo(b.available().subtract(b.minimum())))
                .toList();
    }

    /** @return a product's threshold, or {@code null} when it has none */
    public Threshold find(String productId) {
        List<Threshold> found = database.inTransaction(connection -> read(connection,
                TOTALS + " WHERE t.product_id = ?", List.of(productId)));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Compares the products' available stock with their thresholds after a change, and posts an event for
     * each that crossed one. Never throws: the change it follows is committed already.
     */
    public void check(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        try {
            announce(database.inTransaction(connection -> crossed(connection, productIds)));
        } catch (RuntimeException e) {
            LOG.warn("Could not check the low-stock thresholds of {}", productIds, e);
        }
    }

    /**
     * Compares the products' available stock with their thresholds inside the caller's transaction (the
     * one that changed it) and remembers which are low now; the caller {@link #announce}s the result once
     * that transaction has committed.
     *
     * @return the thresholds these products crossed, either way
     */
    public List<Threshold> crossed(Connection connection, Collection<String> productIds) throws SQLException {
        if (productIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", productIds.stream().map(id -> "?").toList());
        List<Threshold> result = new ArrayList<>();
        for (Threshold threshold : read(connection, TOTALS + " WHERE t.product_id IN (" + marks + ")",
                List.copyOf(productIds))) {
            if (mark(connection, threshold.productId(), threshold.low())) {
                result.add(threshold);
            }
        }
        return result;
    }

    /** Posts {@value #LOW_STOCK} or {@value #STOCK_RECOVERED} for each crossed threshold, and logs it. */
    public void announce(List<Threshold> crossed) {
        for (Threshold threshold : crossed) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(PRODUCT_ID, threshold.productId());
            properties.put(MINIMUM, threshold.minimum());
            properties.put(AVAILABLE, threshold.available());
            events.postEvent(new Event(threshold.low() ? LOW_STOCK : STOCK_RECOVERED, properties));
            LOG.info("Product {} ({}) is {}: available {}, minimum {}", threshold.productName(),
                    threshold.productId(), threshold.low() ? "low on stock" : "back in stock",
                    threshold.available().stripTrailingZeros().toPlainString(),
                    threshold.minimum().stripTrailingZeros().toPlainString());
        }
    }

    /**
     * Remembers whether a product is low; @return whether that changed with this call (not when it was
     * remembered so already, or a concurrent check flipped it first).
     */
    private static boolean mark(Connection connection, String productId, boolean low) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE warehouse.low_stock_threshold"
                + " SET low = ? WHERE product_id = ? AND low = ?")) {
            update.setBoolean(1, low);
            update.setString(2, productId);
            update.setBoolean(3, !low);
            return update.executeUpdate() == 1;
        }
    }

    private static List<Threshold> read(Connection connection, String sql, List<String> parameters)
            throws SQLException {
        List<Threshold> result = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String productId = rows.getString(1);
                    BigDecimal minimum = rows.getBigDecimal(2);
                    BigDecimal available = rows.getBigDecimal(3);
                    result.add(new Threshold(productId, null, minimum, available, available.compareTo(minimum) < 0));
                }
            }
        }
        List<Threshold> named = new ArrayList<>(result.size());
        for (Threshold threshold : result) {
            named.add(new Threshold(threshold.productId(), Ledger.productName(connection, threshold.productId()),
                    threshold.minimum(), threshold.available(), threshold.low()));
        }
        return named;
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
