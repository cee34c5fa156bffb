-- Fails on purpose (hot-plug test plugin): the first statement is fine, the second is not SQL. The
-- platform runs both in one transaction, so table 'widget' must not exist afterwards.

CREATE TABLE widget (
    id    VARCHAR(36)  NOT NULL PRIMARY KEY,
    name  VARCHAR(100) NOT NULL
);
CREATE TABEL gadget (id VARCHAR(36));
