package org.tesseracrm.plugin.exchange1c.internal;

import java.math.BigDecimal;

/**
 * Where stock from 1C goes besides the plugin's own tables: the warehouse plugin, when it is installed.
 * Present as a service only while the warehouse plugin's stock is available.
 */
public interface StockTarget {

    /**
     * Brings a product's stock in a warehouse to 1C's quantity.
     *
     * @param productId   the core product
     * @param warehouseId the Tessera warehouse
     * @param quantity    what 1C says is on hand
     * @return whether the warehouse now holds that quantity; {@code false} when it cannot be reached this
     *         way (the stock stays in the exchange's tables)
     * @throws org.tesseracrm.api.ProblemException when the warehouse plugin refuses
     */
    boolean set(String productId, String warehouseId, BigDecimal quantity);
}
