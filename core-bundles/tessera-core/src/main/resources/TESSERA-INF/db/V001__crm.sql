-- The CRM core. Every record table has the same bookkeeping columns: id, version, owner, created and
-- updated (when, by whom), deleted_at for the recycle bin. Lists and nested records are JSON text.

CREATE TABLE company (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    name        VARCHAR(200)   NOT NULL,
    legal_name  VARCHAR(500),
    inn         VARCHAR(12),
    kpp         VARCHAR(9),
    addresses   VARCHAR(32000),
    phones      VARCHAR(32000),
    emails      VARCHAR(32000),
    website     VARCHAR(200),
    notes       VARCHAR(4000),
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);
CREATE INDEX company_created ON company (deleted_at, created_at, id);
CREATE INDEX company_name ON company (name);
CREATE INDEX company_inn ON company (inn, kpp);

CREATE TABLE contact (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    first_name  VARCHAR(100),
    middle_name VARCHAR(100),
    last_name   VARCHAR(100)   NOT NULL,
    emails      VARCHAR(32000),
    phones      VARCHAR(32000),
    position    VARCHAR(200),
    company_id  VARCHAR(36),
    tags        VARCHAR(32000),
    notes       VARCHAR(4000),
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);
CREATE INDEX contact_created ON contact (deleted_at, created_at, id);
CREATE INDEX contact_last_name ON contact (last_name);
CREATE INDEX contact_company ON contact (company_id);
CREATE INDEX contact_owner ON contact (owner_id);

CREATE TABLE pipeline (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    name        VARCHAR(100)   NOT NULL,
    stages      VARCHAR(32000) NOT NULL,
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);

CREATE TABLE product (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    name        VARCHAR(200)   NOT NULL,
    sku         VARCHAR(64),
    barcode     VARCHAR(64),
    unit        VARCHAR(20),
    description VARCHAR(4000),
    price       DECIMAL(19, 4),
    currency    VARCHAR(3),
    active      BOOLEAN,
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);
CREATE INDEX product_created ON product (deleted_at, created_at, id);
CREATE INDEX product_sku ON product (sku);

CREATE TABLE price_list (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    name        VARCHAR(100)   NOT NULL,
    currency    VARCHAR(3)     NOT NULL,
    items       VARCHAR(32000),
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);

CREATE TABLE deal (
    id             VARCHAR(36)    NOT NULL PRIMARY KEY,
    version        BIGINT         NOT NULL,
    title          VARCHAR(200)   NOT NULL,
    company_id     VARCHAR(36),
    contact_id     VARCHAR(36),
    amount         DECIMAL(19, 4),
    currency       VARCHAR(3),
    pipeline_id    VARCHAR(36)    NOT NULL,
    stage_id       VARCHAR(40)    NOT NULL,
    probability    INTEGER,
    expected_close DATE,
    lines          VARCHAR(32000),
    notes          VARCHAR(4000),
    owner_id       VARCHAR(100),
    created_at     TIMESTAMP      NOT NULL,
    created_by     VARCHAR(100)   NOT NULL,
    updated_at     TIMESTAMP      NOT NULL,
    updated_by     VARCHAR(100)   NOT NULL,
    deleted_at     TIMESTAMP
);
CREATE INDEX deal_created ON deal (deleted_at, created_at, id);
CREATE INDEX deal_stage ON deal (pipeline_id, stage_id);
CREATE INDEX deal_company ON deal (company_id);
CREATE INDEX deal_owner ON deal (owner_id);

CREATE TABLE activity (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    type        VARCHAR(20)    NOT NULL,
    subject     VARCHAR(200)   NOT NULL,
    due_at      TIMESTAMP,
    done        BOOLEAN,
    contact_id  VARCHAR(36),
    company_id  VARCHAR(36),
    deal_id     VARCHAR(36),
    notes       VARCHAR(4000),
    owner_id    VARCHAR(100),
    created_at  TIMESTAMP      NOT NULL,
    created_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP      NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    deleted_at  TIMESTAMP
);
CREATE INDEX activity_created ON activity (deleted_at, created_at, id);
CREATE INDEX activity_due ON activity (owner_id, done, due_at);
CREATE INDEX activity_deal ON activity (deal_id);
CREATE INDEX activity_contact ON activity (contact_id);

-- Every installation starts with one sales pipeline.
INSERT INTO pipeline (id, version, name, stages, owner_id, created_at, created_by, updated_at, updated_by)
VALUES ('00000000-0000-0000-0000-000000000001', 1, 'Sales',
        '[{"id":"lead","name":"Lead","kind":"OPEN","probability":10},{"id":"qualified","name":"Qualified","kind":"OPEN","probability":30},{"id":"proposal","name":"Proposal","kind":"OPEN","probability":50},{"id":"negotiation","name":"Negotiation","kind":"OPEN","probability":70},{"id":"won","name":"Won","kind":"WON","probability":100},{"id":"lost","name":"Lost","kind":"LOST","probability":0}]',
        'system', CURRENT_TIMESTAMP, 'system', CURRENT_TIMESTAMP, 'system');
