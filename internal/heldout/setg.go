package heldout

import (
	"fmt"
	"strings"
)

// Set G: written after set F's changes and before any further engine change: an
// arts council, a state auditor's office and a marine fisheries commission.
// Write it with Write("g", dir); measure it, do not tune on it.

// ---- Hartwell Arts Council ----

var (
	haGrants = []doc{
		{path: "/funding/project-grants-guidelines-2025.pdf", title: "Project Grants Guidelines 2025-26", text: "HARTWELL ARTS COUNCIL\nProject grants: guidelines for applicants\n2025-26 funding round", link: "Project grants – guidelines (2025–26 round)"},
		{path: "/funding/project-grants-guidelines-2024.pdf", title: "Project Grants Guidelines 2024-25", text: "HARTWELL ARTS COUNCIL\nProject grants: guidelines for applicants\n2024-25 funding round\nThis round is closed", link: "Project grants – guidelines (2024–25 round, closed)"},
		{path: "/funding/operating-support-guidelines.pdf", title: "Operating Support Guidelines", text: "HARTWELL ARTS COUNCIL\nOperating support for arts organisations: guidelines", link: "Operating support – guidelines"},
		{path: "/funding/application-form-project.docx", file: "", title: "Project Grant Application Form", text: "Project grant application form", link: "Project grant application form (Word)"},
	}
	haAwards = []doc{
		{path: "/funding/awards-2024.pdf", title: "Grants Awarded 2024", text: "HARTWELL ARTS COUNCIL\nList of grants awarded\nCalendar year 2024", link: "Who we funded in 2024"},
		{path: "/funding/awards-2023.pdf", title: "Grants Awarded 2023", text: "HARTWELL ARTS COUNCIL\nList of grants awarded\nCalendar year 2023", link: "Who we funded in 2023"},
	}
	haCorporate = []doc{
		{path: "/about/annual-review-2023-24.pdf", title: "Annual Review 2023-24", text: "HARTWELL ARTS COUNCIL\nAnnual review 2023-24", link: "Annual review 2023–24"},
		{path: "/about/annual-review-2022-23.pdf", title: "Annual Review 2022-23", text: "HARTWELL ARTS COUNCIL\nAnnual review 2022-23", link: "Annual review 2022–23"},
		{path: "/about/equality-action-plan.pdf", title: "Equality Diversity and Inclusion Action Plan", text: "HARTWELL ARTS COUNCIL\nEquality, diversity and inclusion action plan 2024-2027", link: "EDI action plan 2024–2027"},
		{path: "/about/safeguarding-policy.pdf", title: "Safeguarding Policy", text: "HARTWELL ARTS COUNCIL\nSafeguarding children and adults at risk: policy", link: "Safeguarding policy"},
	}
)

func hartwell() site {
	n := nav("Hartwell Arts Council", "/funding/", "Funding", "/about/", "About us")
	return site{name: "hartwell", docs: concat(haGrants, haAwards, haCorporate),
		pages: []page{
			{"/", "Hartwell Arts Council", n + `<main><h1>Hartwell Arts Council</h1><p>Our financial year runs April to March.</p><ul><li><a href="/funding/">Funding for artists and organisations</a></li><li><a href="/about/">About the council</a></li></ul></main>`},
			{"/funding/", "Funding", n + `<main><h1>Funding</h1><h2>Apply</h2><ul>` + links(haGrants) + `</ul><h2>Awards</h2><ul>` + links(haAwards) + `</ul></main>`},
			{"/about/", "About us", n + `<main><h1>About the council</h1><ul>` + links(haCorporate) + `</ul></main>`},
		}}
}

// ---- Office of the State Auditor of Pellman ----

var (
	paAudits = func() []doc {
		var ds []doc
		for _, a := range []struct{ no, agency, kind, date string }{
			{"2024-01", "Department of Corrections", "Performance audit", "February 2024"},
			{"2024-07", "Department of Motor Vehicles", "Financial audit", "June 2024"},
			{"2024-12", "Department of Corrections", "Follow-up review", "October 2024"},
			{"2025-02", "State Lottery", "Performance audit", "March 2025"},
			{"2023-15", "Department of Motor Vehicles", "Performance audit", "November 2023"},
		} {
			ds = append(ds, doc{path: "/reports/" + a.no + ".pdf", title: a.kind + " " + a.agency,
				text: "OFFICE OF THE STATE AUDITOR\nReport " + a.no + "\n" + a.kind + ": " + a.agency + "\nIssued " + a.date})
		}
		return ds
	}()
	paOther = []doc{
		{path: "/about/annual-report-2024.pdf", title: "State Auditor Annual Report 2024", text: "OFFICE OF THE STATE AUDITOR\nAnnual report to the Legislature, 2024", link: "Our annual report, 2024"},
		{path: "/about/audit-plan-2025.pdf", title: "Audit Plan 2025", text: "OFFICE OF THE STATE AUDITOR\nAudit plan for 2025", link: "Audit plan 2025"},
		{path: "/hotline/fraud-hotline-report-2024.pdf", title: "Fraud Hotline Annual Summary 2024", text: "OFFICE OF THE STATE AUDITOR\nFraud, waste and abuse hotline\nSummary of reports received, 2024", link: "Fraud hotline summary 2024"},
	}
)

