package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/corpus"
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
	calibration := fs.Bool("calibration", false, "also run every case at threshold 0 and print the reliability table and expected calibration error (ECE) of the confidences")
	maxPages := fs.Int("max-pages", 0, "override the engine's page budget (0: the default serve uses)")
	maxDepth := fs.Int("max-depth", 0, "override the engine's depth limit (0: the default serve uses)")
	exhaustive := fs.Bool("exhaustive", false, "crawl every reachable page within the budget (no early stop): with large -max-pages and -max-depth, the unlimited baseline")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("discovery: -corpus is required")
	}
	// The engine the server runs, configured as `serve --allow-private-networks`;
	// -max-pages and -max-depth measure what the defaults cost against a larger budget.
	engine := discovery.New(discovery.Config{AllowPrivateNetworks: true, MaxPages: *maxPages, MaxDepth: *maxDepth, Exhaustive: *exhaustive})
	results, err := corpus.Run(context.Background(), *dir, engine, *threshold, *only)
	if err != nil {
		return err
	}
	var all map[string][]discovery.Document
	if *margins {
		zero, err := corpus.Run(context.Background(), *dir, engine, 0, *only)
		if err != nil {
			return err
		}
		all = map[string][]discovery.Document{}
		for _, r := range zero {
			all[r.Case.ID] = r.Docs
		}
	}
	perCase := *byCase || *verbose || *margins
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CASE\tP\tR\tF1\tTP\tFP\tFN\tPAGES\tSECONDS")
	for _, r := range results {
		s := r.Score
		if perCase {
			fmt.Fprintf(w, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%.2f\n", r.Case.ID, s.Precision, s.Recall, s.F1, s.TP, s.FP, s.FN, r.Pages, r.Took.Seconds())
		}
		if *margins {
			printMargins(w, r.Case, all[r.Case.ID])
		}
		if *verbose {
			scores := map[string]discovery.Document{}
			for _, d := range r.Docs {
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
	total, zero := corpus.Micro(results)
	pages := 0
	for _, r := range results {
		pages += r.Pages
	}
	fmt.Fprintf(w, "MICRO\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t\n", total.Precision, total.Recall, total.F1, total.TP, total.FP, total.FN, pages)
	fmt.Fprintf(w, "cases at F1 0: %d of %d\n", zero, len(results))
	if err := w.Flush(); err != nil {
		return err
	}
	var ece *float64
	if *calibration {
		ex, conf, err := corpus.Examples(context.Background(), *dir, engine)
		if err != nil {
			return err
		}
		y := make([]bool, len(ex))
		for i, e := range ex {
			y[i] = e.Relevant
		}
		table, e := corpus.Reliability(conf, y, 10)
		printReliability(os.Stdout, "every document at threshold 0", table, e)
		ece = &e
	}
	if *asJSON {
		b, _ := json.Marshal(struct {
			Precision float64  `json:"precision"`
			Recall    float64  `json:"recall"`
			F1        float64  `json:"f1"`
			Cases     int      `json:"cases"`
			ZeroCases int      `json:"cases_at_zero"`
			ECE       *float64 `json:"ece,omitempty"`
		}{round(total.Precision), round(total.Recall), round(total.F1), len(results), zero, ece})
		fmt.Println(string(b))
	}
	return nil
}

// uri is the request-URI a returned document is judged by.
func uri(raw string) string {
	u, _ := corpus.RequestURI(raw)
	return u
}

func round(f float64) float64 { return float64(int(f*10000+0.5)) / 10000 }

// printMargins shows how far the case's threshold is from the scores that decide
// it, from the documents the case returned at threshold 0.
func printMargins(w *tabwriter.Writer, c corpus.Case, docs []discovery.Document) {
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
	fmt.Fprintf(w, "  margin\tlowest relevant %.2f %s (%s)\thighest other %.2f %s (%s)\n", minRel.Confidence, uri(minRel.URL), minRel.Why, maxOther.Confidence, uri(maxOther.URL), maxOther.Why)
}
