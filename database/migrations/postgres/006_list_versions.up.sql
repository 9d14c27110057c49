-- A counter per key that moves whenever anything a job list shows changes: a job
-- created or deleted, or its status, times or document counts updated. A list
-- already read can be answered again while its key's counter stands still
-- (jobs.Service.List). Triggers keep it, so no write path can forget to, on any
-- replica. The counter's row lock orders its changes as their transactions
-- commit, so a reader never sees a counter older than the jobs it then reads.
CREATE TABLE skop_list_versions (
	owner_key_id BIGINT PRIMARY KEY,
	version      BIGINT NOT NULL
);
CREATE FUNCTION skop_bump_list_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		INSERT INTO skop_list_versions (owner_key_id, version) VALUES (OLD.owner_key_id, 1)
		ON CONFLICT (owner_key_id) DO UPDATE SET version = skop_list_versions.version + 1;
	END IF;
	IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.owner_key_id <> OLD.owner_key_id) THEN
		INSERT INTO skop_list_versions (owner_key_id, version) VALUES (NEW.owner_key_id, 1)
		ON CONFLICT (owner_key_id) DO UPDATE SET version = skop_list_versions.version + 1;
	END IF;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER skop_jobs_list_insert_delete AFTER INSERT OR DELETE ON skop_jobs
FOR EACH ROW EXECUTE FUNCTION skop_bump_list_version();
CREATE TRIGGER skop_jobs_list_update AFTER UPDATE ON skop_jobs
FOR EACH ROW WHEN (OLD.owner_key_id IS DISTINCT FROM NEW.owner_key_id OR OLD.status IS DISTINCT FROM NEW.status
	OR OLD.website IS DISTINCT FROM NEW.website OR OLD.prompt IS DISTINCT FROM NEW.prompt
	OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
	OR OLD.cancelled_at IS DISTINCT FROM NEW.cancelled_at OR OLD.documents_found IS DISTINCT FROM NEW.documents_found
	OR OLD.documents_matched IS DISTINCT FROM NEW.documents_matched OR OLD.id IS DISTINCT FROM NEW.id)
EXECUTE FUNCTION skop_bump_list_version();
