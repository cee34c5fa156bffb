package org.tesseracrm.plugin.warehouse.internal.data;

import java.math.BigDecimal;

/**
 * One line of a document.
 *
 * @param productId the core product's id (required)
 * @param quantity  how much, positive, at most 4 decimal places (required)
 * @param price     unit cost of a receipt (required there); informative on other kinds
 */
public record DocumentLine(String productId, BigDecimal quantity, BigDecimal price) {
}
