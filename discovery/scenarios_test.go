package discovery

import (
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

// Scenarios on sites built here, unlike the benchmark corpus, to keep the engine
// honest about the kinds of pages it has not been tuned on.

func TestScenarioCountyBoards(t *testing.T) {
	res := map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Marlow County, Virginia</title></head><body><a href="/government/meetings.html">Meetings</a></body></html>`),
		"/government/meetings.html": testsite.HTML(`<html><head><title>Meetings | Marlow County</title></head><body>
			<h1>Board of Supervisors</h1>
			<h3>2024</h3><ul>
			<li>March 12 <a href="/docs/bos/0312.pdf">Minutes</a> <a href="/docs/bos/0312-agenda.pdf">Agenda</a></li>
			<li>February 13 <a href="/docs/bos/0213.pdf">Minutes</a></li></ul>
			<h3>2023</h3><ul><li>December 12 <a href="/docs/bos/1212.pdf">Minutes</a></li></ul>
			<h1>Board of Zoning Appeals</h1>
			<ul><li>March 5, 2024 <a href="/docs/bza/0305.pdf">Minutes</a></li></ul>
			</body></html>`),
		"/docs/bos/0312.pdf":        testsite.PDFFile("scan", ""),
		"/docs/bos/0312-agenda.pdf": testsite.PDFFile("scan", ""),
		"/docs/bos/0213.pdf":        testsite.PDFFile("", "MARLOW COUNTY BOARD OF SUPERVISORS\nMINUTES\nFebruary 13, 2024"),
		"/docs/bos/1212.pdf":        testsite.PDFFile("", "MARLOW COUNTY BOARD OF SUPERVISORS\nMINUTES\nDecember 12, 2023"),
		"/docs/bza/0305.pdf":        testsite.PDFFile("", "BOARD OF ZONING APPEALS\nMINUTES\nMarch 5, 2024"),
	}
	site := testsite.New(res)
	defer site.Close()
	expect(t, site, "/", "Board of Supervisors meeting minutes for 2024", false, 0.5, "/docs/bos/0213.pdf", "/docs/bos/0312.pdf")
}

func TestScenarioSchoolYearAndExclusions(t *testing.T) {
	res := map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Elm Valley Unified School District</title></head><body>
			<h2>Board of Education</h2>
			<table><tr><th>Meeting</th><th>Minutes</th></tr>
			<tr><td>June 10, 2024</td><td><a href="/m/2024-06-10.pdf">PDF</a></td></tr>
			<tr><td>September 9, 2023</td><td><a href="/m/2023-09-09.pdf">PDF</a></td></tr>
			<tr><td>June 12, 2023</td><td><a href="/m/2023-06-12.pdf">PDF</a></td></tr></table>
			<h2>Budget</h2><ul>
			<li><a href="/b/operating-2024-25.pdf">Operating Budget 2024-25</a></li>
			<li><a href="/b/capital-2024-25.pdf">Capital Budget 2024-25</a></li></ul></body></html>`),
		"/m/2024-06-10.pdf":        testsite.PDFFile("", "BOARD OF EDUCATION\nREGULAR MEETING MINUTES\nJune 10, 2024"),
		"/m/2023-09-09.pdf":        testsite.PDFFile("", "BOARD OF EDUCATION\nREGULAR MEETING MINUTES\nSeptember 9, 2023"),
		"/m/2023-06-12.pdf":        testsite.PDFFile("", "BOARD OF EDUCATION\nREGULAR MEETING MINUTES\nJune 12, 2023"),
		"/b/operating-2024-25.pdf": testsite.PDFFile("Operating Budget 2024-25", "ADOPTED OPERATING BUDGET"),
		"/b/capital-2024-25.pdf":   testsite.PDFFile("Capital Budget 2024-25", "CAPITAL BUDGET"),
	}
	site := testsite.New(res)
	defer site.Close()
	expect(t, site, "/", "school board minutes for the 2023-24 school year", true, 0.5, "/m/2023-09-09.pdf", "/m/2024-06-10.pdf")
	expect(t, site, "/", "Find the district budget documents except the capital budget", true, 0.5, "/b/operating-2024-25.pdf")
}

