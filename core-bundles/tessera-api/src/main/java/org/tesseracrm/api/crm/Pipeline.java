package org.tesseracrm.api.crm;

import java.time.Instant;
import java.util.List;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Required;

/**
 * A sales funnel: the ordered stages deals move through. A pipeline has at least one open stage;
 * stage ids are unique within it.
 *
 * @param id        server-assigned, opaque
 * @param version   optimistic-locking version
 * @param name      what users see
 * @param stages    the stages, in order
 * @param ownerId   the responsible user
 * @param createdAt server-assigned
 * @param createdBy server-assigned
 * @param updatedAt server-assigned
 * @param updatedBy server-assigned
 * @param deletedAt when moved to the recycle bin, or {@code null}
 */
@Entity(name = "pipeline", table = "core.pipeline")
public record Pipeline(
        String id,
        Long version,
        @Required @MaxLength(100) String name,
        @Required List<Stage> stages,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** @return the stage with this id, or {@code null} */
    public Stage stage(String stageId) {
        return stages.stream().filter(s -> s.id() != null && s.id().equals(stageId)).findFirst().orElse(null);
    }
}
