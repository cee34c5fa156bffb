package org.tesseracrm.core.internal.access;

import org.tesseracrm.testing.TestDatabase;

/** Access control on PostgreSQL (skipped locally without a server, failed on CI). */
class AccessPostgresTest extends AccessContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresOrSkip();
    }
}
