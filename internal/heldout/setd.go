package heldout

import (
	"fmt"
	"strings"
)

// Set D: written after set C's changes and before any further engine change, so
// that the next change has a clean before and after: a public housing authority,
// a fire and rescue service and a state gaming commission. Write it with Write("d", dir);
// measure it, do not tune on it.

// ---- Greyport Housing Authority ----

var (
	gPlans = []doc{
		{path: "/agency-plans/annual-plan-fy2025.pdf", title: "PHA Annual Plan FY2025", text: "GREYPORT HOUSING AUTHORITY\nPHA Annual Plan\nFiscal year April 1, 2024 to March 31, 2025", link: "Annual PHA Plan, FY 2025"},
		{path: "/agency-plans/annual-plan-fy2024.pdf", title: "PHA Annual Plan FY2024", text: "GREYPORT HOUSING AUTHORITY\nPHA Annual Plan\nFiscal year April 1, 2023 to March 31, 2024", link: "Annual PHA Plan, FY 2024"},
		{path: "/agency-plans/five-year-plan-2025-2029.pdf", title: "PHA 5-Year Plan 2025-2029", text: "GREYPORT HOUSING AUTHORITY\nFive-Year PHA Plan 2025-2029", link: "5-Year PHA Plan 2025–2029"},
		{path: "/agency-plans/acop-2024.pdf", title: "Admissions and Continued Occupancy Policy", text: "GREYPORT HOUSING AUTHORITY\nAdmissions and Continued Occupancy Policy (ACOP)\nEffective July 1, 2024", link: "Admissions and Continued Occupancy Policy (ACOP)"},
		{path: "/agency-plans/admin-plan-2024.pdf", title: "Housing Choice Voucher Administrative Plan", text: "GREYPORT HOUSING AUTHORITY\nHousing Choice Voucher Program\nAdministrative Plan, 2024", link: "HCV Administrative Plan"},
	}
	gBoard = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2024-09-17", "September 17, 2024"}, {"2024-10-15", "October 15, 2024"}, {"2024-11-19", "November 19, 2024"}, {"2025-01-21", "January 21, 2025"}, {"2025-02-18", "February 18, 2025"}} {
			ds = append(ds,
				doc{path: "/board/minutes/" + m.iso + ".pdf", title: "Board of Commissioners Regular Meeting Minutes", text: "GREYPORT HOUSING AUTHORITY\nBoard of Commissioners\nRegular meeting minutes\n" + m.human, link: m.human},
				doc{path: "/board/resolutions/" + m.iso + ".pdf", title: "Resolutions adopted " + m.human, text: "GREYPORT HOUSING AUTHORITY\nResolutions adopted by the Board of Commissioners\n" + m.human, link: m.human})
		}
		return ds
	}()
	gNotices = []doc{
		{path: "/applicants/waitlist-opening-2025.pdf", title: "Public Notice Waiting List Opening", text: "PUBLIC NOTICE\nThe Housing Choice Voucher waiting list will open on March 3, 2025", link: "Notice: voucher waiting list opens March 3, 2025"},
		{path: "/applicants/payment-standards-2025.pdf", title: "Payment Standards 2025", text: "GREYPORT HOUSING AUTHORITY\nHousing Choice Voucher payment standards\nEffective January 1, 2025", link: "Voucher payment standards (effective January 1, 2025)"},
		{path: "/applicants/payment-standards-2024.pdf", title: "Payment Standards 2024", text: "GREYPORT HOUSING AUTHORITY\nHousing Choice Voucher payment standards\nEffective January 1, 2024\nSUPERSEDED", link: "Voucher payment standards (2024, superseded)"},
		{path: "/applicants/pre-application.pdf", title: "Pre-application for Housing Assistance", text: "Pre-application for housing assistance", link: "Pre-application form"},
	}
	gAudits = []doc{
		{path: "/finance/single-audit-fy2024.pdf", title: "Single Audit Report FY2024", text: "GREYPORT HOUSING AUTHORITY\nReports required by the Uniform Guidance\nYear ended March 31, 2024", link: "Single audit, year ended March 31, 2024"},
		{path: "/finance/single-audit-fy2023.pdf", title: "Single Audit Report FY2023", text: "GREYPORT HOUSING AUTHORITY\nReports required by the Uniform Guidance\nYear ended March 31, 2023", link: "Single audit, year ended March 31, 2023"},
		{path: "/finance/operating-budget-fy2025.pdf", title: "Operating Budget FY2025", text: "GREYPORT HOUSING AUTHORITY\nOperating budget\nFiscal year 2025", link: "Operating budget FY 2025"},
	}
)

