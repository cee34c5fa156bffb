-- The index behind the calendar and the 'appointments held' metric. Derby has no partial indexes, so it
-- indexes every row; postgresql/V002__appointment_calendar.sql is the PostgreSQL version of this step.
CREATE INDEX appointment_starts ON appointment (starts_at, status);
