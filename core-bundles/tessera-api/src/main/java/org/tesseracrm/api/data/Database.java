package org.tesseracrm.api.data;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One bundle's database schema, migrated and ready. The platform registers this service (with the
 * property {@value #SCHEMA_PROPERTY}) only after the bundle's migrations have been applied, so a
 * component that references it with a target such as {@code (tessera.schema=core)} never starts on an
 * old schema, and never starts at all when a migration failed.
 */
@ProviderType
public interface Database {

    /** Service property naming the schema. */
    String SCHEMA_PROPERTY = "tessera.schema";

    /** @return the schema name, which qualifies the bundle's tables in SQL ({@code core.contact}) */
    String schema();

    /** @return the database product in use */
    Dialect dialect();

    /** @return the shared connection pool */
    DataSource dataSource();

    /**
     * Runs work in one transaction: commits when it returns, rolls back when it throws.
     *
     * @return what the work returned
     */
    <R> R inTransaction(Work<R> work);

    /**
     * Commits what the transaction this thread is in has done so far, and lets what waits for a commit
     * happen (the record events of what was committed); the transaction goes on. For long work that
     * commits in batches, such as an import, instead of {@code Connection.commit()}.
     *
     * @throws IllegalStateException when the thread is in no transaction on this database's pool
     */
    void commitSoFar();

    /** Work done with a connection inside a transaction. */
    @FunctionalInterface
    interface Work<R> {
        /** @return the work's result */
        R run(Connection connection) throws SQLException;
    }

    /** The database products Tessera runs on. */
    enum Dialect {
        /** Apache Derby, embedded: the default. */
        DERBY,
        /** PostgreSQL: for production scale. */
        POSTGRESQL
    }
}
