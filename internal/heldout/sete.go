package heldout

import (
	"fmt"
	"strings"
)

// Set E: written after set D's changes and before any further engine change: a
// county health department, a state department of transportation and a public
// library system. Write it with Write("e", dir); measure it, do not tune on it.

// ---- Brenford County Health Department ----

var (
	bInspections = func() []doc {
		var ds []doc
		for _, r := range []struct{ slug, name, date, result string }{
			{"golden-wok-2024-02", "Golden Wok", "February 6, 2024", "Pass"}, {"harbor-diner-2024-03", "Harbor Diner", "March 19, 2024", "Conditional pass"},
			{"taqueria-sol-2024-05", "Taqueria Sol", "May 2, 2024", "Pass"}, {"harbor-diner-2024-08", "Harbor Diner", "August 14, 2024", "Pass"},
			{"blue-plate-2023-11", "Blue Plate Cafe", "November 8, 2023", "Closed"},
		} {
			ds = append(ds, doc{path: "/eh/inspections/" + r.slug + ".pdf", title: "Food Establishment Inspection Report",
				text: "BRENFORD COUNTY HEALTH DEPARTMENT\nFood establishment inspection report\n" + r.name + "\nDate of inspection: " + r.date + "\nResult: " + r.result,
				link: r.name + " – " + r.date})
		}
		return ds
	}()
	bAdvisories = []doc{
		{path: "/news/advisory-2024-07-heat.pdf", title: "Health Advisory: Extreme Heat", text: "HEALTH ADVISORY\nExtreme heat\nIssued July 15, 2024", link: "Health advisory: extreme heat (July 15, 2024)"},
		{path: "/news/advisory-2024-09-lake.pdf", title: "Health Advisory: Harmful Algal Bloom at Lake Orrin", text: "HEALTH ADVISORY\nHarmful algal bloom, Lake Orrin\nIssued September 3, 2024", link: "Health advisory: algal bloom at Lake Orrin (September 3, 2024)"},
		{path: "/news/advisory-2025-01-flu.pdf", title: "Health Advisory: Influenza Activity", text: "HEALTH ADVISORY\nInfluenza activity increasing\nIssued January 10, 2025", link: "Health advisory: influenza (January 10, 2025)"},
		{path: "/news/press-2024-10-clinic.pdf", title: "New Clinic Hours", text: "NEWS RELEASE\nVaccination clinic extends hours\nOctober 1, 2024", link: "News release: clinic extends hours (October 1, 2024)"},
	}
	bReports = []doc{
		{path: "/data/cha-2022.pdf", title: "Community Health Assessment 2022", text: "BRENFORD COUNTY\nCommunity Health Assessment\n2022", link: "Community Health Assessment (2022)"},
		{path: "/data/chip-2023-2026.pdf", title: "Community Health Improvement Plan 2023-2026", text: "BRENFORD COUNTY\nCommunity Health Improvement Plan 2023-2026", link: "Community Health Improvement Plan 2023–2026"},
		{path: "/data/vital-stats-2023.pdf", title: "Vital Statistics Report 2023", text: "BRENFORD COUNTY HEALTH DEPARTMENT\nBirths and deaths, 2023", link: "Vital statistics, 2023"},
		{path: "/data/vital-stats-2022.pdf", title: "Vital Statistics Report 2022", text: "BRENFORD COUNTY HEALTH DEPARTMENT\nBirths and deaths, 2022", link: "Vital statistics, 2022"},
	}
	bForms = []doc{
		{path: "/eh/forms/food-permit-application.pdf", title: "Food Service Permit Application", text: "Application for a food service establishment permit", link: "Food service permit application"},
		{path: "/eh/forms/septic-permit-application.pdf", title: "Septic System Permit Application", text: "Application for an onsite sewage system permit", link: "Septic permit application"},
		{path: "/eh/food-code-guide.pdf", title: "Guide to the Food Code", text: "A plain-language guide to the food code for operators", link: "Guide to the food code"},
	}
)

