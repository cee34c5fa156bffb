package org.tesseracrm.plugin.warehouse.internal.deals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a deal holds in a warehouse.
 *
 * @param dealId      the core deal
 * @param warehouseId where its products are reserved
 * @param stageId     the stage that reserved them
 * @param shipWhenWon whether winning the deal ships them
 * @param status      {@code RESERVED}, {@code RELEASED} (the deal was lost or deleted, or released by
 *                    hand) or {@code SHIPPED}
 * @param shipmentId  the shipment document the won deal produced, once shipped
 * @param note        why the last step did not go through (a failed shipment), or {@code null}
 * @param updatedAt   when the status last changed
 * @param lines       per product: what the deal asked for and what could be reserved
 */
public record DealReservation(String dealId, String warehouseId, String stageId, boolean shipWhenWon, Status status,
        String shipmentId, String note, Instant updatedAt, List<Line> lines) {

    /** Where a deal's reservation stands. */
    public enum Status {
        /** Its products are held for it. */
        RESERVED,
        /** It holds nothing any more. */
        RELEASED,
        /** What it held was shipped. */
        SHIPPED
    }

    /**
     * One product of a deal's reservation.
     *
     * @param productId the core product
     * @param requested the quantity of the deal's lines
     * @param reserved  what could be reserved (less than requested when stock was short)
     */
    public record Line(String productId, BigDecimal requested, BigDecimal reserved) {
    }
}
