-- Notes 2.0.0 (hot-plug test plugin): a note can be pinned. Existing notes get FALSE.
ALTER TABLE note ADD COLUMN pinned BOOLEAN DEFAULT FALSE;
