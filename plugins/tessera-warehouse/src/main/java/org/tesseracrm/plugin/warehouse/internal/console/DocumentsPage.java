package org.tesseracrm.plugin.warehouse.internal.console;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.spi.console.ConsolePage;

/** The console page of the documents: list by kind and status, create drafts, post and reverse. */
@Component(service = ConsolePage.class)
public final class DocumentsPage extends WarehousePage {

    /** The page at {@code /warehouse/documents}. */
    public DocumentsPage() {
        super("documents", "Warehouse documents", "Складские документы", 410);
    }
}
