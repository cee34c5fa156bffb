package org.tesseracrm.plugin.warehouse.internal.deals;

import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;

/**
 * A pipeline stage configured as "reserve": when a deal reaches it, the products of the deal's lines are
 * reserved in the warehouse named here. Stored in {@code warehouse.reservation_stage}; administrators keep
 * these through {@code /api/v1/warehouse/reservation-stages}.
 *
 * @param id          server-assigned, opaque
 * @param version     optimistic-locking version, server-assigned
 * @param pipelineId  the core pipeline (required)
 * @param stageId     an open stage of that pipeline (required); one live setting per stage
 * @param warehouseId where the deal's products are reserved (required)
 * @param shipWhenWon whether winning the deal posts a shipment of what it reserved ({@code false} when
 *                    omitted: the shipment is then made on request)
 * @param ownerId     the user responsible (defaults to the creator)
 * @param createdAt   server-assigned
 * @param createdBy   server-assigned
 * @param updatedAt   server-assigned
 * @param updatedBy   server-assigned
 * @param deletedAt   when moved to the recycle bin, or {@code null}
 */
@Entity(name = ReservationStage.ENTITY, table = "warehouse.reservation_stage")
public record ReservationStage(
        String id,
        Long version,
        @Required @RefersTo("core.pipeline") String pipelineId,
        @Required @MaxLength(40) String stageId,
        @Required @RefersTo("warehouse.warehouse") String warehouseId,
        Boolean shipWhenWon,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** The entity name in events and audit. */
    public static final String ENTITY = "warehouse_reservation_stage";

    /** A new setting. */
    public static ReservationStage of(String pipelineId, String stageId, String warehouseId, boolean shipWhenWon) {
        return new ReservationStage(null, null, pipelineId, stageId, warehouseId, shipWhenWon, null, null, null, null,
                null, null);
    }

    /** @return whether winning the deal ships what it reserved */
    public boolean ships() {
        return Boolean.TRUE.equals(shipWhenWon);
    }

    ReservationStage withShipWhenWon(boolean value) {
        return new ReservationStage(id, version, pipelineId, stageId, warehouseId, value, ownerId, createdAt, createdBy,
                updatedAt, updatedBy, deletedAt);
    }
}