func pellman() site {
	n := nav("Pellman State Auditor", "/reports/", "Audit reports", "/about/", "About", "/hotline/", "Report fraud")
	var rows strings.Builder
	for _, d := range paAudits {
		parts := strings.Split(d.text, "\n")
		kindAgency := strings.SplitN(parts[2], ": ", 2)
		fmt.Fprintf(&rows, `<tr><td><a href="%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>`, d.path, strings.TrimPrefix(parts[1], "Report "), kindAgency[1], kindAgency[0], strings.TrimPrefix(parts[3], "Issued "))
	}
	return site{name: "pellman", docs: concat(paAudits, paOther),
		pages: []page{
			{"/", "Office of the State Auditor", n + `<main><h1>Office of the State Auditor</h1><ul><li><a href="/reports/">Audit reports</a></li><li><a href="/about/">About the office</a></li><li><a href="/hotline/">Fraud hotline</a></li></ul></main>`},
			{"/reports/", "Audit reports", n + `<main><h1>Audit reports</h1><table><thead><tr><th>Report no.</th><th>Agency</th><th>Type</th><th>Issued</th></tr></thead><tbody>` + rows.String() + `</tbody></table></main>`},
			{"/about/", "About", n + `<main><h1>About the office</h1><ul>` + links(paOther[:2]) + `</ul></main>`},
			{"/hotline/", "Report fraud", n + `<main><h1>Fraud, waste and abuse hotline</h1><ul>` + links(paOther[2:]) + `</ul></main>`},
		}}
}

// ---- Gulf Coast Marine Fisheries Commission ----

var (
	gfStock = []doc{
		{path: "/science/red-snapper-assessment-2024.pdf", title: "Red Snapper Stock Assessment 2024", text: "GULF COAST MARINE FISHERIES COMMISSION\nStock assessment report\nRed snapper\n2024", link: "Red snapper stock assessment (2024)"},
		{path: "/science/red-snapper-assessment-2019.pdf", title: "Red Snapper Stock Assessment 2019", text: "GULF COAST MARINE FISHERIES COMMISSION\nStock assessment report\nRed snapper\n2019", link: "Red snapper stock assessment (2019)"},
		{path: "/science/menhaden-assessment-2023.pdf", title: "Gulf Menhaden Stock Assessment 2023", text: "GULF COAST MARINE FISHERIES COMMISSION\nStock assessment report\nGulf menhaden\n2023", link: "Gulf menhaden stock assessment (2023)"},
		{path: "/science/blue-crab-assessment-2022.pdf", title: "Blue Crab Stock Assessment 2022", text: "GULF COAST MARINE FISHERIES COMMISSION\nStock assessment report\nBlue crab\n2022", link: "Blue crab stock assessment (2022)"},
	}
	gfMeetings = func() []doc {
		var ds []doc
		for _, m := range []struct{ slug, human string }{{"2024-03", "March 2024"}, {"2024-10", "October 2024"}, {"2025-03", "March 2025"}} {
			ds = append(ds,
				doc{path: "/meetings/" + m.slug + "-briefing-book.pdf", title: "Commission Meeting Briefing Book " + m.human, text: "GULF COAST MARINE FISHERIES COMMISSION\nAnnual spring/fall meeting\nBriefing book, " + m.human, link: "Briefing book – " + m.human},
				doc{path: "/meetings/" + m.slug + "-summary.pdf", title: "Commission Meeting Summary " + m.human, text: "GULF COAST MARINE FISHERIES COMMISSION\nSummary of the commission meeting\n" + m.human, link: "Meeting summary – " + m.human})
		}
		return ds
	}()
	gfRegs = []doc{
		{path: "/management/red-snapper-fmp-amendment-3.pdf", title: "Red Snapper Fishery Management Plan Amendment 3", text: "GULF COAST MARINE FISHERIES COMMISSION\nAmendment 3 to the red snapper fishery management plan\nApproved October 2024", link: "Red snapper FMP, Amendment 3 (approved October 2024)"},
		{path: "/management/red-snapper-fmp-amendment-3-public-hearing.pdf", title: "Red Snapper Amendment 3 Public Hearing Document", text: "GULF COAST MARINE FISHERIES COMMISSION\nDraft Amendment 3 for public comment\nPublic hearing document", link: "Red snapper Amendment 3: public hearing document (draft)"},
		{path: "/management/menhaden-fmp-2015.pdf", title: "Gulf Menhaden Fishery Management Plan", text: "GULF COAST MARINE FISHERIES COMMISSION\nGulf menhaden fishery management plan\n2015", link: "Gulf menhaden FMP (2015)"},
	}
)

