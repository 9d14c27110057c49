package discovery

import (
	"slices"
	"testing"
	"time"
)

func labels(gs []Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Label)
	}
	return out
}

func periods(ps []Period) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.From.Format("2006-01-02")+".."+p.To.Format("2006-01-02"))
	}
	return out
}

func TestParsePrompt(t *testing.T) {
	now := time.Date(2025, 9, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		prompt   string
		kinds    []string
		excluded []string
		bodies   []string
		core     []string
		optional []string
		periods  []string
		current  bool

		excludedTerms []string
	}{
		{prompt: "Find all board meeting minutes from 2025", kinds: []string{"minutes"}, bodies: []string{"board"},
			periods: []string{"2025-01-01..2026-01-01"}},
		// What the asker adds as included widens the request, it is not required.
		{prompt: "council minutes from May 2022, special meetings included", kinds: []string{"minutes"}, bodies: []string{"council"},
			optional: []string{"special"}, periods: []string{"2022-05-01..2022-06-01"}},
		{prompt: "the budget workshops, and any hearings too", kinds: []string{"budget"}, core: []string{"workshop"}, optional: []string{"hear"}},
		// The publisher named as the subject of a verb of publishing is not a topic.
		{prompt: "hearing notices the development authority posted in 2020", kinds: []string{"notice of hearing"},
			periods: []string{"2020-01-01..2021-01-01"}},
		{prompt: "Find the City Council agendas - just the agendas, not the agenda packets or the minutes.",
			kinds: []string{"agenda"}, excluded: []string{"packet", "minutes"}, bodies: []string{"council"}},
		{prompt: "Please find the annual reports", kinds: []string{"annual report"}},
		{prompt: "Hearing transcripts since March 2024. Agendas aren't needed.", kinds: []string{"transcript"}, excluded: []string{"agenda"},
			core: []string{"hear"}, periods: []string{"2024-03-01..2026-01-01"}},
		{prompt: "I need the minutes, but the agendas are not needed", kinds: []string{"minutes"}, excluded: []string{"agenda"}},
		{prompt: "press releases after June 2024", kinds: []string{"press release"}, periods: []string{"2024-07-01..2026-01-01"}},
		{prompt: "minutes from May 2025", kinds: []string{"minutes"}, periods: []string{"2025-05-01..2025-06-01"}},
		{prompt: "inspection reports for Q3 and Q4 2023", kinds: []string{"report"}, core: []string{"inspect"},
			periods: []string{"2023-07-01..2023-10-01", "2023-10-01..2024-01-01"}},
		{prompt: "budget documents prior to 2021", kinds: []string{"budget"}, periods: []string{"1900-01-01..2021-01-01"}},
		{prompt: "grant reports up to 2021", kinds: []string{"report"}, core: []string{"grant"}, periods: []string{"1900-01-01..2022-01-01"}},
		{prompt: "grant reports from 2019 through 2021", kinds: []string{"report"}, core: []string{"grant"}, periods: []string{"2019-01-01..2022-01-01"}},
		{prompt: "minutes from the first six months of 2023", kinds: []string{"minutes"}, periods: []string{"2023-01-01..2023-07-01"}},
		{prompt: "newsletters from the last three months of 2022", kinds: []string{"newsletter"}, periods: []string{"2022-10-01..2023-01-01"}},
		{prompt: "the most recent annual report", kinds: []string{"annual report"}, current: true},
		{prompt: "financial statements for the fiscal year ending March 2024", kinds: []string{"financial statement"}, periods: []string{"2023-04-01..2024-04-01"}},
		{prompt: "the budget for the fiscal year ending September 30, 2025", kinds: []string{"budget"}, periods: []string{"2024-10-01..2025-10-01"}},
		{prompt: "investment reports for the quarter ended June 30, 2024", kinds: []string{"report"}, core: []string{"investment"}, periods: []string{"2024-04-01..2024-07-01"}},
		{prompt: "Find the quarterly reports for Q4 2024 and Q1 2025.", kinds: []string{"quarterly report"},
			periods: []string{"2024-10-01..2025-01-01", "2025-01-01..2025-04-01"}},
		{prompt: "interim reports for the fourth quarter of 2023", kinds: []string{"quarterly report"},
			periods: []string{"2023-10-01..2024-01-01"}},
		{prompt: "Find all quarterly reports for the 2024 financial year.", kinds: []string{"quarterly report"},
			periods: []string{"2024-01-01..2025-01-01"}},
		{prompt: "Board minutes for FY2023-24", kinds: []string{"minutes"}, bodies: []string{"board"},
			periods: []string{"2023-07-01..2024-07-01"}},
		{prompt: "Board minutes for fiscal year 2024-25 (the fiscal year runs October 1 to September 30)", kinds: []string{"minutes"},
			bodies: []string{"board"}, periods: []string{"2024-10-01..2025-10-01"}},
		{prompt: "Find the university's current data privacy policy.", kinds: []string{"policy"}, core: []string{"data privacy"}, current: true},
		{prompt: "current policies on employee leave - vacation, sick leave, parental leave and other time off",
			kinds: []string{"policy"}, core: []string{"employee", "leave"}, optional: []string{"vacat", "sick", "parental", "time off"}, current: true},
		{prompt: "Find Clearbrook's annual water quality reports (Consumer Confidence Reports).",
			kinds: []string{"water quality report"}, core: []string{"clearbrook"}},
		{prompt: "school board minutes for the 2023-24 school year", kinds: []string{"minutes"}, bodies: []string{"school board"},
			periods: []string{"2023-07-01..2024-07-01"}},
		{prompt: "budget documents from last year", kinds: []string{"budget"}, periods: []string{"2024-01-01..2025-01-01"}},
		{prompt: "traffic reports 2022-2024", kinds: []string{"report"}, core: []string{"traffic"}, periods: []string{"2022-01-01..2025-01-01"}},
		{prompt: "traffic studies since 2020", kinds: []string{"study"}, core: []string{"traffic"}, periods: []string{"2020-01-01..2026-01-01"}},
		{prompt: "traffic studies from 2021 onwards", kinds: []string{"study"}, core: []string{"traffic"}, periods: []string{"2021-01-01..2026-01-01"}},
		{prompt: "budget reports from 2024", kinds: []string{"budget", "report"}, periods: []string{"2024-01-01..2025-01-01"}},
		{prompt: "minutes of the March 2025 meetings", kinds: []string{"minutes"}, periods: []string{"2025-03-01..2025-04-01"}},
		{prompt: "traffic studies between 2020 and 2022", kinds: []string{"study"}, core: []string{"traffic"}, periods: []string{"2020-01-01..2023-01-01"}},
		{prompt: "budgets for 2021 and 2023", kinds: []string{"budget"}, periods: []string{"2021-01-01..2022-01-01", "2023-01-01..2024-01-01"}},
		{prompt: "course catalogs for the academic year 2024-25", kinds: []string{"catalog"}, periods: []string{"2024-07-01..2025-07-01"}},
		{prompt: "interim report for the first half of 2025", kinds: []string{"quarterly report"}, periods: []string{"2025-01-01..2025-07-01"}},
		{prompt: "Request for proposals for road repair", kinds: []string{"solicitation"}, core: []string{"road", "repair"}},
		{prompt: "Find all documents", core: nil},
		{prompt: "Find the budget documents except the capital budget", kinds: []string{"budget"}, excludedTerms: []string{"capital"}},
		// Periods as general constructs.
		{prompt: "inspection reports for May, July and September 2023", kinds: []string{"report"}, core: []string{"inspect"},
			periods: []string{"2023-05-01..2023-06-01", "2023-07-01..2023-08-01", "2023-09-01..2023-10-01"}},
		{prompt: "inspection reports issued between August and November 2024", kinds: []string{"report"}, core: []string{"inspect"},
			periods: []string{"2024-08-01..2024-12-01"}},
		{prompt: "newsletters between March 2023 and June 2024", kinds: []string{"newsletter"},
			periods: []string{"2023-03-01..2024-07-01"}},
		{prompt: "newsletters from August to November 2024", kinds: []string{"newsletter"},
			periods: []string{"2024-08-01..2024-12-01"}},
		{prompt: "audit reports since mid-2023", kinds: []string{"audit"}, periods: []string{"2023-07-01..2026-01-01"}},
		{prompt: "H2 2023 newsletters", kinds: []string{"newsletter"}, periods: []string{"2023-07-01..2024-01-01"}},
		// A body's name is not a kind: "planning" is no plan, "budget" before a
		// body's head names the body; a body with words of its own is that body.
		{prompt: "Planning Board agendas 2024", kinds: []string{"agenda"}, bodies: []string{"planning commission"},
			periods: []string{"2024-01-01..2025-01-01"}},
		// A kind's word before a body's head stays a topic word (the body table
		// cannot tell a "Budget Committee" from a budget).
		{prompt: "budget subcommittee agendas 2024", kinds: []string{"agenda"}, bodies: []string{"committee"}, core: []string{"budget"},
			periods: []string{"2024-01-01..2025-01-01"}},
		{prompt: "airport board minutes 2023", kinds: []string{"minutes"}, bodies: []string{"airport board"}, core: []string{"airport"},
			periods: []string{"2023-01-01..2024-01-01"}},
		{prompt: "City Commission minutes from 2025", kinds: []string{"minutes"}, bodies: []string{"council"},
			periods: []string{"2025-01-01..2026-01-01"}},
		{prompt: "regular board meeting minutes", kinds: []string{"minutes"}, bodies: []string{"board"}},
		// Phrasing: questions, imperatives without "find", asides, exclusion verbs.
		{prompt: "Where can I find the library board's minutes from 2024?", kinds: []string{"minutes"}, bodies: []string{"library board"},
			periods: []string{"2024-01-01..2025-01-01"}},
		{prompt: "Which newsletters did the museum publish in 2022?", kinds: []string{"newsletter"}, core: []string{"museum"},
			periods: []string{"2022-01-01..2023-01-01"}},
		{prompt: "Could you pull the wildlife surveys? Not the draft ones.", kinds: []string{"study"}, core: []string{"wildlife"},
			excludedTerms: []string{"draft"}},
		{prompt: "I'm writing a thesis on coastal erosion, so I need the shoreline surveys - please skip anything about dredging.",
			kinds: []string{"study"}, core: []string{"shoreline"}, excludedTerms: []string{"dredg"}},
		{prompt: "We're preparing an audit and need every procurement policy; I don't need the forms.", kinds: []string{"policy"},
			excluded: []string{"form"}, core: []string{"procurement"}},
	}
	for _, tt := range tests {
		in := ParsePrompt(tt.prompt, now)
		check := func(what string, got, want []string) {
			if !slices.Equal(got, want) {
				t.Errorf("%q: %s = %q, want %q", tt.prompt, what, got, want)
			}
		}
		check("kinds", in.Kinds, tt.kinds)
		check("excluded", in.Excluded, tt.excluded)
		check("bodies", in.Bodies, tt.bodies)
		check("core", labels(in.Core), tt.core)
		check("optional", labels(in.Optional), tt.optional)
		check("periods", periods(in.Periods), tt.periods)
		check("excludedTerms", labels(in.ExcludedTerms), tt.excludedTerms)
		if in.Current != tt.current {
			t.Errorf("%q: current = %v", tt.prompt, in.Current)
		}
	}
}

