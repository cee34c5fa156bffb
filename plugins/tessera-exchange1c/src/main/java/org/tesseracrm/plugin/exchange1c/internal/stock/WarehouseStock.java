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
 * warehouse plugin). Stock above 1C's number is issued down to it; stock below it is received up to it at
 * the current average cost, so the valuation stays as the warehouse had it (1C sends quantities, not
 * costs).
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
            stock.receive(productId, warehouseId, quantity.subtract(now.onHand()), now.averageCost());
        } else {
            stock.issue(productId, warehouseId, now.onHand().subtract(quantity));
        }
        return true;
    }
}
