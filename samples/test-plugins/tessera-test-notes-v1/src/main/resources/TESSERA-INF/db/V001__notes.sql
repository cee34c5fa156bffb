-- Notes of the hot-plug test plugin, in schema 'notes'. Notes 2.0.0 ships this very file (its checksum
-- must match what 1.0.0 applied) and adds V002: never edit it.

CREATE TABLE note (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    title       VARCHAR(200)   NOT NULL,
    body        VARCHAR(4000),
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);
CREATE INDEX note_created ON note (deleted_at, created_at, id);
