package database

import (
	"context"
	"database/sql"
	"errors"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Querier is what the stores need from the database or from a transaction, on
// either backend. Queries are written with `?` placeholders; implementations rebind
// them for their dialect. A QueryRow that finds nothing scans sql.ErrNoRows.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (int64, error) // rows affected
	QueryRow(ctx context.Context, query string, args ...any) Row
	Query(ctx context.Context, query string, args ...any) (Rows, error)
}

// Row is one result row.
type Row interface {
	Scan(dest ...any) error
}

// Rows is a result set.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// sqlQuerier runs queries through database/sql (SQLite). With a statement cache,
// each query text is prepared once and reused (in a transaction through
// tx.StmtContext), instead of being parsed and planned on every call.
type sqlQuerier struct {
	q interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}
	stmts *stmtCache
	tx    *sql.Tx // set when q is a transaction
}

// stmt returns the prepared statement for query, or nil to run it unprepared.
// Inside a transaction a statement not prepared yet is run unprepared and noted:
// preparing it would need another connection, and SQLite's writer has one.
// DB.preparePending prepares it once the transaction ended.
func (s sqlQuerier) stmt(ctx context.Context, query string) *sql.Stmt {
	if s.stmts == nil {
		return nil
	}
	if s.tx == nil {
		return s.stmts.get(ctx, query)
	}
	st := s.stmts.cached(query)
	if st == nil {
		return nil
	}
	return s.tx.StmtContext(ctx, st)
}

func (s sqlQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	var (
		res sql.Result
		err error
	)
	if st := s.stmt(ctx, query); st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = s.q.ExecContext(ctx, query, args...)
	}
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s sqlQuerier) QueryRow(ctx context.Context, query string, args ...any) Row {
	if st := s.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.q.QueryRowContext(ctx, query, args...)
}

func (s sqlQuerier) Query(ctx context.Context, query string, args ...any) (Rows, error) {
	var (
		rows *sql.Rows
		err  error
	)
	if st := s.stmt(ctx, query); st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = s.q.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return nil, err
	}
	return sqlRows{rows}, nil
}

// stmtCache holds one prepared statement per query text. Skop's queries are a
// fixed set of constants (plus a few variants built from flags), so it stays small;
// a query that fails to prepare is run unprepared.
type stmtCache struct {
	db      *sql.DB
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool // run in a transaction before they were prepared
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// cached returns the prepared statement for query, or nil after noting it.
func (c *stmtCache) cached(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.m[query]
	if st == nil && len(c.pending) < 1000 {
		c.pending[query] = true
	}
	return st
}

// preparePending prepares the statements transactions ran unprepared. Call it
// when no transaction holds the connection.
func (c *stmtCache) preparePending(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	qs := make([]string, 0, len(c.pending))
	for q := range c.pending {
		qs = append(qs, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range qs {
		c.get(ctx, q)
	}
}

func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	c.mu.Lock()
	st := c.m[query]
	c.mu.Unlock()
	if st != nil {
		return st
	}
	st, err := c.db.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev := c.m[query]; prev != nil {
		_ = st.Close()
		return prev
	}
	c.m[query] = st
	return st
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		_ = st.Close()
	}
	c.m = map[string]*sql.Stmt{}
}

type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { _ = r.Rows.Close() }

// pgxQuerier runs queries through pgx (PostgreSQL), rebinding placeholders.
type pgxQuerier struct {
	q interface {
		Exec(context.Context, string, ...any) (pgconn.CommandTag, error)
		Query(context.Context, string, ...any) (pgx.Rows, error)
		QueryRow(context.Context, string, ...any) pgx.Row
	}
}

func (p pgxQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := p.q.Exec(ctx, rebindDollar(query), args...)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func (p pgxQuerier) QueryRow(ctx context.Context, query string, args ...any) Row {
	return pgxRow{p.q.QueryRow(ctx, rebindDollar(query), args...)}
}

func (p pgxQuerier) Query(ctx context.Context, query string, args ...any) (Rows, error) {
	rows, err := p.q.Query(ctx, rebindDollar(query), args...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// pgxRow reports "no rows" as database/sql does, so callers test one error.
type pgxRow struct{ pgx.Row }

func (r pgxRow) Scan(dest ...any) error {
	err := r.Row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return sql.ErrNoRows
	}
	return err
}

// AfterTx prepares, on SQLite, the statements a transaction ran unprepared.
func (db *DB) AfterTx(ctx context.Context) {
	db.stmts.preparePending(ctx)
	db.readStmt.preparePending(ctx)
}
