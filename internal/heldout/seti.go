package heldout

import "fmt"

// Set I: written at the start of a session whose engine changes came after it
// was scored: a K-12 school district, a state board of nursing and a regional
// solid waste authority. Write it with Write("i", dir); measure it, do not tune
// on it.

// ---- Pinecrest Unified School District ----

var (
	pcBoard = func() []doc {
		var ds []doc
		for i, m := range []struct{ iso, human string }{
			{"2024-03-12", "March 12, 2024"}, {"2024-05-14", "May 14, 2024"},
			{"2024-08-13", "August 13, 2024"}, {"2024-09-10", "September 10, 2024"}, {"2025-01-14", "January 14, 2025"},
			{"2025-03-11", "March 11, 2025"}, {"2025-06-10", "June 10, 2025"},
		} {
			ds = append(ds,
				doc{path: fmt.Sprintf("/board/file.aspx?id=%d", 5100+2*i), file: fmt.Sprintf("/_files/boe-min-%s.pdf", m.iso),
					title: "Board of Education Regular Meeting Minutes",
					text:  "PINECREST UNIFIED SCHOOL DISTRICT\nBoard of Education\nMinutes of the Regular Meeting\n" + m.human, link: m.human + " – Minutes"},
				doc{path: fmt.Sprintf("/board/file.aspx?id=%d", 5101+2*i), file: fmt.Sprintf("/_files/boe-agenda-%s.pdf", m.iso),
					title: "Board of Education Regular Meeting Agenda",
					text:  "PINECREST UNIFIED SCHOOL DISTRICT\nBoard of Education\nAgenda, Regular Meeting\n" + m.human, link: m.human + " – Agenda"})
		}
		return ds
	}()
	pcFinance = []doc{
		{path: "/business/budget/2025-26-adopted-budget.pdf", title: "2025-26 Adopted Budget", text: "PINECREST UNIFIED SCHOOL DISTRICT\nAdopted Budget\nFiscal Year 2025-26\nAdopted June 24, 2025", link: "2025-26 Adopted Budget"},
		{path: "/business/budget/2025-26-proposed-budget.pdf", title: "2025-26 Proposed Budget", text: "PINECREST UNIFIED SCHOOL DISTRICT\nProposed Budget 2025-26\nFor public hearing June 10, 2025", link: "2025-26 Proposed Budget (public hearing draft)"},
		{path: "/business/budget/2024-25-adopted-budget.pdf", title: "2024-25 Adopted Budget", text: "PINECREST UNIFIED SCHOOL DISTRICT\nAdopted Budget\nFiscal Year 2024-25", link: "2024-25 Adopted Budget"},
		{path: "/business/budget/first-interim-2024-25.pdf", title: "First Interim Financial Report 2024-25", text: "PINECREST UNIFIED SCHOOL DISTRICT\nFirst Interim Report\nFiscal Year 2024-25\nThrough October 31, 2024", link: "First Interim Report, 2024-25"},
		{path: "/business/budget/second-interim-2024-25.pdf", title: "Second Interim Financial Report 2024-25", text: "PINECREST UNIFIED SCHOOL DISTRICT\nSecond Interim Report\nFiscal Year 2024-25\nThrough January 31, 2025", link: "Second Interim Report, 2024-25"},
		{path: "/business/budget/lcap-2024-2027.pdf", title: "Local Control and Accountability Plan 2024-2027", text: "Local Control and Accountability Plan\nPinecrest Unified School District\n2024-25 through 2026-27", link: "Local Control and Accountability Plan (2024–2027)"},
	}
	pcSchools = []doc{
		{path: "/schools/sarc/pinecrest-high-2023-24.pdf", title: "School Accountability Report Card 2023-24 Pinecrest High School", text: "School Accountability Report Card\nReported Using Data from the 2023-24 School Year\nPinecrest High School", link: "Pinecrest High School"},
		{path: "/schools/sarc/ridgeview-middle-2023-24.pdf", title: "School Accountability Report Card 2023-24 Ridgeview Middle School", text: "School Accountability Report Card\nReported Using Data from the 2023-24 School Year\nRidgeview Middle School", link: "Ridgeview Middle School"},
		{path: "/schools/sarc/maple-elementary-2023-24.pdf", title: "School Accountability Report Card 2023-24 Maple Elementary School", text: "School Accountability Report Card\nReported Using Data from the 2023-24 School Year\nMaple Elementary School", link: "Maple Elementary School"},
	}
	pcFamilies = []doc{
		{path: "/families/calendar-2025-26.pdf", title: "2025-26 Instructional Calendar", text: "PINECREST UNIFIED SCHOOL DISTRICT\n2025-2026 Instructional Calendar\nFirst day of school: August 13, 2025", link: "2025–26 school year calendar"},
		{path: "/families/calendar-2024-25.pdf", title: "2024-25 Instructional Calendar", text: "PINECREST UNIFIED SCHOOL DISTRICT\n2024-2025 Instructional Calendar", link: "2024–25 school year calendar"},
		{path: "/families/handbook-2025-26.pdf", title: "Student and Parent Handbook 2025-26", text: "Pinecrest Unified School District\nStudent and Parent Handbook\n2025-26", link: "Student & parent handbook"},
		{path: "/families/bell-schedules.pdf", title: "Bell Schedules", text: "Bell schedules for all Pinecrest schools, 2025-26", link: "Bell schedules"},
	}
)

