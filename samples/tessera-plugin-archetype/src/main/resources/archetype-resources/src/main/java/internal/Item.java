package ${package}.internal;

import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;

/**
 * An item of ${pluginName}, stored in {@code ${pluginId}.item} (see {@code TESSERA-INF/db/V001__items.sql}).
 * Components map to columns by name ({@code ownerId} is {@code owner_id}); the annotations are checked on
 * every write, and a refused write names the field. The entity name starts with the plugin id, so events
 * ({@code org/tesseracrm/${pluginId}_item/CREATED}) and audit entries cannot clash with another plugin's.
 *
 * @param id        server-assigned, opaque
 * @param version   optimistic-locking version, server-assigned
 * @param name      what the item is called (required; found by prefix search)
 * @param notes     free text
 * @param ownerId   the user responsible (defaults to the creator)
 * @param createdAt server-assigned
 * @param createdBy server-assigned
 * @param updatedAt server-assigned
 * @param updatedBy server-assigned
 * @param deletedAt when moved to the recycle bin, or {@code null}
 */
@Entity(name = Item.ENTITY, table = "${pluginId}.item")
public record Item(
        String id,
        Long version,
        @Required @MaxLength(200) @Searchable String name,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** The entity name in events and audit. */
    public static final String ENTITY = "${pluginId}_item";

    /** A new item with a name. */
    public static Item named(String name) {
        return new Item(null, null, name, null, null, null, null, null, null, null);
    }

    /** @return a copy with other notes */
    public Item withNotes(String newNotes) {
        return new Item(id, version, name, newNotes, ownerId, createdAt, createdBy, updatedAt, updatedBy, deletedAt);
    }
}
