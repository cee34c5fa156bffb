package org.tesseracrm.platform.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.security.TesseraUser;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * User accounts in {@code platform.app_user}, passwords hashed with bcrypt. On the first start of an
 * installation it creates the {@code admin} account with a random password, logs it once and writes it
 * to {@code <karaf.data>/tessera/initial-admin-password}: there is no default password.
 */
@Component(service = UserAccounts.class, immediate = true)
public final class UserAccounts {
    /** Name of the first administrator. */
    public static final String ADMIN = "admin";
    /** bcrypt cost: about 50 ms per check on a laptop; checks are cached by the authenticator. */
    static final int COST = 10;

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);
    /** A hash to check against when the user does not exist, so both cases take as long. */
    private static final char[] DUMMY = BCrypt.withDefaults().hashToChar(COST, "not a password".toCharArray());

    private final Database database;

    /** Creates the first administrator if there is no user yet. */
    @Activate
    public UserAccounts(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database database,
            BundleContext context) {
        this.database = database;
        String data = context.getProperty("karaf.data");
        createFirstAdministrator(Path.of(data == null ? "data" : data, "tessera", "initial-admin-password"));
    }

    /** Creates the first administrator when there are no users; used directly by tests. */
    UserAccounts(Database database, Path passwordFile) {
        this.database = database;
        createFirstAdministrator(passwordFile);
    }

    /**
     * Checks a password.
     *
     * @return the user when the password is right, empty otherwise (unknown user or wrong password alike)
     */
    public Optional<TesseraUser> verify(String username, char[] password) {
        Optional<String[]> row = database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT password_hash, roles FROM platform.app_user WHERE username = ?")) {
                select.setString(1, username);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new String[] {rows.getString(1), rows.getString(2)})
                            : Optional.<String[]>empty();
                }
            }
        });
        char[] hash = row.map(r -> r[0].toCharArray()).orElse(DUMMY);
        boolean verified = BCrypt.verifyer().verify(password, hash).verified;
        if (!verified || row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TesseraUser(username, roles(row.get()[1])));
    }

    /**
     * Creates a user.
     *
     * @throws ProblemException CONFLICT when the username is taken
     */
    public TesseraUser create(String username, char[] password, Set<String> roles, boolean mustChangePassword) {
        String hash = new String(BCrypt.withDefaults().hashToChar(COST, password));
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO platform.app_user "
                    + "(username, display_name, password_hash, roles, must_change_password, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, username);
                insert.setString(2, username);
                insert.setString(3, hash);
                insert.setString(4, String.join(",", roles));
                insert.setBoolean(5, mustChangePassword);
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            return new TesseraUser(username, roles);
        });
    }

    private void createFirstAdministrator(Path passwordFile) {
        long users = database.inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM platform.app_user");
                    ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        if (users > 0) {
            return;
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        create(ADMIN, password, Set.of(TesseraUser.ADMINISTRATOR), true);
        try {
            Files.createDirectories(passwordFile.getParent());
            Files.writeString(passwordFile, new String(password) + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply
            }
        } catch (IOException e) {
            LOG.warn("Could not write the initial administrator password to {}: {}", passwordFile, e.getMessage());
        }
        LOG.warn("Created the administrator '{}' with the password {} (also in {}); change it after the first login",
                ADMIN, new String(password), passwordFile);
        Arrays.fill(password, '\0');
    }

    private static Set<String> roles(String text) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : text.split(",")) {
            if (!role.isBlank()) {
                roles.add(role.strip());
            }
        }
        return roles;
    }
}
