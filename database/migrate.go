package database

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// migration is one versioned step of Skop's own schema. Steps are never edited once
// released: a change to the schema is a new step.
type migration struct {
	version int
	name    string
	sqlite  string
}

// Times are stored as microseconds since the Unix epoch (BIGINT): exact, ordered, and
// the same on every backend.
var migrations = []migration{
	{
		version: 1,
		name:    "api keys, jobs, documents",
		sqlite: `
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
`,
	},
}

// Migrate brings River's schema and Skop's own up to date. It is safe to run at every
// start: applied steps are recorded and skipped.
func Migrate(ctx context.Context, db *DB) error {
	migrator, err := rivermigrate.New(riversqlite.New(db.DB), nil)
	if err != nil {
		return fmt.Errorf("database: river migrator: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("database: river migrations: %w", err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS skop_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL,
	applied_at BIGINT  NOT NULL
)`); err != nil {
		return fmt.Errorf("database: create skop_migrations: %w", err)
	}
	for _, m := range migrations {
		if err := apply(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

func apply(ctx context.Context, db *DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("database: migration %d: %w", m.version, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, db.Rebind(`SELECT count(*) FROM skop_migrations WHERE version = ?`), m.version).Scan(&n); err != nil {
		return fmt.Errorf("database: migration %d: %w", m.version, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sqlite); err != nil {
		return fmt.Errorf("database: migration %d (%s): %w", m.version, m.name, err)
	}
	if _, err := tx.ExecContext(ctx, db.Rebind(`INSERT INTO skop_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.version, m.name, time.Now().UnixMicro()); err != nil {
		return fmt.Errorf("database: migration %d: %w", m.version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("database: migration %d: %w", m.version, err)
	}
	return nil
}
