package discovery

import (
	"testing"
	"time"
)

func TestAmericanSpelling(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"organisation", "organization"}, {"organisations", "organizations"}, {"recognised", "recognized"},
		{"harbour", "harbor"}, {"labour", "labor"}, {"behaviours", "behaviors"}, {"centre", "center"}, {"metres", "meters"},
		{"programme", "program"}, {"programmes", "programs"}, {"catalogue", "catalog"}, {"analyse", "analyze"},
		{"licence", "license"}, {"defence", "defense"}, {"grey", "gray"},
		// unchanged: too short for a rule, or not a British form
		{"hour", "hour"}, {"four", "four"}, {"raise", "raise"}, {"genre", "genre"}, {"rogue", "rogue"}, {"selling", "selling"}, {"minutes", "minutes"},
	} {
		if got := americanSpelling(tc.in); got != tc.want {
			t.Errorf("americanSpelling(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if stem("organisations") != stem("organization") || stem("harbours") != stem("harbor") {
		t.Error("British and American spellings stem apart")
	}
}

func TestOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"comittee", "committee", true}, {"minuets", "minutes", true}, {"budjet", "budget", true}, {"agenda", "agendas", true},
		{"minutes", "minutes", false}, {"police", "policy", true}, {"report", "resort", true}, {"abc", "cba", false}, {"budget", "gadget", false},
	} {
		if got := oneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCorrectTypos(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"finance comittee minutes", "finance committee minutes"},
		{"council minuets from 2024", "council minutes from 2024"},
		{"police reports from 2024", "police reports from 2024"},       // a real word, and a kind is named
		{"the anual report", "the anual report"},                       // two neighbours (annual, manual): left alone
		{"police department documents", "police department documents"}, // a real word one substitution from "policy"
	} {
		if got := correctTypos(tc.in); got != tc.want {
			t.Errorf("correctTypos(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInitialsSpell(t *testing.T) {
	for _, tc := range []struct {
		text, acronym string
		want          bool
	}{
		{"Admissions and Continued Occupancy Policy (ACOP)", "acop", true},
		{"Community Risk Management Plan 2024-2028", "crmp", true},
		{"Standard Operating Procedure - Laboratory Safety", "sop", true},
		{"Community Risk Plan", "crmp", false},
		{"Annual report", "crmp", false},
	} {
		if got := initialsSpell(tc.text, tc.acronym); got != tc.want {
			t.Errorf("initialsSpell(%q, %q) = %v, want %v", tc.text, tc.acronym, got, tc.want)
		}
	}
}

func TestLatestOnly(t *testing.T) {
	d := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	hs := []held{{doc: Document{URL: "a"}, from: d(2023), dated: true}, {doc: Document{URL: "b"}, from: d(2024), dated: true},
		{doc: Document{URL: "c"}, from: d(2024), dated: true}, {doc: Document{URL: "d"}}}
	got := latestOnly(hs)
	if len(got) != 2 || got[0].URL != "b" || got[1].URL != "c" {
		t.Errorf("latestOnly = %v, want b and c", got)
	}
	if got := latestOnly([]held{{doc: Document{URL: "x"}}, {doc: Document{URL: "y"}}}); len(got) != 2 {
		t.Errorf("undated documents: %v, want both", got)
	}
}
