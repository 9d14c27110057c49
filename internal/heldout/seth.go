package heldout

// Set H: written after set G and before any further engine change: a national
// park authority (British spelling), a city parks and recreation department
// (American spelling) and a regional flood control district. Write it with
// Write("h", dir); measure it, do not tune on it.

// ---- Fellside National Park Authority ----

var (
	fpPlanning = []doc{
		{path: "/planning/local-plan-2019-2034.pdf", title: "Fellside Local Plan 2019-2034", text: "FELLSIDE NATIONAL PARK AUTHORITY\nLocal Plan 2019-2034\nAdopted 2019", link: "Local Plan 2019–2034"},
		{path: "/planning/design-guide.pdf", title: "Design Guide Supplementary Planning Document", text: "FELLSIDE NATIONAL PARK AUTHORITY\nDesign guide\nSupplementary planning document", link: "Design guide (SPD)"},
		{path: "/planning/authority-monitoring-report-2024.pdf", title: "Authority Monitoring Report 2023-24", text: "FELLSIDE NATIONAL PARK AUTHORITY\nAuthority monitoring report\n1 April 2023 to 31 March 2024", link: "Authority monitoring report 2023–24"},
	}
	fpCommittee = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2024-06-04", "4 June 2024"}, {"2024-07-02", "2 July 2024"}, {"2024-09-03", "3 September 2024"}, {"2024-10-01", "1 October 2024"}} {
			ds = append(ds, doc{path: "/committees/planning/" + m.iso + "-minutes.pdf", title: "Planning Committee Minutes " + m.human,
				text: "FELLSIDE NATIONAL PARK AUTHORITY\nPlanning Committee\nMinutes of the meeting held on " + m.human, link: "Minutes, " + m.human})
		}
		return ds
	}()
	fpCorporate = []doc{
		{path: "/about/management-plan-2024-2029.pdf", title: "National Park Management Plan 2024-2029", text: "FELLSIDE NATIONAL PARK\nManagement plan 2024-2029\nOur shared plan for the National Park", link: "National Park Management Plan 2024–2029"},
		{path: "/about/statement-of-accounts-2023-24.pdf", title: "Statement of Accounts 2023-24", text: "FELLSIDE NATIONAL PARK AUTHORITY\nStatement of accounts for the year ended 31 March 2024", link: "Statement of accounts 2023–24"},
		{path: "/about/organisation-chart.pdf", title: "Organisation Chart", text: "FELLSIDE NATIONAL PARK AUTHORITY\nOrganisation chart\nSeptember 2024", link: "Organisation chart"},
		{path: "/about/visitor-centre-leaflet.pdf", title: "Visitor Centre Leaflet", text: "Fellside visitor centres: opening times and facilities", link: "Visitor centres leaflet"},
	}
)

func fellside() site {
	n := nav("Fellside National Park Authority", "/planning/", "Planning", "/committees/planning/", "Planning Committee", "/about/", "About the Authority")
	return site{name: "fellside", docs: concat(fpPlanning, fpCommittee, fpCorporate),
		pages: []page{
			{"/", "Fellside National Park Authority", n + `<main><h1>Fellside National Park</h1><ul><li><a href="/planning/">Planning policy</a></li><li><a href="/committees/planning/">Planning Committee</a></li><li><a href="/about/">About the Authority</a></li></ul></main>`},
			{"/planning/", "Planning", n + `<main><h1>Planning policy</h1><ul>` + links(fpPlanning) + `</ul></main>`},
			{"/committees/planning/", "Planning Committee", n + `<main><h1>Planning Committee</h1><ul>` + links(fpCommittee) + `</ul></main>`},
			{"/about/", "About the Authority", n + `<main><h1>About the Authority</h1><ul>` + links(fpCorporate) + `</ul></main>`},
		}}
}

// ---- City of Dunwick Parks and Recreation ----

