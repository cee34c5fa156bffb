package org.tesseracrm.plugin.warehouse.internal.security;

import java.util.List;

/**
 * The names the platform's access control knows the warehouse by: its record entities, and the
 * non-record areas its resources guard themselves with {@link org.tesseracrm.api.security.Access}.
 * Administrators grant actions on these names to roles ({@code PUT /api/v1/roles/<name>/permissions}).
 */
public final class WarehouseEntities {
    /** Warehouse records. */
    public static final String WAREHOUSE = "warehouse";
    /** Document records; UPDATE also posts and reverses. */
    public static final String DOCUMENT = "warehouse_document";
    /** Stock, movements and reports (READ); reserving and releasing by hand (UPDATE). */
    public static final String STOCK = "warehouse_stock";
    /** Low-stock thresholds: READ lists, UPDATE sets and removes. */
    public static final String THRESHOLD = "warehouse_threshold";
    /** What deals hold: READ lists, UPDATE ships and releases by hand. */
    public static final String DEAL_RESERVATION = "warehouse_deal_reservation";
    /** Reservation stage records (changed by administrators only). */
    public static final String RESERVATION_STAGE = "warehouse_reservation_stage";

    /** What a warehouse keeper works with every day. */
    public static final List<String> DAILY = List.of(WAREHOUSE, DOCUMENT, STOCK, THRESHOLD, DEAL_RESERVATION);

    private WarehouseEntities() {
    }
}
