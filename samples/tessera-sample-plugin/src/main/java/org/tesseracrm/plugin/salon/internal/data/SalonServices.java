package org.tesseracrm.plugin.salon.internal.data;

import java.sql.Connection;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.plugin.salon.internal.SalonSettings;

/**
 * The salon's services, stored in {@code salon.service}: versioned, audited, announced on EventAdmin and
 * soft-deleted by the platform's {@code Records}. A service saved without a duration takes the configured
 * default; without a currency, roubles.
 */
@Component(service = SalonServices.class)
public final class SalonServices extends ForwardingRecords<SalonService> {
    /** Currency of a price given without one. */
    public static final String DEFAULT_CURRENCY = "RUB";

    /** Starts once schema {@code salon} is migrated. */
    @Activate
    public SalonServices(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=salon)") Database database,
            @Reference SalonSettings settings) {
        super(stores.create(SalonService.class, database, new RecordRules<>() {
            @Override
            public SalonService beforeWrite(SalonService previous, SalonService service, Connection connection) {
                int duration = service.durationMinutes() != null ? service.durationMinutes()
                        : settings.defaultDurationMinutes();
                String currency = service.currency() != null ? service.currency() : DEFAULT_CURRENCY;
                return service.completed(duration, currency);
            }
        }));
    }
}
