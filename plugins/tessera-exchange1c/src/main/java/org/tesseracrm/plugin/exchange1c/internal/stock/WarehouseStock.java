package org.tesseracrm.plugin.exchange1c.internal.stock;

import java.math.BigDecimal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.plugin.exchange1c.internal.StockTarget;
import org.tesseracrm.plugin.warehouse.api.Availability;
import org.tesseracrm.plugin.warehouse.api.Stock;

/**
 * Stock from 1C into the warehouse plugin, through its exported {@link Stock} service. Starts only while
 * that service runs (the bundle imports its package optionally, so the exchange works without the
 * warehouse plugin). The warehouse API posts issues but no receipts: stock above what is on hand is issued
 * down to 1C's number; stock below it would need a receipt, which the API does not offer, so that row
 * stays in the exchange's tables.
 */
@Component(service = StockTarget.class)
public final class WarehouseStock implements StockTarget {
    private final Stock stock;

    /** Works with the warehouse plugin's stock. */
    @Activate
    public WarehouseStock(@Reference Stock stock) {
        this.stock = stock;
    }

    @Override
    public boolean set(String productId, String warehouseId, BigDecimal quantity) {
        Availability now = stock.availability(productId, warehouseId);
        int difference = now.onHand().compareTo(quantity);
        if (difference == 0) {
            return true;
        }
        if (difference < 0) {
            return false;
        }
        stock.issue(productId, warehouseId, now.onHand().subtract(quantity));
        return true;
    }
}
