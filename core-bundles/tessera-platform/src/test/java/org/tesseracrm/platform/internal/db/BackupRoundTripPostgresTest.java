package org.tesseracrm.platform.internal.db;

/** Backup and restore on PostgreSQL. */
class BackupRoundTripPostgresTest extends BackupRoundTripContract {
    @Override
    ScratchDatabase openDatabase() {
        return ScratchDatabase.postgres();
    }

    @Override
    String shopSql() {
        return """
                CREATE TABLE a_purchase (id VARCHAR(36) NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,
                    amount DECIMAL(19, 4) NOT NULL);
                CREATE TABLE z_customer (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name VARCHAR(100) NOT NULL, notes TEXT, vip BOOLEAN, balance DECIMAL(19, 4),
                    score DOUBLE PRECISION, born DATE, seen TIMESTAMP, photo BYTEA,
                    parent_id BIGINT REFERENCES z_customer (id));
                ALTER TABLE a_purchase ADD CONSTRAINT purchase_customer FOREIGN KEY (customer_id)
                    REFERENCES z_customer (id);
                """;
    }
}