func brenford() site {
	n := nav("Brenford County Health Department", "/eh/", "Environmental health", "/news/", "News and advisories", "/data/", "Data and reports")
	var irow strings.Builder
	for _, d := range bInspections {
		parts := strings.Split(d.text, "\n")
		fmt.Fprintf(&irow, `<tr><td><a href="%s">%s</a></td><td>%s</td><td>%s</td></tr>`, d.path, parts[2], strings.TrimPrefix(parts[3], "Date of inspection: "), strings.TrimPrefix(parts[4], "Result: "))
	}
	return site{name: "brenford", docs: concat(bInspections, bAdvisories, bReports, bForms),
		pages: []page{
			{"/", "Brenford County Health Department", n + `<main><h1>Brenford County Health Department</h1><ul><li><a href="/eh/">Restaurant inspections and permits</a></li><li><a href="/news/">Advisories and news</a></li><li><a href="/data/">Health data</a></li></ul></main>`},
			{"/eh/", "Environmental health", n + `<main><h1>Environmental health</h1><h2>Restaurant inspection results</h2><table><thead><tr><th>Establishment</th><th>Inspected</th><th>Result</th></tr></thead><tbody>` + irow.String() + `</tbody></table><h2>Permits</h2><ul>` + links(bForms) + `</ul></main>`},
			{"/news/", "News and advisories", n + `<main><h1>News and advisories</h1><ul>` + links(bAdvisories) + `</ul></main>`},
			{"/data/", "Data and reports", n + `<main><h1>Health data and reports</h1><ul>` + links(bReports) + `</ul></main>`},
		}}
}

// ---- Ostrava State Department of Transportation ----

var (
	oBids = func() []doc {
		var ds []doc
		for _, b := range []struct{ no, what, date string }{
			{"24-101", "Route 9 resurfacing", "March 12, 2024"}, {"24-117", "Elk Creek bridge replacement", "April 23, 2024"},
			{"24-140", "I-80 guardrail upgrades", "June 4, 2024"}, {"24-166", "Statewide line striping", "September 17, 2024"},
			{"25-008", "Route 22 culvert repairs", "January 28, 2025"},
		} {
			ds = append(ds, doc{path: "/letting/tabs/" + b.no + ".pdf", title: "Bid Tabulation Contract " + b.no,
				text: "OSTRAVA DEPARTMENT OF TRANSPORTATION\nTabulation of bids\nContract " + b.no + ": " + b.what + "\nLetting date: " + b.date,
				link: "Contract " + b.no + " – " + b.what + " (let " + b.date + ")"})
		}
		return ds
	}()
	oPlans = []doc{
		{path: "/planning/stip-2025-2028.pdf", title: "Statewide Transportation Improvement Program FFY 2025-2028", text: "OSTRAVA DOT\nStatewide Transportation Improvement Program\nFederal fiscal years 2025-2028\nApproved October 2024", link: "STIP, FFY 2025–2028 (approved)"},
		{path: "/planning/stip-2025-2028-draft.pdf", title: "Draft STIP FFY 2025-2028", text: "OSTRAVA DOT\nDraft Statewide Transportation Improvement Program\nPublic comment period: July 1 - August 15, 2024", link: "Draft STIP, FFY 2025–2028 (public comment)"},
		{path: "/planning/lrtp-2050.pdf", title: "Long-Range Transportation Plan 2050", text: "OSTRAVA DOT\nLong-Range Transportation Plan: Moving Ostrava 2050", link: "Long-Range Transportation Plan 2050"},
		{path: "/planning/freight-plan-2023.pdf", title: "State Freight Plan 2023", text: "OSTRAVA DOT\nState Freight Plan\n2023", link: "State Freight Plan (2023)"},
	}
	oTraffic = func() []doc {
		var ds []doc
		for _, y := range []string{"2021", "2022", "2023", "2024"} {
			ds = append(ds, doc{path: "/data/aadt-" + y + ".pdf", title: "Annual Average Daily Traffic " + y, text: "OSTRAVA DOT\nTraffic volumes: annual average daily traffic (AADT)\n" + y, link: "Traffic counts " + y})
		}
		return ds
	}()
	oSafety = []doc{
		{path: "/safety/shsp-2022-2026.pdf", title: "Strategic Highway Safety Plan 2022-2026", text: "OSTRAVA\nStrategic Highway Safety Plan 2022-2026", link: "Strategic Highway Safety Plan 2022–2026"},
		{path: "/safety/crash-facts-2023.pdf", title: "Crash Facts 2023", text: "OSTRAVA DOT\nCrash facts: a summary of motor vehicle crashes in 2023", link: "Crash facts 2023"},
		{path: "/safety/crash-facts-2022.pdf", title: "Crash Facts 2022", text: "OSTRAVA DOT\nCrash facts: a summary of motor vehicle crashes in 2022", link: "Crash facts 2022"},
	}
)