func pinecrest() site {
	n := nav("Pinecrest Unified School District", "/board/", "Board of Education", "/business/budget/", "Budget & Finance", "/schools/", "Our Schools", "/families/", "Families")
	return site{name: "pinecrest", docs: concat(pcBoard, pcFinance, pcSchools, pcFamilies),
		pages: []page{
			{"/", "Pinecrest Unified School District", n + `<main><h1>Pinecrest Unified</h1><p>Serving 9,400 students in eleven schools.</p><ul><li><a href="/board/">Board of Education</a></li><li><a href="/business/budget/">Budget and finance</a></li><li><a href="/schools/">Our schools</a></li><li><a href="/families/">For families</a></li></ul></main>`},
			{"/board/", "Board of Education", n + `<main><h1>Board of Education</h1><p>Regular meetings are held on the second Tuesday of each month.</p><h2>Meeting documents</h2><ul>` + links(pcBoard) + `</ul></main>`},
			{"/business/budget/", "Budget & Finance", n + `<main><h1>Budget and Finance</h1><p>The District's fiscal year runs July 1 to June 30.</p><ul>` + links(pcFinance) + `</ul></main>`},
			{"/schools/", "Our Schools", n + `<main><h1>Our Schools</h1><h2>School Accountability Report Cards (SARC), 2023-24</h2><ul>` + links(pcSchools) + `</ul></main>`},
			{"/families/", "Families", n + `<main><h1>For Families</h1><ul>` + links(pcFamilies) + `</ul></main>`},
		}}
}

// ---- Tamsin State Board of Nursing ----

