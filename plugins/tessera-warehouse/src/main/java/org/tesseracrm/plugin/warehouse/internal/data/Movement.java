package org.tesseracrm.plugin.warehouse.internal.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of on-hand stock, as recorded in the ledger ({@code warehouse.movement}, append-only).
 *
 * @param id          opaque
 * @param documentId  the document whose posting or reversal made it
 * @param kind        the document's kind
 * @param reversal    whether it undoes an earlier movement of the same document
 * @param warehouseId the warehouse
 * @param productId   the core product's id
 * @param quantity    signed: positive in, negative out
 * @param unitCost    the unit cost it moved at
 * @param postingDate the date it counts from
 * @param createdAt   when it was recorded
 * @param createdBy   who posted it
 */
public record Movement(String id, String documentId, DocumentKind kind, boolean reversal, String warehouseId,
        String productId, BigDecimal quantity, BigDecimal unitCost, LocalDate postingDate, Instant createdAt,
        String createdBy) {
}
