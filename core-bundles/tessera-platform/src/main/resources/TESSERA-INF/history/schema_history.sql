-- The record of applied migrations: one row per schema and version, with the script's checksum.
CREATE TABLE platform.schema_history (
    schema_name VARCHAR(100) NOT NULL,
    version     INTEGER      NOT NULL,
    description VARCHAR(200) NOT NULL,
    script      VARCHAR(300) NOT NULL,
    checksum    VARCHAR(64)  NOT NULL,
    applied_at  TIMESTAMP    NOT NULL,
    PRIMARY KEY (schema_name, version)
);
