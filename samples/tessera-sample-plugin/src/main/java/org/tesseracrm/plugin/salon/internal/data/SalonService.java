package org.tesseracrm.plugin.salon.internal.data;

import java.math.BigDecimal;
import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;

/**
 * A service the salon offers: a haircut, a manicure, a facial. Stored in {@code salon.service}; the
 * entity name carries the plugin id so that events ({@code org/tesseracrm/salon_service/CREATED}) and
 * audit entries cannot clash with another plugin's "service".
 *
 * @param id              server-assigned, opaque
 * @param version         optimistic-locking version, server-assigned
 * @param name            what the client books (required)
 * @param durationMinutes how long it takes; the configured default when omitted
 * @param price           what it costs, in {@code currency}
 * @param currency        ISO 4217 code; {@code RUB} when omitted
 * @param notes           free text
 * @param ownerId         the user responsible (defaults to the creator)
 * @param createdAt       server-assigned
 * @param createdBy       server-assigned
 * @param updatedAt       server-assigned
 * @param updatedBy       server-assigned
 * @param deletedAt       when moved to the recycle bin, or {@code null}
 */
@Entity(name = SalonService.ENTITY, table = "salon.service")
public record SalonService(
        String id,
        Long version,
        @Required @MaxLength(100) @Searchable String name,
        @Range(min = 5, max = 720) Integer durationMinutes,
        @Range(min = 0, max = 100_000_000) BigDecimal price,
        @Pattern(value = "[A-Z]{3}", message = "currency must be an ISO 4217 code like RUB") String currency,
        @MaxLength(4000) String notes,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** The entity name in events and audit. */
    public static final String ENTITY = "salon_service";

    /** A new service with a name, a duration (or {@code null}) and a price in roubles (or {@code null}). */
    public static SalonService of(String name, Integer durationMinutes, BigDecimal price) {
        return new SalonService(null, null, name, durationMinutes, price, null, null, null, null, null, null, null,
                null);
    }

    /** @return a copy with another duration and currency (what the rules complete) */
    SalonService completed(int newDurationMinutes, String newCurrency) {
        return new SalonService(id, version, name, newDurationMinutes, price, newCurrency, notes, ownerId, createdAt,
                createdBy, updatedAt, updatedBy, deletedAt);
    }
}
