package heldout

import (
	"fmt"
	"strings"
)

// Set F: written after set E's changes and before any further engine change: a
// regional airport authority, a state forestry department and a community college
// district. Write it with Write("f", dir); measure it, do not tune on it.

// ---- Tresham Regional Airport Authority ----

var (
	tNoise = []doc{
		{path: "/community/noise-report-2024-q1.pdf", title: "Noise Monitoring Report Q1 2024", text: "TRESHAM REGIONAL AIRPORT\nQuarterly noise monitoring report\nJanuary - March 2024", link: "Noise report, Q1 2024"},
		{path: "/community/noise-report-2024-q2.pdf", title: "Noise Monitoring Report Q2 2024", text: "TRESHAM REGIONAL AIRPORT\nQuarterly noise monitoring report\nApril - June 2024", link: "Noise report, Q2 2024"},
		{path: "/community/noise-report-2024-q3.pdf", title: "Noise Monitoring Report Q3 2024", text: "TRESHAM REGIONAL AIRPORT\nQuarterly noise monitoring report\nJuly - September 2024", link: "Noise report, Q3 2024"},
		{path: "/community/part-150-study.pdf", title: "Part 150 Noise Compatibility Study", text: "TRESHAM REGIONAL AIRPORT\n14 CFR Part 150 Noise Exposure Maps and Noise Compatibility Program", link: "Part 150 noise compatibility study"},
	}
	tPlanning = []doc{
		{path: "/planning/master-plan-2023.pdf", title: "Airport Master Plan Update 2023", text: "TRESHAM REGIONAL AIRPORT\nMaster plan update\nFinal report, 2023", link: "Airport master plan update (2023)"},
		{path: "/planning/alp-2023.pdf", title: "Airport Layout Plan 2023", text: "TRESHAM REGIONAL AIRPORT\nAirport layout plan drawing set\nApproved 2023", link: "Airport layout plan (2023)"},
		{path: "/planning/master-plan-2012.pdf", title: "Airport Master Plan 2012", text: "TRESHAM REGIONAL AIRPORT\nMaster plan\n2012", link: "Master plan (2012, superseded)"},
		{path: "/planning/runway-ea.pdf", title: "Runway 9-27 Extension Environmental Assessment", text: "DRAFT ENVIRONMENTAL ASSESSMENT\nRunway 9-27 extension\nTresham Regional Airport", link: "Runway 9-27 extension: draft environmental assessment"},
		{path: "/planning/runway-fonsi.pdf", title: "Finding of No Significant Impact Runway 9-27", text: "FINDING OF NO SIGNIFICANT IMPACT AND RECORD OF DECISION\nRunway 9-27 extension", link: "Runway 9-27 extension: FONSI/ROD"},
	}
	tBoard = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2023-11-14", "November 14, 2023"}, {"2024-01-09", "January 9, 2024"}, {"2024-03-12", "March 12, 2024"}, {"2024-05-14", "May 14, 2024"}, {"2024-07-09", "July 9, 2024"}} {
			ds = append(ds, doc{path: "/about/board/minutes-" + m.iso + ".pdf", title: "Airport Authority Board Minutes",
				text: "TRESHAM REGIONAL AIRPORT AUTHORITY\nMinutes of the Board of Directors\n" + m.human, link: "Minutes – " + m.human})
		}
		return ds
	}()
	tBusiness = []doc{
		{path: "/business/rates-and-charges-2025.pdf", title: "Rates and Charges 2025", text: "TRESHAM REGIONAL AIRPORT\nSchedule of rates and charges\nEffective January 1, 2025", link: "Rates and charges (2025)"},
		{path: "/business/minimum-standards.pdf", title: "Minimum Standards for Aeronautical Activities", text: "TRESHAM REGIONAL AIRPORT\nMinimum standards for commercial aeronautical activities", link: "Minimum standards"},
		{path: "/business/rfp-2024-03-parking.pdf", title: "RFP 2024-03 Parking Management", text: "REQUEST FOR PROPOSALS 2024-03\nParking management services\nProposals due May 1, 2024", link: "RFP 2024-03: parking management"},
	}
)

