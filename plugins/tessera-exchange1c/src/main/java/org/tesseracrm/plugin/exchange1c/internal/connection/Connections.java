package org.tesseracrm.plugin.exchange1c.internal.connection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The configured 1C connections, live: a connection appears when its configuration is saved and goes when
 * it is deleted. The {@value ConnectionSettings#DEFAULT} connection always exists (with
 * {@link ConnectionSettings#defaults defaults} until configured), so a fresh Tessera exchanges at
 * {@code /exchange/1c} with no setup.
 */
@Component(service = Connections.class)
public final class Connections {
    private final Map<ExchangeConnection, ConnectionSettings> configured = new ConcurrentHashMap<>();

    /** A connection was configured. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConnection(ExchangeConnection connection) {
        configured.put(connection, connection.settings());
    }

    /** A connection's configuration was deleted or changed. */
    void removeConnection(ExchangeConnection connection) {
        configured.remove(connection);
    }

    /** @return the connection of that name, if any */
    public Optional<ConnectionSettings> find(String name) {
        Optional<ConnectionSettings> found = configured.values().stream().filter(s -> s.name().equals(name))
                .findFirst();
        if (found.isEmpty() && ConnectionSettings.DEFAULT.equals(name)) {
            return Optional.of(ConnectionSettings.defaults(name));
        }
        return found;
    }

    /** @return every connection, the default one included */
    public List<ConnectionSettings> all() {
        List<ConnectionSettings> all = new java.util.ArrayList<>(configured.values());
        if (all.stream().noneMatch(s -> s.name().equals(ConnectionSettings.DEFAULT))) {
            all.add(ConnectionSettings.defaults(ConnectionSettings.DEFAULT));
        }
        all.sort(java.util.Comparator.comparing(ConnectionSettings::name));
        return all;
    }
}
