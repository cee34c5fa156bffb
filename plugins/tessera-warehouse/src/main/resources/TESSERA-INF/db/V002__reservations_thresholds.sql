-- Reservations from deals, low-stock thresholds. Runs in schema 'warehouse' on Derby and PostgreSQL.

-- Record table: a pipeline stage that reserves a deal's products, and in which warehouse. Administrators
-- keep these through /api/v1/warehouse/reservation-stages.
CREATE TABLE reservation_stage (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    version          BIGINT         NOT NULL,
    pipeline_id      VARCHAR(36)    NOT NULL,
    stage_id         VARCHAR(40)    NOT NULL,
    warehouse_id     VARCHAR(36)    NOT NULL,
    ship_when_won    BOOLEAN,
    owner_id         VARCHAR(100),
    created_at       TIMESTAMP      NOT NULL,
    created_by       VARCHAR(100)   NOT NULL,
    updated_at       TIMESTAMP      NOT NULL,
    updated_by       VARCHAR(100)   NOT NULL,
    deleted_at       TIMESTAMP
);
CREATE INDEX reservation_stage_created ON reservation_stage (deleted_at, created_at, id);
CREATE INDEX reservation_stage_stage ON reservation_stage (pipeline_id, stage_id);

-- What a deal holds: one row per deal while it has (or had) a reservation. status RESERVED | RELEASED |
-- SHIPPED; shipment_id is the shipment a won deal produced.
CREATE TABLE deal_reservation (
    deal_id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    warehouse_id     VARCHAR(36)    NOT NULL,
    stage_id         VARCHAR(40)    NOT NULL,
    ship_when_won    BOOLEAN        NOT NULL,
    status           VARCHAR(20)    NOT NULL,
    shipment_id      VARCHAR(36),
    note             VARCHAR(1000),
    updated_at       TIMESTAMP      NOT NULL
);
CREATE INDEX deal_reservation_status ON deal_reservation (status);

-- The products of a deal's reservation: what the deal asked for and what could be reserved.
CREATE TABLE deal_reservation_line (
    deal_id          VARCHAR(36)    NOT NULL,
    product_id       VARCHAR(36)    NOT NULL,
    requested        DECIMAL(19, 4) NOT NULL,
    reserved         DECIMAL(19, 4) NOT NULL,
    PRIMARY KEY (deal_id, product_id)
);

-- Low-stock threshold of a product: its available stock over all warehouses below 'minimum' is low.
-- 'low' remembers the last state so that crossing the threshold raises one event, not one per change.
CREATE TABLE low_stock_threshold (
    product_id       VARCHAR(36)    NOT NULL PRIMARY KEY,
    minimum          DECIMAL(19, 4) NOT NULL,
    low              BOOLEAN        NOT NULL,
    updated_at       TIMESTAMP      NOT NULL,
    updated_by       VARCHAR(100)   NOT NULL
);
