-- The beauty salon: the services it offers and the appointments clients book. The platform runs this in
-- schema 'salon' (table names stay unqualified here). Every record table has the bookkeeping columns
-- that Records manages: id, version, owner, created and updated (when, by whom), deleted_at.
-- Never edit this file once released: add V003__….sql instead.

CREATE TABLE service (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    version          BIGINT         NOT NULL,
    name             VARCHAR(100)   NOT NULL,
    duration_minutes INTEGER        NOT NULL,
    price            DECIMAL(19, 4),
    currency         VARCHAR(3)     NOT NULL,
    notes            VARCHAR(4000),
    owner_id         VARCHAR(100),
    created_at       TIMESTAMP      NOT NULL,
    created_by       VARCHAR(100)   NOT NULL,
    updated_at       TIMESTAMP      NOT NULL,
    updated_by       VARCHAR(100)   NOT NULL,
    deleted_at       TIMESTAMP
);
CREATE INDEX service_created ON service (deleted_at, created_at, id);

CREATE TABLE appointment (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    version          BIGINT         NOT NULL,
    service_id       VARCHAR(36)    NOT NULL,
    contact_id       VARCHAR(36)    NOT NULL,
    starts_at        TIMESTAMP      NOT NULL,
    duration_minutes INTEGER        NOT NULL,
    status           VARCHAR(20)    NOT NULL,
    notes            VARCHAR(4000),
    owner_id         VARCHAR(100),
    created_at       TIMESTAMP      NOT NULL,
    created_by       VARCHAR(100)   NOT NULL,
    updated_at       TIMESTAMP      NOT NULL,
    updated_by       VARCHAR(100)   NOT NULL,
    deleted_at       TIMESTAMP
);
CREATE INDEX appointment_created ON appointment (deleted_at, created_at, id);
CREATE INDEX appointment_contact ON appointment (contact_id, status);
