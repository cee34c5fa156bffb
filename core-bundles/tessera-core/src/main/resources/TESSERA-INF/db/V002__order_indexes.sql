-- Indexes in list order: (column, id) lets a page be read in order without sorting the table.
DROP INDEX company_created;
DROP INDEX contact_created;
DROP INDEX product_created;
DROP INDEX deal_created;
DROP INDEX activity_created;
CREATE INDEX company_order_created ON company (created_at, id);
CREATE INDEX company_order_name ON company (name, id);
CREATE INDEX contact_order_created ON contact (created_at, id);
CREATE INDEX contact_order_last_name ON contact (last_name, id);
CREATE INDEX product_order_created ON product (created_at, id);
CREATE INDEX product_order_name ON product (name, id);
CREATE INDEX deal_order_created ON deal (created_at, id);
CREATE INDEX deal_order_amount ON deal (amount, id);
CREATE INDEX activity_order_created ON activity (created_at, id);
CREATE INDEX activity_order_due_at ON activity (due_at, id);
