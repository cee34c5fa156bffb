package ${package}.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.RecordStores;

/**
 * The items, stored by Tessera's {@code Records}: every change is versioned, validated, written to the
 * audit log in its transaction and announced on EventAdmin; deletes go to the recycle bin.
 */
@Component(service = Items.class)
public final class Items extends ForwardingRecords<Item> {

    /** Starts once Tessera has migrated schema {@code ${pluginId}} (never on an old or failed schema). */
    @Activate
    public Items(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=${pluginId})") Database database) {
        // Domain rules (defaults, checks across fields, extra events) go into a RecordRules here.
        super(stores.create(Item.class, database, RecordRules.none()));
    }
}
