package org.tesseracrm.api.security;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a user's login and password, for plugins that speak a protocol of their own (the 1C exchange
 * takes the credentials 1C sends). The platform registers this service; every attempt is audited and
 * repeated failures for a name are throttled, exactly as for the REST API and the console.
 */
@ProviderType
public interface Logins {

    /**
     * Checks the credentials.
     *
     * @param username the login name
     * @param password the password as typed
     * @return the user when the credentials are right; empty when they are wrong, unknown or the name
     *         is throttled after repeated failures (the caller cannot tell which, by design)
     */
    Optional<TesseraUser> login(String username, String password);
}
