-- A counter per job that moves on every change to its row, so that a status
-- already read can be answered again after reading this one column instead of
-- the whole row (jobs.Service.Get). A trigger keeps it, so no write path can
-- forget to. The inner UPDATE does not fire the trigger again: recursive
-- triggers are off, and its WHEN would not hold.
ALTER TABLE skop_jobs ADD COLUMN row_version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER skop_jobs_row_version AFTER UPDATE ON skop_jobs
WHEN NEW.row_version = OLD.row_version
BEGIN
	UPDATE skop_jobs SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;