func greyport() site {
	n := nav("Greyport Housing Authority", "/agency-plans/", "Agency plans", "/board/", "Board", "/applicants/", "Applicants", "/finance/", "Finance")
	var brow strings.Builder
	for i := 0; i < len(gBoard); i += 2 {
		date := gBoard[i].link
		fmt.Fprintf(&brow, `<tr><td>%s</td><td><a href="%s">Minutes</a></td><td><a href="%s">Resolutions</a></td></tr>`, date, gBoard[i].path, gBoard[i+1].path)
	}
	return site{name: "greyport", docs: concat(gPlans, gBoard, gNotices, gAudits),
		pages: []page{
			{"/", "Greyport Housing Authority", n + `<main><h1>Greyport Housing Authority</h1><p>Our fiscal year runs April 1 to March 31.</p><ul><li><a href="/agency-plans/">Agency plans and policies</a></li><li><a href="/board/">Board of Commissioners</a></li><li><a href="/applicants/">Applying for housing</a></li><li><a href="/finance/">Financial information</a></li></ul></main>`},
			{"/agency-plans/", "Agency plans", n + `<main><h1>Agency plans and policies</h1><ul>` + links(gPlans) + `</ul></main>`},
			{"/board/", "Board of Commissioners", n + `<main><h1>Board of Commissioners</h1><table><thead><tr><th>Meeting date</th><th>Minutes</th><th>Resolutions</th></tr></thead><tbody>` + brow.String() + `</tbody></table></main>`},
			{"/applicants/", "Applicants", n + `<main><h1>Applying for housing</h1><ul>` + links(gNotices) + `</ul></main>`},
			{"/finance/", "Finance", n + `<main><h1>Financial information</h1><ul>` + links(gAudits) + `</ul></main>`},
		}}
}

// ---- Westshire Fire and Rescue Service ----

var (
	wfInspections = []doc{
		{path: "/about/inspection-2023.pdf", title: "Effectiveness, efficiency and people 2023", text: "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services\nEffectiveness, efficiency and people 2023\nAn inspection of Westshire Fire and Rescue Service", link: "Inspectorate report 2023"},
		{path: "/about/inspection-2021.pdf", title: "Effectiveness, efficiency and people 2021", text: "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services\nEffectiveness, efficiency and people 2021\nAn inspection of Westshire Fire and Rescue Service", link: "Inspectorate report 2021"},
	}
	wfCRMP = []doc{
		{path: "/about/crmp-2024-2028.pdf", title: "Community Risk Management Plan 2024-2028", text: "WESTSHIRE FIRE AND RESCUE SERVICE\nCommunity Risk Management Plan 2024-2028", link: "Community Risk Management Plan 2024–2028"},
		{path: "/about/crmp-2024-2028-consultation.pdf", title: "CRMP 2024-2028 Consultation Document", text: "WESTSHIRE FIRE AND RESCUE SERVICE\nHave your say: our draft Community Risk Management Plan 2024-2028\nConsultation document", link: "CRMP consultation document (closed)"},
		{path: "/about/irmp-2020-2024.pdf", title: "Integrated Risk Management Plan 2020-2024", text: "WESTSHIRE FIRE AND RESCUE SERVICE\nIntegrated Risk Management Plan 2020-2024", link: "Integrated Risk Management Plan 2020–2024"},
	}
	wfStats = func() []doc {
		var ds []doc
		for _, q := range []struct{ slug, label, period string }{
			{"2024-q1", "Q1 2024/25", "April to June 2024"}, {"2024-q2", "Q2 2024/25", "July to September 2024"},
			{"2024-q3", "Q3 2024/25", "October to December 2024"}, {"2024-q4", "Q4 2024/25", "January to March 2025"},
			{"2025-q1", "Q1 2025/26", "April to June 2025"},
		} {
			ds = append(ds, doc{path: "/performance/incidents-" + q.slug + ".pdf", title: "Incident statistics " + q.label,
				text: "WESTSHIRE FIRE AND RESCUE SERVICE\nQuarterly performance report\nIncidents attended, " + q.period, link: "Performance report " + q.label})
		}
		return ds
	}()
	wfPay = []doc{
		{path: "/about/pay-policy-2025.pdf", title: "Pay Policy Statement 2025/26", text: "WESTSHIRE FIRE AUTHORITY\nPay policy statement 2025/26", link: "Pay policy statement 2025/26"},
		{path: "/about/gender-pay-gap-2024.pdf", title: "Gender Pay Gap Report 2024", text: "WESTSHIRE FIRE AUTHORITY\nGender pay gap report\nSnapshot date 31 March 2024", link: "Gender pay gap report 2024"},
	}
	wfSafety = []doc{
		{path: "/safety/home-fire-safety.pdf", title: "Home Fire Safety", text: "Home fire safety: a guide for households", link: "Home fire safety guide"},
		{path: "/safety/business-fire-risk-assessment.pdf", title: "Fire Risk Assessment Guide for Businesses", text: "Fire risk assessment: a guide for small businesses", link: "Fire risk assessment guide for businesses"},
		{path: "/safety/prohibition-notice-2024-07.pdf", title: "Prohibition Notice", text: "REGULATORY REFORM (FIRE SAFETY) ORDER 2005\nProhibition notice\nServed 12 July 2024\nThe Old Granary, Westshire", link: "Prohibition notice – The Old Granary (July 2024)"},
		{path: "/safety/enforcement-notice-2024-10.pdf", title: "Enforcement Notice", text: "REGULATORY REFORM (FIRE SAFETY) ORDER 2005\nEnforcement notice\nServed 3 October 2024\nHillside Care Home", link: "Enforcement notice – Hillside Care Home (October 2024)"},
	}
)

