package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/skop-dev/skop/internal/metrics"
)

// reap keeps every active job owned by somebody. Every StatusCheckInterval it
// settles jobs whose River job ended on River's side (cancelled in River UI or
// with JobCancel, discarded, or deleted); every ReapInterval it fails jobs past
// their deadline and queues again, once, running jobs whose lease ran out (their
// process died), or fails them once their attempts are spent. A cancelled job is
// never touched: only pending and in_progress rows qualify. River would rescue a
// dead process's River job on its own, but only after RescueStuckJobsAfter (over
// an hour, above the largest job timeout); leases bring that down to
// LeaseDuration + ReapInterval.
func (s *Service) reap(ctx context.Context) {
	defer close(s.reaperDone)
	settle := time.NewTicker(s.cfg.StatusCheckInterval)
	defer settle.Stop()
	lost := time.NewTicker(s.cfg.ReapInterval)
	defer lost.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case <-settle.C:
			err = s.settleOnce(ctx)
		case <-lost.C:
			if err = s.expireOnce(ctx); err == nil {
				err = s.reapOnce(ctx)
			}
		}
		if err != nil && ctx.Err() == nil {
			s.log.Warn("reap jobs", "error", err)
		}
	}
}

// settleOnce ends active jobs whose River job is final or gone.
func (s *Service) settleOnce(ctx context.Context) error {
	orphans, err := s.store.orphans(ctx, s.db, 100)
	if err != nil {
		return err
	}
	for _, o := range orphans {
		now := time.Now().UTC().Truncate(time.Microsecond)
		var ok bool
		err := s.db.InTx(ctx, func(tx querier) error {
			var err error
			if o.riverState == "cancelled" {
				ok, err = s.store.cancelAny(ctx, tx, o.id, "Job "+o.id+" cancelled through the job queue", now)
				return err
			}
			reason := fmt.Sprintf("its River job %d was %s without the job ending", o.riverJobID, o.riverState)
			if o.riverState == "" {
				reason = fmt.Sprintf("its River job %d is gone", o.riverJobID)
			}
			errs := append(o.errors, JobError{ErrorID: newErrorID(), AgentName: "coordinator", ErrorType: "worker_lost",
				ErrorMessage: "the job could not be run: " + reason, Timestamp: now})
			ok, err = s.store.failAny(ctx, tx, o.id, now, "Job failed: "+reason, errs)
			return err
		})
		if err != nil {
			return err
		}
		if ok {
			s.stopLocal(o.id)
			if o.riverState == "cancelled" {
				metrics.JobsEnded.WithLabelValues(string(StatusCancelled)).Inc()
			} else {
				metrics.JobsEnded.WithLabelValues(string(StatusFailed)).Inc()
			}
			s.log.Info("settled a job whose River job ended on River's side", "job_id", o.id, "river_job_id", o.riverJobID, "river_state", o.riverState)
		}
	}
	return nil
}