var (
	dwPrograms = []doc{
		{path: "/programs/summer-2025-program-guide.pdf", title: "Summer 2025 Program Guide", text: "CITY OF DUNWICK PARKS AND RECREATION\nSummer 2025 program guide\nJune through August 2025", link: "Summer 2025 program guide"},
		{path: "/programs/fall-2025-program-guide.pdf", title: "Fall 2025 Program Guide", text: "CITY OF DUNWICK PARKS AND RECREATION\nFall 2025 program guide\nSeptember through November 2025", link: "Fall 2025 program guide"},
		{path: "/programs/fee-waiver-application.pdf", title: "Recreation Fee Waiver Application", text: "Application for a recreation program fee waiver", link: "Fee waiver application"},
	}
	dwPlans = []doc{
		{path: "/planning/parks-master-plan-2022.pdf", title: "Parks Recreation and Open Space Master Plan 2022", text: "CITY OF DUNWICK\nParks, recreation and open space master plan\nAdopted 2022", link: "Parks and recreation master plan (2022)"},
		{path: "/planning/urban-forest-plan.pdf", title: "Urban Forestry Management Plan", text: "CITY OF DUNWICK\nUrban forestry management plan", link: "Urban forest management plan"},
		{path: "/planning/trail-map.pdf", title: "Citywide Trail Map", text: "City of Dunwick trail map", link: "Trail map"},
	}
	dwBoard = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2025-01-08", "January 8, 2025"}, {"2025-02-12", "February 12, 2025"}, {"2025-04-09", "April 9, 2025"}} {
			ds = append(ds,
				doc{path: "/board/" + m.iso + "-minutes.pdf", title: "Parks and Recreation Advisory Board Minutes", text: "CITY OF DUNWICK\nParks and Recreation Advisory Board\nMinutes, " + m.human, link: m.human + " minutes"},
				doc{path: "/board/" + m.iso + "-agenda.pdf", title: "Parks and Recreation Advisory Board Agenda", text: "CITY OF DUNWICK\nParks and Recreation Advisory Board\nAgenda, " + m.human, link: m.human + " agenda"})
		}
		return ds
	}()
)

func dunwick() site {
	n := nav("Dunwick Parks and Recreation", "/programs/", "Programs", "/planning/", "Park planning", "/board/", "Advisory board")
	return site{name: "dunwick", docs: concat(dwPrograms, dwPlans, dwBoard),
		pages: []page{
			{"/", "City of Dunwick Parks and Recreation", n + `<main><h1>Dunwick Parks and Recreation</h1><ul><li><a href="/programs/">Programs and activities</a></li><li><a href="/planning/">Park planning</a></li><li><a href="/board/">Advisory board</a></li></ul></main>`},
			{"/programs/", "Programs", n + `<main><h1>Programs</h1><ul>` + links(dwPrograms) + `</ul></main>`},
			{"/planning/", "Park planning", n + `<main><h1>Park planning</h1><ul>` + links(dwPlans) + `</ul></main>`},
			{"/board/", "Advisory board", n + `<main><h1>Parks and Recreation Advisory Board</h1><ul>` + links(dwBoard) + `</ul></main>`},
		}}
}

// ---- Corran Valley Flood Control District ----

var (
	cvCapital = []doc{
		{path: "/projects/cip-fy2025-2029.pdf", title: "Capital Improvement Program FY2025-2029", text: "CORRAN VALLEY FLOOD CONTROL DISTRICT\nFive-year capital improvement program\nFiscal years 2025-2029", link: "Capital improvement program, FY 2025–2029"},
		{path: "/projects/levee-3-design-report.pdf", title: "Levee 3 Rehabilitation Design Report", text: "CORRAN VALLEY FLOOD CONTROL DISTRICT\nLevee 3 rehabilitation\n90% design report", link: "Levee 3 rehabilitation – design report"},
		{path: "/projects/levee-3-notice-to-bidders.pdf", title: "Notice to Bidders Levee 3", text: "NOTICE TO BIDDERS\nLevee 3 rehabilitation project\nBids due March 14, 2025", link: "Levee 3 rehabilitation – notice to bidders"},
	}
	cvData = func() []doc {
		var ds []doc
		for _, y := range []string{"2021", "2022", "2023", "2024"} {
			ds = append(ds, doc{path: "/data/rainfall-" + y + ".pdf", title: "Annual Rainfall and Streamflow Report " + y,
				text: "CORRAN VALLEY FLOOD CONTROL DISTRICT\nHydrologic data report\nRainfall and streamflow, water year " + y, link: "Hydrologic data report, water year " + y})
		}
		return ds
	}()
	cvGov = []doc{
		{path: "/about/budget-fy2025.pdf", title: "Adopted Budget FY2025", text: "CORRAN VALLEY FLOOD CONTROL DISTRICT\nAdopted budget\nFiscal year 2024-25", link: "Adopted budget FY 2024–25"},
		{path: "/about/budget-fy2026-proposed.pdf", title: "Proposed Budget FY2026", text: "CORRAN VALLEY FLOOD CONTROL DISTRICT\nProposed budget\nFiscal year 2025-26", link: "Proposed budget FY 2025–26"},
		{path: "/about/hazard-mitigation-plan.pdf", title: "Multi-Jurisdictional Hazard Mitigation Plan", text: "CORRAN VALLEY\nMulti-jurisdictional hazard mitigation plan\n2023 update", link: "Hazard mitigation plan (2023 update)"},
		{path: "/about/floodplain-ordinance.pdf", title: "Floodplain Management Ordinance", text: "ORDINANCE NO. 2020-4\nFloodplain management", link: "Floodplain management ordinance"},
	}
)