func westshire() site {
	n := nav("Westshire Fire and Rescue Service", "/about/", "About us", "/performance/", "Our performance", "/safety/", "Fire safety")
	return site{name: "westshire", docs: concat(wfInspections, wfCRMP, wfStats, wfPay, wfSafety),
		pages: []page{
			{"/", "Westshire Fire and Rescue Service", n + `<main><h1>Westshire Fire and Rescue Service</h1><ul><li><a href="/about/">About the Service</a></li><li><a href="/performance/">How we are performing</a></li><li><a href="/safety/">Fire safety advice and enforcement</a></li></ul></main>`},
			{"/about/", "About us", n + `<main><h1>About us</h1><h2>Inspection</h2><ul>` + links(wfInspections) + `</ul><h2>Plans</h2><ul>` + links(wfCRMP) + `</ul><h2>Transparency</h2><ul>` + links(wfPay) + `</ul></main>`},
			{"/performance/", "Our performance", n + `<main><h1>How we are performing</h1><p>Figures are published each quarter of the financial year.</p><ul>` + links(wfStats) + `</ul></main>`},
			{"/safety/", "Fire safety", n + `<main><h1>Fire safety</h1><h2>Advice</h2><ul>` + links(wfSafety[:2]) + `</ul><h2>Enforcement register</h2><ul>` + links(wfSafety[2:]) + `</ul></main>`},
		}}
}

// ---- Lakemont State Gaming Commission ----

