-- Search terms without an index by record. A record's terms are deleted or marked by their whole key in
-- search_term_lookup (the platform computes them from the stored record), so the second index only cost
-- every term another B-tree entry.
DROP INDEX search_term_record;
