package jobs

import (
	"testing"
	"time"
)

func TestEstimatedCompletion(t *testing.T) {
	t.Parallel()
	created := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	started := created.Add(10 * time.Second)
	now := started.Add(60 * time.Second)
	ended := now.Add(time.Minute)
	p := func(v int) *int { return &v }
	tests := []struct {
		name string
		job  Job
		want *time.Time
	}{
		{"pending: no basis", Job{Status: StatusPending}, nil},
		{"under 5 %: no basis", Job{Status: StatusInProgress, StartedAt: &started, Progress: p(4)}, nil},
		{"a quarter done in a minute: three more", Job{Status: StatusInProgress, StartedAt: &started, Progress: p(25), DeadlineAt: created.Add(time.Hour)},
			ptrTime(started.Add(4 * time.Minute))},
		{"never past the deadline", Job{Status: StatusInProgress, StartedAt: &started, Progress: p(10), DeadlineAt: created.Add(5 * time.Minute)},
			ptrTime(created.Add(5 * time.Minute))},
		{"ended: the end", Job{Status: StatusCompleted, CompletedAt: &ended}, &ended},
		{"cancelled: the cancel", Job{Status: StatusCancelled, CancelledAt: &ended}, &ended},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.job.EstimatedCompletion(now)
			if (got == nil) != (tt.want == nil) || got != nil && !got.Equal(*tt.want) {
				t.Errorf("EstimatedCompletion = %v, want %v", got, tt.want)
			}
		})
	}
}

func ptrTime(t time.Time) *time.Time { return &t }
