package org.tesseracrm.platform.internal.security;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.security.Logins;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.audit.AuditWriter;

/**
 * Logs users in through the {@code tessera} JAAS realm. A password hash takes tens of milliseconds by
 * design, so successful logins are remembered until a minute after their last use, keyed by a SHA-256 of the credentials
 * (never the credentials themselves). Every checked attempt is audited ({@code LOGIN},
 * {@code LOGIN_FAILED}, {@code LOGIN_THROTTLED} on entity {@code user}) and failures are throttled by
 * {@link LoginThrottle}.
 */
@Component(service = {Authenticator.class, Logins.class})
public final class Authenticator implements Logins {
    private static final long REMEMBER_MILLIS = 60_000;
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private final LoginThrottle throttle;
    private final Database database;
    private final UserAccounts accounts;

    private record Remembered(TesseraUser user, long until) {
    }

    /**
     * The outcome of a login attempt.
     *
     * @param user              the user when the credentials were right
     * @param retryAfterSeconds when throttled, the seconds to wait; 0 otherwise
     */
    public record Attempt(Optional<TesseraUser> user, long retryAfterSeconds) {
        /** @return whether the attempt was refused without checking the password */
        public boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }

    /** Needs the realm registered, the throttle, and the platform schema for the audit. */
    @Activate
    public Authenticator(@Reference TesseraRealm realm, @Reference LoginThrottle throttle,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database database,
            @Reference UserAccounts accounts) {
        // the realm reference only orders activation: the realm must be there before logins
        this.throttle = throttle;
        this.database = database;
        this.accounts = accounts;
    }

    /** @return the user when the credentials are right, empty otherwise (also when throttled) */
    @Override
    public Optional<TesseraUser> login(String username, String password) {
        return attempt(username, password, null).user();
    }

    /**
     * Checks credentials, unless the name or the client address is throttled.
     *
     * @param address the client's address, or {@code null} when unknown
     */
    public Attempt attempt(String username, String password, String address) {
        String key = Digests.sha256(username + '\0' + password);
        long now = System.currentTimeMillis();
        Remembered known = remembered.get(key);
        if (known != null && known.until() > now) {
            remembered.put(key, new Remembered(known.user(), now + REMEMBER_MILLIS)); // a minute since last use
            return new Attempt(Optional.of(known.user()), 0);
        }
        long wait = throttle.secondsToWait(username, address);
        if (wait > 0) {
            audit(username, "LOGIN_THROTTLED", address);
            return new Attempt(Optional.empty(), wait);
        }
        // the realm checks the password; the roles are Tessera's own (the realm adds Karaf's, whose names
        // such as "manager" may clash with Tessera's)
        Optional<TesseraUser> user = jaasLogin(username, password)
                .flatMap(u -> accounts.find(u.username()).map(a -> new TesseraUser(a.username(), a.roles())));
        if (user.isPresent()) {
            throttle.succeeded(username);
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(user.get(), now + REMEMBER_MILLIS));
            audit(user.get().username(), "LOGIN", address);
        } else {
            throttle.failed(username, address);
            audit(username, "LOGIN_FAILED", address);
        }
        return new Attempt(user, 0);
    }

    private void audit(String username, String action, String address) {
        String name = username == null ? "" : username.length() > 100 ? username.substring(0, 100) : username;
        Map<String, FieldChange> details = address == null ? Map.of()
                : Map.of("address", new FieldChange(null, address));
        database.inTransaction(connection -> {
            AuditWriter.write(connection, name.isEmpty() ? "anonymous" : name, "user", name, action, details);
            return null;
        });
    }

    /** Forgets remembered logins, for example after a password change. */
    public void forgetAll() {
        remembered.clear();
    }

    private static Optional<TesseraUser> jaasLogin(String username, String password) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Authenticator.class.getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext login = new LoginContext(TesseraRealm.NAME, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(username);
                    } else if (callback instanceof PasswordCallback secret) {
                        secret.setPassword(password.toCharArray());
                    }
                }
            });
            login.login();
            String name = username;
            for (Principal principal : subject.getPrincipals()) {
                if (principal instanceof UserPrincipal user) {
                    name = user.getName();
                }
            }
            return Optional.of(new TesseraUser(name, Set.of()));
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

}
