package org.tesseracrm.plugin.notes.internal;

import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Required;

/**
 * A note as notes 1.0.0 stores it (schema version 1). Exists only for the hot-plug tests; notes 2.0.0
 * replaces this record with one that also has {@code pinned}.
 *
 * @param id        server-assigned, opaque
 * @param version   optimistic-locking version, server-assigned
 * @param title     what the note is about (required)
 * @param body      free text
 * @param ownerId   the user responsible (defaults to the creator)
 * @param createdAt server-assigned
 * @param createdBy server-assigned
 * @param updatedAt server-assigned
 * @param updatedBy server-assigned
 * @param deletedAt when moved to the recycle bin, or {@code null}
 */
@Entity(name = "notes_note", table = "notes.note")
public record Note(
        String id,
        Long version,
        @Required @MaxLength(200) String title,
        @MaxLength(4000) String body,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {
}
