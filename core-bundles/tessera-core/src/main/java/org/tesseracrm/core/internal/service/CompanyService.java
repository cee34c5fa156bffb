package org.tesseracrm.core.internal.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.crm.Companies;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/** The {@link Companies} service, stored in {@code core}. */
@Component(service = Companies.class)
public final class CompanyService extends ForwardingRecords<Company> implements Companies {

    /** Starts once the core schema is migrated. */
    @Activate
    public CompanyService(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=core)") Database database) {
        super(stores.create(Company.class, database, RecordRules.none()));
    }
}