var (
	lRevenue = func() []doc {
		var ds []doc
		for i, m := range []string{"January", "February", "March", "April", "May", "June", "July", "August"} {
			ds = append(ds, doc{path: fmt.Sprintf("/revenue/2025-%02d.pdf", i+1), title: "Monthly Gaming Revenue " + m + " 2025",
				text: "LAKEMONT STATE GAMING COMMISSION\nMonthly gross gaming revenue report\n" + m + " 2025", link: m + " 2025"})
		}
		ds = append(ds, doc{path: "/revenue/annual-2024.pdf", title: "Annual Gaming Revenue 2024", text: "LAKEMONT STATE GAMING COMMISSION\nAnnual gaming revenue report\nCalendar year 2024", link: "Annual revenue report 2024"})
		return ds
	}()
	lMeetings = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2025-02-12", "February 12, 2025"}, {"2025-05-14", "May 14, 2025"}, {"2025-08-13", "August 13, 2025"}} {
			ds = append(ds,
				doc{path: "/commission/" + m.iso + "-transcript.pdf", title: "Public Meeting Transcript " + m.human, text: "LAKEMONT STATE GAMING COMMISSION\nTranscript of public meeting\n" + m.human, link: "Transcript"},
				doc{path: "/commission/" + m.iso + "-agenda.pdf", title: "Public Meeting Agenda " + m.human, text: "LAKEMONT STATE GAMING COMMISSION\nAgenda, public meeting\n" + m.human, link: "Agenda"})
		}
		return ds
	}()
	lRules = []doc{
		{path: "/rules/chapter-12-sports-wagering.pdf", title: "Chapter 12 Sports Wagering", text: "LAKEMONT ADMINISTRATIVE CODE\nTitle 9, Chapter 12: Sports wagering\nEffective March 1, 2025", link: "Chapter 12 – Sports wagering"},
		{path: "/rules/chapter-7-table-games.pdf", title: "Chapter 7 Table Games", text: "LAKEMONT ADMINISTRATIVE CODE\nTitle 9, Chapter 7: Table games", link: "Chapter 7 – Table games"},
		{path: "/rules/proposed-chapter-12-amendments.pdf", title: "Proposed Amendments to Chapter 12", text: "NOTICE OF PROPOSED RULEMAKING\nAmendments to Chapter 12, Sports wagering\nComments due October 31, 2025", link: "Proposed amendments to Chapter 12 (comment period open)"},
	}
	lDisciplinary = []doc{
		{path: "/enforcement/consent-agreement-riverbend-2025.pdf", title: "Consent Agreement Riverbend Casino", text: "LAKEMONT STATE GAMING COMMISSION\nConsent agreement and civil penalty\nRiverbend Casino\nJune 2025", link: "Riverbend Casino – consent agreement, June 2025"},
		{path: "/enforcement/suspension-order-doe-2025.pdf", title: "Order of Suspension", text: "LAKEMONT STATE GAMING COMMISSION\nOrder suspending occupational license\nJune 2025", link: "Occupational license suspension order, June 2025"},
		{path: "/enforcement/consent-agreement-lucky-2024.pdf", title: "Consent Agreement Lucky Acres Racino", text: "LAKEMONT STATE GAMING COMMISSION\nConsent agreement and civil penalty\nLucky Acres Racino\nNovember 2024", link: "Lucky Acres Racino – consent agreement, November 2024"},
	}
)

func lakemont() site {
	n := nav("Lakemont State Gaming Commission", "/revenue/", "Revenue reports", "/commission/", "Commission meetings", "/rules/", "Rules", "/enforcement/", "Enforcement")
	var mrow strings.Builder
	for i := 0; i < len(lMeetings); i += 2 {
		date := strings.TrimPrefix(lMeetings[i].title, "Public Meeting Transcript ")
		fmt.Fprintf(&mrow, `<tr><td>%s</td><td><a href="%s">Agenda</a></td><td><a href="%s">Transcript</a></td></tr>`, date, lMeetings[i+1].path, lMeetings[i].path)
	}
	return site{name: "lakemont", docs: concat(lRevenue, lMeetings, lRules, lDisciplinary),
		pages: []page{
			{"/", "Lakemont State Gaming Commission", n + `<main><h1>Lakemont State Gaming Commission</h1><ul><li><a href="/revenue/">Gaming revenue</a></li><li><a href="/commission/">Commission meetings</a></li><li><a href="/rules/">Rules and regulations</a></li><li><a href="/enforcement/">Disciplinary actions</a></li></ul></main>`},
			{"/revenue/", "Revenue reports", n + `<main><h1>Gaming revenue</h1><h2>Monthly reports, 2025</h2><ul>` + links(lRevenue[:8]) + `</ul><h2>Annual</h2><ul>` + links(lRevenue[8:]) + `</ul></main>`},
			{"/commission/", "Commission meetings", n + `<main><h1>Commission meetings</h1><table><thead><tr><th>Date</th><th>Agenda</th><th>Transcript</th></tr></thead><tbody>` + mrow.String() + `</tbody></table></main>`},
			{"/rules/", "Rules", n + `<main><h1>Rules and regulations</h1><h2>Adopted rules</h2><ul>` + links(lRules[:2]) + `</ul><h2>Rulemaking in progress</h2><ul>` + links(lRules[2:]) + `</ul></main>`},
			{"/enforcement/", "Enforcement", n + `<main><h1>Disciplinary actions</h1><ul>` + links(lDisciplinary) + `</ul></main>`},
		}}
}

