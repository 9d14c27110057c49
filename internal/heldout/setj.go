package heldout

import (
	"fmt"
	"strings"
)

// Set J: written after set I's change and before any further engine change, to
// test the shapes of real sites rather than vocabulary: meeting tables whose
// links read only "Agenda" and "Minutes", year archives, extension-less
// document-center links, "Download" links under a heading, paginated report
// lists and generic upload names. A county, a listed company's investor pages
// and a university research office. Write it with Write("j", dir); measure it, do
// not tune on it.

// ---- Oakridge County ----

type meeting struct {
	date, kind string
	agenda     doc
	minutes    *doc // nil: not yet posted
}

func meetings(body, prefix string, first int, dates []string, kinds []string, minutesFrom int) []meeting {
	var ms []meeting
	for i, d := range dates {
		id := first + 2*i
		m := meeting{date: d, kind: kinds[i],
			agenda: doc{path: fmt.Sprintf("/DocumentCenter/View/%d", id), file: fmt.Sprintf("/_files/%s-agenda-%d.pdf", prefix, id),
				title: body + " Agenda", text: "OAKRIDGE COUNTY\n" + strings.ToUpper(body) + "\nAGENDA\n" + kinds[i] + "\n" + d, link: "Agenda"}}
		if i >= minutesFrom {
			m.minutes = &doc{path: fmt.Sprintf("/DocumentCenter/View/%d", id+1), file: fmt.Sprintf("/_files/%s-minutes-%d.pdf", prefix, id+1),
				title: "Minutes", text: "OAKRIDGE COUNTY\n" + strings.ToUpper(body) + "\nMINUTES\n" + kinds[i] + "\n" + d, link: "Minutes"}
		}
		ms = append(ms, m)
	}
	return ms
}

var (
	okBOS2025 = meetings("Board of Supervisors", "bos", 4101,
		[]string{"June 10, 2025", "May 13, 2025", "April 22, 2025", "April 8, 2025", "March 11, 2025", "February 11, 2025", "January 14, 2025"},
		[]string{"Regular Meeting", "Regular Meeting", "Special Meeting", "Regular Meeting", "Regular Meeting", "Regular Meeting", "Regular Meeting"}, 1)
	okBOS2024 = meetings("Board of Supervisors", "bos", 3101,
		[]string{"December 10, 2024", "November 12, 2024", "October 8, 2024"},
		[]string{"Regular Meeting", "Regular Meeting", "Regular Meeting"}, 0)
	okPC2025 = meetings("Planning Commission", "pc", 4201,
		[]string{"May 21, 2025", "April 16, 2025", "March 19, 2025"},
		[]string{"Regular Meeting", "Regular Meeting", "Regular Meeting"}, 0)
	okBudget = []doc{
		{path: "/DocumentCenter/View/3950", file: "/_files/budget-adopted-2025-26.pdf", title: "FY 2025-26 Adopted Budget", text: "OAKRIDGE COUNTY\nAdopted Budget\nFiscal Year 2025-26\nJuly 1, 2025 - June 30, 2026", link: "Download (PDF, 8.2 MB)"},
		{path: "/DocumentCenter/View/3902", file: "/_files/budget-recommended-2025-26.pdf", title: "FY 2025-26 Recommended Budget", text: "OAKRIDGE COUNTY\nRecommended Budget\nFiscal Year 2025-26", link: "Download (PDF, 7.9 MB)"},
		{path: "/DocumentCenter/View/3510", file: "/_files/budget-adopted-2024-25.pdf", title: "FY 2024-25 Adopted Budget", text: "OAKRIDGE COUNTY\nAdopted Budget\nFiscal Year 2024-25", link: "Download (PDF, 7.7 MB)"},
	}
)

func meetingDocs(ms []meeting) []doc {
	var ds []doc
	for _, m := range ms {
		ds = append(ds, m.agenda)
		if m.minutes != nil {
			ds = append(ds, *m.minutes)
		}
	}
	return ds
}