var (
	tnDiscipline = func() []doc {
		var ds []doc
		for _, m := range []struct{ key, human string }{{"2024-11", "November 2024"}, {"2024-12", "December 2024"}, {"2025-01", "January 2025"}, {"2025-02", "February 2025"}, {"2025-03", "March 2025"}, {"2025-04", "April 2025"}} {
			ds = append(ds, doc{path: "/discipline/report.php?m=" + m.key, file: "/_files/actions-" + m.key + ".pdf",
				title: "Board Actions " + m.human,
				text:  "TAMSIN STATE BOARD OF NURSING\nDisciplinary actions taken by the Board\n" + m.human, link: m.human})
		}
		return ds
	}()
	tnPractice = []doc{
		{path: "/practice/nurse-practice-act.pdf", title: "Tamsin Nurse Practice Act", text: "Tamsin Revised Statutes Chapter 335\nThe Nurse Practice Act", link: "Nurse Practice Act (statute)"},
		{path: "/practice/rules-ch20-licensure.pdf", title: "Administrative Rules Chapter 20 Licensure", text: "Tamsin Administrative Code\nBoard of Nursing\nChapter 20: Licensure", link: "Rules, Chapter 20 – Licensure"},
		{path: "/practice/rules-ch21-continuing-competency.pdf", title: "Administrative Rules Chapter 21 Continuing Competency", text: "Tamsin Administrative Code\nBoard of Nursing\nChapter 21: Continuing competency and contact hours for license renewal", link: "Rules, Chapter 21 – Continuing competency"},
		{path: "/practice/scope-of-practice-decision-tree.pdf", title: "Scope of Practice Decision Tree", text: "A decision tree for nurses on scope of practice questions", link: "Scope of practice decision tree"},
	}
	tnLicensing = []doc{
		{path: "/licensing/forms/rn-endorsement.docx", title: "RN Application for Licensure by Endorsement", text: "Tamsin State Board of Nursing\nApplication for registered nurse licensure by endorsement\nFor nurses licensed in another state", link: "RN licensure by endorsement (Word)"},
		{path: "/licensing/forms/rn-examination.docx", title: "RN Application for Licensure by Examination", text: "Tamsin State Board of Nursing\nApplication for registered nurse licensure by examination", link: "RN licensure by examination (Word)"},
		{path: "/licensing/forms/name-change.pdf", title: "Name or Address Change Form", text: "Tamsin State Board of Nursing\nName or address change", link: "Change of name or address"},
		{path: "/licensing/forms/verification-request.pdf", title: "License Verification Request", text: "Request for verification of a Tamsin nursing license", link: "License verification request"},
	}
	tnNews = []doc{
		{path: "/news/tamsin-nurse-summer-2024.pdf", title: "The Tamsin Nurse Summer 2024", text: "THE TAMSIN NURSE\nQuarterly newsletter of the Tamsin State Board of Nursing\nSummer 2024", link: "The Tamsin Nurse – Summer 2024"},
		{path: "/news/tamsin-nurse-fall-2024.pdf", title: "The Tamsin Nurse Fall 2024", text: "THE TAMSIN NURSE\nQuarterly newsletter of the Tamsin State Board of Nursing\nFall 2024", link: "The Tamsin Nurse – Fall 2024"},
		{path: "/news/tamsin-nurse-spring-2025.pdf", title: "The Tamsin Nurse Spring 2025", text: "THE TAMSIN NURSE\nQuarterly newsletter of the Tamsin State Board of Nursing\nSpring 2025", link: "The Tamsin Nurse – Spring 2025"},
		{path: "/news/annual-report-fy2024.pdf", title: "Annual Report Fiscal Year 2024", text: "TAMSIN STATE BOARD OF NURSING\nAnnual report\nFiscal year 2024 (July 1, 2023 - June 30, 2024)", link: "Annual report, FY 2024"},
	}
)

func tamsin() site {
	n := nav("Tamsin State Board of Nursing", "/licensing/forms/", "Licensing", "/practice/", "Nursing Practice", "/discipline/", "Discipline", "/news/", "News")
	return site{name: "tamsin", docs: concat(tnDiscipline, tnPractice, tnLicensing, tnNews),
		pages: []page{
			{"/", "Tamsin State Board of Nursing", n + `<main><h1>Tamsin State Board of Nursing</h1><p>Protecting the public through the regulation of nursing.</p><ul><li><a href="/licensing/forms/">Apply for or renew a license</a></li><li><a href="/practice/">Laws and rules</a></li><li><a href="/discipline/">Board actions</a></li><li><a href="/news/">Newsletter and reports</a></li></ul></main>`},
			{"/licensing/forms/", "Licensing forms", n + `<main><h1>Licensing forms</h1><ul>` + links(tnLicensing) + `</ul></main>`},
			{"/practice/", "Nursing practice", n + `<main><h1>Laws, rules and practice guidance</h1><ul>` + links(tnPractice) + `</ul></main>`},
			{"/discipline/", "Discipline", n + `<main><h1>Board actions</h1><p>Monthly reports of disciplinary actions taken by the Board.</p><ul>` + links(tnDiscipline) + `</ul></main>`},
			{"/news/", "News", n + `<main><h1>Newsletter and reports</h1><ul>` + links(tnNews) + `</ul></main>`},
		}}
}

// ---- Harlow Regional Solid Waste Authority ----