func TestScenarioCompanyHalfYear(t *testing.T) {
	res := map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Fjordline ASA — Investors</title></head><body>
			<div class="item"><span>Half-year report H1 2025</span> <a href="/ir/h1-2025.pdf">Download</a> <a href="/ir/h1-2025-slides.pdf">Slides</a></div>
			<div class="item"><span>Half-year report H1 2024</span> <a href="/ir/h1-2024.pdf">Download</a></div>
			<div class="item"><span>Annual report 2024</span> <a href="/ir/ar-2024.pdf">Download</a></div></body></html>`),
		"/ir/h1-2025.pdf":        testsite.PDFFile("Fjordline Half-year Report 2025", "FJORDLINE ASA\nHALF-YEAR REPORT\nJanuary–June 2025"),
		"/ir/h1-2025-slides.pdf": testsite.PDFFile("H1 2025 presentation", "FJORDLINE ASA\nPRESENTATION H1 2025"),
		"/ir/h1-2024.pdf":        testsite.PDFFile("Fjordline Half-year Report 2024", "FJORDLINE ASA\nHALF-YEAR REPORT\nJanuary–June 2024"),
		"/ir/ar-2024.pdf":        testsite.PDFFile("Fjordline Annual Report 2024", "FJORDLINE ASA\nANNUAL REPORT 2024"),
	}
	site := testsite.New(res)
	defer site.Close()
	expect(t, site, "/", "Find Fjordline's half-year report for 2025", true, 0.5, "/ir/h1-2025.pdf")
}

func TestScenarioDepartmentAndRelativeDates(t *testing.T) {
	res := map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>City of Ashby</title></head><body>
			<h2>Public Works Department</h2><ul>
			<li><a href="/pw/pavement-2025.pdf">Pavement Condition Report 2025</a></li>
			<li><a href="/pw/pavement-2022.pdf">Pavement Condition Report 2022</a></li></ul>
			<h2>Parks Department</h2><ul><li><a href="/parks/report-2025.pdf">Parks Annual Report 2025</a></li></ul></body></html>`),
		"/pw/pavement-2025.pdf":  testsite.PDFFile("Pavement Condition Report 2025", "PUBLIC WORKS DEPARTMENT\nPAVEMENT CONDITION REPORT"),
		"/pw/pavement-2022.pdf":  testsite.PDFFile("Pavement Condition Report 2022", "PUBLIC WORKS DEPARTMENT\nPAVEMENT CONDITION REPORT"),
		"/parks/report-2025.pdf": testsite.PDFFile("Parks Annual Report 2025", "PARKS DEPARTMENT\nANNUAL REPORT"),
	}
	site := testsite.New(res)
	defer site.Close()
	now := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	expectAt(t, site, "/", "Public Works pavement reports from the last two years", true, 0.5, now, "/pw/pavement-2025.pdf")
}

func expect(t *testing.T, site *testsite.Site, start, prompt string, singlePage bool, threshold float64, want ...string) {
	t.Helper()
	expectAt(t, site, start, prompt, singlePage, threshold, time.Time{}, want...)
}

func expectAt(t *testing.T, site *testsite.Site, start, prompt string, singlePage bool, threshold float64, now time.Time, want ...string) {
	t.Helper()
	var docs []Document
	var all []Document
	req := Request{StartURL: site.URL + start, Prompt: prompt, SinglePage: singlePage, ConfidenceThreshold: 0, Now: now}
	_, _, _, err := func() ([]Document, Progress, []string, error) {
		d, p, w, err := collect(t, New(Config{AllowPrivateNetworks: true}), req)
		all = d
		return d, p, w, err
	}()
	if err != nil {
		t.Fatalf("%q: %v", prompt, err)
	}
	for _, d := range all {
		if d.Confidence >= threshold {
			docs = append(docs, d)
		}
	}
	slices.Sort(want)
	if got := paths(docs); !slices.Equal(got, want) {
		var detail string
		for _, d := range all {
			detail += fmt.Sprintf("\n  %.2f %s %s", d.Confidence, d.URL[len(site.URL):], d.Why)
		}
		t.Errorf("%q: documents = %v, want %v%s", prompt, got, want, detail)
	}
}

