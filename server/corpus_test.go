package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/corpus"
	"github.com/skop-dev/skop/internal/testsite"
	"github.com/skop-dev/skop/jobs"
)

// writeMiniCorpus writes a small corpus in the benchmark's format: one site with a
// meetings table (agendas, packets, minutes), a list of older minutes, an
// extension-less route and robots.txt.
func writeMiniCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	site := filepath.Join(dir, "sites", "town")
	write := func(rel string, data []byte) {
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", []byte(`<html><head><title>Town of Elmford</title></head><body><a href="/meetings/">Agendas and minutes</a> <a href="/staff/">Staff</a></body></html>`))
	write("robots.txt", []byte("User-agent: *\nDisallow: /staff/\n"))
	write("staff/index.html", []byte(`<a href="/staff/draft-minutes-2025-03-04.pdf">Council minutes March 4, 2025 (draft)</a>`))
	write("staff/draft-minutes-2025-03-04.pdf", testsite.PDF("Draft minutes", "TOWN OF ELMFORD\nDRAFT MINUTES OF THE TOWN COUNCIL\nMarch 4, 2025", 0))
	write("meetings/index.html", []byte(`<html><head><title>Town Council meetings</title></head><body><h1>Town Council</h1>
		<table><thead><tr><th>Date</th><th>Agenda</th><th>Packet</th><th>Minutes</th></tr></thead><tbody>
		<tr><td>March 4, 2025</td><td><a href="/docs/agenda-2025-03-04.pdf">PDF</a></td><td><a href="/docs/packet-2025-03-04.pdf">PDF</a></td><td><a href="/get/77">PDF</a></td></tr>
		<tr><td>February 4, 2025</td><td><a href="/docs/agenda-2025-02-04.pdf">PDF</a></td><td>—</td><td><a href="/docs/m-0204.docx">Word</a></td></tr>
		</tbody></table>
		<h2>Older minutes</h2><ul><li>December 3, 2024 – <a href="/docs/minutes-2024-12-03.pdf">Minutes</a></li></ul></body></html>`))
	write("docs/agenda-2025-03-04.pdf", testsite.PDF("Agenda", "TOWN OF ELMFORD\nAGENDA\nTown Council, March 4, 2025", 0))
	write("docs/agenda-2025-02-04.pdf", testsite.PDF("Agenda", "TOWN OF ELMFORD\nAGENDA\nTown Council, February 4, 2025", 0))
	write("docs/packet-2025-03-04.pdf", testsite.PDF("Agenda packet", "TOWN OF ELMFORD\nAGENDA PACKET\nincluding draft minutes", 0))
	write("_files/77.pdf", testsite.PDF("scan0077", "TOWN OF ELMFORD\nMINUTES OF THE TOWN COUNCIL\nMarch 4, 2025", 0))
	write("docs/m-0204.docx", testsite.DOCX("Minutes", "TOWN OF ELMFORD", "MINUTES OF THE TOWN COUNCIL", "February 4, 2025"))
	write("docs/minutes-2024-12-03.pdf", testsite.PDF("Minutes 2024-12-03", "TOWN OF ELMFORD\nMINUTES OF THE TOWN COUNCIL\nDecember 3, 2024", 0))
	routes, _ := json.Marshal(map[string]any{"/get/77": map[string]string{"file": "_files/77.pdf", "type": "application/pdf", "disposition": `inline; filename="77.pdf"`}})
	write("_routes.json", routes)
	cases := []corpus.Case{
		{ID: "minutes-2025", Site: "town", Start: "/", Prompt: "Find the Town Council minutes from 2025",
			Parameters: corpus.Parameters{SinglePage: ptr(false), ConfidenceThreshold: ptr(0.5)}, Relevant: []string{"/get/77", "/docs/m-0204.docx"}},
		{ID: "agendas", Site: "town", Start: "/meetings/", Prompt: "Find the council agendas, not the packets",
			Parameters: corpus.Parameters{SinglePage: ptr(true), ConfidenceThreshold: ptr(0.4)}, Relevant: []string{"/docs/agenda-2025-03-04.pdf", "/docs/agenda-2025-02-04.pdf"}},
	}
	f, err := os.Create(filepath.Join(dir, "cases.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range cases {
		b, _ := json.Marshal(c)
		f.Write(append(b, '\n'))
	}
	return dir
}

// TestJobsMatchTheBenchmark runs benchmark cases both through the server's API and
// directly through the engine, as skop-bench does, and checks that a job returns
// exactly the documents and scores the benchmark measures.
func TestJobsMatchTheBenchmark(t *testing.T) {
	t.Parallel() // no timing assertions that other tests' load could upset; its own database
	dirs := []string{writeMiniCorpus(t)}
	if shared, err := filepath.Abs("../../shared/discovery-corpus"); err == nil {
		if _, err := os.Stat(filepath.Join(shared, "cases.jsonl")); err == nil {
			dirs = append(dirs, shared)
		}
	}
	h := start(t, options{workers: 2, maxActive: 20})
	c := h.client(h.keyA)
	engine := discovery.New(discovery.Config{AllowPrivateNetworks: true})
	for _, dir := range dirs {
		cases, err := corpus.LoadCases(dir)
		if err != nil {
			t.Fatal(err)
		}
		srv, err := corpus.Serve(dir)
		if err != nil {
			t.Fatal(err)
		}
		var total corpus.Score
		for _, cs := range cases {
			startURL, _ := srv.StartURL(cs)
			p := cs.JobParams()
			// Through the engine, as the benchmark runs it.
			direct := map[string]float64{}
			err := engine.Run(context.Background(), jobs.DiscoveryRequest(startURL, cs.Prompt, p, time.Now()), func(_ context.Context, pr discovery.Progress) error {
				for _, d := range append(pr.NewDocuments, pr.UpdatedDocuments...) {
					direct[d.URL] = d.Confidence
				}
				return nil
			})
			if err != nil {
				t.Fatalf("%s: engine: %v", cs.ID, err)
			}
			// Through the API.
			id := h.create(c, startURL, cs.Prompt, &client.ScrapeParameters{
				SinglePage: &p.SinglePage, ConfidenceThreshold: &p.ConfidenceThreshold, MaxFileSizeMb: &p.MaxFileSizeMB,
			})
			h.waitStatus(c, id, 60*time.Second, client.JobStatusCompleted)
			viaAPI := map[string]float64{}
			for _, d := range h.results(c, id).Documents {
				viaAPI[d.Url] = d.ConfidenceScore
			}
			if len(direct) != len(viaAPI) {
				t.Errorf("%s: the job kept %d documents, the benchmark %d", cs.ID, len(viaAPI), len(direct))
			}
			for u, score := range direct {
				if got, ok := viaAPI[u]; !ok || got != score {
					t.Errorf("%s: %s scored %v by the benchmark, %v (kept %v) by the job", cs.ID, u, score, got, ok)
				}
			}
			var urls []string
			for u := range viaAPI {
				urls = append(urls, u)
			}
			slices.Sort(urls)
			s := corpus.Judge(cs, urls)
			total.TP, total.FP, total.FN = total.TP+s.TP, total.FP+s.FP, total.FN+s.FN
			if filepath.Base(dir) != "discovery-corpus" && s.F1 != 1 {
				t.Errorf("%s: F1 %.2f on the mini corpus (false positives %v, missed %v)", cs.ID, s.F1, s.FalsePositives, s.FalseNegatives)
			}
		}
		srv.Close()
		total.Finish()
		t.Logf("%s: micro F1 %.3f through the API (TP %d, FP %d, FN %d)", dir, total.F1, total.TP, total.FP, total.FN)
	}
}