func corran() site {
	n := nav("Corran Valley Flood Control District", "/projects/", "Projects", "/data/", "Rainfall and streamflow", "/about/", "About the District")
	return site{name: "corran", docs: concat(cvCapital, cvData, cvGov),
		pages: []page{
			{"/", "Corran Valley Flood Control District", n + `<main><h1>Corran Valley Flood Control District</h1><p>The District's fiscal year begins July 1.</p><ul><li><a href="/projects/">Capital projects</a></li><li><a href="/data/">Hydrologic data</a></li><li><a href="/about/">About the District</a></li></ul></main>`},
			{"/projects/", "Projects", n + `<main><h1>Capital projects</h1><ul>` + links(cvCapital) + `</ul></main>`},
			{"/data/", "Hydrologic data", n + `<main><h1>Hydrologic data</h1><ul>` + links(cvData) + `</ul></main>`},
			{"/about/", "About the District", n + `<main><h1>About the District</h1><ul>` + links(cvGov) + `</ul></main>`},
		}}
}

func sitesH() []site { return []site{fellside(), dunwick(), corran()} }

func casesH() []kase {
	return []kase{
		{ID: "hh-fellside-committee-minutes-summer", Site: "fellside", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Planning comittee minuets from July to September 2024",
			Relevant: paths(fpCommittee[1], fpCommittee[2]), Note: "two misspellings; month range"},
		{ID: "hh-fellside-organization-chart", Site: "fellside", Start: "/about/", Parameters: param(true, 0.5),
			Prompt:   "Do you have an organization chart for the park authority?",
			Relevant: paths(fpCorporate[2]), Note: "organization vs organisation"},
		{ID: "hh-fellside-accounts", Site: "fellside", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I'm looking for the audited financial statements for the fiscal year ending March 2024.",
			Relevant: paths(fpCorporate[1]), Note: "financial statements vs statement of accounts; fiscal year named by its end"},
		{ID: "hh-fellside-monitoring", Site: "fellside", Start: "/planning/", Parameters: param(true, 0.5),
			Prompt:   "AMR for 2023-24",
			Relevant: paths(fpPlanning[2]), Note: "acronym only; split year"},
		{ID: "hh-fellside-visitor-center", Site: "fellside", Start: "/about/", Parameters: param(true, 0.5),
			Prompt:   "visitor center opening hours leaflet",
			Relevant: paths(fpCorporate[3]), Note: "center vs centre; hours vs times"},
		{ID: "hh-dunwick-program-guide-fall", Site: "dunwick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Where's the autumn 2025 programme guide?",
			Relevant: paths(dwPrograms[1]), Note: "autumn vs fall; programme vs program"},
		{ID: "hh-dunwick-master-plan", Site: "dunwick", Start: "/planning/", Parameters: param(true, 0.5),
			Prompt:   "parks master plan",
			Relevant: paths(dwPlans[0]), Note: "not the urban forestry plan"},
		{ID: "hh-dunwick-advisory-minutes-q1", Site: "dunwick", Start: "/board/", Parameters: param(true, 0.5),
			Prompt:   "Advisory board minutes for the first quarter of 2025 (not agendas)",
			Relevant: paths(dwBoard[0], dwBoard[2]), Note: "quarter; exclusion in parentheses"},
		{ID: "hh-dunwick-fee-waiver", Site: "dunwick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Is there financial help for rec program fees? I need the waiver form.",
			Relevant: paths(dwPrograms[2]), Note: "clipped 'rec'; form"},
		{ID: "hh-corran-cip", Site: "corran", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "the district's five-year capital improvement program",
			Relevant: paths(cvCapital[0]), Note: "program not plan"},
		{ID: "hh-corran-rainfall-recent", Site: "corran", Start: "/data/", Parameters: param(true, 0.5),
			Prompt:   "rainfall data reports for water years 2023 and 2024",
			Relevant: paths(cvData[2], cvData[3]), Note: "water year label"},
		{ID: "hh-corran-adopted-budget", Site: "corran", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Get the adopted budget for fiscal year 2025 - not the proposed one for next year.",
			Relevant: paths(cvGov[0]), Note: "FY2025 = 2024-25 with a July start stated; stage"},
		{ID: "hh-corran-levee-bids", Site: "corran", Start: "/projects/", Parameters: param(true, 0.5),
			Prompt:   "bid notice for the levee 3 project",
			Relevant: paths(cvCapital[2]), Note: "notice to bidders"},
		{ID: "hh-corran-hmp", Site: "corran", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the HMP.",
			Relevant: paths(cvGov[2]), Note: "acronym; multi-jurisdictional"},
	}
}