var (
	hwReports = []doc{
		{path: "/about/annual-report-2023.pdf", title: "Annual Report 2023", text: "HARLOW REGIONAL SOLID WASTE AUTHORITY\n2023 Annual Report", link: "2023 Annual Report"},
		{path: "/about/annual-report-2024.pdf", title: "Annual Report 2024", text: "HARLOW REGIONAL SOLID WASTE AUTHORITY\n2024 Annual Report", link: "2024 Annual Report"},
		{path: "/about/strategic-plan-2022-2027.pdf", title: "Strategic Plan 2022-2027", text: "HARLOW REGIONAL SOLID WASTE AUTHORITY\nStrategic plan 2022-2027", link: "Strategic Plan"},
	}
	hwEnvironment = []doc{
		{path: "/environment/gw-2024-q2.pdf", title: "Quarterly Groundwater Monitoring Report Second Quarter 2024", text: "Harlow Regional Landfill\nQuarterly groundwater monitoring report\nApril - June 2024", link: "Groundwater monitoring, 2nd quarter 2024"},
		{path: "/environment/gw-2024-q3.pdf", title: "Quarterly Groundwater Monitoring Report Third Quarter 2024", text: "Harlow Regional Landfill\nQuarterly groundwater monitoring report\nJuly - September 2024", link: "Groundwater monitoring, 3rd quarter 2024"},
		{path: "/environment/gw-2024-q4.pdf", title: "Quarterly Groundwater Monitoring Report Fourth Quarter 2024", text: "Harlow Regional Landfill\nQuarterly groundwater monitoring report\nOctober - December 2024", link: "Groundwater monitoring, 4th quarter 2024"},
		{path: "/environment/gw-2025-q1.pdf", title: "Quarterly Groundwater Monitoring Report First Quarter 2025", text: "Harlow Regional Landfill\nQuarterly groundwater monitoring report\nJanuary - March 2025", link: "Groundwater monitoring, 1st quarter 2025"},
		{path: "/environment/landfill-gas-2024.pdf", title: "Landfill Gas Emissions Report 2024", text: "Harlow Regional Landfill\nAnnual landfill gas emissions report 2024", link: "Landfill gas emissions, 2024"},
		{path: "/environment/solid-waste-permit.pdf", title: "Solid Waste Facility Permit", text: "Solid waste facility permit\nHarlow Regional Landfill", link: "Facility permit"},
	}
	hwResidents = []doc{
		{path: "/residents/tipping-fees-fy2026.pdf", title: "Tipping Fee Schedule Effective July 1 2025", text: "HARLOW REGIONAL SOLID WASTE AUTHORITY\nTipping fees\nEffective July 1, 2025", link: "Tipping fees (effective July 1, 2025)"},
		{path: "/residents/tipping-fees-fy2025.pdf", title: "Tipping Fee Schedule Effective July 1 2024", text: "HARLOW REGIONAL SOLID WASTE AUTHORITY\nTipping fees\nEffective July 1, 2024\nSuperseded", link: "Tipping fees (effective July 1, 2024) – superseded"},
		{path: "/residents/recycling-guide-2025.pdf", title: "Recycling Guide 2025", text: "What goes in your blue bin\nHarlow regional recycling guide 2025", link: "Recycling guide"},
		{path: "/residents/hhw-collection-2025.pdf", title: "Household Hazardous Waste Collection Events 2025", text: "Household hazardous waste collection events 2025\nPaint, batteries, motor oil, pesticides and fluorescent bulbs accepted", link: "Household hazardous waste collection dates"},
	}
)

func harlow() site {
	n := nav("Harlow Regional Solid Waste Authority", "/residents/", "Residents", "/environment/", "Environmental Monitoring", "/about/", "About")
	return site{name: "harlow", docs: concat(hwReports, hwEnvironment, hwResidents),
		pages: []page{
			{"/", "Harlow Regional Solid Waste Authority", n + `<main><h1>Harlow Regional Solid Waste Authority</h1><ul><li><a href="/residents/">Rates, recycling and drop-off</a></li><li><a href="/environment/">Environmental monitoring</a></li><li><a href="/about/">About the Authority</a></li></ul></main>`},
			{"/residents/", "Residents", n + `<main><h1>Residents</h1><ul>` + links(hwResidents) + `</ul></main>`},
			{"/environment/", "Environmental Monitoring", n + `<main><h1>Environmental monitoring</h1><ul>` + links(hwEnvironment) + `</ul></main>`},
			{"/about/", "About", n + `<main><h1>About the Authority</h1><ul>` + links(hwReports) + `</ul></main>`},
		}}
}

