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
@Component(service = {RecordStores.class, RecordStoresService.class})
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

    private final Map<String, java.lang.ref.WeakReference<RecordStore<?>>> stores =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public <T> Records<T> create(Class<T> type, Database database, RecordRules<T> rules) {
        RecordStore<T> store = new RecordStore<>(type, database, rules, json, this::post, access);
        stores.put(store.entity(), new java.lang.ref.WeakReference<>(store));
        return store;
    }

    /** @return the store of an entity while the bundle that made it uses it */
    public java.util.Optional<RecordStore<?>> store(String entity) {
        var reference = stores.get(entity);
        return java.util.Optional.ofNullable(reference == null ? null : reference.get());
    }

    /** @return the stores in use, by entity */
    public Map<String, RecordStore<?>> stores() {
        Map<String, RecordStore<?>> live = new java.util.TreeMap<>();
        stores.forEach((entity, reference) -> {
            RecordStore<?> store = reference.get();
            if (store != null) {
                live.put(entity, store);
            }
        });
        return live;
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }
}
