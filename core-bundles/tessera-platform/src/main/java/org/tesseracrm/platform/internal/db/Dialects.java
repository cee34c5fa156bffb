package org.tesseracrm.platform.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import org.tesseracrm.api.data.Database.Dialect;

/** What differs between the database products, in one place. */
public final class Dialects {
    private Dialects() {
    }

    /** @return the dialect of the database behind a connection */
    public static Dialect detect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("derby")) {
            return Dialect.DERBY;
        }
        if (product.contains("postgres")) {
            return Dialect.POSTGRESQL;
        }
        throw new SQLException("Tessera runs on Apache Derby or PostgreSQL, not on " + product);
    }

    /** @return an unquoted identifier as the database stores it (Derby folds to upper case) */
    public static String stored(Dialect dialect, String identifier) {
        return dialect == Dialect.DERBY ? identifier.toUpperCase(Locale.ROOT) : identifier.toLowerCase(Locale.ROOT);
    }

    /** @return the folder of dialect-specific migration scripts */
    public static String folder(Dialect dialect) {
        return dialect.name().toLowerCase(Locale.ROOT);
    }

    /** @return whether a failure is a unique-key violation (a duplicate) */
    public static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** @return whether a failure is a lost race with another transaction (deadlock, lock timeout) */
    public static boolean isConcurrencyFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.equals("40P01") || state.startsWith("40XL"));
    }
}
