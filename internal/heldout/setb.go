package heldout

import (
	"fmt"
	"strings"
)

// Set B: written after the engine was changed for set A (whose failures its
// authors saw), so that one held-out figure stays uncontaminated: a police
// department, an environmental regulator and a public pension fund. Write it with
// Write("b", dir); measure it, do not tune on it.

// ---- Marlow County Sheriff's Office ----

var (
	mCrime = []doc{
		{path: "/transparency/crime-stats-2021.pdf", title: "Annual Crime Statistics 2021", text: "MARLOW COUNTY SHERIFF'S OFFICE\nAnnual crime statistics\nCalendar year 2021", link: "Crime statistics 2021"},
		{path: "/transparency/crime-stats-2022.pdf", title: "Annual Crime Statistics 2022", text: "MARLOW COUNTY SHERIFF'S OFFICE\nAnnual crime statistics\nCalendar year 2022", link: "Crime statistics 2022"},
		{path: "/transparency/crime-stats-2023.pdf", title: "Annual Crime Statistics 2023", text: "MARLOW COUNTY SHERIFF'S OFFICE\nAnnual crime statistics\nCalendar year 2023", link: "Crime statistics 2023"},
	}
	mUseOfForce = []doc{
		{path: "/transparency/use-of-force-2022.pdf", title: "Use of Force Report 2022", text: "MARLOW COUNTY SHERIFF'S OFFICE\nUse of force annual report\n2022", link: "Use of force report 2022"},
		{path: "/transparency/use-of-force-2023.pdf", title: "Use of Force Report 2023", text: "MARLOW COUNTY SHERIFF'S OFFICE\nUse of force annual report\n2023", link: "Use of force report 2023"},
	}
	mPolicies = []doc{
		{path: "/policies/300-use-of-force.pdf", title: "Policy 300 Use of Force", text: "MARLOW COUNTY SHERIFF'S OFFICE\nPolicy Manual\nPolicy 300: Use of Force\nRevised 2024", link: "300 – Use of Force"},
		{path: "/policies/310-vehicle-pursuits.pdf", title: "Policy 310 Vehicle Pursuits", text: "MARLOW COUNTY SHERIFF'S OFFICE\nPolicy Manual\nPolicy 310: Vehicle Pursuits", link: "310 – Vehicle Pursuits"},
		{path: "/policies/420-body-worn-cameras.pdf", title: "Policy 420 Body-Worn Cameras", text: "MARLOW COUNTY SHERIFF'S OFFICE\nPolicy Manual\nPolicy 420: Body-Worn Cameras", link: "420 – Body-Worn Cameras"},
		{path: "/policies/old/300-use-of-force-2019.pdf", title: "Policy 300 Use of Force (2019)", text: "MARLOW COUNTY SHERIFF'S OFFICE\nPolicy 300: Use of Force\n2019 edition", link: "300 – Use of Force (2019 edition)"},
	}
	mPress = func() []doc {
		var ds []doc
		for i, item := range []struct{ date, what string }{
			{"January 9, 2024", "Arrest made in Elm Street burglaries"}, {"February 20, 2024", "Sheriff announces new community liaison unit"},
			{"April 2, 2024", "Missing hiker found safe"}, {"June 14, 2024", "Annual awards ceremony honors deputies"},
			{"September 3, 2024", "Traffic safety campaign for school year"}, {"November 25, 2024", "Holiday patrols increased"},
		} {
			ds = append(ds, doc{path: fmt.Sprintf("/news/release.php?id=%d", 801+i), file: fmt.Sprintf("/_files/pr-%d.pdf", 801+i),
				title: item.what, text: "NEWS RELEASE\nFor immediate release: " + item.date + "\n" + item.what, link: item.date + " – " + item.what})
		}
		return ds
	}()
	mForms = []doc{
		{path: "/records/records-request-form.pdf", title: "Public Records Request Form", text: "Public records request form", link: "Public records request form"},
		{path: "/records/concealed-carry-application.pdf", title: "Concealed Carry Permit Application", text: "Application for a concealed carry permit", link: "Concealed carry permit application"},
	}
)

