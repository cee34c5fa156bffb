package org.tesseracrm.plugin.warehouse.internal;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.tesseracrm.testing.TestDatabase;

/**
 * The warehouse contract on PostgreSQL, in a fresh database dropped afterwards. Skipped when the server on
 * 127.0.0.1:5432 is unreachable, except on CI (the {@code CI} variable is set), where that fails.
 */
class WarehousePostgresTest extends WarehouseContract {
    @Override
    protected TestDatabase openDatabase() {
        if (!TestDatabase.postgresAvailable()) {
            String why = "PostgreSQL at " + TestDatabase.POSTGRES + " is not reachable";
            if (System.getenv("CI") != null) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        return TestDatabase.postgres();
    }
}
