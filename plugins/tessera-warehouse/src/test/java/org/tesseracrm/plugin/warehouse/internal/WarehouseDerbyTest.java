package org.tesseracrm.plugin.warehouse.internal;

import org.tesseracrm.testing.TestDatabase;

/** The warehouse contract on embedded Derby (in memory). */
class WarehouseDerbyTest extends WarehouseContract {
    static {
        // Keep derby.log out of the source tree.
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.derby();
    }
}
