package org.tesseracrm.platform.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.security.Logins;
import org.tesseracrm.api.security.TesseraUser;

/**
 * Logs users in through the {@code tessera} JAAS realm. A password hash takes tens of milliseconds by
 * design, so successful logins are remembered for a minute, keyed by a SHA-256 of the credentials
 * (never the credentials themselves).
 */
@Component(service = {Authenticator.class, Logins.class})
public final class Authenticator implements Logins {
    private static final long REMEMBER_MILLIS = 60_000;
    private static final int MAX_REMEMBERED = 10_000;
    private static final Set<String> KARAF_ROLES = Set.of("admin", "manager", "viewer", "systembundles", "ssh");

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(TesseraUser user, long until) {
    }

    /** Needs the realm registered. */
    @Activate
    public Authenticator(@Reference TesseraRealm realm) {
        // the reference only orders activation: the realm must be there before logins
    }

    /** @return the user when the credentials are right, empty otherwise */
    @Override
    public Optional<TesseraUser> login(String username, String password) {
        String key = digest(username + '\0' + password);
        long now = System.currentTimeMillis();
        Remembered known = remembered.get(key);
        if (known != null && known.until() > now) {
            return Optional.of(known.user());
        }
        Optional<TesseraUser> user = jaasLogin(username, password);
        user.ifPresent(u -> {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(u, now + REMEMBER_MILLIS));
        });
        return user;
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
            Set<String> roles = new LinkedHashSet<>();
            for (Principal principal : subject.getPrincipals()) {
                if (principal instanceof UserPrincipal user) {
                    name = user.getName();
                } else if (principal instanceof RolePrincipal role && !KARAF_ROLES.contains(role.getName())) {
                    roles.add(role.getName());
                }
            }
            return Optional.of(new TesseraUser(name, roles));
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
