-- ${pluginName}: the first migration of schema '${pluginId}'. Tessera applies each file once, in version
-- order, and records its checksum: never edit a released file, add V002__….sql instead. Table names are
-- unqualified (Tessera sets the schema); SQL that differs between Derby and PostgreSQL goes into derby/
-- and postgresql/ beside this file, under the same version number.

CREATE TABLE item (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    name        VARCHAR(200)   NOT NULL,
    notes       VARCHAR(4000),
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);
CREATE INDEX item_created ON item (deleted_at, created_at, id);
