package org.tesseracrm.plugin.warehouse.internal.data;

import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;

/**
 * A warehouse. Stored in {@code warehouse.warehouse}.
 *
 * @param id            server-assigned, opaque
 * @param version       optimistic-locking version, server-assigned
 * @param name          what users call it (required)
 * @param address       where it is
 * @param allowNegative whether its stock may go below zero ({@code false} when omitted)
 * @param notes         free text
 * @param ownerId       the user responsible (defaults to the creator)
 * @param createdAt     server-assigned
 * @param createdBy     server-assigned
 * @param updatedAt     server-assigned
 * @param updatedBy     server-assigned
 * @param deletedAt     when moved to the recycle bin, or {@code null}
 */
@Entity(name = Warehouse.ENTITY, table = "warehouse.warehouse")
public record Warehouse(
        String id,
        Long version,
        @Required @MaxLength(200) @Searchable String name,
        @MaxLength(1000) String address,
        Boolean allowNegative,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** The entity name in events and audit. */
    public static final String ENTITY = "warehouse";

    /** A new warehouse. */
    public static Warehouse of(String name, String address, boolean allowNegative) {
        return new Warehouse(null, null, name, address, allowNegative, null, null, null, null, null, null, null);
    }

    /** @return a copy with the negative-stock flag completed */
    Warehouse withAllowNegative(boolean value) {
        return new Warehouse(id, version, name, address, value, notes, ownerId, createdAt, createdBy, updatedAt,
                updatedBy, deletedAt);
    }
}
