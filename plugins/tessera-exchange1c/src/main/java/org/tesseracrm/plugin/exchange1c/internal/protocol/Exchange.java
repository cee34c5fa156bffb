package org.tesseracrm.plugin.exchange1c.internal.protocol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.plugin.exchange1c.internal.ImportResult;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.plugin.exchange1c.internal.log.ExchangeLog;
import org.tesseracrm.plugin.exchange1c.internal.sale.OrderExport;

/** What the protocol needs from the rest of the plugin and the platform. */
public interface Exchange {

    /** @return the connection of that name, if configured (the default one always is) */
    Optional<ConnectionSettings> connection(String name);

    /** @return the user, when the login and password are right */
    Optional<TesseraUser> login(String username, String password);

    /** Imports one CommerceML file (catalog, offers, counterparties or orders). */
    ImportResult importFile(ConnectionSettings connection, Path file);

    /**
     * Deletes to the recycle bin the connection's products that a complete package with a full catalog did not
     * list; @return how many
     */
    int deleteOmitted(ConnectionSettings connection, Instant packageStarted);

    /** Writes the orders due for 1C and remembers them as offered in the session. */
    OrderExport.Orders query(ConnectionSettings connection, String sessionId);

    /** Marks the orders offered in the session exported; @return how many */
    int confirm(ConnectionSettings connection, String sessionId);

    /** A session started (the exchange log). */
    void started(String sessionId, String connection, String username);

    /** Something happened in a session (the exchange log). */
    void record(String sessionId, String type, String mode, String filename, ExchangeLog.Outcome outcome,
            String message, ImportResult result);
}
