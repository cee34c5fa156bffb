package org.tesseracrm.plugin.exchange1c.internal;

import org.tesseracrm.testing.TestDatabase;

/** The import contract on embedded Derby (in memory). */
class ImportDerbyTest extends ImportContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.derby();
    }
}