func tresham() site {
	n := nav("Tresham Regional Airport", "/community/", "Community", "/planning/", "Planning", "/about/board/", "Board", "/business/", "Doing business")
	return site{name: "tresham", docs: concat(tNoise, tPlanning, tBoard, tBusiness),
		pages: []page{
			{"/", "Tresham Regional Airport", n + `<main><h1>Tresham Regional Airport</h1><ul><li><a href="/community/">Noise and community</a></li><li><a href="/planning/">Airport planning</a></li><li><a href="/about/board/">Board of Directors</a></li><li><a href="/business/">Doing business with the airport</a></li></ul></main>`},
			{"/community/", "Community", n + `<main><h1>Noise and the community</h1><ul>` + links(tNoise) + `</ul></main>`},
			{"/planning/", "Planning", n + `<main><h1>Airport planning</h1><ul>` + links(tPlanning) + `</ul></main>`},
			{"/about/board/", "Board", n + `<main><h1>Board of Directors</h1><ul>` + links(tBoard) + `</ul></main>`},
			{"/business/", "Doing business", n + `<main><h1>Doing business</h1><ul>` + links(tBusiness) + `</ul></main>`},
		}}
}

// ---- Calder State Department of Forestry ----

var (
	cTimber = func() []doc {
		var ds []doc
		for _, s := range []struct{ slug, name, date, status string }{
			{"pine-ridge", "Pine Ridge", "February 2024", "Sold"}, {"beaver-creek", "Beaver Creek", "May 2024", "Sold"},
			{"high-notch", "High Notch", "September 2024", "Open for bids"}, {"cold-spring", "Cold Spring", "October 2024", "Open for bids"},
			{"otter-lake", "Otter Lake", "October 2023", "Sold"},
		} {
			ds = append(ds, doc{path: "/timber/" + s.slug + "-prospectus.pdf", title: "Timber Sale Prospectus " + s.name,
				text: "CALDER DEPARTMENT OF FORESTRY\nTimber sale prospectus\n" + s.name + " sale\nAdvertised " + s.date, link: s.name + " (" + s.date + ") – " + s.status})
		}
		return ds
	}()
	cPlans = []doc{
		{path: "/plans/state-forest-action-plan-2020.pdf", title: "State Forest Action Plan 2020", text: "CALDER DEPARTMENT OF FORESTRY\nState forest action plan\n2020", link: "State Forest Action Plan (2020)"},
		{path: "/plans/wildfire-protection-plan-2022.pdf", title: "Community Wildfire Protection Plan Guidance", text: "CALDER DEPARTMENT OF FORESTRY\nGuidance for community wildfire protection plans\n2022", link: "Guidance: community wildfire protection plans"},
		{path: "/plans/forest-health-report-2023.pdf", title: "Forest Health Highlights 2023", text: "CALDER DEPARTMENT OF FORESTRY\nForest health highlights\n2023", link: "Forest health highlights 2023"},
		{path: "/plans/forest-health-report-2024.pdf", title: "Forest Health Highlights 2024", text: "CALDER DEPARTMENT OF FORESTRY\nForest health highlights\n2024", link: "Forest health highlights 2024"},
	}
	cBurn = []doc{
		{path: "/fire/burn-permit-application.pdf", title: "Open Burning Permit Application", text: "Application for an open burning permit", link: "Apply for a burn permit"},
		{path: "/fire/fire-danger-2024-08.pdf", title: "Fire Danger Declaration August 2024", text: "CALDER DEPARTMENT OF FORESTRY\nDeclaration of extreme fire danger\nEffective August 12, 2024", link: "Extreme fire danger declaration (August 12, 2024)"},
		{path: "/fire/fire-season-summary-2023.pdf", title: "Fire Season Summary 2023", text: "CALDER DEPARTMENT OF FORESTRY\nWildfire season summary\n2023", link: "2023 fire season summary"},
	}
)

func calder() site {
	n := nav("Calder Department of Forestry", "/timber/", "Timber sales", "/plans/", "Plans and reports", "/fire/", "Fire")
	return site{name: "calder", docs: concat(cTimber, cPlans, cBurn),
		pages: []page{
			{"/", "Calder Department of Forestry", n + `<main><h1>Calder Department of Forestry</h1><ul><li><a href="/timber/">Timber sales</a></li><li><a href="/plans/">Plans and reports</a></li><li><a href="/fire/">Wildfire</a></li></ul></main>`},
			{"/timber/", "Timber sales", n + `<main><h1>Timber sales</h1><ul>` + links(cTimber) + `</ul></main>`},
			{"/plans/", "Plans and reports", n + `<main><h1>Plans and reports</h1><ul>` + links(cPlans) + `</ul></main>`},
			{"/fire/", "Fire", n + `<main><h1>Wildfire</h1><ul>` + links(cBurn) + `</ul></main>`},
		}}
}

