package org.tesseracrm.plugin.exchange1c.internal.protocol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.security.Logins;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.plugin.exchange1c.internal.CmlImporter;
import org.tesseracrm.plugin.exchange1c.internal.ImportResult;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.plugin.exchange1c.internal.connection.Connections;
import org.tesseracrm.plugin.exchange1c.internal.log.ExchangeLog;
import org.tesseracrm.plugin.exchange1c.internal.sale.OrderExport;

/**
 * Tessera's side of the exchange: the platform's logins, the configured connections, the importer, the
 * order export and the exchange log, as the protocol needs them.
 */
@Component(service = Exchange.class)
public final class SiteExchange implements Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(SiteExchange.class);

    private final Logins logins;
    private final Connections connections;
    private final CmlImporter importer;
    private final OrderExport orders;
    private final ExchangeLog log;

    /** Joins the plugin's parts. */
    @Activate
    public SiteExchange(@Reference Logins logins, @Reference Connections connections, @Reference CmlImporter importer,
            @Reference OrderExport orders, @Reference ExchangeLog log) {
        this.logins = logins;
        this.connections = connections;
        this.importer = importer;
        this.orders = orders;
        this.log = log;
    }


    @Override
    public Optional<ConnectionSettings> connection(String name) {
        return connections.find(name);
    }

    @Override
    public Optional<TesseraUser> login(String username, String password) {
        return logins.login(username, password);
    }

    @Override
    public ImportResult importFile(ConnectionSettings connection, Path file) {
        return importer.importFile(connection, file);
    }

    @Override
    public int deleteOmitted(ConnectionSettings connection, Instant packageStarted) {
        return importer.deleteOmitted(connection, packageStarted);
    }

    @Override
    public OrderExport.Orders query(ConnectionSettings connection, String sessionId) {
        return orders.query(connection, sessionId);
    }

    @Override
    public int confirm(ConnectionSettings connection, String sessionId) {
        return orders.confirm(connection, sessionId);
    }

    @Override
    public void started(String sessionId, String connection, String username) {
        log.start(sessionId, connection, username);
    }

    @Override
    public void record(String sessionId, String type, String mode, String filename, ExchangeLog.Outcome outcome,
            String message, ImportResult result) {
        try {
            log.record(sessionId, type, mode, filename, outcome, message, result);
        } catch (RuntimeException e) {
            // the exchange goes on when its log cannot be written; the Tessera log says why
            LOG.warn("Cannot write the 1C exchange log of session {}: {}", sessionId, e.toString());
        }
    }
}
