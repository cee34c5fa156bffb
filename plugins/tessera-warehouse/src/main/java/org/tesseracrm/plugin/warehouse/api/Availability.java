package org.tesseracrm.plugin.warehouse.api;

import java.math.BigDecimal;

/**
 * The stock of one product in one warehouse.
 *
 * @param productId   the core product's id
 * @param warehouseId the warehouse's id
 * @param onHand      what physically sits in the warehouse
 * @param reserved    what is promised to someone and may not be shipped to anyone else
 * @param available   {@code onHand - reserved}
 * @param averageCost moving-average unit cost of what is on hand
 */
public record Availability(String productId, String warehouseId, BigDecimal onHand, BigDecimal reserved,
        BigDecimal available, BigDecimal averageCost) {
}
