// Package database opens Skop's database and brings its schema up to date: River's
// tables (through rivermigrate) and Skop's own (jobs, documents, API keys).
//
// Two backends share one set of queries: the embedded default, one SQLite file
// through modernc.org/sqlite (pure Go, no cgo), and PostgreSQL through pgx for
// several replicas. Queries are written once with `?` placeholders; the PostgreSQL
// querier turns them into `$n`. The schema differs only where the dialects do, in
// migrate.go.
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
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Dialect names the SQL flavour of a database.
type Dialect int

const (
	// SQLite is the embedded default.
	SQLite Dialect = iota + 1
	// Postgres is for several replicas.
	Postgres
)

func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case Postgres:
		return "postgres"
	default:
		return "unknown"
	}
}

// DB is an open database. It is a Querier outside transactions.
type DB struct {
	Dialect Dialect
	// SQL is the SQLite handle; nil on PostgreSQL.
	SQL *sql.DB
	// Pool is the PostgreSQL pool; nil on SQLite.
	Pool *pgxpool.Pool
	// Location names the database for log lines: a file path or the host and
	// database name, never a password.
	Location string

	q Querier
	// read serves reads that need no write lock: on SQLite a pool of read-only
	// connections beside the one writer (WAL lets them read while it writes); on
	// PostgreSQL the same pool.
	read     Querier
	readSQL  *sql.DB
	stmts    *stmtCache
	readStmt *stmtCache
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	lower := strings.ToLower(strings.TrimSpace(dsn))
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// SQLitePath returns the file a SQLite location names, and false for a
// PostgreSQL URL.
func SQLitePath(dsn string) (string, bool) {
	dsn = strings.TrimSpace(dsn)
	if IsPostgres(dsn) || dsn == "" {
		return "", false
	}
	path := dsn
	lower := strings.ToLower(dsn)
	for _, prefix := range []string{"sqlite://", "sqlite:", "file:"} {
		if strings.HasPrefix(lower, prefix) {
			path = dsn[len(prefix):]
			break
		}
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return path, path != ""
}

// Open opens the database named by dsn: a `postgres://` URL, or a file path or
// `sqlite:` / `file:` URL for SQLite. It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return nil, errors.New("database: empty location")
	}
	if IsPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	path, ok := SQLitePath(dsn)
	if !ok {
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
	// Readers: read-only connections that never take the write lock, so polling
	// clients do not queue behind the writer (or each other) on one connection.
	rq := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "query_only(1)", "foreign_keys(1)"} {
		rq.Add("_pragma", p)
	}
	rq.Set("_txlock", "deferred")
	rdb, err := sql.Open("sqlite", "file:"+path+"?"+rq.Encode())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("database: open %s for reading: %w", path, err)
	}
	rdb.SetMaxOpenConns(ReadConns)
	rdb.SetMaxIdleConns(ReadConns)
	rdb.SetConnMaxLifetime(0)
	rdb.SetConnMaxIdleTime(0)
	out := &DB{Dialect: SQLite, SQL: db, Location: path, readSQL: rdb, stmts: newStmtCache(db), readStmt: newStmtCache(rdb)}
	out.q = sqlQuerier{q: db, stmts: out.stmts}
	out.read = sqlQuerier{q: rdb, stmts: out.readStmt}
	return out, nil
}

// ReadConns is the size of SQLite's read-only pool.
const ReadConns = 4

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database: parse PostgreSQL URL: %w", err)
	}
	if cfg.MaxConns < 10 {
		cfg.MaxConns = 10
	}
	cfg.MaxConnIdleTime = 5 * time.Minute
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database: connect to PostgreSQL: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database: connect to PostgreSQL at %s: %w", cfg.ConnConfig.Host, err)
	}
	loc := fmt.Sprintf("postgres://%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	// pgx prepares and caches every statement per connection by default
	// (QueryExecModeCacheStatement): nothing to add here.
	return &DB{Dialect: Postgres, Pool: pool, Location: loc, q: pgxQuerier{pool}, read: pgxQuerier{pool}}, nil
}

// Reader is the querier for reads that need no write lock and may see a state a
// moment old (status, lists, key lookups).
func (db *DB) Reader() Querier { return db.read }

// InReadTx runs fn in a read-only transaction on the read pool: one consistent
// snapshot for several reads.
func (db *DB) InReadTx(ctx context.Context, fn func(q Querier) error) error {
	if db.Pool != nil {
		tx, err := db.Pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
		if err := fn(pgxQuerier{tx}); err != nil {
			return err
		}
		return tx.Commit(ctx)
	}
	tx, err := db.readSQL.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.AfterTx(ctx)
	defer func() { _ = tx.Rollback() }()
	if err := fn(sqlQuerier{q: tx, stmts: db.readStmt, tx: tx}); err != nil {
		return err
	}
	return tx.Commit()
}

// Exec, QueryRow and Query make the DB a Querier outside transactions.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	return db.q.Exec(ctx, query, args...)
}

func (db *DB) QueryRow(ctx context.Context, query string, args ...any) Row {
	return db.q.QueryRow(ctx, query, args...)
}

func (db *DB) Query(ctx context.Context, query string, args ...any) (Rows, error) {
	return db.q.Query(ctx, query, args...)
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if db.Pool != nil {
		return db.Pool.Ping(ctx)
	}
	return db.SQL.PingContext(ctx)
}

// Close closes the database.
func (db *DB) Close() error {
	if db.Pool != nil {
		db.Pool.Close()
		return nil
	}
	db.readStmt.close()
	db.stmts.close()
	rerr := db.readSQL.Close()
	if err := db.SQL.Close(); err != nil {
		return err
	}
	return rerr
}

// InTx runs fn in a transaction, committing when it returns nil and rolling back
// otherwise.
func (db *DB) InTx(ctx context.Context, fn func(q Querier) error) error {
	return db.InTxWith(ctx, func(q Querier, _ any) error { return fn(q) })
}

// InTxWith is InTx that also hands fn the driver's own transaction — a pgx.Tx on
// PostgreSQL, a *sql.Tx on SQLite — for River, whose operations must share it.
// It is the one place transactions begin and end.
func (db *DB) InTxWith(ctx context.Context, fn func(q Querier, raw any) error) error {
	if db.Pool != nil {
		tx, err := db.Pool.Begin(ctx)
		if err != nil {
			return err
		}
		if err := fn(pgxQuerier{tx}, tx); err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			return err
		}
		return tx.Commit(ctx)
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer db.AfterTx(ctx)
	if err := fn(sqlQuerier{q: tx, stmts: db.stmts, tx: tx}, tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// rebindDollar turns `?` placeholders into PostgreSQL's `$1, $2, …`. Queries in
// this project never contain a literal question mark.
func rebindDollar(query string) string {
	if !strings.Contains(query, "?") {
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