func marlow() site {
	n := nav("Marlow County Sheriff's Office", "/transparency/", "Transparency", "/policies/", "Policy manual", "/news/", "News", "/records/", "Records")
	return site{name: "marlow", docs: concat(mCrime, mUseOfForce, mPolicies, mPress, mForms),
		pages: []page{
			{"/", "Marlow County Sheriff's Office", n + `<main><h1>Marlow County Sheriff's Office</h1><p>Serving Marlow County since 1851.</p><ul><li><a href="/transparency/">Transparency and data</a></li><li><a href="/policies/">Policy manual</a></li><li><a href="/news/">News releases</a></li><li><a href="/records/">Records requests</a></li></ul></main>`},
			{"/transparency/", "Transparency and data", n + `<main><h1>Transparency</h1><h2>Crime statistics</h2><ul>` + links(mCrime) + `</ul><h2>Use of force</h2><ul>` + links(mUseOfForce) + `</ul></main>`},
			{"/policies/", "Policy manual", n + `<main><h1>Policy manual</h1><p>The policies in force today.</p><ul>` + links(mPolicies[:3]) + `</ul><h2>Previous editions</h2><ul>` + links(mPolicies[3:]) + `</ul></main>`},
			{"/news/", "News releases", n + `<main><h1>News releases</h1><ul>` + links(mPress) + `</ul></main>`},
			{"/records/", "Records", n + `<main><h1>Records and permits</h1><ul>` + links(mForms) + `</ul></main>`},
		}}
}

// ---- Tallis River Environmental Protection Board ----

var (
	tPermits = []struct {
		d              doc
		facility, kind string
		status, issued string
	}{
		{doc{path: "/permits/EP-2023-014.pdf", title: "Discharge permit EP-2023-014", text: "TALLIS RIVER ENVIRONMENTAL PROTECTION BOARD\nWastewater discharge permit\nIssued 3 May 2023"}, "Harlow Paper Mill", "Water discharge", "Active", "3 May 2023"},
		{doc{path: "/permits/EP-2023-027.pdf", title: "Air permit EP-2023-027", text: "TALLIS RIVER ENVIRONMENTAL PROTECTION BOARD\nAir emissions permit\nIssued 21 August 2023"}, "Corven Cement Works", "Air emissions", "Active", "21 August 2023"},
		{doc{path: "/permits/EP-2019-008.pdf", title: "Discharge permit EP-2019-008", text: "TALLIS RIVER ENVIRONMENTAL PROTECTION BOARD\nWastewater discharge permit\nIssued 2019"}, "Old Quay Tannery", "Water discharge", "Expired", "11 March 2019"},
		{doc{path: "/permits/EP-2024-003.pdf", title: "Discharge permit EP-2024-003", text: "TALLIS RIVER ENVIRONMENTAL PROTECTION BOARD\nWastewater discharge permit\nIssued 15 January 2024"}, "Tallis Valley Creamery", "Water discharge", "Active", "15 January 2024"},
		{doc{path: "/permits/EP-2024-019.pdf", title: "Air permit EP-2024-019", text: "TALLIS RIVER ENVIRONMENTAL PROTECTION BOARD\nAir emissions permit\nIssued 9 July 2024"}, "Brightwater Energy Plant", "Air emissions", "Active", "9 July 2024"},
	}
	tInspections = []doc{
		{path: "/enforcement/inspection-harlow-2024-02.pdf", title: "Inspection report Harlow Paper Mill", text: "Compliance inspection report\nHarlow Paper Mill\nInspected 12 February 2024", link: "Harlow Paper Mill – inspection, February 2024"},
		{path: "/enforcement/inspection-corven-2024-05.pdf", title: "Inspection report Corven Cement Works", text: "Compliance inspection report\nCorven Cement Works\nInspected 7 May 2024", link: "Corven Cement Works – inspection, May 2024"},
		{path: "/enforcement/inspection-creamery-2023-10.pdf", title: "Inspection report Tallis Valley Creamery", text: "Compliance inspection report\nTallis Valley Creamery\nInspected 18 October 2023", link: "Tallis Valley Creamery – inspection, October 2023"},
	}
	tEnforcement = []doc{
		{path: "/enforcement/notice-of-violation-harlow-2024.pdf", title: "Notice of Violation Harlow Paper Mill", text: "NOTICE OF VIOLATION\nHarlow Paper Mill\nMarch 2024", link: "Harlow Paper Mill – notice of violation, March 2024"},
		{path: "/enforcement/penalty-order-harlow-2024.pdf", title: "Administrative Penalty Order Harlow Paper Mill", text: "ADMINISTRATIVE PENALTY ORDER\nHarlow Paper Mill\nJune 2024", link: "Harlow Paper Mill – penalty order, June 2024"},
	}
	tConsultations = []doc{
		{path: "/consultations/river-quality-strategy-draft.pdf", title: "Draft River Quality Strategy 2025-2030", text: "CONSULTATION DRAFT\nRiver Quality Strategy 2025-2030", link: "Draft River Quality Strategy 2025–2030 (consultation closes 30 April 2025)"},
		{path: "/consultations/river-quality-strategy-response.pdf", title: "Summary of consultation responses", text: "River Quality Strategy\nSummary of responses to the consultation", link: "Summary of responses"},
		{path: "/strategy/river-quality-strategy-2025-2030.pdf", title: "River Quality Strategy 2025-2030", text: "TALLIS RIVER ENVIRONMENTAL PROTECTION BOARD\nRiver Quality Strategy 2025-2030\nAdopted September 2025", link: "River Quality Strategy 2025–2030"},
	}
)

