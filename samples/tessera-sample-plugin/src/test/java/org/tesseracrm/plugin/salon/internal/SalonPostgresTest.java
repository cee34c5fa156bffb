package org.tesseracrm.plugin.salon.internal;

import org.tesseracrm.testing.TestDatabase;

/**
 * The salon contract on PostgreSQL, in a fresh database dropped afterwards. Skipped when the server on
 * 127.0.0.1:5432 is unreachable, except on CI (the {@code CI} variable is set), where that fails.
 */
class SalonPostgresTest extends SalonContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresOrSkip();
    }
}
