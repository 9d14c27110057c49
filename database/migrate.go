package database

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// Skop's own schema is a series of numbered steps, one SQL file per step and
// dialect: migrations/{sqlite,postgres}/NNN_name.up.sql, embedded in the binary.
// Steps are never edited once released: a change to the schema is a new step.
// Times are stored as microseconds since the Unix epoch (BIGINT): exact, ordered,
// and the same on every backend.
//
//go:embed migrations
var migrationFiles embed.FS

// migration is one versioned step of Skop's own schema.
type migration struct {
	version int
	name    string
	sql     string
}

var migrationName = regexp.MustCompile(`^(\d{3})_([a-z0-9_]+)\.up\.sql$`)

// loadMigrations reads one dialect's steps in order. Versions must run 1, 2, 3 …
// without gaps or repeats.
func loadMigrations(dialect Dialect) ([]migration, error) {
	dir := "migrations/" + dialect.String()
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("database: migrations for %s: %w", dialect, err)
	}
	var out []migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("database: migration file %s/%s is not named NNN_name.up.sql", dir, e.Name())
		}
		text, err := fs.ReadFile(migrationFiles, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		v, _ := strconv.Atoi(m[1])
		out = append(out, migration{version: v, name: strings.ReplaceAll(m[2], "_", " "), sql: string(text)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("database: %s migrations: step %d is missing or repeated", dialect, i+1)
		}
	}
	return out, nil
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
	steps, err := loadMigrations(db.Dialect)
	if err != nil {
		return err
	}
	for _, m := range steps {
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
		if _, err := q.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("database: migration %d (%s): %w", m.version, m.name, err)
		}
		if _, err := q.Exec(ctx, `INSERT INTO skop_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, time.Now().UnixMicro()); err != nil {
			return fmt.Errorf("database: migration %d: %w", m.version, err)
		}
		return nil
	})
}
