package discovery

import (
	"fmt"
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