func meetingTable(ms []meeting) string {
	var b strings.Builder
	b.WriteString(`<table><thead><tr><th>Date</th><th>Meeting</th><th>Agenda</th><th>Minutes</th><th>Video</th></tr></thead><tbody>`)
	for _, m := range ms {
		minutes := "Not yet available"
		if m.minutes != nil {
			minutes = fmt.Sprintf(`<a href="%s">%s</a>`, m.minutes.path, m.minutes.link)
		}
		fmt.Fprintf(&b, `<tr><td>%s</td><td>%s</td><td><a href="%s">%s</a></td><td>%s</td><td><a href="https://video.oakridgecounty.example/archive">Watch</a></td></tr>`,
			m.date, m.kind, m.agenda.path, m.agenda.link, minutes)
	}
	b.WriteString(`</tbody></table>`)
	return b.String()
}

func oakridge() site {
	n := nav("Oakridge County", "/government/board-of-supervisors/", "Board of Supervisors", "/government/planning-commission/", "Planning Commission", "/departments/finance/budget/", "Budget")
	return site{name: "oakridge", docs: concat(meetingDocs(okBOS2025), meetingDocs(okBOS2024), meetingDocs(okPC2025), okBudget),
		pages: []page{
			{"/", "Oakridge County, CA - Official Website", n + `<main><h1>Welcome to Oakridge County</h1><ul><li><a href="/government/board-of-supervisors/">Board of Supervisors</a></li><li><a href="/government/planning-commission/">Planning Commission</a></li><li><a href="/departments/finance/budget/">County budget</a></li></ul></main>`},
			{"/government/board-of-supervisors/", "Board of Supervisors | Oakridge County", n + `<main><h1>Board of Supervisors</h1><p>The Board meets on the second Tuesday of each month.</p><h2>Agendas and minutes</h2><ul><li><a href="/government/board-of-supervisors/meetings/2025/">2025</a></li><li><a href="/government/board-of-supervisors/meetings/2024/">2024</a></li></ul></main>`},
			{"/government/board-of-supervisors/meetings/2025/", "2025 Meetings | Board of Supervisors", n + `<main><h1>Board of Supervisors: 2025 meetings</h1>` + meetingTable(okBOS2025) + `</main>`},
			{"/government/board-of-supervisors/meetings/2024/", "2024 Meetings | Board of Supervisors", n + `<main><h1>Board of Supervisors: 2024 meetings</h1>` + meetingTable(okBOS2024) + `</main>`},
			{"/government/planning-commission/", "Planning Commission | Oakridge County", n + `<main><h1>Planning Commission</h1><h2>2025 meetings</h2>` + meetingTable(okPC2025) + `</main>`},
			{"/departments/finance/budget/", "Budget | Oakridge County", n + `<main><h1>County Budget</h1><p>The County's fiscal year runs from July 1 to June 30.</p>` +
				`<h3>FY 2025-26 Adopted Budget</h3><p>Adopted by the Board of Supervisors on June 24, 2025.</p><p><a href="` + okBudget[0].path + `">` + okBudget[0].link + `</a></p>` +
				`<h3>FY 2025-26 Recommended Budget</h3><p>Presented to the Board on May 13, 2025.</p><p><a href="` + okBudget[1].path + `">` + okBudget[1].link + `</a></p>` +
				`<h3>FY 2024-25 Adopted Budget</h3><p><a href="` + okBudget[2].path + `">` + okBudget[2].link + `</a></p></main>`},
		}}
}

// ---- Veltro Industries (investor relations) ----

