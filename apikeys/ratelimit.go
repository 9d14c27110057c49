package apikeys

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/skop-dev/skop/database"
)

// Limiter bounds each key's requests per minute, across every replica on one
// database. Minutes are fixed windows. A replica reserves the window's allowance
// from the database in blocks (a twentieth of the limit, at least one request),
// answers requests from its block, and reserves another when it runs out; a block
// is only granted while the window's total stays within the limit, so the limit
// holds however many replicas serve the key, and the database sees one write per
// block, not per request. (A replica that stops mid-window loses what was left of
// its block: the limit errs on the strict side.)
type Limiter struct {
	db    *database.DB
	limit int // requests per minute per key; 0 = no limit
	block int

	mu   sync.Mutex
	keys map[int64]*keyWindow
}

type keyWindow struct {
	start int64 // the window's start, Unix seconds
	local int   // reserved here and not used yet
	used  int   // the window's total in the database after this replica's last reservation
}

// Allowance is what a request learns about its key's rate limit.
type Allowance struct {
	OK        bool
	Limit     int
	Remaining int           // about: this replica's block plus what the database had left at its last reservation
	Reset     time.Duration // until the window ends
}

// NewLimiter allows limit requests per minute per key; 0 turns it off.
func NewLimiter(db *database.DB, limit int) *Limiter {
	return &Limiter{db: db, limit: limit, block: max(1, limit/20), keys: map[int64]*keyWindow{}}
}

// Limit is the requests per minute per key (0: none).
func (l *Limiter) Limit() int { return l.limit }

// Allow takes one request from keyID's allowance for the current minute.
func (l *Limiter) Allow(ctx context.Context, keyID int64) (Allowance, error) {
	if l == nil || l.limit <= 0 {
		return Allowance{OK: true}, nil
	}
	now := time.Now()
	start := now.Truncate(time.Minute).Unix()
	reset := time.Unix(start, 0).Add(time.Minute).Sub(now)
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.keys[keyID]
	if w == nil || w.start != start {
		if len(l.keys) > 10000 {
			clear(l.keys)
		}
		w = &keyWindow{start: start}
		l.keys[keyID] = w
	}
	if w.local == 0 {
		got, used, err := l.reserve(ctx, keyID, start)
		if err != nil {
			return Allowance{}, err
		}
		w.local += got
		w.used = used
	}
	if w.local == 0 {
		return Allowance{OK: false, Limit: l.limit, Remaining: 0, Reset: reset}, nil
	}
	w.local--
	return Allowance{OK: true, Limit: l.limit, Remaining: max(0, l.limit-w.used) + w.local, Reset: reset}, nil
}

// reserve takes a block of the window's allowance from the database, or what is
// left of it when less than a block is; it returns how many it took and the
// window's total afterwards.
func (l *Limiter) reserve(ctx context.Context, keyID, start int64) (int, int, error) {
	var got, used int
	err := l.db.InTx(ctx, func(q database.Querier) error {
		err := q.QueryRow(ctx, `SELECT used FROM skop_rate_windows WHERE key_id = ? AND window_start = ?`, keyID, start).Scan(&used)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			used = 0
			got = min(l.block, l.limit)
			_, err = q.Exec(ctx, `INSERT INTO skop_rate_windows (key_id, window_start, used) VALUES (?, ?, ?)
ON CONFLICT (key_id, window_start) DO UPDATE SET used = skop_rate_windows.used + excluded.used`, keyID, start, got)
		case err == nil:
			got = min(l.block, l.limit-used)
			if got <= 0 {
				got = 0
				return nil
			}
			_, err = q.Exec(ctx, `UPDATE skop_rate_windows SET used = used + ? WHERE key_id = ? AND window_start = ?`, got, keyID, start)
		}
		if err != nil {
			return err
		}
		return q.QueryRow(ctx, `SELECT used FROM skop_rate_windows WHERE key_id = ? AND window_start = ?`, keyID, start).Scan(&used)
	})
	if err != nil {
		return 0, 0, err
	}
	if used > l.limit {
		// Two replicas reserved at once (PostgreSQL's read committed lets both
		// read the same total): give back what went over.
		over := used - l.limit
		back := min(over, got)
		got -= back
		_, err := l.db.Exec(ctx, `UPDATE skop_rate_windows SET used = used - ? WHERE key_id = ? AND window_start = ?`, back, keyID, start)
		if err != nil {
			return 0, 0, err
		}
		used -= back
	}
	// Windows of past minutes are not needed any more.
	if got > 0 && start%600 == 0 {
		_, _ = l.db.Exec(ctx, `DELETE FROM skop_rate_windows WHERE window_start < ?`, start-3600)
	}
	return got, used, nil
}
