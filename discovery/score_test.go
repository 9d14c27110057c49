package discovery

import (
	"net/url"
	"testing"
	"time"
)

// ev builds evidence for a link with the given fields and document content.
func ev(rawURL string, l link, title string, lines ...string) *evidence {
	u, _ := url.Parse(rawURL)
	l.url = u
	return newEvidence(l, "", content{title: title, lines: lines})
}

func TestScoreSeparatesKindsBodiesAndPeriods(t *testing.T) {
	in := ParsePrompt("Find all City Council meeting minutes from 2025.", time.Now())
	council := ev("http://x/AgendaCenter/ViewFile/Minutes/_02252025-305", link{anchor: "View", column: "Minutes", row: "Feb. 25, 2025 Regular Meeting", caption: "City Council – 2025"},
		"", "CITY OF RIVERTON", "MINUTES OF THE REGULAR MEETING OF THE CITY COUNCIL")
	agenda := ev("http://x/AgendaCenter/ViewFile/Agenda/_02252025-305", link{anchor: "PDF", title: "Agenda - February 25, 2025", column: "Agenda", row: "Feb. 25, 2025 Regular Meeting"},
		"", "CITY OF RIVERTON", "AGENDA", "REGULAR MEETING OF THE CITY COUNCIL")
	planning := ev("http://x/files/planning/PC-Minutes-2025-03-18.pdf", link{anchor: "March 18, 2025 minutes"},
		"", "CITY OF RIVERTON", "MINUTES OF THE PLANNING COMMISSION")
	old := ev("http://x/files/minutes/2024/CC-Minutes-2024-12-10.pdf", link{anchor: "Download", column: "Minutes", row: "Dec. 10, 2024 Regular Meeting"},
		"", "MINUTES OF THE REGULAR MEETING OF THE CITY COUNCIL")
	sc := newScorer(in, []*evidence{council, agenda, planning, old}, nil)
	tests := []struct {
		name     string
		e        *evidence
		min, max float64
	}{
		{"council minutes", council, 0.7, 1},
		{"agenda", agenda, 0, 0.2},
		{"planning commission minutes", planning, 0, 0.25},
		{"2024 minutes", old, 0, 0.15},
	}
	for _, tt := range tests {
		got, why := sc.score(tt.e)
		if got < tt.min || got > tt.max {
			t.Errorf("%s: score %.2f (%s), want in [%.2f, %.2f]", tt.name, got, why, tt.min, tt.max)
		}
	}
}

func TestScoreStatusAndSynonyms(t *testing.T) {
	in := ParsePrompt("Find the current data privacy policy.", time.Now())
	current := ev("http://x/p?id=214", link{anchor: "IT-014", row: "IT-014 – Protection of Personal Information PDF"}, "IT-014 Protection of Personal Information", "UNIVERSITY POLICY", "IT-014 Protection of Personal Information")
	superseded := ev("http://x/p?id=88", link{anchor: "PDF", row: "IT-014 Protection of Personal Information Superseded (2021)", pageNote: "Policy archive The documents on this page are not current policy."},
		"IT-014 Protection of Personal Information", "UNIVERSITY POLICY")
	research := ev("http://x/p?id=701", link{anchor: "RS-401 Research Data Management"}, "RS-401 Research Data Management", "UNIVERSITY POLICY", "RS-401 Research Data Management",
		"Responsible office: Research", "Status: Current", "Researchers must respect privacy when handling data.")
	form := ev("http://x/forms/Data-Access-Request-Form.docx", link{anchor: "Data Access Request Form"}, "", "Request for access to personal information")
	sc := newScorer(in, []*evidence{current, superseded, research, form}, nil)
	for _, tt := range []struct {
		name     string
		e        *evidence
		min, max float64
	}{
		{"current policy", current, 0.7, 1},
		{"superseded version", superseded, 0, 0.2},
		{"another policy mentioning privacy", research, 0, 0.55},
		{"a form", form, 0, 0.15},
	} {
		if got, why := sc.score(tt.e); got < tt.min || got > tt.max {
			t.Errorf("%s: score %.2f (%s), want in [%.2f, %.2f]", tt.name, got, why, tt.min, tt.max)
		}
	}
}

func TestWrapperKinds(t *testing.T) {
	guide := ev("http://x/How-to-Read-Your-CCR.pdf", link{anchor: "How to read your water quality report"}, "")
	if k := guide.kinds(); len(k) != 1 || k[0] != "guide" {
		t.Errorf("kinds = %v, want [guide]", k)
	}
	q := ev("http://x/media/2502/report.pdf", link{anchor: "Report", row: "Q4 · October–December 2024"}, "report")
	if k := q.kinds(); len(k) != 1 || k[0] != "quarterly report" {
		t.Errorf("kinds = %v, want [quarterly report]", k)
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		e    *evidence
		want string
	}{
		{ev("http://x/uploads/doc_4471.pdf", link{anchor: "Download", column: "Minutes", row: "Feb. 25, 2025 Regular Meeting"}, "SCAN0003"), "Minutes – Feb. 25, 2025 Regular Meeting"},
		{ev("http://x/a.pdf", link{anchor: "PDF"}, "Northwind Optics Group Annual Report 2022"), "Northwind Optics Group Annual Report 2022"},
		{ev("http://x/a.pdf", link{anchor: "Council minutes, January 14"}, "Microsoft Word - minutes.docx"), "Council minutes, January 14"},
		{ev("http://x/files/report-final.pdf", link{anchor: "Download"}, ""), "report-final.pdf"},
	}
	for _, tt := range tests {
		if got := tt.e.name(); got != tt.want {
			t.Errorf("name = %q, want %q", got, tt.want)
		}
	}
}

func TestSiteWordsAndWeakTermsMatterLittle(t *testing.T) {
	in := ParsePrompt("Find Northwind Optics annual water reports", time.Now())
	site := map[string]bool{"northwind": true, "optic": true, "group": true}
	doc := ev("http://x/water-2023.pdf", link{anchor: "Water report 2023"}, "Water Report 2023", "WATER REPORT")
	other := ev("http://x/parks.pdf", link{anchor: "Parks report"}, "Parks Report", "PARKS REPORT")
	sc := newScorer(in, []*evidence{doc, other}, site)
	if got, why := sc.score(doc); got < 0.6 {
		t.Errorf("a water report lacking the site's name and 'annual' scores %.2f (%s)", got, why)
	}
	if got, why := sc.score(other); got > 0.25 {
		t.Errorf("a parks report scores %.2f (%s)", got, why)
	}
}