var (
	vtByYear = func() map[int][]doc {
		out := map[int][]doc{}
		for _, y := range []int{2025, 2024, 2023, 2022} {
			var ds []doc
			if y < 2025 {
				ds = append(ds, doc{path: fmt.Sprintf("/static-files/%d-ar.pdf", y), title: fmt.Sprintf("Veltro Industries %d Annual Report", y),
					text: fmt.Sprintf("VELTRO INDUSTRIES, INC.\n%d ANNUAL REPORT\nLetter to shareholders", y), link: "Annual Report"})
			}
			ds = append(ds, doc{path: fmt.Sprintf("/static-files/%d-proxy.pdf", y), title: fmt.Sprintf("%d Proxy Statement", y),
				text: fmt.Sprintf("VELTRO INDUSTRIES, INC.\nNotice of %d Annual Meeting of Shareholders and Proxy Statement", y), link: "Proxy Statement"})
			for _, q := range []int{1, 2, 3, 4} {
				if y == 2025 && q > 1 {
					break
				}
				ds = append(ds, doc{path: fmt.Sprintf("/static-files/q%d-%d-earnings-release.pdf", q, y), title: fmt.Sprintf("Veltro Reports Q%d %d Results", q, y),
					text: fmt.Sprintf("VELTRO INDUSTRIES, INC.\nPRESS RELEASE\nVeltro Industries reports results for the quarter\nQuarter %d, %d", q, y), link: fmt.Sprintf("Q%d %d Earnings Release", q, y)},
					doc{path: fmt.Sprintf("/static-files/q%d-%d-presentation.pdf", q, y), title: fmt.Sprintf("Q%d %d Earnings Presentation", q, y),
						text: fmt.Sprintf("Veltro Industries\nQ%d %d earnings call presentation", q, y), link: fmt.Sprintf("Q%d %d Presentation", q, y)})
			}
			out[y] = ds
		}
		return out
	}()
	vtGovernance = []doc{
		{path: "/static-files/code-of-conduct.pdf", title: "Code of Business Conduct and Ethics", text: "VELTRO INDUSTRIES\nCode of business conduct and ethics", link: "Code of Business Conduct and Ethics"},
		{path: "/static-files/audit-committee-charter.pdf", title: "Audit Committee Charter", text: "VELTRO INDUSTRIES\nCharter of the Audit Committee of the Board of Directors", link: "Audit Committee Charter"},
		{path: "/static-files/compensation-committee-charter.pdf", title: "Compensation Committee Charter", text: "VELTRO INDUSTRIES\nCharter of the Compensation Committee of the Board of Directors", link: "Compensation Committee Charter"},
	}
)