// expireOnce fails active jobs past their deadline (their worker, if any, had
// finalWriteTimeout to do so itself) and cancels their River jobs.
func (s *Service) expireOnce(ctx context.Context) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	overdue, err := s.store.overdue(ctx, s.db, now.Add(-finalWriteTimeout), 100)
	if err != nil {
		return err
	}
	for _, o := range overdue {
		var ok bool
		err := s.queue.inTx(ctx, func(tx querier, rq riverTx) error {
			errs := append(o.errors, JobError{ErrorID: newErrorID(), AgentName: "coordinator", ErrorType: "timeout",
				ErrorMessage: "The job passed its deadline before it could finish; the documents found so far are kept", Timestamp: now})
			var err error
			if ok, err = s.store.failAny(ctx, tx, o.id, now, "Job failed: it passed its deadline", errs); err != nil || !ok {
				return err
			}
			if o.riverJobID != 0 {
				return rq.cancel(ctx, o.riverJobID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if ok {
			s.stopLocal(o.id)
			metrics.JobsEnded.WithLabelValues(string(StatusFailed)).Inc()
			s.log.Info("failed a job past its deadline", "job_id", o.id, "was", o.status)
		}
	}
	return nil
}

// reapOnce handles running jobs whose lease ran out, and pending jobs whose River
// job a process fetched but never started (it died in between).
func (s *Service) reapOnce(ctx context.Context) error {
	if err := s.reapFetched(ctx); err != nil {
		return err
	}
	now := time.Now().UTC()
	lost, err := s.store.lost(ctx, s.db, now, 100)
	if err != nil {
		return err
	}
	for _, l := range lost {
		action := ""
		var riverID int64
		err := s.queue.inTx(ctx, func(tx querier, rq riverTx) error {
			ok, err := s.store.claimLost(ctx, tx, l.id, now, now.Add(s.cfg.LeaseDuration))
			if err != nil || !ok {
				return err
			}
			if l.attempts >= s.cfg.MaxAttempts {
				errs := append(l.errors, JobError{
					ErrorID: newErrorID(), AgentName: "coordinator", ErrorType: "worker_lost",
					ErrorMessage: fmt.Sprintf("the worker running the job stopped %d times; giving up", l.attempts),
					Timestamp:    now, IsRecoverable: false,
				})
				if _, err := s.store.failLost(ctx, tx, l.id, now, "Job failed: its worker stopped and the retries are spent", errs); err != nil {
					return err
				}
				action = "failed: attempts spent"
				return nil
			}
			cur, err := s.store.riverJobID(ctx, tx, l.id)
			if err != nil {
				return err
			}
			state := ""
			if cur != 0 {
				if state, err = s.store.riverState(ctx, tx, cur); err != nil {
					return err
				}
			}
			switch state {
			case "available", "scheduled", "retryable", "pending":
				action = "already queued" // requeued before: never twice
				riverID = cur
				return nil
			case "cancelled", "discarded", "completed":
				action = "left to settle" // settleOnce ends it
				return nil
			case "running":
				// The dead process's River job: settle it, so nothing is left running.
				if err := s.store.settleDeadRiverJob(ctx, tx, cur); err != nil {
					return err
				}
			}
			if riverID, err = rq.insert(ctx, discoverArgs{JobID: l.id, TimeoutSeconds: l.timeout}, priorityResumed); err != nil {
				return err
			}
			action = "requeued"
			return s.store.setRiverID(ctx, tx, l.id, riverID)
		})
		if err != nil {
			return err
		}
		if action != "" {
			s.log.Info("job whose worker stopped: "+action, "job_id", l.id, "attempts", l.attempts, "river_job_id", riverID)
		}
	}
	return nil
}

// reapFetched requeues pending jobs whose River job has been `running` for longer
// than a lease without the job starting: the process that fetched it died before
// its first write (a window of milliseconds). River's own rescue would take over an
// hour.
func (s *Service) reapFetched(ctx context.Context) error {
	stuck, err := s.store.fetchedNotStarted(ctx, s.db, 100)
	if err != nil {
		return err
	}
	now := time.Now()
	seen := make(map[string]time.Time, len(stuck))
	for _, o := range stuck {
		first, ok := s.fetchedPending[o.id]
		if !ok {
			first = now
		}
		seen[o.id] = first
		if now.Sub(first) < s.cfg.LeaseDuration {
			continue
		}
		var riverID int64
		err := s.queue.inTx(ctx, func(tx querier, rq riverTx) error {
			if err := s.store.settleDeadRiverJob(ctx, tx, o.riverJobID); err != nil {
				return err
			}
			var err error
			if riverID, err = rq.insert(ctx, discoverArgs{JobID: o.id, TimeoutSeconds: o.timeout}, priorityResumed); err != nil {
				return err
			}
			return s.store.setRiverIDIfPending(ctx, tx, o.id, o.riverJobID, riverID)
		})
		if err != nil {
			return err
		}
		delete(seen, o.id)
		if o.corrupt != nil {
			s.log.Warn("job whose worker died before starting it: requeued to be failed, its record is corrupt", "job_id", o.id, "river_job_id", riverID, "error", o.corrupt)
			continue
		}
		s.log.Info("job whose worker died before starting it: requeued", "job_id", o.id, "river_job_id", riverID)
	}
	s.fetchedPending = seen
	return nil
}
