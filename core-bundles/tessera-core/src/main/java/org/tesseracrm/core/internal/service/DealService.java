package org.tesseracrm.core.internal.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.Deals;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/** The {@link Deals} service, stored in {@code core}. */
@Component(service = Deals.class)
public final class DealService extends ForwardingRecords<Deal> implements Deals {

    /** Starts once the core schema is migrated. */
    @Activate
    public DealService(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=core)") Database database, @Reference Pipelines pipelines) {
        super(stores.create(Deal.class, database, new DealRules(pipelines)));
    }
}
