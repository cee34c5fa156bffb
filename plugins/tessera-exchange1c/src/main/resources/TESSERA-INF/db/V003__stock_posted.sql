-- Whether a stock row reached the warehouse plugin. A row kept only here (no warehouse plugin yet, no
-- mapping, a refusal) is posted at a later import once it can be, even when 1C sends the same number again.
ALTER TABLE stock ADD COLUMN posted BOOLEAN DEFAULT FALSE NOT NULL;
