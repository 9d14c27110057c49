package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
	"riverqueue.com/riverui"
	"riverqueue.com/riverui/uiendpoints"

	"github.com/skop-dev/skop/database"
)

// queue is River as the jobs service uses it, whichever driver runs it. River's
// client is generic in its driver's transaction type (*sql.Tx for SQLite, pgx.Tx for
// PostgreSQL); this interface keeps that difference here, so the service and the
// worker are written once.
type queue interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Stopped() <-chan struct{}
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	// uiEndpoints are River UI's API over this client.
	uiEndpoints() uiendpoints.Bundle
	// inTx runs fn in one database transaction that Skop's SQL and River's
	// operations share, committing when fn returns nil.
	inTx(ctx context.Context, fn func(q database.Querier, r riverTx) error) error
}

// riverTx is River's side of a shared transaction.
type riverTx interface {
	// insert queues a run of a job at a River priority (1 runs first).
	insert(ctx context.Context, args discoverArgs, priority int) (int64, error)
	cancel(ctx context.Context, riverJobID int64) error
	complete(ctx context.Context, job *river.Job[discoverArgs]) error
}

// riverQueue is a queue over a River client with transaction type TTx.
type riverQueue[TTx any] struct {
	*river.Client[TTx]
	db       *database.DB
	complete func(ctx context.Context, tx TTx, job *river.Job[discoverArgs]) error
}

func (q *riverQueue[TTx]) uiEndpoints() uiendpoints.Bundle {
	return riverui.NewEndpoints(q.Client, nil)
}

func (q *riverQueue[TTx]) inTx(ctx context.Context, fn func(database.Querier, riverTx) error) error {
	return q.db.InTxWith(ctx, func(dbq database.Querier, raw any) error {
		tx, ok := raw.(TTx)
		if !ok {
			return fmt.Errorf("jobs: a %T transaction for a River client on %T", raw, tx)
		}
		return fn(dbq, boundTx[TTx]{q, tx})
	})
}

// boundTx is a riverTx bound to one transaction.
type boundTx[TTx any] struct {
	q  *riverQueue[TTx]
	tx TTx
}

func (b boundTx[TTx]) insert(ctx context.Context, args discoverArgs, priority int) (int64, error) {
	res, err := b.q.InsertTx(ctx, b.tx, args, &river.InsertOpts{Priority: priority})
	if err != nil {
		return 0, err
	}
	return res.Job.ID, nil
}

func (b boundTx[TTx]) cancel(ctx context.Context, id int64) error {
	_, err := b.q.JobCancelTx(ctx, b.tx, id)
	if err != nil && !errors.Is(err, river.ErrNotFound) {
		return err
	}
	return nil
}

func (b boundTx[TTx]) complete(ctx context.Context, job *river.Job[discoverArgs]) error {
	return b.q.complete(ctx, b.tx, job)
}

// newQueue builds the River client for db's backend.
func newQueue(db *database.DB, cfg *river.Config) (queue, error) {
	switch db.Dialect {
	case database.Postgres:
		client, err := river.NewClient(riverpgxv5.New(db.Pool), cfg)
		if err != nil {
			return nil, err
		}
		return &riverQueue[pgx.Tx]{
			Client: client,
			db:     db,
			complete: func(ctx context.Context, tx pgx.Tx, job *river.Job[discoverArgs]) error {
				_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
				return err
			},
		}, nil
	case database.SQLite:
		client, err := river.NewClient(riversqlite.New(db.SQL), cfg)
		if err != nil {
			return nil, err
		}
		return &riverQueue[*sql.Tx]{
			Client: client,
			db:     db,
			complete: func(ctx context.Context, tx *sql.Tx, job *river.Job[discoverArgs]) error {
				_, err := river.JobCompleteTx[*riversqlite.Driver](ctx, tx, job)
				return err
			},
		}, nil
	}
	return nil, fmt.Errorf("jobs: unsupported database %s", db.Dialect)
}
