package database

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// migration is one versioned step of Skop's own schema. Steps are never edited once
// released: a change to the schema is a new step.
type migration struct {
	version int
	name    string
	sqlite  string
	// postgres is the same step in PostgreSQL's dialect; empty when the SQLite
	// text works as it is after the substitutions in postgresSQL.
	postgres string
}

// postgresSQL is a step's PostgreSQL text: its own, or the SQLite text with the
// two differences this schema meets (auto-increment keys and the integer type).
func (m migration) postgresSQL() string {
	if m.postgres != "" {
		return m.postgres
	}
	return strings.NewReplacer(
		"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY",
		"owner_key_id         INTEGER", "owner_key_id         BIGINT",
	).Replace(m.sqlite)
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
	{
		version: 2,
		name:    "worker leases",
		// A running job is leased by the process that runs it; the lease is
		// renewed while the job runs, and a job whose lease ran out (its process
		// died) is queued again, or failed once its attempts are spent.
		sqlite: `
ALTER TABLE skop_jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE skop_jobs ADD COLUMN lease_expires_at BIGINT;
ALTER TABLE skop_jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX skop_jobs_status_lease ON skop_jobs (status, lease_expires_at);
`,
	},
	{
		version: 3,
		name:    "documents matched",
		// The documents kept so far, next to documents_found (the candidates),
		// so status and list can show both without counting rows.
		sqlite: `
ALTER TABLE skop_jobs ADD COLUMN documents_matched INTEGER NOT NULL DEFAULT 0;
`,
	},
	{
		version: 4,
		name:    "language model tokens",
		sqlite: `
ALTER TABLE skop_jobs ADD COLUMN llm_tokens INTEGER NOT NULL DEFAULT 0;
`,
	},
}

// migrationLock is the PostgreSQL advisory lock key that serialises migrations
// when several replicas start at once.
const migrationLock = 0x736b6f70 // "skop"

// Migrate brings River's schema and Skop's own up to date. It is safe to run at every
// start, and on PostgreSQL from several replicas at once: applied steps are recorded
// and skipped, and an advisory lock lets one replica migrate while the others wait.
func Migrate(ctx context.Context, db *DB) error {
	if db.Dialect == Postgres {
		conn, err := db.Pool.Acquire(ctx)
		if err != nil {
			return fmt.Errorf("database: migrations: %w", err)
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
			return fmt.Errorf("database: migration lock: %w", err)
		}
		defer func() { _, _ = conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock) }()
		migrator, err := rivermigrate.New(riverpgxv5.New(db.Pool), nil)
		if err != nil {
			return fmt.Errorf("database: river migrator: %w", err)
		}
		if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("database: river migrations: %w", err)
		}
	} else {
		migrator, err := rivermigrate.New(riversqlite.New(db.SQL), nil)
		if err != nil {
			return fmt.Errorf("database: river migrator: %w", err)
		}
		if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("database: river migrations: %w", err)
		}
	}
	if _, err := db.Exec(ctx, `CREATE TABLE IF NOT EXISTS skop_migrations (
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
	return db.InTx(ctx, func(q Querier) error {
		var n int
		if err := q.QueryRow(ctx, `SELECT count(*) FROM skop_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
			return fmt.Errorf("database: migration %d: %w", m.version, err)
		}
		if n > 0 {
			return nil
		}
		text := m.sqlite
		if db.Dialect == Postgres {
			text = m.postgresSQL()
		}
		if _, err := q.Exec(ctx, text); err != nil {
			return fmt.Errorf("database: migration %d (%s): %w", m.version, m.name, err)
		}
		if _, err := q.Exec(ctx, `INSERT INTO skop_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, time.Now().UnixMicro()); err != nil {
			return fmt.Errorf("database: migration %d: %w", m.version, err)
		}
		return nil
	})
}
