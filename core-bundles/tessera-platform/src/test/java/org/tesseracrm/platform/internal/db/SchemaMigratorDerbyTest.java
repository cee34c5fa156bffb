package org.tesseracrm.platform.internal.db;

/** The schema migrator's contract on embedded Derby (in memory). */
class SchemaMigratorDerbyTest extends SchemaMigratorContract {
    @Override
    ScratchDatabase openDatabase() {
        return ScratchDatabase.derby();
    }
}
