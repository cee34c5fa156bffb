package org.tesseracrm.platform.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
import org.tesseracrm.api.data.Page;
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
    public UserAccounts(Database database, Path passwordFile) {
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
                    "SELECT password_hash, roles FROM platform.app_user WHERE username = ? AND active = TRUE")) {
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
        return create(username, username, password, roles, null, mustChangePassword);
    }

    /**
     * Creates a user in a department.
     *
     * @throws ProblemException CONFLICT when the username is taken
     */
    public TesseraUser create(String username, String displayName, char[] password, Set<String> roles,
            String departmentId, boolean mustChangePassword) {
        String hash = new String(BCrypt.withDefaults().hashToChar(COST, password));
        return database.inTransaction(connection -> {
            if (find(connection, username).isPresent()) {
                throw ProblemException.conflict("The username '" + username + "' is taken");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO platform.app_user "
                    + "(username, display_name, password_hash, roles, must_change_password, created_at, department_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, username);
                insert.setString(2, displayName == null || displayName.isBlank() ? username : displayName);
                insert.setString(7, departmentId);
                insert.setString(3, hash);
                insert.setString(4, String.join(",", roles));
                insert.setBoolean(5, mustChangePassword);
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            return new TesseraUser(username, roles);
        });
    }

    /**
     * A user account as administrators see it (never the password hash).
     *
     * @param username           the login name
     * @param displayName        the name shown in the console
     * @param roles              the roles
     * @param departmentId       the department, or {@code null}
     * @param active             whether the user may log in
     * @param mustChangePassword whether the password was generated and must be changed at the next login
     */
    public record Account(String username, String displayName, Set<String> roles, String departmentId,
            boolean active, boolean mustChangePassword) {
        public Account {
            roles = Set.copyOf(roles);
        }
    }

    private static final String ACCOUNT_COLUMNS =
            "username, display_name, roles, department_id, active, must_change_password";

    /** @return the account, active or not */
    public Optional<Account> find(String username) {
        return database.inTransaction(connection -> find(connection, username));
    }

    private static Optional<Account> find(Connection connection, String username) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ACCOUNT_COLUMNS + " FROM platform.app_user WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        }
    }

    /** @return the users of a department (not of its sub-departments) */
    public List<String> usernamesIn(Set<String> departmentIds) {
        if (departmentIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(departmentIds.size(), "?"));
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT username FROM platform.app_user WHERE department_id IN (" + marks + ")")) {
                int i = 1;
                for (String id : departmentIds) {
                    select.setString(i++, id);
                }
                List<String> names = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            }
        });
    }

    /** @return a page of accounts in username order, optionally those whose name starts with a prefix */
    public Page<Account> list(int offset, int limit, String prefix) {
        String where = prefix == null ? "" : " WHERE LOWER(username) LIKE ? ESCAPE '!' OR LOWER(display_name) LIKE ? ESCAPE '!'";
        return database.inTransaction(connection -> {
            List<Account> accounts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ACCOUNT_COLUMNS
                    + " FROM platform.app_user" + where + " ORDER BY username OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = 1;
                if (prefix != null) {
                    String like = escapeLike(prefix.toLowerCase(Locale.ROOT)) + "%";
                    select.setString(i++, like);
                    select.setString(i++, like);
                }
                select.setInt(i++, offset);
                select.setInt(i, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        accounts.add(account(rows));
                    }
                }
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM platform.app_user" + where)) {
                if (prefix != null) {
                    String like = escapeLike(prefix.toLowerCase(Locale.ROOT)) + "%";
                    count.setString(1, like);
                    count.setString(2, like);
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            return new Page<>(accounts, total, offset, limit);
        });
    }

    /**
     * Changes what administrators manage of an account.
     *
     * @throws ProblemException NOT_FOUND for an unknown user
     */
    public Account update(String username, String displayName, Set<String> roles, String departmentId,
            boolean active) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE platform.app_user SET display_name = ?, "
                    + "roles = ?, department_id = ?, active = ? WHERE username = ?")) {
                update.setString(1, displayName == null || displayName.isBlank() ? username : displayName);
                update.setString(2, String.join(",", roles));
                update.setString(3, departmentId);
                update.setBoolean(4, active);
                update.setString(5, username);
                if (update.executeUpdate() != 1) {
                    throw ProblemException.notFound("user", username);
                }
            }
            return find(connection, username).orElseThrow();
        });
    }

    /**
     * Sets a new password.
     *
     * @param mustChange whether the user must change it at the next login (a generated one)
     * @throws ProblemException NOT_FOUND for an unknown user
     */
    public void setPassword(String username, char[] password, boolean mustChange) {
        String hash = new String(BCrypt.withDefaults().hashToChar(COST, password));
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE platform.app_user SET password_hash = ?, "
                    + "must_change_password = ?, password_changed_at = ? WHERE username = ?")) {
                update.setString(1, hash);
                update.setBoolean(2, mustChange);
                update.setTimestamp(3, Timestamp.from(Instant.now()));
                update.setString(4, username);
                if (update.executeUpdate() != 1) {
                    throw ProblemException.notFound("user", username);
                }
            }
            return null;
        });
    }

    /** @return a random password of 24 characters (144 bits), for a new user or a reset */
    public static char[] generatePassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    private static Account account(ResultSet rows) throws SQLException {
        return new Account(rows.getString(1), rows.getString(2), roles(rows.getString(3)), rows.getString(4),
                rows.getBoolean(5), rows.getBoolean(6));
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
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
        char[] password = generatePassword();
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
