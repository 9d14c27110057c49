package discovery

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/skop-dev/skop/internal/testsite"
)

// FitLogistic recovers the weights that generated the labels.
func TestFitLogisticRecoversWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	truth := map[string]float64{"bias": 1.5, "kind.mismatch": -3, "period.unknown": -1}
	var ex []Example
	for range 20000 {
		f := Factors{Topic: 1, Kind: "match", Period: "covers"}
		if rng.IntN(2) == 0 {
			f.Kind = "mismatch"
		}
		if rng.IntN(3) == 0 {
			f.Period = "unknown"
		}
		z := truth["bias"]
		if f.Kind == "mismatch" {
			z += truth["kind.mismatch"]
		}
		if f.Period == "unknown" {
			z += truth["period.unknown"]
		}
		ex = append(ex, Example{Factors: f, Relevant: rng.Float64() < sigmoid(z), Group: "g"})
	}
	w := FitLogistic(ex, FitOptions{L2: 0.01})
	m := Model{Weights: w}
	// The weights of a state and the bias trade off (each factor's states sum to
	// one); what is identified is each combination's log-odds.
	for _, tc := range []struct {
		f    Factors
		want float64
	}{
		{Factors{Topic: 1, Kind: "match", Period: "covers"}, 1.5},
		{Factors{Topic: 1, Kind: "mismatch", Period: "covers"}, -1.5},
		{Factors{Topic: 1, Kind: "match", Period: "unknown"}, 0.5},
		{Factors{Topic: 1, Kind: "mismatch", Period: "unknown"}, -2.5},
	} {
		if got := m.Logit(tc.f); math.Abs(got-tc.want) > 0.15 {
			t.Errorf("%v: log-odds %.2f, want %.2f", tc.f, got, tc.want)
		}
	}
}

// A state the examples never show keeps its prior: a rule the corpora cannot yet
// test still counts.
func TestFitKeepsPriorsOfUnseenStates(t *testing.T) {
	ex := []Example{{Factors: Factors{Kind: "match"}, Relevant: true}, {Factors: Factors{Kind: "mismatch"}}}
	w := FitLogistic(ex, FitOptions{})
	if got, want := w["excluded.period"], math.Round(priors["excluded.period"]*1e4)/1e4; got != want {
		t.Errorf("excluded.period = %v, want its prior %v", got, want)
	}
}

// Platt scaling fitted to over-confident logits shrinks them.
func TestFitPlatt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var z []float64
	var y []bool
	for range 20000 {
		true_ := rng.NormFloat64() * 2
		z = append(z, 3*true_) // three times too sure
		y = append(y, rng.Float64() < sigmoid(true_))
	}
	a, b := FitPlatt(z, y)
	if math.Abs(a-1.0/3) > 0.05 || math.Abs(b) > 0.1 {
		t.Errorf("a, b = %.3f, %.3f; want about 0.333, 0", a, b)
	}
}

// The shipped model orders the states as their meaning does, and its
// calibration leaves confidences in (0, 1).
func TestFittedModelOrdersStates(t *testing.T) {
	base := Factors{Topic: 1, HasTopic: true, Kind: "match", Period: "covers"}
	p := fitted.Prob(base)
	for _, worse := range []Factors{
		{Topic: 1, HasTopic: true, Kind: "mismatch", Period: "covers"},
		{Topic: 1, HasTopic: true, Kind: "match", Period: "mismatch"},
		{Topic: 1, HasTopic: true, Kind: "excluded", Period: "covers"},
		{Topic: 0.2, HasTopic: true, Kind: "match", Period: "covers"},
		{Topic: 1, HasTopic: true, Kind: "match", Period: "covers", ExcludedPeriod: true},
	} {
		if q := fitted.Prob(worse); q >= p || q <= 0 {
			t.Errorf("%v: %.3f, not below %v's %.3f", worse, q, base, p)
		}
	}
	if p < 0.7 || p >= 1 {
		t.Errorf("a document that matches kind, period and topic: %.3f", p)
	}
}

// "Minutes with Schedules" are minutes: a kind named after an attaching word is
// what comes with the document.
func TestAttachmentsDropped(t *testing.T) {
	for _, tc := range []struct {
		file string
		want string
	}{
		{"January%2010%202019%20Board%20Meeting%20Minutes%20with%20Schedules.pdf", "[minutes]"},
		{"Agenda-plus-staff-reports.pdf", "[agenda]"},
		{"Fee-Schedule-2024.pdf", "[schedule]"},
	} {
		e := ev("http://x/files/"+tc.file, link{anchor: "January"}, "")
		if got := fmt.Sprint(e.kinds()); got != tc.want {
			t.Errorf("%s: kinds %s, want %s", tc.file, got, tc.want)
		}
	}
}

// A page with more documents than the run may inspect spends the budget on the
// documents its links point to, wherever they stand on the page.
func TestCandidateBudgetGoesToTheBestLinks(t *testing.T) {
	res := map[string]testsite.Resource{}
	body := `<html><head><title>Archive</title></head><body><h2>Photographs</h2><ul>`
	for i := range 40 {
		p := fmt.Sprintf("/photos/photo-%02d.pdf", i)
		body += fmt.Sprintf(`<li><a href="%s">Photo sheet %d</a></li>`, p, i)
		res[p] = testsite.PDFFile("Photo sheet", "Photographs")
	}
	body += `</ul><h2>Minutes</h2><ul><li><a href="/m/2024-03.pdf">Council minutes, March 2024</a></li></ul></body></html>`
	res["/"] = testsite.HTML(body)
	res["/m/2024-03.pdf"] = testsite.PDFFile("Council Minutes", "CITY COUNCIL\nMinutes\nMarch 12, 2024")
	site := testsite.New(res)
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, MaxCandidates: 10})
	docs, _, _, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "council minutes from 2024", SinglePage: true, ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); fmt.Sprint(got) != "[/m/2024-03.pdf]" {
		t.Errorf("documents = %v, want the minutes listed last, past the budget of 10", got)
	}
	fetched := 0
	for i := range 40 {
		fetched += site.Count("GET", fmt.Sprintf("/photos/photo-%02d.pdf", i))
	}
	if fetched > 9 {
		t.Errorf("%d photo sheets fetched with a budget of 10 documents, the minutes among them", fetched)
	}
}
