package org.tesseracrm.plugin.warehouse.internal.console;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.spi.console.ConsolePage;

/** The console page of a product's movement history, with its balance and stock as of a date. */
@Component(service = ConsolePage.class)
public final class ProductHistoryPage extends WarehousePage {

    /** The page at {@code /warehouse/history}. */
    public ProductHistoryPage() {
        super("history", "Product history", "История товара", 420);
    }
}
