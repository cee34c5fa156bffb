package org.tesseracrm.core.internal.service;

import org.tesseracrm.testing.TestDatabase;

/** The CRM store contract on embedded Derby (in memory). */
class CrmStoreDerbyTest extends CrmStoreContract {
    static {
        // Keep derby.log out of the source tree.
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.derby();
    }
}