func sitesD() []site { return []site{greyport(), westshire(), lakemont()} }

func casesD() []kase {
	return []kase{
		{ID: "hd-greyport-annual-plan-fy2025", Site: "greyport", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Where is the housing authority's annual plan for fiscal year 2025? Not the five-year one.",
			Relevant: paths(gPlans[0]), Note: "question; exclusion of the five-year plan"},
		{ID: "hd-greyport-board-minutes-fy2025", Site: "greyport", Start: "/board/", Parameters: param(false, 0.5),
			Prompt:   "Board of Commissioners minutes for FY2025 (our auditors need them), but leave out the resolutions.",
			Relevant: paths(gBoard[0], gBoard[2], gBoard[4], gBoard[6], gBoard[8]), Note: "fiscal year April–March stated on the home page, named by the year it ends"},
		{ID: "hd-greyport-resolutions-winter", Site: "greyport", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Get the board resolutions passed in November 2024, January 2025 and February 2025.",
			Relevant: paths(gBoard[5], gBoard[7], gBoard[9]), Note: "month list across years; link text is only 'Resolutions'"},
		{ID: "hd-greyport-acop", Site: "greyport", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I'm helping a tenant with an eviction appeal; I need the ACOP.",
			Relevant: paths(gPlans[3]), Note: "abbreviation; aside"},
		{ID: "hd-greyport-payment-standards-current", Site: "greyport", Start: "/applicants/", Parameters: param(true, 0.5),
			Prompt:   "What are the voucher payment standards in effect now?",
			Relevant: paths(gNotices[1]), Note: "current vs superseded"},
		{ID: "hd-greyport-audits", Site: "greyport", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Download every single audit the authority has posted.",
			Relevant: paths(gAudits[0], gAudits[1]), Note: "'single audit' is a genre, 'every single' is not; not the budget"},
		{ID: "hd-westshire-crmp", Site: "westshire", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the fire service's current community risk management plan - not the consultation version and not the old IRMP.",
			Relevant: paths(wfCRMP[0]), Note: "current; exclusion of a stage and an earlier name"},
		{ID: "hd-westshire-inspection", Site: "westshire", Start: "/about/", Parameters: param(true, 0.5),
			Prompt:   "How did the inspectorate rate the service in 2023?",
			Relevant: paths(wfInspections[0]), Note: "question; inspection report named by the inspectorate's title"},
		{ID: "hd-westshire-incidents-h2-2024", Site: "westshire", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Quarterly incident figures for July to December 2024",
			Relevant: paths(wfStats[1], wfStats[2]), Note: "month range covering two quarters named by financial-year quarter labels"},
		{ID: "hd-westshire-enforcement", Site: "westshire", Start: "/safety/", Parameters: param(true, 0.5),
			Prompt:   "List the fire safety enforcement and prohibition notices served in 2024, not the advice leaflets.",
			Relevant: paths(wfSafety[2], wfSafety[3]), Note: "two kinds of notice; exclusion of guides"},
		{ID: "hd-lakemont-revenue-q2-2025", Site: "lakemont", Start: "/revenue/", Parameters: param(true, 0.5),
			Prompt:   "Monthly gaming revenue reports for Q2 2025",
			Relevant: paths(lRevenue[3], lRevenue[4], lRevenue[5]), Note: "quarter covering months; not the annual report"},
		{ID: "hd-lakemont-transcripts", Site: "lakemont", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Could you pull the verbatim records of the commission's public meetings held since May 2025? Agendas aren't needed.",
			Relevant: paths(lMeetings[2], lMeetings[4]), Note: "'verbatim records' for transcripts; since a month; exclusion"},
		{ID: "hd-lakemont-sports-wagering-rules", Site: "lakemont", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Which sports betting regulations are in force today? I don't want proposed changes.",
			Relevant: paths(lRules[0]), Note: "betting vs wagering; regulation vs chapter; proposed rule excluded"},
		{ID: "hd-lakemont-consent-agreements", Site: "lakemont", Start: "/enforcement/", Parameters: param(true, 0.5),
			Prompt:   "Show me the consent agreements with casinos from 2025.",
			Relevant: paths(lDisciplinary[0]), Note: "one kind among disciplinary actions; year"},
	}
}
