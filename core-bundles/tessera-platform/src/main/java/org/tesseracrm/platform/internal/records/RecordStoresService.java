package org.tesseracrm.platform.internal.records;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.data.Records;
import org.tesseracrm.platform.internal.json.JsonCodec;

/**
 * The {@link RecordStores} service. It needs the platform schema (audit log, search terms) to be
 * migrated, makes every store ask {@link RecordAccess} before each query and change, and announces
 * changes on EventAdmin when it is present.
 */
@Component(service = RecordStores.class)
public final class RecordStoresService implements RecordStores {
    private final JsonCodec json;
    private final RecordAccess access;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** Ready when the platform schema is. */
    @Activate
    public RecordStoresService(@Reference JsonCodec json,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database platform,
            @Reference RecordAccess access) {
        this.json = json;
        this.access = access;
    }

    @Override
    public <T> Records<T> create(Class<T> type, Database database, RecordRules<T> rules) {
        return new RecordStore<>(type, database, rules, json, this::post, access);
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }
}
