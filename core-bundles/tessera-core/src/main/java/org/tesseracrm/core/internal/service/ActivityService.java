package org.tesseracrm.core.internal.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Activity;
import org.tesseracrm.api.crm.Activities;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/** The {@link Activities} service, stored in {@code core}. */
@Component(service = Activities.class)
public final class ActivityService extends ForwardingRecords<Activity> implements Activities {

    /** Starts once the core schema is migrated. */
    @Activate
    public ActivityService(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=core)") Database database) {
        super(stores.create(Activity.class, database, RecordRules.none()));
    }
}
