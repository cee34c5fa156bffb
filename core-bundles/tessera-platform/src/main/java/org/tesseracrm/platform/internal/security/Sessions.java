package org.tesseracrm.platform.internal.security;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.audit.AuditLogService;

/**
 * Console sessions. A session is a random 256-bit token, given to the browser in an HttpOnly cookie and
 * kept in {@code platform.app_session} only as its SHA-256, with a CSRF token the console sends back
 * on every change. It ends after {@link SecuritySettings#sessionIdleMinutes()} without requests, after
 * {@link SecuritySettings#sessionAbsoluteHours()} in any case, at logout, and when the user is changed
 * or deactivated. Sessions live in the database, so any node sharing it accepts them; each node keeps
 * what it read for a few seconds and writes the last-seen time at most once a minute.
 */
@Component(service = Sessions.class, configurationPid = SecuritySettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class Sessions {
    /** The session cookie's name. */
    public static final String COOKIE = "TESSERA_SESSION";
    private static final Duration REREAD = Duration.ofSeconds(5);
    private static final Duration TOUCH = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final UserAccounts accounts;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile SecuritySettings settings;

    /**
     * A live session.
     *
     * @param token     the cookie value
     * @param user      who it belongs to
     * @param csrfToken the token changes must carry in {@code X-CSRF-Token}
     * @param passwordChangeRequired whether the user must change a generated password first
     */
    public record Session(String token, TesseraUser user, String csrfToken, boolean passwordChangeRequired) {
    }

    private record Known(Session session, Instant created, Instant lastSeen, Instant lastWritten, Instant readAt) {
    }

    /** Starts with the platform schema and the accounts. */
    @Activate
    public Sessions(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database database,
            @Reference UserAccounts accounts, SecuritySettings settings) {
        this(database, accounts, settings, Clock.systemUTC());
    }

    /** Tells time by the clock given (tests). */
    public Sessions(Database database, UserAccounts accounts, SecuritySettings settings, Clock clock) {
        this.database = database;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Modified
    void modified(SecuritySettings changed) {
        this.settings = changed;
        known.clear();
    }

    /** @return the idle timeout in seconds */
    public long idleTimeoutSeconds() {
        return settings.sessionIdleMinutes() * 60L;
    }

    /** Opens a session for a user who just logged in. */
    public Session open(TesseraUser user) {
        String token = randomToken();
        String csrf = randomToken();
        Instant now = clock.instant();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO platform.app_session "
                    + "(token_hash, username, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, Digests.sha256(token));
                insert.setString(2, user.username());
                insert.setString(3, csrf);
                insert.setTimestamp(4, Timestamp.from(now), AuditLogService.utc());
                insert.setTimestamp(5, Timestamp.from(now), AuditLogService.utc());
                insert.executeUpdate();
            }
            return null;
        });
        boolean mustChange = accounts.find(user.username()).map(UserAccounts.Account::mustChangePassword)
                .orElse(false);
        return new Session(token, user, csrf, mustChange);
    }

    /** @return the live session of a cookie value, empty when unknown, ended or expired */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Digests.sha256(token);
        Instant now = clock.instant();
        Known entry = known.get(hash);
        if (entry == null || entry.readAt().plus(REREAD).isBefore(now)) {
            entry = read(hash, entry, now);
            if (entry == null) {
                known.remove(hash);
                return Optional.empty();
            }
        }
        if (expired(entry, now)) {
            close(token);
            return Optional.empty();
        }
        Instant written = entry.lastWritten();
        if (written.plus(TOUCH).isBefore(now)) {
            touch(hash, now);
            written = now;
        }
        known.put(hash, new Known(entry.session(), entry.created(), now, written, entry.readAt()));
        Session found = entry.session();
        return Optional.of(new Session(token, found.user(), found.csrfToken(), found.passwordChangeRequired()));
    }

    /** Ends the session of a cookie value (logout). */
    public void close(String token) {
        String hash = Digests.sha256(token);
        known.remove(hash);
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM platform.app_session WHERE token_hash = ?")) {
                delete.setString(1, hash);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Ends every session of a user (deactivated, password or roles changed). */
    public void closeAll(String username) {
        closeAll(username, null);
    }

    /**
     * Ends every session of a user but one.
     *
     * @param keep the cookie value of the session to keep (the one changing the password), or {@code null}
     */
    public void closeAll(String username, String keep) {
        known.values().removeIf(k -> k.session().user().username().equals(username));
        String kept = keep == null ? "" : Digests.sha256(keep);
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM platform.app_session WHERE username = ? AND token_hash <> ?")) {
                delete.setString(1, username);
                delete.setString(2, kept);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private boolean expired(Known entry, Instant now) {
        return entry.lastSeen().plusSeconds(idleTimeoutSeconds()).isBefore(now)
                || entry.created().plus(Duration.ofHours(settings.sessionAbsoluteHours())).isBefore(now);
    }

    private Known read(String hash, Known cached, Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT username, csrf_token, created_at, "
                    + "last_seen_at FROM platform.app_session WHERE token_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return null;
                    }
                    String username = rows.getString(1);
                    Optional<UserAccounts.Account> account = accounts.find(username).filter(UserAccounts.Account::active);
                    if (account.isEmpty()) {
                        return null;
                    }
                    Instant created = rows.getTimestamp(3, AuditLogService.utc()).toInstant();
                    Instant lastSeen = rows.getTimestamp(4, AuditLogService.utc()).toInstant();
                    if (cached != null && cached.lastSeen().isAfter(lastSeen)) {
                        lastSeen = cached.lastSeen();
                    }
                    UserAccounts.Account a = account.get();
                    Session session = new Session(null, new TesseraUser(username, a.roles()), rows.getString(2),
                            a.mustChangePassword());
                    return new Known(session, created, lastSeen, cached == null ? lastSeen : cached.lastWritten(),
                            now);
                }
            }
        });
    }

    private void touch(String hash, Instant now) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE platform.app_session SET last_seen_at = ? WHERE token_hash = ?")) {
                update.setTimestamp(1, Timestamp.from(now), AuditLogService.utc());
                update.setString(2, hash);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
