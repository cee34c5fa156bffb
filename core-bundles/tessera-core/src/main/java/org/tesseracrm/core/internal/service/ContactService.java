package org.tesseracrm.core.internal.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.Contacts;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/** The {@link Contacts} service, stored in {@code core}. */
@Component(service = Contacts.class)
public final class ContactService extends ForwardingRecords<Contact> implements Contacts {

    /** Starts once the core schema is migrated. */
    @Activate
    public ContactService(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=core)") Database database) {
        super(stores.create(Contact.class, database, RecordRules.none()));
    }
}