func TestScenarioDocumentCenterAndOrdinances(t *testing.T) {
	res := map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Town of Bexley</title></head><body><a href="/government/ordinances">Ordinances</a> <a href="/hr">Human Resources</a></body></html>`),
		"/government/ordinances": testsite.HTML(`<html><head><title>Ordinances</title></head><body><h1>Adopted ordinances</h1>
			<table><thead><tr><th>Number</th><th>Title</th><th>Adopted</th></tr></thead><tbody>
			<tr><td><a href="/DocumentCenter/View/881/Ordinance-2024-05">2024-05</a></td><td>Short-term rental regulations</td><td>May 14, 2024</td></tr>
			<tr><td><a href="/DocumentCenter/View/902/Ordinance-2024-11">2024-11</a></td><td>Sidewalk repair program</td><td>November 12, 2024</td></tr>
			<tr><td><a href="/DocumentCenter/View/760/Ordinance-2023-19">2023-19</a></td><td>Tree preservation</td><td>December 5, 2023</td></tr>
			<tr><td><a href="/DocumentCenter/View/905/Resolution-2024-30">Res. 2024-30</a></td><td>Fee schedule resolution</td><td>November 12, 2024</td></tr>
			</tbody></table></body></html>`),
		"/DocumentCenter/View/881/Ordinance-2024-05":  {ContentType: "application/pdf", Body: testsite.PDF("", "TOWN OF BEXLEY\nORDINANCE NO. 2024-05\nShort-term rental regulations", 0)},
		"/DocumentCenter/View/902/Ordinance-2024-11":  {ContentType: "application/pdf", Body: testsite.PDF("", "TOWN OF BEXLEY\nORDINANCE NO. 2024-11\nSidewalk repair program", 0)},
		"/DocumentCenter/View/760/Ordinance-2023-19":  {ContentType: "application/pdf", Body: testsite.PDF("", "TOWN OF BEXLEY\nORDINANCE NO. 2023-19\nTree preservation", 0)},
		"/DocumentCenter/View/905/Resolution-2024-30": {ContentType: "application/pdf", Body: testsite.PDF("", "TOWN OF BEXLEY\nRESOLUTION NO. 2024-30\nFee schedule", 0)},
		"/hr": testsite.HTML(`<html><head><title>Human Resources</title></head><body><h1>Human Resources</h1><ul>
			<li><a href="/files/employee-handbook-2025.pdf">Employee Handbook (2025 edition)</a></li>
			<li><a href="/files/employee-handbook-2019.pdf">Employee Handbook (2019 edition, superseded)</a></li>
			<li><a href="/files/volunteer-handbook.pdf">Volunteer Handbook</a></li>
			<li><a href="/files/job-application.pdf">Employment application</a></li></ul></body></html>`),
		"/files/employee-handbook-2025.pdf": testsite.PDFFile("Employee Handbook", "TOWN OF BEXLEY\nEMPLOYEE HANDBOOK\nEffective January 1, 2025"),
		"/files/employee-handbook-2019.pdf": testsite.PDFFile("Employee Handbook", "TOWN OF BEXLEY\nEMPLOYEE HANDBOOK\nEffective July 1, 2019"),
		"/files/volunteer-handbook.pdf":     testsite.PDFFile("Volunteer Handbook", "TOWN OF BEXLEY\nVOLUNTEER HANDBOOK"),
		"/files/job-application.pdf":        testsite.PDFFile("Employment Application", "TOWN OF BEXLEY\nAPPLICATION FOR EMPLOYMENT"),
	}
	site := testsite.New(res)
	defer site.Close()
	expect(t, site, "/", "Find the ordinances adopted in 2024", false, 0.5,
		"/DocumentCenter/View/881/Ordinance-2024-05", "/DocumentCenter/View/902/Ordinance-2024-11")
	expect(t, site, "/", "Find the current employee handbook", false, 0.5, "/files/employee-handbook-2025.pdf")
}

func TestScenarioAgendasAndMinutesTogether(t *testing.T) {
	res := map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Harbor Authority</title></head><body>
			<h2>Board meetings 2025</h2>
			<details><summary>April 2025</summary>
			<p><a href="/b/2025-04-agenda.pdf">Agenda – April 22, 2025</a> · <a href="/b/2025-04-minutes.pdf">Minutes – April 22, 2025</a> · <a href="/b/2025-04-packet.pdf">Board packet</a></p></details>
			<details><summary>March 2025</summary>
			<p><a href="/b/2025-03-agenda.pdf">Agenda – March 25, 2025</a> · <a href="/b/2025-03-minutes.pdf">Minutes – March 25, 2025</a></p></details>
			<h2>Finance Committee</h2><p><a href="/fc/2025-04-minutes.pdf">Finance Committee minutes – April 8, 2025</a></p></body></html>`),
		"/b/2025-04-agenda.pdf":   testsite.PDFFile("Board Agenda April 22 2025", "AGENDA"),
		"/b/2025-04-minutes.pdf":  testsite.PDFFile("Board Minutes April 22 2025", "MINUTES"),
		"/b/2025-04-packet.pdf":   testsite.PDFFile("Board Packet April 22 2025", "BOARD PACKET"),
		"/b/2025-03-agenda.pdf":   testsite.PDFFile("Board Agenda March 25 2025", "AGENDA"),
		"/b/2025-03-minutes.pdf":  testsite.PDFFile("Board Minutes March 25 2025", "MINUTES"),
		"/fc/2025-04-minutes.pdf": testsite.PDFFile("Finance Committee Minutes", "FINANCE COMMITTEE\nMINUTES"),
	}
	site := testsite.New(res)
	defer site.Close()
	expect(t, site, "/", "board agendas and minutes from April 2025", true, 0.5, "/b/2025-04-agenda.pdf", "/b/2025-04-minutes.pdf")
}