func tallis() site {
	n := nav("Tallis River Environmental Protection Board", "/permits/", "Permits", "/enforcement/", "Compliance and enforcement", "/consultations/", "Consultations", "/strategy/", "Our strategy")
	var prow strings.Builder
	var pdocs []doc
	for _, p := range tPermits {
		fmt.Fprintf(&prow, `<tr><td><a href="%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`, p.d.path, strings.TrimSuffix(strings.TrimPrefix(p.d.path, "/permits/"), ".pdf"), p.facility, p.kind, p.issued, p.status)
		pdocs = append(pdocs, p.d)
	}
	return site{name: "tallis", docs: concat(pdocs, tInspections, tEnforcement, tConsultations),
		pages: []page{
			{"/", "Tallis River Environmental Protection Board", n + `<main><h1>Protecting the Tallis River</h1><ul><li><a href="/permits/">Permit register</a></li><li><a href="/enforcement/">Inspections and enforcement</a></li><li><a href="/consultations/">Have your say</a></li><li><a href="/strategy/">Our strategy</a></li></ul></main>`},
			{"/permits/", "Permit register", n + `<main><h1>Permit register</h1><table><thead><tr><th>Permit</th><th>Facility</th><th>Type</th><th>Issued</th><th>Status</th></tr></thead><tbody>` + prow.String() + `</tbody></table></main>`},
			{"/enforcement/", "Inspections and enforcement", n + `<main><h1>Compliance and enforcement</h1><h2>Inspection reports</h2><ul>` + links(tInspections) + `</ul><h2>Enforcement actions</h2><ul>` + links(tEnforcement) + `</ul></main>`},
			{"/consultations/", "Have your say", n + `<main><h1>Consultations</h1><h2>River Quality Strategy</h2><ul>` + links(tConsultations[:2]) + `</ul></main>`},
			{"/strategy/", "Our strategy", n + `<main><h1>Our strategy</h1><ul>` + links(tConsultations[2:]) + `</ul></main>`},
		}}
}

// ---- Westmere Public Employees' Retirement System ----

