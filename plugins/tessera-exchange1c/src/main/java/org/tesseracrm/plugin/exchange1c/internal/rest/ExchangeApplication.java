package org.tesseracrm.plugin.exchange1c.internal.rest;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;

/**
 * The plugin's JAX-RS application, {@code /api/v1/exchange1c}, created by the platform when the plugin
 * starts, and who may use it: administrators and users with the exchange role.
 */
final class ExchangeApplication {
    /** Filter a resource selects the application with. */
    static final String SELECT = "(osgi.jaxrs.name=" + TesseraApi.PLUGIN_APPLICATION_PREFIX + "exchange1c)";

    private ExchangeApplication() {
    }

    /** @throws ProblemException FORBIDDEN unless the caller is an administrator or has the exchange role */
    static void requireExchangeRole() {
        TesseraUser user = CurrentUser.get();
        if (!user.hasRole(TesseraUser.ADMINISTRATOR) && !user.hasRole(ConnectionSettings.EXCHANGE_ROLE)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The 1C exchange is for administrators and users "
                    + "with the role " + ConnectionSettings.EXCHANGE_ROLE, null);
        }
    }

    /** @return a paging parameter, checked */
    static int paging(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(name, name + " must be a whole number from " + min + " to " + max);
    }
}