func gulfCoast() site {
	n := nav("Gulf Coast Marine Fisheries Commission", "/science/", "Science", "/meetings/", "Meetings", "/management/", "Fishery management")
	return site{name: "gulfcoast", docs: concat(gfStock, gfMeetings, gfRegs),
		pages: []page{
			{"/", "Gulf Coast Marine Fisheries Commission", n + `<main><h1>Gulf Coast Marine Fisheries Commission</h1><ul><li><a href="/science/">Stock assessments</a></li><li><a href="/meetings/">Commission meetings</a></li><li><a href="/management/">Fishery management plans</a></li></ul></main>`},
			{"/science/", "Science", n + `<main><h1>Stock assessments</h1><ul>` + links(gfStock) + `</ul></main>`},
			{"/meetings/", "Meetings", n + `<main><h1>Commission meetings</h1><ul>` + links(gfMeetings) + `</ul></main>`},
			{"/management/", "Fishery management", n + `<main><h1>Fishery management plans</h1><ul>` + links(gfRegs) + `</ul></main>`},
		}}
}

func sitesG() []site { return []site{hartwell(), pellman(), gulfCoast()} }

func casesG() []kase {
	return []kase{
		{ID: "hg-hartwell-project-guidelines-current", Site: "hartwell", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I want to apply for a project grant - what are the guidelines for the round that's open now?",
			Relevant: paths(haGrants[0]), Note: "aside; current vs closed round"},
		{ID: "hg-hartwell-funded-2024", Site: "hartwell", Start: "/funding/", Parameters: param(true, 0.5),
			Prompt:   "list of organisations that received grants in 2024",
			Relevant: paths(haAwards[0]), Note: "'who we funded' vs 'grants awarded'"},
		{ID: "hg-hartwell-annual-review-fy2023", Site: "hartwell", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Annual review for financial year 2023/24",
			Relevant: paths(haCorporate[0]), Note: "split financial year, April start stated"},
		{ID: "hg-hartwell-edi", Site: "hartwell", Start: "/about/", Parameters: param(true, 0.5),
			Prompt:   "Does the council have a diversity and inclusion plan?",
			Relevant: paths(haCorporate[2]), Note: "question; EDI"},
		{ID: "hg-pellman-corrections-audits", Site: "pellman", Start: "/reports/", Parameters: param(true, 0.5),
			Prompt:   "All audits of the Department of Corrections, including follow-ups.",
			Relevant: paths(paAudits[0], paAudits[2]), Note: "agency in a table column; follow-up review included"},
		{ID: "hg-pellman-performance-2024", Site: "pellman", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "performance audits issued during 2024",
			Relevant: paths(paAudits[0]), Note: "type in a table column; the 2023 and 2025 ones excluded"},
		{ID: "hg-pellman-dmv", Site: "pellman", Start: "/reports/", Parameters: param(true, 0.5),
			Prompt:   "DMV audit reports",
			Relevant: paths(paAudits[1], paAudits[4]), Note: "acronym for a name spelled out in a table cell"},
		{ID: "hg-pellman-hotline", Site: "pellman", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "How many fraud tips did the hotline get in 2024? I'm looking for the hotline summary report.",
			Relevant: paths(paOther[2]), Note: "question then request"},
		{ID: "hg-gulf-red-snapper-latest", Site: "gulfcoast", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "What's the newest stock assessment for red snapper?",
			Relevant: paths(gfStock[0]), Note: "newest; species"},
		{ID: "hg-gulf-assessments-since-2022", Site: "gulfcoast", Start: "/science/", Parameters: param(true, 0.5),
			Prompt:   "stock assessments completed from 2022 onwards, except red snapper",
			Relevant: paths(gfStock[2], gfStock[3]), Note: "'from 2022 onwards'; exclusion of a species"},
		{ID: "hg-gulf-meeting-summaries-2024", Site: "gulfcoast", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Summaries of the 2024 commission meetings; skip the briefing books.",
			Relevant: paths(gfMeetings[1], gfMeetings[3]), Note: "summary vs briefing book; year"},
		{ID: "hg-gulf-amendment-final", Site: "gulfcoast", Start: "/management/", Parameters: param(true, 0.5),
			Prompt:   "the approved version of red snapper Amendment 3, not the public hearing draft",
			Relevant: paths(gfRegs[0]), Note: "stage"},
		{ID: "hg-gulf-fmps", Site: "gulfcoast", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the fishery management plans.",
			Relevant: paths(gfRegs[0], gfRegs[2]), Note: "FMP; the hearing draft is a draft of an amendment, not a plan"},
		{ID: "hg-gulf-briefing-march-2025", Site: "gulfcoast", Start: "/meetings/", Parameters: param(true, 0.5),
			Prompt:   "Could you grab the briefing book for the March 2025 meeting?",
			Relevant: paths(gfMeetings[4]), Note: "month"},
	}
}