var (
	wValuations = []doc{
		{path: "/reports/actuarial-valuation-2022.pdf", title: "Actuarial Valuation as of June 30, 2022", text: "WESTMERE PUBLIC EMPLOYEES' RETIREMENT SYSTEM\nActuarial valuation report\nas of June 30, 2022", link: "Actuarial valuation – June 30, 2022"},
		{path: "/reports/actuarial-valuation-2023.pdf", title: "Actuarial Valuation as of June 30, 2023", text: "WESTMERE PUBLIC EMPLOYEES' RETIREMENT SYSTEM\nActuarial valuation report\nas of June 30, 2023", link: "Actuarial valuation – June 30, 2023"},
		{path: "/reports/actuarial-valuation-2024.pdf", title: "Actuarial Valuation as of June 30, 2024", text: "WESTMERE PUBLIC EMPLOYEES' RETIREMENT SYSTEM\nActuarial valuation report\nas of June 30, 2024", link: "Actuarial valuation – June 30, 2024"},
	}
	wAnnual = []doc{
		{path: "/reports/acfr-2023.pdf", title: "Annual Comprehensive Financial Report FY2023", text: "WESTMERE PERS\nAnnual Comprehensive Financial Report\nFiscal year ended June 30, 2023", link: "Annual Comprehensive Financial Report, FY 2023"},
		{path: "/reports/acfr-2024.pdf", title: "Annual Comprehensive Financial Report FY2024", text: "WESTMERE PERS\nAnnual Comprehensive Financial Report\nFiscal year ended June 30, 2024", link: "Annual Comprehensive Financial Report, FY 2024"},
		{path: "/reports/popular-annual-report-2024.pdf", title: "Popular Annual Financial Report 2024", text: "WESTMERE PERS\nPopular Annual Financial Report\nA summary for members, fiscal year 2024", link: "Popular Annual Financial Report (summary), FY 2024"},
	}
	wInvestment = func() []doc {
		var ds []doc
		for _, q := range []string{"September 30, 2023", "December 31, 2023", "March 31, 2024", "June 30, 2024", "September 30, 2024"} {
			slug := strings.NewReplacer(",", "", " ", "-").Replace(strings.ToLower(q))
			ds = append(ds, doc{path: "/investments/performance-" + slug + ".pdf", title: "Investment performance report", text: "WESTMERE PERS\nQuarterly investment performance report\nPeriod ending " + q, link: "Period ending " + q})
		}
		return ds
	}()
	wIPS = []doc{
		{path: "/investments/investment-policy-statement.pdf", title: "Investment Policy Statement", text: "WESTMERE PERS\nInvestment Policy Statement\nAdopted by the Board of Trustees, March 2024", link: "Investment Policy Statement (current)"},
		{path: "/investments/investment-policy-statement-2020.pdf", title: "Investment Policy Statement 2020", text: "WESTMERE PERS\nInvestment Policy Statement\n2020 — superseded", link: "Investment Policy Statement (2020, superseded)"},
	}
	wBoard = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2024-01-25", "January 25, 2024"}, {"2024-04-18", "April 18, 2024"}, {"2024-07-25", "July 25, 2024"}, {"2024-10-17", "October 17, 2024"}} {
			ds = append(ds,
				doc{path: "/board/" + m.iso + "-minutes.pdf", title: "Board of Trustees Minutes " + m.human, text: "WESTMERE PERS\nMinutes of the Board of Trustees\n" + m.human, link: "Minutes"},
				doc{path: "/board/" + m.iso + "-agenda.pdf", title: "Board of Trustees Agenda " + m.human, text: "WESTMERE PERS\nAgenda\n" + m.human, link: "Agenda"})
		}
		return ds
	}()
	wMember = []doc{
		{path: "/members/retirement-application.pdf", title: "Application for Service Retirement", text: "Application for service retirement", link: "Apply to retire (form)"},
		{path: "/members/member-handbook.pdf", title: "Member Handbook", text: "Member handbook: your retirement benefits explained", link: "Member handbook"},
	}
)

func westmere() site {
	n := nav("Westmere PERS", "/members/", "Members", "/board/", "Board of Trustees", "/reports/", "Financial reports", "/investments/", "Investments")
	var brow strings.Builder
	for i := 0; i < len(wBoard); i += 2 {
		date := strings.TrimPrefix(wBoard[i].title, "Board of Trustees Minutes ")
		fmt.Fprintf(&brow, `<tr><td>%s</td><td><a href="%s">Agenda</a></td><td><a href="%s">Minutes</a></td></tr>`, date, wBoard[i+1].path, wBoard[i].path)
	}
	return site{name: "westmere", docs: concat(wValuations, wAnnual, wInvestment, wIPS, wBoard, wMember),
		pages: []page{
			{"/", "Westmere Public Employees' Retirement System", n + `<main><h1>Westmere PERS</h1><p>Our fiscal year begins July 1.</p><ul><li><a href="/members/">For members</a></li><li><a href="/board/">Board meetings</a></li><li><a href="/reports/">Financial and actuarial reports</a></li><li><a href="/investments/">Investments</a></li></ul></main>`},
			{"/members/", "Members", n + `<main><h1>For members</h1><ul>` + links(wMember) + `</ul></main>`},
			{"/board/", "Board of Trustees", n + `<main><h1>Board of Trustees meetings</h1><table><thead><tr><th>Meeting</th><th>Agenda</th><th>Minutes</th></tr></thead><tbody>` + brow.String() + `</tbody></table></main>`},
			{"/reports/", "Financial and actuarial reports", n + `<main><h1>Reports</h1><h2>Actuarial valuations</h2><ul>` + links(wValuations) + `</ul><h2>Annual financial reports</h2><ul>` + links(wAnnual) + `</ul></main>`},
			{"/investments/", "Investments", n + `<main><h1>Investments</h1><h2>Quarterly performance</h2><ul>` + links(wInvestment) + `</ul><h2>Policy</h2><ul>` + links(wIPS) + `</ul></main>`},
		}}
}

