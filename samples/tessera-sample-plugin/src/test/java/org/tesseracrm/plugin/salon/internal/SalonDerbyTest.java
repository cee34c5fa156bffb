package org.tesseracrm.plugin.salon.internal;

import org.tesseracrm.testing.TestDatabase;

/** The salon contract on embedded Derby (in memory). */
class SalonDerbyTest extends SalonContract {
    static {
        // Keep derby.log out of the source tree.
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.derby();
    }
}
