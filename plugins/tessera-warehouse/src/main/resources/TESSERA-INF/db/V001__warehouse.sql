-- The warehouse plugin: warehouses, stock per product and warehouse, documents and the movement ledger.
-- The platform runs this in schema 'warehouse' (table names stay unqualified here). Quantities and money
-- are DECIMAL(19, 4), never floating point. Never edit this file once released: add V002__….sql instead.

-- Record table (Records manages the bookkeeping columns).
CREATE TABLE warehouse (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    version          BIGINT         NOT NULL,
    name             VARCHAR(200)   NOT NULL,
    address          VARCHAR(1000),
    allow_negative   BOOLEAN,
    notes            VARCHAR(4000),
    owner_id         VARCHAR(100),
    created_at       TIMESTAMP      NOT NULL,
    created_by       VARCHAR(100)   NOT NULL,
    updated_at       TIMESTAMP      NOT NULL,
    updated_by       VARCHAR(100)   NOT NULL,
    deleted_at       TIMESTAMP
);
CREATE INDEX warehouse_created ON warehouse (deleted_at, created_at, id);

-- Record table: a document with its lines as JSON. Status changes (post, reverse) are made by the
-- ledger in the same transaction as the stock changes.
CREATE TABLE document (
    id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
    version             BIGINT         NOT NULL,
    kind                VARCHAR(20)    NOT NULL,
    warehouse_id        VARCHAR(36)    NOT NULL,
    target_warehouse_id VARCHAR(36),
    number              VARCHAR(40)    NOT NULL,
    posting_date        DATE           NOT NULL,
    status              VARCHAR(20)    NOT NULL,
    lines               VARCHAR(32000) NOT NULL,
    notes               VARCHAR(4000),
    owner_id            VARCHAR(100),
    created_at          TIMESTAMP      NOT NULL,
    created_by          VARCHAR(100)   NOT NULL,
    updated_at          TIMESTAMP      NOT NULL,
    updated_by          VARCHAR(100)   NOT NULL,
    deleted_at          TIMESTAMP
);
CREATE INDEX document_created ON document (deleted_at, created_at, id);
CREATE UNIQUE INDEX document_number ON document (warehouse_id, number);

-- The last number given per warehouse and year.
CREATE TABLE document_counter (
    warehouse_id  VARCHAR(36)  NOT NULL,
    year_number   INTEGER      NOT NULL,
    last_number   INTEGER      NOT NULL,
    PRIMARY KEY (warehouse_id, year_number)
);

-- Current stock of a product (a core product id) in a warehouse; available = on_hand - reserved.
CREATE TABLE stock (
    warehouse_id  VARCHAR(36)    NOT NULL,
    product_id    VARCHAR(36)    NOT NULL,
    on_hand       DECIMAL(19, 4) NOT NULL,
    reserved      DECIMAL(19, 4) NOT NULL,
    average_cost  DECIMAL(19, 4) NOT NULL,
    PRIMARY KEY (warehouse_id, product_id)
);
CREATE INDEX stock_product ON stock (product_id);

-- Every change of on-hand stock, append-only: quantity is signed (+ in, - out), unit_cost is the cost
-- it moved at. Stock as of a date is the sum of quantities posted up to that date.
CREATE TABLE movement (
    id            VARCHAR(36)    NOT NULL PRIMARY KEY,
    document_id   VARCHAR(36)    NOT NULL,
    kind          VARCHAR(20)    NOT NULL,
    reversal      BOOLEAN        NOT NULL,
    warehouse_id  VARCHAR(36)    NOT NULL,
    product_id    VARCHAR(36)    NOT NULL,
    quantity      DECIMAL(19, 4) NOT NULL,
    unit_cost     DECIMAL(19, 4) NOT NULL,
    posting_date  DATE           NOT NULL,
    created_at    TIMESTAMP      NOT NULL,
    created_by    VARCHAR(100)   NOT NULL
);
CREATE INDEX movement_product ON movement (product_id, warehouse_id, posting_date);
CREATE INDEX movement_document ON movement (document_id);
