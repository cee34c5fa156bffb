-- A company's bank accounts (number, bank code, bank name, correspondent account), as JSON like its addresses.
ALTER TABLE company ADD COLUMN bank_accounts VARCHAR(32000);
