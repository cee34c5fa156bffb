package org.tesseracrm.api.crm;

import java.math.BigDecimal;

import org.tesseracrm.api.data.MaxLength;
import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;

/**
 * A product line of a deal. Its total is {@code quantity × price × (1 − discount/100)}.
 *
 * @param productId   the product from the catalog
 * @param description what the client sees, defaults to nothing
 * @param quantity    how many units (required, more than 0)
 * @param price       price per unit in the deal's currency (required)
 * @param discount    discount in percent, 0 to 100
 */
public record DealLine(
        @RefersTo("core.product") String productId,
        @MaxLength(500) String description,
        @Required @Range(min = 0, max = 999_999_999_999L) BigDecimal quantity,
        @Required @Range(min = 0, max = 999_999_999_999_999L) BigDecimal price,
        @Range(min = 0, max = 100) BigDecimal discount) {

    /** @return this line's total after discount */
    public BigDecimal total() {
        BigDecimal gross = quantity.multiply(price);
        if (discount == null || discount.signum() == 0) {
            return gross;
        }
        return gross.multiply(BigDecimal.valueOf(100).subtract(discount)).movePointLeft(2);
    }
}