func sitesI() []site { return []site{pinecrest(), tamsin(), harlow()} }

func casesI() []kase {
	minutes := func(ds []doc, keep ...int) []doc {
		var out []doc
		for _, i := range keep {
			out = append(out, ds[2*i]) // minutes are the even entries, agendas the odd
		}
		return out
	}
	return []kase{
		{ID: "ii-pinecrest-board-minutes-school-year", Site: "pinecrest", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "School board minutes for the 2024-25 school year",
			Relevant: paths(minutes(pcBoard, 2, 3, 4, 5, 6)...), Note: "school year August to June; not agendas; not spring 2024"},
		{ID: "ii-pinecrest-calendar-next-year", Site: "pinecrest", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "What's the school calendar for 2025-26?",
			Relevant: paths(pcFamilies[0]), Note: "calendar, split year"},
		{ID: "ii-pinecrest-sarc-maple", Site: "pinecrest", Start: "/schools/", Parameters: param(true, 0.5),
			Prompt:   "SARC for Maple Elementary",
			Relevant: paths(pcSchools[2]), Note: "acronym; one school of three"},
		{ID: "ii-pinecrest-lcap", Site: "pinecrest", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the district's LCAP.",
			Relevant: paths(pcFinance[5]), Note: "acronym"},
		{ID: "ii-pinecrest-interim-reports", Site: "pinecrest", Start: "/business/budget/", Parameters: param(true, 0.5),
			Prompt:   "interim financial reports for 2024-25",
			Relevant: paths(pcFinance[3], pcFinance[4]), Note: "first and second interim"},
		{ID: "ii-pinecrest-adopted-budgets", Site: "pinecrest", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Get me the adopted budgets, not the proposed one.",
			Relevant: paths(pcFinance[0], pcFinance[2]), Note: "stage; two years"},
		{ID: "ii-tamsin-discipline-q1", Site: "tamsin", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Disciplinary action reports from Q1 2025",
			Relevant: paths(tnDiscipline[2], tnDiscipline[3], tnDiscipline[4]), Note: "monthly reports behind query-string routes; quarter"},
		{ID: "ii-tamsin-newsletters-2024", Site: "tamsin", Start: "/news/", Parameters: param(true, 0.5),
			Prompt:   "Nursing newsletter issues published in 2024",
			Relevant: paths(tnNews[0], tnNews[1]), Note: "seasons of 2024; not the annual report"},
		{ID: "ii-tamsin-ce-rule", Site: "tamsin", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I need the rule on continuing education hours for renewing my license",
			Relevant: paths(tnPractice[2]), Note: "continuing education vs continuing competency, contact hours"},
		{ID: "ii-tamsin-endorsement-form", Site: "tamsin", Start: "/licensing/forms/", Parameters: param(true, 0.5),
			Prompt:   "RN application for licensure by endorsement - I'm moving from another state",
			Relevant: paths(tnLicensing[0]), Note: "not by examination"},
		{ID: "ii-tamsin-practice-act", Site: "tamsin", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "the nurse practice act",
			Relevant: paths(tnPractice[0]), Note: "one statute"},
		{ID: "ii-harlow-current-fees", Site: "harlow", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "current tipping fees",
			Relevant: paths(hwResidents[0]), Note: "the superseded schedule is out"},
		{ID: "ii-harlow-groundwater-second-half-2024", Site: "harlow", Start: "/environment/", Parameters: param(true, 0.5),
			Prompt:   "Groundwater monitoring reports for the second half of 2024",
			Relevant: paths(hwEnvironment[1], hwEnvironment[2]), Note: "half-year; quarters labelled by ordinal"},
		{ID: "ii-harlow-hhw", Site: "harlow", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "When can I drop off old paint and batteries?",
			Relevant: paths(hwResidents[3]), Note: "described, not named: household hazardous waste"},
	}
}