func sitesB() []site { return []site{marlow(), tallis(), westmere()} }

func permitsWhere(keep func(kind, status, issued string) bool) []string {
	var out []string
	for _, p := range tPermits {
		if keep(p.kind, p.status, p.issued) {
			out = append(out, p.d.path)
		}
	}
	return out
}

func casesB() []kase {
	return []kase{
		{ID: "hb-marlow-use-of-force-policy", Site: "marlow", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "What is the sheriff's current use of force policy?",
			Relevant: paths(mPolicies[0]), Note: "question; current vs previous edition"},
		{ID: "hb-marlow-crime-stats-recent", Site: "marlow", Start: "/transparency/", Parameters: param(true, 0.5),
			Prompt:   "I'm a reporter looking at crime trends, so I need the annual crime statistics for 2022 and 2023 - not the use of force numbers.",
			Relevant: paths(mCrime[1], mCrime[2]), Note: "aside; two years; exclusion of a sibling report"},
		{ID: "hb-marlow-press-h1-2024", Site: "marlow", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Show me the press releases from the first half of 2024.",
			Relevant: paths(mPress[0], mPress[1], mPress[2], mPress[3]), Note: "press vs news release; half year; extension-less links"},
		{ID: "hb-marlow-forms", Site: "marlow", Start: "/records/", Parameters: param(true, 0.4),
			Prompt:   "How do I request public records? I need the form.",
			Relevant: paths(mForms[0]), Note: "question; one form among forms"},
		{ID: "hb-tallis-active-discharge-permits", Site: "tallis", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Which wastewater discharge permits are active right now? Skip the air permits.",
			Relevant: permitsWhere(func(k, s, _ string) bool { return k == "Water discharge" && s == "Active" }),
			Note:     "status and kind from table columns; exclusion"},
		{ID: "hb-tallis-inspections-2024", Site: "tallis", Start: "/enforcement/", Parameters: param(true, 0.5),
			Prompt:   "Get the inspection reports from 2024, not the enforcement notices or penalty orders.",
			Relevant: paths(tInspections[0], tInspections[1]), Note: "imperative; year; exclusions of kinds"},
		{ID: "hb-tallis-final-strategy", Site: "tallis", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I'm after the final adopted river quality strategy, not the consultation draft.",
			Relevant: paths(tConsultations[2]), Note: "final vs consultation draft; the response summary is not it"},
		{ID: "hb-tallis-permits-issued-2023", Site: "tallis", Start: "/permits/", Parameters: param(true, 0.5),
			Prompt:   "List every permit issued in 2023.",
			Relevant: permitsWhere(func(_, _, issued string) bool { return strings.HasSuffix(issued, "2023") }),
			Note:     "date only in a table column; both kinds of permit"},
		{ID: "hb-westmere-valuations-since-2023", Site: "westmere", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Download the actuarial valuations since 2023.",
			Relevant: paths(wValuations[1], wValuations[2]), Note: "since a year"},
		{ID: "hb-westmere-acfr-fy2024", Site: "westmere", Start: "/reports/", Parameters: param(true, 0.5),
			Prompt:   "Where's the annual comprehensive financial report for fiscal 2024? I don't want the popular summary version.",
			Relevant: paths(wAnnual[1]), Note: "ACFR; exclusion of a summary edition"},
		{ID: "hb-westmere-investment-fy2024", Site: "westmere", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Could you find the quarterly investment performance reports for fiscal year 2024?",
			Relevant: paths(wInvestment[0], wInvestment[1], wInvestment[2], wInvestment[3]), Note: "fiscal year begins July 1, stated on the home page"},
		{ID: "hb-westmere-trustee-minutes-2024", Site: "westmere", Start: "/board/", Parameters: param(true, 0.5),
			Prompt:   "Trustee meeting minutes for 2024 please - agendas aren't needed.",
			Relevant: paths(wBoard[0], wBoard[2], wBoard[4], wBoard[6]), Note: "no verb; 'trustee' vs Board of Trustees; exclusion"},
	}
}