// ---- Marsh Valley Community College District ----

var (
	mvCatalog = []doc{
		{path: "/academics/catalog-2024-2025.pdf", title: "College Catalog 2024-2025", text: "MARSH VALLEY COLLEGE\nCatalog 2024-2025", link: "Catalog 2024–2025"},
		{path: "/academics/catalog-2023-2024.pdf", title: "College Catalog 2023-2024", text: "MARSH VALLEY COLLEGE\nCatalog 2023-2024", link: "Catalog 2023–2024 (archived)"},
		{path: "/academics/schedule-fall-2024.pdf", title: "Schedule of Classes Fall 2024", text: "MARSH VALLEY COLLEGE\nSchedule of classes\nFall semester 2024", link: "Class schedule, fall 2024"},
		{path: "/academics/schedule-spring-2025.pdf", title: "Schedule of Classes Spring 2025", text: "MARSH VALLEY COLLEGE\nSchedule of classes\nSpring semester 2025", link: "Class schedule, spring 2025"},
	}
	mvGov = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2024-02-13", "February 13, 2024"}, {"2024-04-09", "April 9, 2024"}, {"2024-06-11", "June 11, 2024"}, {"2024-08-13", "August 13, 2024"}} {
			ds = append(ds,
				doc{path: "/governance/trustees/" + m.iso + "-minutes.pdf", title: "Board of Trustees Minutes " + m.human, text: "MARSH VALLEY COMMUNITY COLLEGE DISTRICT\nGoverning Board of Trustees\nMinutes, " + m.human, link: "Minutes"},
				doc{path: "/governance/trustees/" + m.iso + "-agenda.pdf", title: "Board of Trustees Agenda " + m.human, text: "MARSH VALLEY COMMUNITY COLLEGE DISTRICT\nGoverning Board of Trustees\nAgenda, " + m.human, link: "Agenda"})
		}
		return ds
	}()
	mvInst = []doc{
		{path: "/research/accreditation-self-study-2023.pdf", title: "Institutional Self-Evaluation Report 2023", text: "MARSH VALLEY COLLEGE\nInstitutional self-evaluation report\nin support of reaffirmation of accreditation, 2023", link: "Institutional self-evaluation report (accreditation, 2023)"},
		{path: "/research/fact-book-2024.pdf", title: "Fact Book 2024", text: "MARSH VALLEY COLLEGE\nFact book: enrollment, completion and staffing\nFall 2024", link: "Fact book 2024"},
		{path: "/research/fact-book-2023.pdf", title: "Fact Book 2023", text: "MARSH VALLEY COLLEGE\nFact book: enrollment, completion and staffing\nFall 2023", link: "Fact book 2023"},
		{path: "/research/student-survey-2024.pdf", title: "Student Satisfaction Survey 2024", text: "MARSH VALLEY COLLEGE\nStudent satisfaction survey results\nSpring 2024", link: "Student satisfaction survey (2024)"},
	}
)

func marshValley() site {
	n := nav("Marsh Valley College", "/academics/", "Academics", "/governance/trustees/", "Board of Trustees", "/research/", "Institutional research")
	var trow strings.Builder
	for i := 0; i < len(mvGov); i += 2 {
		date := strings.TrimPrefix(mvGov[i].title, "Board of Trustees Minutes ")
		fmt.Fprintf(&trow, `<tr><td>%s</td><td><a href="%s">Agenda</a></td><td><a href="%s">Minutes</a></td></tr>`, date, mvGov[i+1].path, mvGov[i].path)
	}
	return site{name: "marshvalley", docs: concat(mvCatalog, mvGov, mvInst),
		pages: []page{
			{"/", "Marsh Valley Community College District", n + `<main><h1>Marsh Valley College</h1><ul><li><a href="/academics/">Catalog and class schedules</a></li><li><a href="/governance/trustees/">Board of Trustees</a></li><li><a href="/research/">Institutional research</a></li></ul></main>`},
			{"/academics/", "Academics", n + `<main><h1>Academics</h1><ul>` + links(mvCatalog) + `</ul></main>`},
			{"/governance/trustees/", "Board of Trustees", n + `<main><h1>Governing Board of Trustees</h1><table><thead><tr><th>Meeting</th><th>Agenda</th><th>Minutes</th></tr></thead><tbody>` + trow.String() + `</tbody></table></main>`},
			{"/research/", "Institutional research", n + `<main><h1>Institutional research</h1><ul>` + links(mvInst) + `</ul></main>`},
		}}
}

