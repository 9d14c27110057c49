-- A counter per job that moves on every change to its row, so that a status
-- already read can be answered again after reading this one column instead of
-- the whole row (jobs.Service.Get). A trigger keeps it, so no write path can
-- forget to.
ALTER TABLE skop_jobs ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
CREATE FUNCTION skop_bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	NEW.row_version := OLD.row_version + 1;
	RETURN NEW;
END
$fn$;
CREATE TRIGGER skop_jobs_row_version BEFORE UPDATE ON skop_jobs
FOR EACH ROW EXECUTE FUNCTION skop_bump_row_version();
