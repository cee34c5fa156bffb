package org.tesseracrm.plugin.warehouse.internal.data;

import java.sql.Connection;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.RecordStores;

/** The warehouses, stored in {@code warehouse.warehouse}; a missing negative-stock flag means "not allowed". */
@Component(service = Warehouses.class)
public final class Warehouses extends ForwardingRecords<Warehouse> {

    /** Starts once schema {@code warehouse} is migrated. */
    @Activate
    public Warehouses(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=warehouse)") Database database) {
        super(stores.create(Warehouse.class, database, new RecordRules<>() {
            @Override
            public Warehouse beforeWrite(Warehouse previous, Warehouse warehouse, Connection connection) {
                return warehouse.allowNegative() == null ? warehouse.withAllowNegative(false) : warehouse;
            }
        }));
    }
}