func sitesF() []site { return []site{tresham(), calder(), marshValley()} }

func casesF() []kase {
	return []kase{
		{ID: "hf-tresham-noise-h1-2024", Site: "tresham", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Are there any noise monitoring reports for Q1 and Q2 2024?",
			Relevant: paths(tNoise[0], tNoise[1]), Note: "question 'are there any'; two quarters"},
		{ID: "hf-tresham-master-plan-current", Site: "tresham", Start: "/planning/", Parameters: param(true, 0.5),
			Prompt:   "I'd like the most recent airport master plan, not the 2012 one.",
			Relevant: paths(tPlanning[0]), Note: "most recent; exclusion by year"},
		{ID: "hf-tresham-alp", Site: "tresham", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Where can I get the ALP?",
			Relevant: paths(tPlanning[1]), Note: "acronym"},
		{ID: "hf-tresham-fonsi", Site: "tresham", Start: "/planning/", Parameters: param(true, 0.5),
			Prompt:   "the FAA decision document for the runway extension (FONSI), not the draft EA",
			Relevant: paths(tPlanning[4]), Note: "acronym in the link; exclusion of a draft"},
		{ID: "hf-tresham-board-minutes-early-2024", Site: "tresham", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Copies of the airport board minutes from the first three months of 2024, please.",
			Relevant: paths(tBoard[1], tBoard[2]), Note: "'first three months of 2024'"},
		{ID: "hf-tresham-rates", Site: "tresham", Start: "/business/", Parameters: param(true, 0.5),
			Prompt:   "What does the airport charge airlines and tenants? I want the rates and charges document.",
			Relevant: paths(tBusiness[0]), Note: "question then request"},
		{ID: "hf-calder-timber-open", Site: "calder", Start: "/timber/", Parameters: param(true, 0.5),
			Prompt:   "Which timber sales are currently open for bids?",
			Relevant: paths(cTimber[2], cTimber[3]), Note: "status in the link text"},
		{ID: "hf-calder-timber-2024", Site: "calder", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "timber sale prospectuses advertised in 2024",
			Relevant: paths(cTimber[0], cTimber[1], cTimber[2], cTimber[3]), Note: "plural 'prospectuses'"},
		{ID: "hf-calder-forest-health-before-2024", Site: "calder", Start: "/plans/", Parameters: param(true, 0.5),
			Prompt:   "forest health reports prior to 2024",
			Relevant: paths(cPlans[2]), Note: "'prior to' a year; highlights named as report"},
		{ID: "hf-calder-fire-danger", Site: "calder", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Has the state declared extreme fire danger this past August (2024)? Find the declaration.",
			Relevant: paths(cBurn[1]), Note: "month and year in an aside"},
		{ID: "hf-marshvalley-catalog-current", Site: "marshvalley", Start: "/academics/", Parameters: param(true, 0.5),
			Prompt:   "the latest course catalog",
			Relevant: paths(mvCatalog[0]), Note: "latest vs archived; not the class schedules"},
		{ID: "hf-marshvalley-trustee-minutes", Site: "marshvalley", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Governing board minutes from spring 2024 - I don't need agendas.",
			Relevant: paths(mvGov[2]), Note: "season; link text only 'Minutes' in a table"},
		{ID: "hf-marshvalley-accreditation", Site: "marshvalley", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the college's accreditation self-study.",
			Relevant: paths(mvInst[0]), Note: "self-study vs self-evaluation report"},
		{ID: "hf-marshvalley-enrollment-data", Site: "marshvalley", Start: "/research/", Parameters: param(true, 0.5),
			Prompt:   "enrollment statistics for fall 2024, excluding the student survey",
			Relevant: paths(mvInst[1]), Note: "fact book holds enrollment; season"},
	}
}
