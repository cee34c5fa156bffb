-- Platform tables: the audit log, the search index of records, user accounts.

CREATE TABLE audit_entry (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMP  NOT NULL,
    actor     VARCHAR(100) NOT NULL,
    entity    VARCHAR(60)  NOT NULL,
    entity_id VARCHAR(64)  NOT NULL,
    action    VARCHAR(20)  NOT NULL,
    changes   TEXT
);
CREATE INDEX audit_entry_record ON audit_entry (entity, entity_id);

CREATE TABLE search_term (
    entity    VARCHAR(60)  NOT NULL,
    record_id VARCHAR(36)  NOT NULL,
    term      VARCHAR(100) COLLATE "C" NOT NULL
);
CREATE INDEX search_term_prefix ON search_term (entity, term, record_id);
CREATE INDEX search_term_record ON search_term (record_id);

CREATE TABLE app_user (
    username             VARCHAR(100) NOT NULL PRIMARY KEY,
    display_name         VARCHAR(200),
    password_hash        VARCHAR(100) NOT NULL,
    roles                VARCHAR(1000) NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    created_at           TIMESTAMP    NOT NULL
);
