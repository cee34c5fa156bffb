-- Search terms without an index by record. A record's terms are deleted or marked by their whole key in
-- search_term_lookup (the platform computes them from the stored record), so the second index only cost
-- every term another B-tree entry: a bulk import of 100,000 products wrote 600,000 of them.
DROP INDEX search_term_record;
-- The lookup index gets 16 KB pages: terms shared by many records ("товар", "ооо") fill one key range,
-- and with 4 KB pages Derby split a page every few dozen inserts there.
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '16384');
DROP INDEX search_term_lookup;
CREATE INDEX search_term_lookup ON search_term (entity, term, deleted, created_at, record_id);
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL);
