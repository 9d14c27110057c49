//go:build !race

// The gate runs without the race detector (`make quality`, part of `make
// test`): it is the engine's answers that it checks, its concurrency is tested
// elsewhere under -race, and under the detector it takes minutes.

// The gate: see doc.go.
package quality

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/corpus"
	"github.com/skop-dev/skop/internal/heldout"
)

// floor is a corpus's minimum micro-F1 at each case's threshold, at 0.1 and at
// 0.7, and its maximum expected calibration error.
type floor struct {
	own, at01, at07 float64
	ece             float64
}

// floors: sets A to K and both public corpora are what the model was fitted on;
// L and M were never fitted or tuned on (their figures are the clean ones); N and
// O are the large sites (300–415 pages, issue 18), scored with the engine's
// default crawl budget, never tuned on (their per-case outcomes were read once,
// after the body rules changed; see docs/BENCHMARKS.md).
var floors = map[string]floor{
	"discovery-corpus": {0.97, 0.95, 0.83, 0.08},
	"real-corpus":      {0.74, 0.69, 0.78, 0.08},
	"a":                {0.94, 0.78, 0.82, 0.1},
	"b":                {0.96, 0.89, 0.96, 0.1},
	"c":                {0.95, 0.85, 0.88, 0.1},
	"d":                {0.96, 0.92, 0.92, 0.1},
	"e":                {0.96, 0.94, 0.76, 0.1},
	"f":                {0.93, 0.93, 0.66, 0.1},
	"g":                {0.92, 0.82, 0.92, 0.1},
	"h":                {0.95, 0.95, 0.91, 0.1},
	"i":                {0.91, 0.92, 0.84, 0.1},
	"j":                {0.96, 0.89, 0.87, 0.1},
	"k":                {0.88, 0.69, 0.73, 0.1},
	"l":                {0.85, 0.82, 0.85, 0.1},
	"m":                {0.91, 0.91, 0.91, 0.1},
	"n":                {0.68, 0.54, 0.68, 0.1},
	"o":                {0.87, 0.73, 0.87, 0.1},
}

// shared finds the shared/ folder beside the repository (or SKOP_SHARED).
func shared(t *testing.T) string {
	if d := os.Getenv("SKOP_SHARED"); d != "" {
		return d
	}
	dir, _ := os.Getwd()
	for range 6 {
		if st, err := os.Stat(filepath.Join(dir, "shared", "real-corpus", "cases.jsonl")); err == nil && !st.IsDir() {
			return filepath.Join(dir, "shared")
		}
		dir = filepath.Dir(dir)
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no shared/ folder with real-corpus beside the repository: the quality gate cannot run (set SKOP_SHARED)")
	}
	t.Skip("SKIPPED: no shared/ folder beside the repository (set SKOP_SHARED): the public corpora are not scored")
	return ""
}

func TestQualityGate(t *testing.T) {
	sh := shared(t)
	dirs := map[string]string{
		"discovery-corpus": filepath.Join(sh, "discovery-corpus"),
		"real-corpus":      filepath.Join(sh, "real-corpus"),
	}
	tmp := t.TempDir()
	for name := range floors {
		if _, ok := dirs[name]; ok {
			continue
		}
		d := filepath.Join(tmp, name)
		if err := heldout.Write(name, d); err != nil {
			t.Fatal(err)
		}
		dirs[name] = d
	}
	engine := discovery.New(discovery.Config{AllowPrivateNetworks: true})
	for _, name := range []string{"discovery-corpus", "real-corpus", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"} {
		fl, dir := floors[name], dirs[name]
		t.Run(name, func(t *testing.T) {
			for _, th := range []struct {
				label     string
				threshold float64
				floor     float64
			}{{"own thresholds", -1, fl.own}, {"threshold 0.1", 0.1, fl.at01}, {"threshold 0.7", 0.7, fl.at07}} {
				rs, err := corpus.Run(context.Background(), dir, engine, th.threshold, "")
				if err != nil {
					t.Fatal(err)
				}
				s, zero := corpus.Micro(rs)
				msg := fmt.Sprintf("%s at %s: micro-F1 %.3f (P %.3f R %.3f, %d of %d cases at 0), floor %.2f", name, th.label, s.F1, s.Precision, s.Recall, zero, len(rs), th.floor)
				if s.F1 < th.floor {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
			ex, conf, err := corpus.Examples(context.Background(), dir, engine)
			if err != nil {
				t.Fatal(err)
			}
			y := make([]bool, len(ex))
			for i, e := range ex {
				y[i] = e.Relevant
			}
			if _, ece := corpus.Reliability(conf, y, 10); ece > fl.ece {
				t.Errorf("%s: expected calibration error %.4f over %d documents, ceiling %.2f", name, ece, len(ex), fl.ece)
			} else {
				t.Logf("%s: ECE %.4f over %d documents", name, ece, len(ex))
			}
		})
	}
}
