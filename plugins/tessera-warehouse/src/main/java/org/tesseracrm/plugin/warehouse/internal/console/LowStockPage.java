package org.tesseracrm.plugin.warehouse.internal.console;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.spi.console.ConsolePage;

/** The console page of the products below their low-stock minimum, and setting minimums. */
@Component(service = ConsolePage.class)
public final class LowStockPage extends WarehousePage {

    /** The page at {@code /warehouse/low-stock}. */
    public LowStockPage() {
        super("low-stock", "Low stock", "Заканчивается", 430);
    }
}
