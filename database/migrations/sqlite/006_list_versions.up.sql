-- A counter per key that moves whenever anything a job list shows changes: a job
-- created or deleted, or its status, times or document counts updated. A list
-- already read can be answered again while its key's counter stands still
-- (jobs.Service.List). Triggers keep it, so no write path can forget to, on any
-- replica or process sharing the database.
CREATE TABLE skop_list_versions (
	owner_key_id INTEGER PRIMARY KEY,
	version      INTEGER NOT NULL
);
CREATE TRIGGER skop_jobs_list_insert AFTER INSERT ON skop_jobs
BEGIN
	INSERT INTO skop_list_versions (owner_key_id, version) VALUES (NEW.owner_key_id, 1)
	ON CONFLICT (owner_key_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER skop_jobs_list_delete AFTER DELETE ON skop_jobs
BEGIN
	INSERT INTO skop_list_versions (owner_key_id, version) VALUES (OLD.owner_key_id, 1)
	ON CONFLICT (owner_key_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER skop_jobs_list_update AFTER UPDATE ON skop_jobs
WHEN OLD.owner_key_id IS NOT NEW.owner_key_id OR OLD.status IS NOT NEW.status
	OR OLD.website IS NOT NEW.website OR OLD.prompt IS NOT NEW.prompt
	OR OLD.created_at IS NOT NEW.created_at OR OLD.completed_at IS NOT NEW.completed_at
	OR OLD.cancelled_at IS NOT NEW.cancelled_at OR OLD.documents_found IS NOT NEW.documents_found
	OR OLD.documents_matched IS NOT NEW.documents_matched OR OLD.id IS NOT NEW.id
BEGIN
	INSERT INTO skop_list_versions (owner_key_id, version) VALUES (OLD.owner_key_id, 1)
	ON CONFLICT (owner_key_id) DO UPDATE SET version = version + 1;
	INSERT INTO skop_list_versions (owner_key_id, version) SELECT NEW.owner_key_id, 1
	WHERE NEW.owner_key_id IS NOT OLD.owner_key_id
	ON CONFLICT (owner_key_id) DO UPDATE SET version = version + 1;
END;