func ostrava() site {
	n := nav("Ostrava DOT", "/letting/", "Contracts and lettings", "/planning/", "Planning", "/data/", "Traffic data", "/safety/", "Safety")
	return site{name: "ostrava", docs: concat(oBids, oPlans, oTraffic, oSafety),
		pages: []page{
			{"/", "Ostrava Department of Transportation", n + `<main><h1>Ostrava Department of Transportation</h1><p>The federal fiscal year runs October 1 to September 30.</p><ul><li><a href="/letting/">Bid lettings</a></li><li><a href="/planning/">Plans and programs</a></li><li><a href="/data/">Traffic data</a></li><li><a href="/safety/">Highway safety</a></li></ul></main>`},
			{"/letting/", "Contracts and lettings", n + `<main><h1>Bid lettings</h1><h2>Bid tabulations</h2><ul>` + links(oBids) + `</ul></main>`},
			{"/planning/", "Planning", n + `<main><h1>Plans and programs</h1><ul>` + links(oPlans) + `</ul></main>`},
			{"/data/", "Traffic data", n + `<main><h1>Traffic data</h1><ul>` + links(oTraffic) + `</ul></main>`},
			{"/safety/", "Safety", n + `<main><h1>Highway safety</h1><ul>` + links(oSafety) + `</ul></main>`},
		}}
}

// ---- Fenwick Public Library ----

var (
	fBoard = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2024-01-16", "January 16, 2024"}, {"2024-03-19", "March 19, 2024"}, {"2024-05-21", "May 21, 2024"}, {"2024-09-17", "September 17, 2024"}, {"2024-11-19", "November 19, 2024"}} {
			ds = append(ds, doc{path: "/about/board/" + m.iso + ".pdf", title: "Library Board of Trustees Minutes",
				text: "FENWICK PUBLIC LIBRARY\nBoard of Trustees\nMinutes of the regular meeting, " + m.human, link: m.human})
		}
		return ds
	}()
	fPolicies = []doc{
		{path: "/about/policies/collection-development.pdf", title: "Collection Development Policy", text: "FENWICK PUBLIC LIBRARY\nCollection development policy\nAdopted by the Board of Trustees, March 19, 2024", link: "Collection development policy"},
		{path: "/about/policies/reconsideration.pdf", title: "Request for Reconsideration of Library Materials", text: "FENWICK PUBLIC LIBRARY\nRequest for reconsideration of library materials (form)", link: "Request for reconsideration of materials (form)"},
		{path: "/about/policies/meeting-rooms.pdf", title: "Meeting Room Use Policy", text: "FENWICK PUBLIC LIBRARY\nMeeting room use policy", link: "Meeting room policy"},
		{path: "/about/policies/internet-use.pdf", title: "Internet and Computer Use Policy", text: "FENWICK PUBLIC LIBRARY\nInternet and computer use policy", link: "Internet use policy"},
	}
	fReports = []doc{
		{path: "/about/annual-report-2023.pdf", title: "Annual Report 2023", text: "FENWICK PUBLIC LIBRARY\n2023 annual report to the community", link: "Annual report 2023"},
		{path: "/about/strategic-plan-2024-2027.pdf", title: "Strategic Plan 2024-2027", text: "FENWICK PUBLIC LIBRARY\nStrategic plan 2024-2027", link: "Strategic plan 2024–2027"},
		{path: "/about/budget-2025.pdf", title: "Budget 2025", text: "FENWICK PUBLIC LIBRARY\nOperating budget, calendar year 2025", link: "2025 budget"},
	}
	fEvents = []doc{
		{path: "/events/summer-reading-2024.pdf", title: "Summer Reading Program 2024", text: "Summer reading program 2024: read, explore, discover. June 10 to August 9, 2024", link: "Summer reading program 2024 (flyer)"},
		{path: "/events/winter-2025-calendar.pdf", title: "Winter 2025 Events Calendar", text: "Events calendar, January to March 2025", link: "Winter 2025 events calendar"},
		{path: "/events/fall-2024-calendar.pdf", title: "Fall 2024 Events Calendar", text: "Events calendar, September to November 2024", link: "Fall 2024 events calendar"},
	}
)

