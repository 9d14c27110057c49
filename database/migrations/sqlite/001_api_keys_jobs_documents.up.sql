CREATE TABLE skop_api_keys (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT    NOT NULL UNIQUE,
	key_hash    TEXT    NOT NULL UNIQUE,
	key_prefix  TEXT    NOT NULL,
	scopes      TEXT    NOT NULL,
	created_at  BIGINT  NOT NULL,
	revoked_at  BIGINT
);
CREATE TABLE skop_jobs (
	id                   TEXT    PRIMARY KEY,
	owner_key_id         INTEGER NOT NULL REFERENCES skop_api_keys (id),
	status               TEXT    NOT NULL CHECK (status IN ('pending','in_progress','completed','failed','cancelled')),
	website              TEXT    NOT NULL,
	prompt               TEXT    NOT NULL,
	params               TEXT    NOT NULL,
	message              TEXT    NOT NULL,
	progress             INTEGER,
	current_agent        TEXT,
	agents_completed     TEXT    NOT NULL DEFAULT '[]',
	pages_crawled        INTEGER NOT NULL DEFAULT 0,
	documents_found      INTEGER NOT NULL DEFAULT 0,
	documents_downloaded INTEGER NOT NULL DEFAULT 0,
	pages_with_results   INTEGER NOT NULL DEFAULT 0,
	errors               TEXT    NOT NULL DEFAULT '[]',
	warnings             TEXT    NOT NULL DEFAULT '[]',
	river_job_id         BIGINT,
	created_at           BIGINT  NOT NULL,
	started_at           BIGINT,
	completed_at         BIGINT,
	cancelled_at         BIGINT,
	deadline_at          BIGINT  NOT NULL
);
CREATE INDEX skop_jobs_owner_created ON skop_jobs (owner_key_id, created_at DESC, id DESC);
CREATE INDEX skop_jobs_owner_status ON skop_jobs (owner_key_id, status);
CREATE TABLE skop_documents (
	job_id        TEXT    NOT NULL REFERENCES skop_jobs (id) ON DELETE CASCADE,
	url           TEXT    NOT NULL,
	seq           INTEGER NOT NULL,
	name          TEXT    NOT NULL,
	source_page   TEXT    NOT NULL,
	document_type TEXT    NOT NULL,
	confidence    DOUBLE PRECISION NOT NULL,
	file_size_mb  DOUBLE PRECISION,
	extracted_at  BIGINT  NOT NULL,
	PRIMARY KEY (job_id, url)
);
