package org.tesseracrm.api.crm;

import java.math.BigDecimal;

import org.tesseracrm.api.data.Range;
import org.tesseracrm.api.data.RefersTo;
import org.tesseracrm.api.data.Required;

/**
 * The price of one product in a price list.
 *
 * @param productId the product
 * @param price     price per unit in the list's currency
 */
public record PriceListItem(
        @Required @RefersTo("core.product") String productId,
        @Required @Range(min = 0, max = 999_999_999_999_999L) BigDecimal price) {
}