func TestBodies(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Arts Council Minutes 2025-01-04", []string{"arts council"}},
		{"City Council minutes", []string{"council"}},
		{"Minutes of the Airport Authority Board", []string{"airport authority board"}},
		{"Regular Board Meeting", []string{"board"}},
		{"March Board meeting", []string{"board"}},
		{"Zoning Board of Appeals", []string{"zoning board"}},
		{"Boards and Commissions", []string{"board", "commission"}},
	} {
		var got []string
		ws := splitWords(tt.text)
		for _, m := range bodiesOf(ws, stemAll(ws)) {
			got = append(got, m.value)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("bodiesOf(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	for _, tt := range []struct {
		doc, want string
		match     bool
	}{
		{"airport authority board", "airport board", true}, // the prompt's words among the document's
		{"board", "airport board", true},                   // a bare Board (of Directors): its own words say which
		{"budget committee", "school committee", false},
		{"arts council", "council", false},
		{"council", "council", true},
		{"planning commission", "commission", true},
	} {
		if got := bodyMatches(tt.doc, tt.want); got != tt.match {
			t.Errorf("bodyMatches(%q, %q) = %v", tt.doc, tt.want, got)
		}
	}
	for _, tt := range []struct {
		doc, want string
		match     bool
	}{
		{"county commission", "board", true}, // the Board of Commissioners governs
		{"dda board", "board", true},
		{"zoning board", "board", false},
		{"engineering committee", "board", false},
		{"finance committee", "committee", true},
	} {
		if got := genericMatch(tt.doc, tt.want); got != tt.match {
			t.Errorf("genericMatch(%q, %q) = %v", tt.doc, tt.want, got)
		}
	}
}

func TestKindsOf(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"planning-20250110.pdf", nil},                     // a gerund is no plan
		{"Planning Board Minutes", []string{"minutes"}},    // nor a body's name
		{"Budget Subcommittee Agenda", []string{"agenda"}}, // a kind before a body's head names the body
		{"Board Packet", []string{"packet"}},               // a body only overlapping the kind leaves it
		{"Ruling on the motion", []string{"decision"}},     // kinds.txt lists the -ing word itself
		{"Adopted budget 2025", []string{"budget"}},
	} {
		var got []string
		for _, m := range kindsIn(tt.text) {
			got = append(got, m.value)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("kindsIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		text  string
		first string // first specific period, or the first year when none
	}{
		{"Feb. 25, 2025 Regular Meeting", "2025-02-25..2025-02-26"},
		{"Sept. 9, 2025", "2025-09-09..2025-09-10"},
		{"6 February 2025 at 8:00", "2025-02-06..2025-02-07"},
		{"CC-Minutes-2025-01-14.pdf", "2025-01-14..2025-01-15"},
		{"Special-Mtg-Minutes-10-29-24.pdf", "2024-10-29..2024-10-30"},
		{"/AgendaCenter/ViewFile/Minutes/_05132025-310", "2025-05-13..2025-05-14"},
		{"BOD-Minutes-061824.pdf", "2024-06-18..2024-06-19"},
		{"scan_20250319_0001.pdf", "2025-03-19..2025-03-20"},
		{"Minutes_Dec2024.pdf", "2024-12-01..2025-01-01"},
		{"Q4 · October–December 2024", "2024-10-01..2025-01-01"},
		{"INTERIM REPORT Q4 2024", "2024-10-01..2025-01-01"},
		{"the fourth quarter of 2024", "2024-10-01..2025-01-01"},
		{"Annual Report 2023", "2023-01-01..2024-01-01"},
		{"Adopted-Budget-FY2024-25.pdf", "2024-07-01..2025-07-01"},
		{"Catalog 2024-2025", "2024-07-01..2025-07-01"},
		{"Minutes 29.10.2024", "2024-10-29..2024-10-30"},
		{"July 2024 through June 2025", "2024-07-01..2025-07-01"},
		{"first half of 2025", "2025-01-01..2025-07-01"},
		{"no dates here, version 1.2.3", ""},
	}
	for _, tt := range tests {
		specific, years := findDates(tt.text)
		got := ""
		switch {
		case len(specific) > 0:
			got = periods(specific[:1])[0]
		case len(years) > 0:
			got = periods(years[:1])[0]
		}
		if got != tt.first {
			t.Errorf("findDates(%q) = %q, want %q", tt.text, got, tt.first)
		}
	}
}

// TestVocabulary checks the embedded vocabulary: every kind the engine's rules name
// exists in kinds.txt, and a phrase naming two kinds is refused.
func TestVocabulary(t *testing.T) {
	kinds := map[string]bool{}
	for _, k := range kindPhrases {
		kinds[k] = true
	}
	named := slices.Clone(wrapperKinds)
	for k, vs := range genericKinds {
		named = append(named, k)
		named = append(named, vs...)
	}
	for k := range meetingKinds {
		named = append(named, k)
	}
	for _, k := range named {
		if !kinds[k] {
			t.Errorf("the rules name kind %q, which kinds.txt does not define", k)
		}
	}
	if _, err := loadKinds("a: order\nb: orders\n"); err == nil {
		t.Error("a phrase whose stem names two kinds was accepted")
	}
	if _, err := loadKinds("a: order, order\n"); err == nil {
		t.Error("a phrase listed twice was accepted")
	}
	if _, err := loadKinds("no colon here\n"); err == nil {
		t.Error("a malformed line was accepted")
	}
}

func TestSiteFiscalStart(t *testing.T) {
	for text, want := range map[string]int{
		"Fernvale's fiscal year runs October 1 through September 30.": 10,
		"Our financial year runs from 1 April to 31 March.":           4,
		"The District's fiscal year begins on July 1.":                7,
		"The financial year ends on 31 March each year.":              4,
		"Our fiscal year ending June 30":                              7,
		"We publish a report every year.":                             0,
	} {
		if got := SiteFiscalStart(text); got != want {
			t.Errorf("SiteFiscalStart(%q) = %d, want %d", text, got, want)
		}
	}
	// A prompt's fiscal year follows the site's start month; a prompt that states
	// its own keeps it.
	now := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	in := ParsePrompt("quarterly reports for fiscal year 2024", now).WithFiscalStart("quarterly reports for fiscal year 2024", now, 10)
	if got := periods(in.Periods); !slices.Equal(got, []string{"2023-10-01..2024-10-01"}) {
		t.Errorf("fiscal 2024 with an October start = %v", got)
	}
	p := "annual reports for 2022/23 and 2023/24"
	in = ParsePrompt(p, now).WithFiscalStart(p, now, 4)
	if got := periods(in.Periods); !slices.Equal(got, []string{"2022-04-01..2023-04-01", "2023-04-01..2024-04-01"}) {
		t.Errorf("split years with an April start = %v", got)
	}
	p = "minutes for FY2024-25 (our fiscal year runs July 1 to June 30)"
	in = ParsePrompt(p, now).WithFiscalStart(p, now, 10)
	if got := periods(in.Periods); !slices.Equal(got, []string{"2024-07-01..2025-07-01"}) {
		t.Errorf("a prompt's own start month = %v", got)
	}
	p = "the 2024 annual report"
	if in := ParsePrompt(p, now).WithFiscalStart(p, now, 10); !slices.Equal(periods(in.Periods), []string{"2024-01-01..2025-01-01"}) {
		t.Errorf("a calendar year moved with the fiscal start: %v", periods(in.Periods))
	}
}

func TestStem(t *testing.T) {
	for w, want := range map[string]string{
		"electricity": "electric", "electric": "electric", "publicity": "public", "meetings": "meet",
		"planning": "plan", "protection": "protect", "policies": "policy", "city": "city", "status": "status",
	} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
	// A noun made from a verb with "-al" is the verb; other words ending in
	// "-al" are not touched, and a proposal is not the status "proposed".
	for _, same := range [][]string{{"renewal", "renewals", "renewing", "renewed"}, {"removal", "removed", "removing"},
		{"withdrawal", "withdrawing"}, {"referral", "referred"}, {"disposal", "disposing"}} {
		for _, w := range same[1:] {
			if stem(w) != stem(same[0]) {
				t.Errorf("stem(%q) = %q, stem(%q) = %q: want one word", w, stem(w), same[0], stem(same[0]))
			}
		}
	}
	for _, w := range []string{"annual", "capital", "hospital", "proposal", "approval", "rental"} {
		if w != "rental" && stem(w) != w {
			t.Errorf("stem(%q) = %q, want it unchanged", w, stem(w))
		}
	}
	if stem("proposal") == stem("proposed") {
		t.Error("a proposal reads as the status proposed")
	}
}

func TestFiscalYearLabels(t *testing.T) {
	for s, want := range map[string][]int{
		"the upwp for fiscal year 2026":       {2026},
		"fy26 budget":                         {2026},
		"fy 2024 and fy 2025 audits":          {2024, 2025},
		"reports for the 2024 financial year": {2024},
		"minutes for fiscal year 2024-25":     nil, // a split year is a span, not a label
		"fy2024-25 budget":                    nil,
		"budget 2026":                         nil,
	} {
		if got := fiscalYearLabels(s); !slices.Equal(got, want) {
			t.Errorf("fiscalYearLabels(%q) = %v, want %v", s, got, want)
		}
	}
}
