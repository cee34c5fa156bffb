-- The index behind the calendar and the 'appointments held' metric. PostgreSQL leaves the recycle bin
-- out of it (a partial index); derby/V002__appointment_calendar.sql is the Derby version of this step.
CREATE INDEX appointment_starts ON appointment (starts_at, status) WHERE deleted_at IS NULL;
