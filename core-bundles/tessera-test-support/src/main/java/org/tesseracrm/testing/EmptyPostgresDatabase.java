package org.tesseracrm.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A new, empty PostgreSQL database on the test server ({@link TestDatabase#POSTGRES}, user
 * {@code postgres} without password), for a distribution to migrate itself; dropped on {@link #close()}
 * even while connections are still open.
 */
public final class EmptyPostgresDatabase implements AutoCloseable {
    /** The database user (trust authentication). */
    public static final String USER = "postgres";

    private final String name;

    private EmptyPostgresDatabase(String name) {
        this.name = name;
    }

    /** @return why the test server cannot be used, or empty when it answers */
    public static Optional<String> unreachable() {
        try (Connection connection = connect("postgres")) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("PostgreSQL at " + TestDatabase.POSTGRES + " is not reachable: " + e.getMessage());
        }
    }

    /**
     * @param prefix the start of the database name (lower case letters, digits, underscores)
     * @throws IllegalStateException when the database cannot be created
     */
    public static EmptyPostgresDatabase create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new EmptyPostgresDatabase(name);
    }

    /** @return the database's name */
    public String name() {
        return name;
    }

    /** @return its JDBC URL, without credentials */
    public String jdbcUrl() {
        return TestDatabase.POSTGRES + name;
    }

    /** @return the number the query answers in its first column of its first row (for {@code count(*)}) */
    public long queryNumber(String sql) {
        try (Connection connection = connect(name); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("No row from " + sql);
            }
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database, closing whatever connections are left. */
    @Override
    public void close() {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", "");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(TestDatabase.POSTGRES + database, properties);
    }

    @Override
    public String toString() {
        return jdbcUrl();
    }
}
