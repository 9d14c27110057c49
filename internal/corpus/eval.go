package corpus

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"time"

	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/jobs"
)

// Result is one case run: the documents the engine returned and their score.
type Result struct {
	Case  Case
	Docs  []discovery.Document
	Score Score
	Took  time.Duration
	Pages int // HTML pages the run fetched
}

// Run runs every case of the corpus in dir (only the case named only, when set)
// through engine, at each case's own threshold, or at threshold for all when it
// is 0 or more.
func Run(ctx context.Context, dir string, engine *discovery.Engine, threshold float64, only string) ([]Result, error) {
	cases, err := LoadCases(dir)
	if err != nil {
		return nil, err
	}
	srv, err := Serve(dir)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	var out []Result
	for _, c := range cases {
		if only != "" && c.ID != only {
			continue
		}
		start, err := srv.StartURL(c)
		if err != nil {
			return nil, err
		}
		req := jobs.DiscoveryRequest(start, c.Prompt, c.JobParams(), time.Now())
		if threshold >= 0 {
			req.ConfidenceThreshold = threshold
		}
		t0 := time.Now()
		var docs []discovery.Document
		pages := 0
		err = engine.Run(ctx, req, func(_ context.Context, p discovery.Progress) error {
			docs = append(docs, p.NewDocuments...)
			for _, u := range p.UpdatedDocuments {
				for i := range docs {
					if docs[i].URL == u.URL {
						docs[i] = u
					}
				}
			}
			pages = p.PagesCrawled
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", c.ID, err)
		}
		urls := make([]string, len(docs))
		for i, d := range docs {
			urls[i] = d.URL
		}
		out = append(out, Result{Case: c, Docs: docs, Score: Judge(c, urls), Took: time.Since(t0), Pages: pages})
	}
	return out, nil
}

// Micro sums the results' counts into one micro-averaged score, and counts the
// cases at F1 0.
func Micro(rs []Result) (Score, int) {
	var t Score
	zero := 0
	for _, r := range rs {
		t.TP, t.FP, t.FN = t.TP+r.Score.TP, t.FP+r.Score.FP, t.FN+r.Score.FN
		if r.Score.F1 == 0 {
			zero++
		}
	}
	t.Finish()
	return t, zero
}

// Examples runs every case at threshold 0 and labels every document returned by
// the ground truth: the data the discovery model is fitted and calibrated on. The
// group of each example is the corpus folder's name.
func Examples(ctx context.Context, dir string, engine *discovery.Engine) ([]discovery.Example, []float64, error) {
	rs, err := Run(ctx, dir, engine, 0, "")
	if err != nil {
		return nil, nil, err
	}
	group := filepath.Base(filepath.Clean(dir))
	var ex []discovery.Example
	var conf []float64
	for _, r := range rs {
		want := map[string]bool{}
		for _, u := range r.Case.Relevant {
			want[u] = true
		}
		seen := map[string]bool{}
		for _, d := range r.Docs {
			uri, ok := RequestURI(d.URL)
			if !ok || seen[uri] {
				continue
			}
			seen[uri] = true
			ex = append(ex, discovery.Example{Factors: d.Factors, Relevant: want[uri], Group: group, Case: r.Case.ID, URI: uri})
			conf = append(conf, d.Confidence)
		}
	}
	return ex, conf, nil
}

// Bin is one row of a reliability table.
type Bin struct {
	Lo, Hi   float64 // the predicted probabilities it holds: [Lo, Hi)
	N        int
	MeanProb float64 // mean predicted probability
	Observed float64 // share relevant
}

// Reliability bins predictions p with labels y into bins equal-width bins and
// returns the table and the expected calibration error: the mean, weighted by
// the bins' sizes, of |mean predicted − observed|.
func Reliability(p []float64, y []bool, bins int) ([]Bin, float64) {
	out := make([]Bin, bins)
	for i := range out {
		out[i].Lo, out[i].Hi = float64(i)/float64(bins), float64(i+1)/float64(bins)
	}
	for i, v := range p {
		b := min(int(v*float64(bins)), bins-1)
		out[b].N++
		out[b].MeanProb += v
		if y[i] {
			out[b].Observed++
		}
	}
	ece := 0.0
	for i := range out {
		if out[i].N == 0 {
			continue
		}
		out[i].MeanProb /= float64(out[i].N)
		out[i].Observed /= float64(out[i].N)
		ece += float64(out[i].N) / float64(len(p)) * math.Abs(out[i].MeanProb-out[i].Observed)
	}
	return out, ece
}
