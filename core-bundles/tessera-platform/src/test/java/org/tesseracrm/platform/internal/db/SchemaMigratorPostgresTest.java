package org.tesseracrm.platform.internal.db;

/**
 * The schema migrator's contract on PostgreSQL, each test in a fresh database. Skipped when the server
 * on 127.0.0.1:5432 is unreachable, except on CI (the {@code CI} variable is set), where that fails.
 */
class SchemaMigratorPostgresTest extends SchemaMigratorContract {
    @Override
    ScratchDatabase openDatabase() {
        return ScratchDatabase.postgres();
    }
}
