// Package database opens Skop's database and brings its schema up to date: River's
// tables (through rivermigrate) and Skop's own (jobs, documents, API keys).
//
// The embedded default is one SQLite file through modernc.org/sqlite (pure Go, no cgo).
// The SQL in the other packages is written once with `?` placeholders; Rebind turns it
// into the dialect's form, so the differences between backends stay in this package.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Dialect names the SQL flavour of a database.
type Dialect int

const (
	// SQLite is the embedded default.
	SQLite Dialect = iota + 1
)

func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	default:
		return "unknown"
	}
}

// DB is an open database and the dialect it speaks.
type DB struct {
	*sql.DB
	Dialect Dialect
	// Location is the file path (SQLite) the database was opened from, for log lines.
	Location string
}

// Open opens the database named by dsn: a file path, or a `sqlite:` / `file:` URL.
// It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return nil, errors.New("database: empty location")
	}
	lower := strings.ToLower(dsn)
	if strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://") {
		return nil, errors.New("database: PostgreSQL is not supported by this build yet")
	}
	path := dsn
	for _, prefix := range []string{"sqlite://", "sqlite:", "file:"} {
		if strings.HasPrefix(lower, prefix) {
			path = dsn[len(prefix):]
			break
		}
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return nil, fmt.Errorf("database: no file path in %q", dsn)
	}
	return openSQLite(ctx, path)
}

// openSQLite opens a SQLite file in WAL mode with a busy timeout. River's SQLite
// driver asks for a single connection: SQLite allows one writer at a time, and one
// connection turns would-be SQLITE_BUSY errors into a short wait in the pool.
// Transactions start with BEGIN IMMEDIATE, so a transaction that reads and then
// writes never fails to upgrade its lock when another process (say `keys create`
// while the server runs) wrote in between.
func openSQLite(ctx context.Context, path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("database: create directory for %s: %w", path, err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("database: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database: open %s: %w", path, err)
	}
	return &DB{DB: db, Dialect: SQLite, Location: path}, nil
}

// Rebind rewrites a query written with `?` placeholders into the dialect's form.
// SQLite takes `?` as it is.
func (db *DB) Rebind(query string) string {
	if db.Dialect == SQLite {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
