package discovery

import (
	"fmt"
	"testing"
	"time"
)

func TestPrintIntents(t *testing.T) {
	for _, p := range []string{
		"Find all City Council meeting minutes from 2025.",
		"Find the City Council meeting agendas - just the agendas, not the agenda packets or the minutes.",
		"Find all of Northwind Optics' annual reports.",
		"Find the quarterly reports for Q4 2024 and Q1 2025.",
		"Find all quarterly reports for the 2024 financial year.",
		"Find the university's current data privacy policy.",
		"Find all current university policies on employee leave - vacation, sick leave, parental leave and other time off work.",
		"Find Clearbrook's annual water quality reports (Consumer Confidence Reports).",
		"Find the Board of Directors meeting minutes for fiscal year 2024-25 (the District's fiscal year runs July 1 to June 30).",
		"Find the annual water quality reports.",
		"budget documents from last year",
		"reports 2022–2024",
	} {
		in := ParsePrompt(p, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
		var core, opt []string
		for _, g := range in.Core {
			core = append(core, g.Label)
		}
		for _, g := range in.Optional {
			opt = append(opt, g.Label)
		}
		var per []string
		for _, x := range in.Periods {
			per = append(per, x.From.Format("2006-01-02")+".."+x.To.Format("2006-01-02"))
		}
		fmt.Printf("%s\n  kinds=%v excl=%v bodies=%v core=%v opt=%v periods=%v current=%v\n", p, in.Kinds, in.Excluded, in.Bodies, core, opt, per, in.Current)
	}
}
