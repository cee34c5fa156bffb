package org.tesseracrm.plugin.warehouse.internal.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Required;

/**
 * A warehouse document: a goods receipt, shipment, transfer or write-off with its lines. Stored in
 * {@code warehouse.document}. Drafts are edited through the records API; {@link Ledger} posts and
 * reverses them.
 *
 * @param id                server-assigned, opaque
 * @param version           optimistic-locking version, server-assigned
 * @param kind              what it does (required; cannot change)
 * @param warehouseId       the warehouse it posts in (required; cannot change)
 * @param targetWarehouseId where a transfer goes (required for transfers only)
 * @param number            server-assigned on creation: {@code <year>-<nnnnnn>}, per warehouse and year
 * @param postingDate       the date its movements carry (today when omitted)
 * @param status            server-managed: {@link DocumentStatus#DRAFT} until posted
 * @param lines             what moves (at least one line to post)
 * @param notes             free text
 * @param ownerId           the user responsible (defaults to the creator)
 * @param createdAt         server-assigned
 * @param createdBy         server-assigned
 * @param updatedAt         server-assigned
 * @param updatedBy         server-assigned
 * @param deletedAt         when moved to the recycle bin, or {@code null}
 */
@Entity(name = Document.ENTITY, table = "warehouse.document")
public record Document(
        String id,
        Long version,
        @Required DocumentKind kind,
        @Required @MaxLength(36) String warehouseId,
        @MaxLength(36) String targetWarehouseId,
        @MaxLength(40) String number,
        LocalDate postingDate,
        DocumentStatus status,
        List<DocumentLine> lines,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** The entity name in events and audit. */
    public static final String ENTITY = "warehouse_document";

    /** A new draft. */
    public static Document draft(DocumentKind kind, String warehouseId, String targetWarehouseId,
            LocalDate postingDate, List<DocumentLine> lines) {
        return new Document(null, null, kind, warehouseId, targetWarehouseId, null, postingDate, null, lines, null,
                null, null, null, null, null, null);
    }

    /** @return a copy with other notes */
    public Document withNotes(String newNotes) {
        return new Document(id, version, kind, warehouseId, targetWarehouseId, number, postingDate, status, lines,
                newNotes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }

    /** @return a copy as the ledger writes it when it posts or reverses it */
    Document changed(DocumentStatus newStatus, long newVersion, Instant at, String by) {
        return new Document(id, newVersion, kind, warehouseId, targetWarehouseId, number, postingDate, newStatus, lines,
                notes, ownerId, createdAt, createdBy, at, by, deletedAt);
    }

    /** @return a copy with the server-managed fields the rules complete */
    Document completed(String newNumber, LocalDate newPostingDate, DocumentStatus newStatus, List<DocumentLine> newLines) {
        return new Document(id, version, kind, warehouseId, targetWarehouseId, newNumber, newPostingDate, newStatus,
                newLines, notes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }
}