func fenwick() site {
	n := nav("Fenwick Public Library", "/about/", "About the library", "/events/", "Events")
	return site{name: "fenwick", docs: concat(fBoard, fPolicies, fReports, fEvents),
		pages: []page{
			{"/", "Fenwick Public Library", n + `<main><h1>Fenwick Public Library</h1><ul><li><a href="/about/">About the library</a></li><li><a href="/events/">Programs and events</a></li></ul></main>`},
			{"/about/", "About the library", n + `<main><h1>About the library</h1><ul><li><a href="/about/board/">Board of Trustees</a></li><li><a href="/about/policies/">Library policies</a></li></ul><h2>Reports</h2><ul>` + links(fReports) + `</ul></main>`},
			{"/about/board/", "Board of Trustees", n + `<main><h1>Board of Trustees</h1><h2>Meeting minutes, 2024</h2><ul>` + links(fBoard) + `</ul></main>`},
			{"/about/policies/", "Library policies", n + `<main><h1>Library policies</h1><ul>` + links(fPolicies) + `</ul></main>`},
			{"/events/", "Events", n + `<main><h1>Programs and events</h1><ul>` + links(fEvents) + `</ul></main>`},
		}}
}

func sitesE() []site { return []site{brenford(), ostrava(), fenwick()} }

func casesE() []kase {
	return []kase{
		{ID: "he-brenford-restaurant-inspections-2024", Site: "brenford", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Do you have the restaurant inspection reports from 2024?",
			Relevant: paths(bInspections[0], bInspections[1], bInspections[2], bInspections[3]), Note: "question 'do you have'; restaurant vs food establishment"},
		{ID: "he-brenford-harbor-diner", Site: "brenford", Start: "/eh/", Parameters: param(true, 0.5),
			Prompt:   "inspection results for Harbor Diner",
			Relevant: paths(bInspections[1], bInspections[3]), Note: "a named establishment"},
		{ID: "he-brenford-advisories-h2-2024", Site: "brenford", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Health advisories issued in the second half of 2024 - news releases aren't needed",
			Relevant: paths(bAdvisories[0], bAdvisories[1]), Note: "half year; exclusion after a dash"},
		{ID: "he-brenford-chip", Site: "brenford", Start: "/data/", Parameters: param(true, 0.5),
			Prompt:   "I'm a nursing student writing about local priorities - where is the county's CHIP?",
			Relevant: paths(bReports[1]), Note: "acronym; aside; not the assessment"},
		{ID: "he-brenford-vital-stats", Site: "brenford", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Looking for birth and death statistics for 2023.",
			Relevant: paths(bReports[2]), Note: "vital statistics named by what they count"},
		{ID: "he-ostrava-bid-tabs-2024", Site: "ostrava", Start: "/letting/", Parameters: param(true, 0.5),
			Prompt:   "Get me the bid tabs for contracts let between April and September 2024.",
			Relevant: paths(oBids[1], oBids[2], oBids[3]), Note: "trade abbreviation 'bid tabs'; month range"},
		{ID: "he-ostrava-stip-approved", Site: "ostrava", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Where's the approved STIP? I don't want the draft that was out for public comment.",
			Relevant: paths(oPlans[0]), Note: "acronym spelled out on the site; stage"},
		{ID: "he-ostrava-traffic-counts", Site: "ostrava", Start: "/data/", Parameters: param(true, 0.5),
			Prompt:   "AADT reports from 2022 through 2024",
			Relevant: paths(oTraffic[1], oTraffic[2], oTraffic[3]), Note: "acronym in the document text; year range"},
		{ID: "he-ostrava-crash-data", Site: "ostrava", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Can I see the state's crash statistics for 2023? The highway safety plan is not relevant.",
			Relevant: paths(oSafety[1]), Note: "statistics vs 'crash facts'; exclusion of a plan"},
		{ID: "he-fenwick-board-minutes-spring", Site: "fenwick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "library trustees meeting minutes, March to May 2024",
			Relevant: paths(fBoard[1], fBoard[2]), Note: "no verb; month range; link text is only a date"},
		{ID: "he-fenwick-collection-policy", Site: "fenwick", Start: "/about/policies/", Parameters: param(true, 0.5),
			Prompt:   "What is the library's policy on which books it buys and removes? Not the reconsideration form.",
			Relevant: paths(fPolicies[0]), Note: "described, not named: collection development"},
		{ID: "he-fenwick-plans-and-reports", Site: "fenwick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Please send the library's annual report and its strategic plan.",
			Relevant: paths(fReports[0], fReports[1]), Note: "two kinds asked for at once; not the budget"},
		{ID: "he-fenwick-events-winter", Site: "fenwick", Start: "/events/", Parameters: param(true, 0.5),
			Prompt:   "events calendar for winter 2025",
			Relevant: paths(fEvents[1]), Note: "a season"},
		{ID: "he-fenwick-summer-reading", Site: "fenwick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the flyer for the 2024 summer reading program.",
			Relevant: paths(fEvents[0]), Note: "flyer; program name"},
	}
}
