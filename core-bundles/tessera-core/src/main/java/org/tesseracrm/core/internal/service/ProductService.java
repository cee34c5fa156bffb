package org.tesseracrm.core.internal.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.crm.Products;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/** The {@link Products} service, stored in {@code core}. */
@Component(service = Products.class)
public final class ProductService extends ForwardingRecords<Product> implements Products {

    /** Starts once the core schema is migrated. */
    @Activate
    public ProductService(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=core)") Database database) {
        super(stores.create(Product.class, database, RecordRules.none()));
    }
}
