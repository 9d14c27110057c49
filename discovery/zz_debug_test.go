package discovery

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestZZIntent(t *testing.T) {
	for _, p := range strings.Split(os.Getenv("PROMPTS"), "|") {
		if p == "" {
			continue
		}
		in := ParsePrompt(p, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
		fmt.Printf("%q\n  kinds=%v excl=%v exclTerms=%v bodies=%v current=%v final=%v head=%d\n", p, in.Kinds, in.Excluded, in.ExcludedTerms, in.Bodies, in.Current, in.Final, in.Head)
		for _, g := range in.Core {
			fmt.Printf("  core %q %v lex=%d\n", g.Label, g.Alts, len(g.Lexical))
		}
		for _, pr := range in.Periods {
			fmt.Printf("  period %s..%s\n", pr.From.Format("2006-01-02"), pr.To.Format("2006-01-02"))
		}
	}
	if s := os.Getenv("DATES"); s != "" {
		sp, ys := findDates(s)
		fmt.Println("dates:", periodsOf(sp), periodsOf(ys))
	}
}

func periodsOf(ps []Period) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.From.Format("2006-01-02")+".."+p.To.Format("2006-01-02"))
	}
	return out
}