// vtYearSection is one year's documents as IR sites list them: a heading per
// year and links that repeat the document type, not the year.
func vtYearSection(y int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<h2>%d</h2><ul>", y)
	for _, d := range vtByYear[y] {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span>PDF</span></li>`, d.path, d.link)
	}
	b.WriteString("</ul>")
	return b.String()
}

func veltro() site {
	n := nav("Veltro Industries Investors", "/investors/financial-reports/", "Financial reports", "/investors/governance/", "Governance")
	var all []doc
	for _, y := range []int{2025, 2024, 2023, 2022} {
		all = append(all, vtByYear[y]...)
	}
	return site{name: "veltro", docs: concat(all, vtGovernance),
		pages: []page{
			{"/", "Veltro Industries", n + `<main><h1>Veltro Industries</h1><p>Precision components for aerospace and medical devices.</p><p><a href="/investors/financial-reports/">Investor relations</a></p></main>`},
			{"/investors/financial-reports/", "Financial Reports | Veltro Industries", n + `<main><h1>Financial reports</h1>` + vtYearSection(2025) + vtYearSection(2024) +
				`<nav class="pager"><a href="/investors/financial-reports/page/2/">Next page ›</a></nav></main>`},
			{"/investors/financial-reports/page/2/", "Financial Reports (page 2) | Veltro Industries", n + `<main><h1>Financial reports</h1>` + vtYearSection(2023) + vtYearSection(2022) +
				`<nav class="pager"><a href="/investors/financial-reports/">‹ Previous page</a></nav></main>`},
			{"/investors/governance/", "Governance | Veltro Industries", n + `<main><h1>Corporate governance</h1><ul>` + links(vtGovernance) + `</ul></main>`},
		}}
}

// ---- Kenmere University Office of Research ----

var (
	kmCompliance = []doc{
		{path: "/sites/default/files/2024-08/irb_app_v7.docx", title: "IRB Application for Human Subjects Research", text: "Kenmere University Institutional Review Board\nApplication for review of research involving human subjects", link: "IRB application form (initial review)"},
		{path: "/sites/default/files/2024-08/irb_cont_v3.docx", title: "IRB Continuing Review Form", text: "Kenmere University Institutional Review Board\nContinuing review and progress report", link: "IRB continuing review form"},
		{path: "/sites/default/files/2023-11/doc_20231107.pdf", title: "Research Misconduct Policy", text: "KENMERE UNIVERSITY\nPolicy RP-04: Research Misconduct\nEffective November 1, 2023", link: "Research Misconduct Policy (RP-04)"},
		{path: "/sites/default/files/2018-02/doc_20180214.pdf", title: "Research Misconduct Policy 2018", text: "KENMERE UNIVERSITY\nPolicy RP-04: Research Misconduct\nEffective February 1, 2018\nRescinded November 1, 2023", link: "Research Misconduct Policy (2018, rescinded)"},
		{path: "/sites/default/files/2024-01/doc_20240115.pdf", title: "Conflict of Interest in Research Policy", text: "KENMERE UNIVERSITY\nPolicy RP-07: Conflict of interest in research", link: "Conflict of Interest in Research Policy (RP-07)"},
	}
	kmReports = []doc{
		{path: "/sites/default/files/2024-10/ORAR-FY24-final.pdf", title: "Office of Research Annual Report FY2024", text: "KENMERE UNIVERSITY OFFICE OF RESEARCH\nAnnual report\nFiscal year 2023-24", link: "Annual Report FY2023-24"},
		{path: "/sites/default/files/2023-10/ORAR-FY23.pdf", title: "Office of Research Annual Report FY2023", text: "KENMERE UNIVERSITY OFFICE OF RESEARCH\nAnnual report\nFiscal year 2022-23", link: "Annual Report FY2022-23"},
		{path: "/sites/default/files/2024-10/awards-by-dept-fy24.pdf", title: "Sponsored Awards by Department FY2024", text: "Sponsored research awards by department, fiscal year 2023-24", link: "Awards by department, FY2023-24"},
	}
)

func kenmere() site {
	n := nav("Kenmere University Office of Research", "/research/compliance/", "Research compliance", "/research/reports/", "Reports and data")
	return site{name: "kenmere", docs: concat(kmCompliance, kmReports),
		pages: []page{
			{"/", "Office of Research | Kenmere University", n + `<main><h1>Office of Research</h1><ul><li><a href="/research/compliance/">Compliance: IRB, policies</a></li><li><a href="/research/reports/">Reports and data</a></li></ul></main>`},
			{"/research/compliance/", "Research Compliance | Kenmere University", n + `<main><h1>Research compliance</h1><h2>Human subjects (IRB)</h2><ul>` + links(kmCompliance[:2]) +
				`</ul><h2>Research policies</h2><ul>` + links(kmCompliance[2:3]) + links(kmCompliance[4:]) + `</ul><h2>Archive</h2><ul>` + links(kmCompliance[3:4]) + `</ul></main>`},
			{"/research/reports/", "Reports and Data | Kenmere University", n + `<main><h1>Reports and data</h1><p>The University's fiscal year begins July 1.</p><ul>` + links(kmReports) + `</ul></main>`},
		}}
}

func sitesJ() []site { return []site{oakridge(), veltro(), kenmere()} }

