package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/corpus"
	"github.com/skop-dev/skop/jobs"
)

func runDiscovery(args []string) error {
	fs := flag.NewFlagSet("discovery", flag.ContinueOnError)
	dir := fs.String("corpus", "", "corpus directory (README.md, cases.jsonl, sites/)")
	asJSON := fs.Bool("json", false, "end with one JSON line {precision, recall, f1, cases}")
	verbose := fs.Bool("v", false, "list false positives and false negatives with their scores")
	only := fs.String("case", "", "run only the case with this id")
	margins := fs.Bool("margins", false, "also run each case with threshold 0 and show the lowest-scoring relevant and highest-scoring other documents")
	byCase := fs.Bool("by-case", false, "show per-case figures (also on with -v or -margins)")
	threshold := fs.Float64("threshold", -1, "run every case at this confidence_threshold instead of its own (the API default is 0.1)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("discovery: -corpus is required")
	}
	cases, err := corpus.LoadCases(*dir)
	if err != nil {
		return err
	}
	srv, err := corpus.Serve(*dir)
	if err != nil {
		return err
	}
	defer srv.Close()
	// The engine the server runs, configured as `serve --allow-private-networks`.
	engine := discovery.New(discovery.Config{AllowPrivateNetworks: true})

	perCase := *byCase || *verbose || *margins
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CASE\tP\tR\tF1\tTP\tFP\tFN\tSECONDS")
	var total corpus.Score
	n, zero := 0, 0
	for _, c := range cases {
		if *only != "" && c.ID != *only {
			continue
		}
		start, err := srv.StartURL(c)
		if err != nil {
			return err
		}
		req := Request(c, start)
		if *threshold >= 0 {
			req.ConfidenceThreshold = *threshold
		}
		t0 := time.Now()
		var docs []discovery.Document
		err = engine.Run(context.Background(), req, func(_ context.Context, p discovery.Progress) error {
			docs = append(docs, p.NewDocuments...)
			return nil
		})
		if err != nil {
			return fmt.Errorf("case %s: %w", c.ID, err)
		}
		var urls []string
		for _, d := range docs {
			urls = append(urls, d.URL)
		}
		s := corpus.Judge(c, urls)
		total.TP, total.FP, total.FN = total.TP+s.TP, total.FP+s.FP, total.FN+s.FN
		n++
		if s.F1 == 0 {
			zero++
		}
		if perCase {
			fmt.Fprintf(w, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%.2f\n", c.ID, s.Precision, s.Recall, s.F1, s.TP, s.FP, s.FN, time.Since(t0).Seconds())
		}
		if *margins {
			printMargins(w, engine, c, req)
		}
		if *verbose {
			scores := map[string]discovery.Document{}
			for _, d := range docs {
				scores[uri(d.URL)] = d
			}
			for _, fp := range s.FalsePositives {
				fmt.Fprintf(w, "  FP %s\t%.2f\t%q\t%s\n", fp, scores[fp].Confidence, scores[fp].Name, scores[fp].Why)
			}
			for _, fn := range s.FalseNegatives {
				fmt.Fprintf(w, "  FN %s\n", fn)
			}
		}
	}
	total.Finish()
	fmt.Fprintf(w, "MICRO\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t\n", total.Precision, total.Recall, total.F1, total.TP, total.FP, total.FN)
	fmt.Fprintf(w, "cases at F1 0: %d of %d\n", zero, n)
	if err := w.Flush(); err != nil {
		return err
	}
	if *asJSON {
		b, _ := json.Marshal(struct {
			Precision float64 `json:"precision"`
			Recall    float64 `json:"recall"`
			F1        float64 `json:"f1"`
			Cases     int     `json:"cases"`
		}{round(total.Precision), round(total.Recall), round(total.F1), n})
		fmt.Println(string(b))
	}
	return nil
}

// Request is the engine request a job created for case c runs.
func Request(c corpus.Case, start string) discovery.Request {
	return jobs.DiscoveryRequest(start, c.Prompt, c.JobParams(), time.Now())
}

func uri(raw string) string {
	if i := strings.Index(raw, "://"); i >= 0 {
		raw = raw[i+3:]
		if j := strings.IndexByte(raw, '/'); j >= 0 {
			return raw[j:]
		}
	}
	return raw
}

func round(f float64) float64 { return float64(int(f*10000+0.5)) / 10000 }

// printMargins shows how far the case's threshold is from the scores that decide it.
func printMargins(w *tabwriter.Writer, engine *discovery.Engine, c corpus.Case, req discovery.Request) {
	req.ConfidenceThreshold = 0
	var docs []discovery.Document
	_ = engine.Run(context.Background(), req, func(_ context.Context, p discovery.Progress) error {
		docs = append(docs, p.NewDocuments...)
		return nil
	})
	relevant := map[string]bool{}
	for _, r := range c.Relevant {
		relevant[r] = true
	}
	minRel, maxOther := discovery.Document{Confidence: 2}, discovery.Document{Confidence: -1}
	for _, d := range docs {
		if relevant[uri(d.URL)] {
			if d.Confidence < minRel.Confidence {
				minRel = d
			}
		} else if d.Confidence > maxOther.Confidence {
			maxOther = d
		}
	}
	fmt.Fprintf(w, "  margin\tlowest relevant %.2f %s\thighest other %.2f %s (%s)\n", minRel.Confidence, uri(minRel.URL), maxOther.Confidence, uri(maxOther.URL), maxOther.Why)
}
