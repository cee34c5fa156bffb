-- Fast lists and search at scale.
-- record_count keeps the number of live and deleted records per entity, spread over slots so that
-- concurrent writers do not queue on one row; a list's total is the sum of the slots.
CREATE TABLE record_count (
    entity  VARCHAR(60) NOT NULL,
    slot    SMALLINT    NOT NULL,
    live    BIGINT      NOT NULL,
    deleted BIGINT      NOT NULL,
    PRIMARY KEY (entity, slot)
);

-- search_term also carries the record's creation time and whether it is deleted, so a search is
-- answered from the index alone, in creation order.
ALTER TABLE search_term ADD COLUMN created_at TIMESTAMP;
ALTER TABLE search_term ADD COLUMN deleted BOOLEAN DEFAULT FALSE NOT NULL;
DROP INDEX search_term_prefix;
CREATE INDEX search_term_lookup ON search_term (entity, term, deleted, created_at, record_id);
