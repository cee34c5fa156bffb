package org.tesseracrm.platform.internal.db;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.api.data.Database.Dialect;

/**
 * How each bundle's schema stands, written by the {@link MigrationExtender} and read by the platform's
 * reports. A component of its own, so readers never depend on the extender while it starts bundles.
 */
@Component(service = SchemaStatuses.class)
public final class SchemaStatuses {
    private final Map<String, SchemaStatus> statuses = new ConcurrentHashMap<>();
    private volatile Dialect dialect;

    /** @return the state of every schema */
    public Collection<SchemaStatus> all() {
        return List.copyOf(statuses.values());
    }

    /** @return the database product in use, or {@code null} before the database was reached */
    public Dialect dialect() {
        return dialect;
    }

    void dialect(Dialect current) {
        this.dialect = current;
    }

    void put(SchemaStatus status) {
        statuses.put(status.bundle(), status);
    }

    void remove(String bundle) {
        statuses.remove(bundle);
    }
}
