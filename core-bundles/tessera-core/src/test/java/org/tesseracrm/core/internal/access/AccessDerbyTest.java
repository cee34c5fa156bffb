package org.tesseracrm.core.internal.access;

import org.tesseracrm.testing.TestDatabase;

/** Access control on embedded Derby. */
class AccessDerbyTest extends AccessContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.derby();
    }
}
