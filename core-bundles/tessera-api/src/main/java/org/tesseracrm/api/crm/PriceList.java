package org.tesseracrm.api.crm;

import java.time.Instant;
import java.util.List;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;

/**
 * Prices of products for a kind of client or a period (retail, wholesale, dealer).
 *
 * @param id        server-assigned, opaque
 * @param version   optimistic-locking version
 * @param name      what users see (required)
 * @param currency  ISO 4217 code of all prices in the list (required)
 * @param items     product prices; each product at most once
 * @param ownerId   the responsible user
 * @param createdAt server-assigned
 * @param createdBy server-assigned
 * @param updatedAt server-assigned
 * @param updatedBy server-assigned
 * @param deletedAt when moved to the recycle bin, or {@code null}
 */
@Entity(name = "pricelist", table = "core.price_list")
public record PriceList(
        String id,
        Long version,
        @Required @MaxLength(100) @Searchable String name,
        @Required @Pattern(value = Patterns.CURRENCY, message = Patterns.CURRENCY_MESSAGE) String currency,
        List<PriceListItem> items,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {
}