func casesJ() []kase {
	minutesOf := func(ms []meeting) []doc {
		var out []doc
		for _, m := range ms {
			if m.minutes != nil {
				out = append(out, *m.minutes)
			}
		}
		return out
	}
	agendasOf := func(ms []meeting) []doc {
		var out []doc
		for _, m := range ms {
			out = append(out, m.agenda)
		}
		return out
	}
	annual := func() []doc {
		var out []doc
		for _, y := range []int{2024, 2023, 2022} {
			out = append(out, vtByYear[y][0])
		}
		return out
	}()
	find := func(y int, link string) doc {
		for _, d := range vtByYear[y] {
			if d.link == link {
				return d
			}
		}
		panic("no " + link)
	}
	return []kase{
		{ID: "jj-oakridge-bos-minutes-2025", Site: "oakridge", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find all Board of Supervisors meeting minutes from 2025.",
			Relevant: paths(minutesOf(okBOS2025)...), Note: "links read only 'Minutes'; the year from the archive page and the document; special meeting included; not the Planning Commission"},
		{ID: "jj-oakridge-bos-agendas-2024", Site: "oakridge", Start: "/government/board-of-supervisors/", Parameters: param(false, 0.5),
			Prompt:   "2024 board agendas",
			Relevant: paths(agendasOf(okBOS2024)...), Note: "year archive"},
		{ID: "jj-oakridge-pc-minutes", Site: "oakridge", Start: "/government/planning-commission/", Parameters: param(true, 0.5),
			Prompt:   "planning commission minutes",
			Relevant: paths(minutesOf(okPC2025)...), Note: "single page; 'Minutes' links"},
		{ID: "jj-oakridge-adopted-budget", Site: "oakridge", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "the adopted budget for FY 2025-26",
			Relevant: paths(okBudget[0]), Note: "'Download (PDF)' links under headings; not the recommended budget"},
		{ID: "jj-veltro-annual-reports", Site: "veltro", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find all of Veltro's annual reports.",
			Relevant: paths(annual...), Note: "second page of the list; links read 'Annual Report', the year in a heading"},
		{ID: "jj-veltro-q1-2025-release", Site: "veltro", Start: "/investors/financial-reports/", Parameters: param(false, 0.5),
			Prompt:   "Q1 2025 earnings press release",
			Relevant: paths(find(2025, "Q1 2025 Earnings Release")), Note: "not the presentation"},
		{ID: "jj-veltro-proxy-2023", Site: "veltro", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "proxy statement for the 2023 annual meeting",
			Relevant: paths(find(2023, "Proxy Statement")), Note: "on page 2; link names no year"},
		{ID: "jj-veltro-2024-quarterlies", Site: "veltro", Start: "/investors/financial-reports/", Parameters: param(false, 0.5),
			Prompt:   "earnings releases for each quarter of 2024",
			Relevant: paths(find(2024, "Q1 2024 Earnings Release"), find(2024, "Q2 2024 Earnings Release"), find(2024, "Q3 2024 Earnings Release"), find(2024, "Q4 2024 Earnings Release")), Note: "four releases, no presentations"},
		{ID: "jj-veltro-audit-charter", Site: "veltro", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "audit committee charter",
			Relevant: paths(vtGovernance[1]), Note: "not the compensation committee's"},
		{ID: "jj-kenmere-irb-application", Site: "kenmere", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Where do I get the IRB application for a new study?",
			Relevant: paths(kmCompliance[0]), Note: "initial review, not continuing review; DOCX with a generic name"},
		{ID: "jj-kenmere-misconduct-policy", Site: "kenmere", Start: "/research/compliance/", Parameters: param(true, 0.5),
			Prompt:   "current research misconduct policy",
			Relevant: paths(kmCompliance[2]), Note: "the rescinded 2018 one is archived"},
		{ID: "jj-kenmere-annual-report-fy24", Site: "kenmere", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Office of Research annual report for fiscal year 2024",
			Relevant: paths(kmReports[0]), Note: "FY2024 = 2023-24 with a July start stated"},
	}
}
