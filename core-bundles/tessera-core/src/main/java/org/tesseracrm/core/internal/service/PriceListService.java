package org.tesseracrm.core.internal.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.PriceList;
import org.tesseracrm.api.crm.PriceLists;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/** The {@link PriceLists} service, stored in {@code core}. */
@Component(service = PriceLists.class)
public final class PriceListService extends ForwardingRecords<PriceList> implements PriceLists {

    /** Starts once the core schema is migrated. */
    @Activate
    public PriceListService(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=core)") Database database) {
        super(stores.create(PriceList.class, database, RecordRules.none()));
    }
}
