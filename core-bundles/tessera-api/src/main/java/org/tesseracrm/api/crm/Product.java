package org.tesseracrm.api.crm;

import java.math.BigDecimal;
import java.time.Instant;

import org.tesseracrm.api.data.Entity;
import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Pattern;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.Required;
import org.tesseracrm.api.data.Searchable;
import org.tesseracrm.api.data.Searchable.Kind;

/**
 * A product or service of the catalog.
 *
 * @param id          server-assigned, opaque
 * @param version     optimistic-locking version
 * @param name        what it is called (required)
 * @param sku         the article (stock-keeping unit)
 * @param barcode     EAN or other barcode
 * @param unit        unit of measure ({@code pcs}, {@code kg}, {@code h})
 * @param description free text
 * @param price       base price per unit
 * @param currency    ISO 4217 code of the price
 * @param active      whether it can be sold
 * @param ownerId     the responsible user
 * @param createdAt   server-assigned
 * @param createdBy   server-assigned
 * @param updatedAt   server-assigned
 * @param updatedBy   server-assigned
 * @param deletedAt   when moved to the recycle bin, or {@code null}
 */
@Entity(name = "product", table = "core.product")
public record Product(
        String id,
        Long version,
        @Required @MaxLength(200) @Searchable String name,
        @MaxLength(64) @Searchable(Kind.EMAIL) String sku,
        @MaxLength(64) @Searchable(Kind.EMAIL) String barcode,
        @MaxLength(20) String unit,
        @MaxLength(4000) String description,
        @Range(min = 0, max = 999_999_999_999_999L) BigDecimal price,
        @Pattern(value = Patterns.CURRENCY, message = Patterns.CURRENCY_MESSAGE) String currency,
        Boolean active,
        @MaxLength(100) String ownerId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt) {

    /** A new active product with a name, unit and price. */
    public static Product of(String name, String unit, BigDecimal price, String currency) {
        return new Product(null, null, name, null, null, unit, null, price, currency, true, null, null, null, null,
                null, null);
    }
}
