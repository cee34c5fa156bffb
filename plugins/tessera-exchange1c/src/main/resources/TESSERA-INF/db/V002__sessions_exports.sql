-- Sessions of 1C exchanges, what happened in each (the exchange log), and the deals sent to 1C.
-- Never edit this file once released: add V003__….sql instead.

-- One 1C session: from mode=checkauth to its last request.
CREATE TABLE exchange_session (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    connection_id    VARCHAR(100)   NOT NULL,
    username         VARCHAR(100)   NOT NULL,
    started_at       TIMESTAMP      NOT NULL,
    last_at          TIMESTAMP      NOT NULL
);
CREATE INDEX exchange_session_started ON exchange_session (started_at);

-- What happened in a session: a file received, an import with its counts and errors, an export, a failure.
CREATE TABLE exchange_event (
    session_id       VARCHAR(36)    NOT NULL,
    seq              INTEGER        NOT NULL,
    happened_at      TIMESTAMP      NOT NULL,
    exchange_type    VARCHAR(20)    NOT NULL,
    exchange_mode    VARCHAR(20)    NOT NULL,
    filename         VARCHAR(500),
    outcome          VARCHAR(20)    NOT NULL,
    message          VARCHAR(2000),
    counts           VARCHAR(2000),
    errors           VARCHAR(32000),
    PRIMARY KEY (session_id, seq)
);

-- Deals sent to 1C as orders: offered by mode=query (offered_version), marked exported only when 1C
-- answers mode=success (exported_version). A deal changed after its export is offered again.
CREATE TABLE exported_deal (
    connection_id    VARCHAR(100)   NOT NULL,
    deal_id          VARCHAR(36)    NOT NULL,
    offered_session  VARCHAR(36),
    offered_version  BIGINT,
    exported_version BIGINT,
    exported_at      TIMESTAMP,
    PRIMARY KEY (connection_id, deal_id)
);

-- How an operator resolved a counterparty conflict: the company it was linked to (chosen or created), by whom.
ALTER TABLE conflict ADD COLUMN company_id VARCHAR(36);
ALTER TABLE conflict ADD COLUMN resolved_by VARCHAR(100);
