package org.tesseracrm.plugin.warehouse.internal.console;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.spi.console.ConsolePage;

/** The console page of the stock list: per product and warehouse, with filters, and the stock value. */
@Component(service = ConsolePage.class)
public final class StockPage extends WarehousePage {

    /** The page at {@code /warehouse/stock}. */
    public StockPage() {
        super("stock", "Stock", "Остатки", 400);
    }
}
