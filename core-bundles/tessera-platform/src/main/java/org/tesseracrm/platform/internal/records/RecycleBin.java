package org.tesseracrm.platform.internal.records;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.security.SecuritySettings;

/**
 * Deleted records stay restorable for {@link SecuritySettings#recycleBinDays()} days; then this job,
 * which runs an hour after start and every day after, purges them from every store in use.
 */
@Component(service = RecycleBin.class, configurationPid = SecuritySettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class RecycleBin {
    private static final Logger LOG = LoggerFactory.getLogger(RecycleBin.class);

    private final RecordStoresService stores;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tessera-recycle-bin");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SecuritySettings settings;

    /** Starts the daily purge. */
    @Activate
    public RecycleBin(@Reference RecordStoresService stores, SecuritySettings settings) {
        this.stores = stores;
        this.settings = settings;
        timer.scheduleWithFixedDelay(this::purgeQuietly, 1, 24, TimeUnit.HOURS);
    }

    @Modified
    void modified(SecuritySettings changed) {
        this.settings = changed;
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    /**
     * Purges what has been in the recycle bin longer than the configured days, now.
     *
     * @return records purged, by entity (only entities with some)
     */
    public Map<String, Integer> purge() {
        Instant before = Instant.now().minus(Duration.ofDays(settings.recycleBinDays()));
        Map<String, Integer> purged = new LinkedHashMap<>();
        try (CurrentUser.Scope ignored = CurrentUser.enter(TesseraUser.SYSTEM)) {
            stores.stores().forEach((entity, store) -> {
                int count = store.purgeDeletedBefore(before);
                if (count > 0) {
                    purged.put(entity, count);
                }
            });
        }
        if (!purged.isEmpty()) {
            LOG.info("Purged from the recycle bin records deleted before {}: {}", before, purged);
        }
        return purged;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn("Could not empty the recycle bin: {}", e.toString());
        }
    }
}
