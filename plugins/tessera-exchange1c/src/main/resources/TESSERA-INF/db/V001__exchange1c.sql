-- The 1C exchange: what 1C sent, keyed by connection (one 1C base) and 1C's own Ид, and the link to the
-- Tessera record it became. The platform runs this in schema 'exchange1c' (table names stay unqualified).
-- Never edit this file once released: add V002__….sql instead.

-- Every object 1C identifies with an Ид: group, property, price type, warehouse, product, offer,
-- counterparty, order. record_id is the core record (product, company) when there is one; hash is the
-- digest of what 1C sent last, so that an unchanged object is skipped on re-import.
CREATE TABLE exchange_object (
    connection_id    VARCHAR(100)   NOT NULL,
    kind             VARCHAR(20)    NOT NULL,
    id_1c            VARCHAR(200)   NOT NULL,
    record_id        VARCHAR(36),
    name             VARCHAR(1000),
    parent_id_1c     VARCHAR(200),
    details          VARCHAR(32000),
    hash             VARCHAR(64)    NOT NULL,
    deleted          BOOLEAN        NOT NULL,
    updated_at       TIMESTAMP      NOT NULL,
    PRIMARY KEY (connection_id, kind, id_1c)
);
CREATE INDEX exchange_object_record ON exchange_object (record_id);

-- Prices per offer and price type.
CREATE TABLE price (
    connection_id    VARCHAR(100)   NOT NULL,
    offer_id_1c      VARCHAR(200)   NOT NULL,
    price_type_id_1c VARCHAR(200)   NOT NULL,
    price            DECIMAL(19, 4),
    currency         VARCHAR(10),
    unit             VARCHAR(50),
    updated_at       TIMESTAMP      NOT NULL,
    PRIMARY KEY (connection_id, offer_id_1c, price_type_id_1c)
);

-- Stock per offer and warehouse ('' when 1C sent a quantity without a warehouse).
CREATE TABLE stock (
    connection_id    VARCHAR(100)   NOT NULL,
    offer_id_1c      VARCHAR(200)   NOT NULL,
    warehouse_id_1c  VARCHAR(200)   NOT NULL,
    quantity         DECIMAL(19, 4),
    updated_at       TIMESTAMP      NOT NULL,
    PRIMARY KEY (connection_id, offer_id_1c, warehouse_id_1c)
);

-- Lines of orders (documents) from 1C, replaced with the order.
CREATE TABLE order_line (
    connection_id    VARCHAR(100)   NOT NULL,
    order_id_1c      VARCHAR(200)   NOT NULL,
    line_no          INTEGER        NOT NULL,
    product_id_1c    VARCHAR(200),
    name             VARCHAR(1000),
    quantity         DECIMAL(19, 4),
    price            DECIMAL(19, 4),
    total            DECIMAL(19, 4),
    PRIMARY KEY (connection_id, order_id_1c, line_no)
);

-- Counterparties that could not be matched safely (never a silent duplicate or merge): an operator
-- links them to a company or creates one.
CREATE TABLE conflict (
    connection_id    VARCHAR(100)   NOT NULL,
    kind             VARCHAR(20)    NOT NULL,
    id_1c            VARCHAR(200)   NOT NULL,
    name             VARCHAR(1000),
    inn              VARCHAR(20),
    kpp              VARCHAR(20),
    reason           VARCHAR(1000)  NOT NULL,
    candidates       VARCHAR(4000),
    created_at       TIMESTAMP      NOT NULL,
    resolved_at      TIMESTAMP,
    PRIMARY KEY (connection_id, kind, id_1c)
);