// TestScenarioTrailVouchesForKind: a menu link "Ordinances" leads to a page whose
// links name only chapters; the trail of link text names their kind.
func TestScenarioTrailVouchesForKind(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Town of Elmford</title></head><body><nav><a href="/code/">Ordinances</a> <a href="/forms/">Forms</a></nav></body></html>`),
		"/code/": testsite.HTML(`<h1>Town code</h1><ul><li><a href="/code/ch12.pdf">Chapter 12 – Zoning</a></li>
			<li><a href="/code/ch14.pdf">Chapter 14 – Noise</a></li></ul>`),
		"/forms/":                    testsite.HTML(`<h1>Forms</h1><ul><li><a href="/forms/zoning-variance.pdf">Zoning variance request</a></li></ul>`),
		"/code/ch12.pdf":             testsite.PDFFile("Chapter 12", "Chapter 12\nZoning"),
		"/code/ch14.pdf":             testsite.PDFFile("Chapter 14", "Chapter 14\nNoise"),
		"/forms/zoning-variance.pdf": testsite.PDFFile("Zoning variance request form", "Request for a zoning variance"),
	})
	defer site.Close()
	expect(t, site, "/", "Find the town's zoning ordinance", false, 0.5, "/code/ch12.pdf")
}

// TestWordNetSynonyms: a topic word the site spells with a WordNet synonym still
// matches, for a little less than the prompt's own word.
func TestWordNetSynonyms(t *testing.T) {
	in := ParsePrompt("tenancy rules", time.Now())
	if len(in.Core) == 0 || !slices.ContainsFunc(in.Core[0].Lexical, func(a []string) bool { return slices.Equal(a, []string{"occupancy"}) }) {
		t.Fatalf("core = %+v, want tenancy with WordNet's occupancy", in.Core)
	}
	mk := func(anchor string) *evidence {
		u := mustURL("https://example.gov/docs/a.pdf")
		return newEvidence(link{url: u, anchor: anchor, source: "https://example.gov/"}, "", content{})
	}
	g := in.Core[0]
	own, syn, none := mk("Tenancy rules").groupMatch(g, nil), mk("Occupancy rules").groupMatch(g, nil), mk("Parking rules").groupMatch(g, nil)
	if !(own > syn && syn > none) || syn != strong*wordnetWeight {
		t.Errorf("matches: own word %.2f, WordNet synonym %.2f, unrelated %.2f", own, syn, none)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
