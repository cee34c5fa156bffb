package org.tesseracrm.plugin.notes.internal;

import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Required;

/**
 * A note as notes 2.0.0 stores it (schema version 2: migration V002 added {@code pinned}). Exists only
 * for the hot-plug tests, which check that a note written by 1.0.0 is read back by 2.0.0 with the new
 * field.
 *
 * @param id        server-assigned, opaque
 * @param version   optimistic-locking version, server-assigned
 * @param title     what the note is about (required)
 * @param body      free text
 * @param pinned    whether the note stays on top (new in 2.0.0; {@code false} for older notes)
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
        Boolean pinned,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {
}
