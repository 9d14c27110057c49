package heldout

import (
	"fmt"
	"strings"
)

func nav(site string, items ...string) string {
	var b strings.Builder
	b.WriteString(`<header><a href="/">` + site + `</a><nav><ul>`)
	for i := 0; i+1 < len(items); i += 2 {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, items[i], items[i+1])
	}
	b.WriteString(`</ul></nav></header>`)
	return b.String()
}

// ---- Harbourside Health NHS Trust (a regional hospital trust) ----

var (
	hMinutes = []doc{
		{path: "/board/papers/2023-01-19-minutes.pdf", title: "Trust Board minutes 19 January 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nMinutes of the Trust Board meeting held in public\n19 January 2023", link: "Minutes"},
		{path: "/board/papers/2023-03-16-minutes.pdf", title: "Trust Board minutes 16 March 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nMinutes of the Trust Board meeting held in public\n16 March 2023", link: "Minutes"},
		{path: "/board/papers/2023-05-18-minutes.pdf", title: "Trust Board minutes 18 May 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nMinutes of the Trust Board\n18 May 2023", link: "Minutes"},
		{path: "/board/papers/2023-07-13-minutes.pdf", title: "Trust Board minutes 13 July 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nMinutes of the Trust Board meeting held in public\n13 July 2023", link: "Minutes"},
		{path: "/media/4471.pdf", title: "TB-2023-09 Minutes", text: "HARBOURSIDE HEALTH NHS TRUST\nMinutes of the Trust Board meeting held in public\n21 September 2023", link: "Minutes"},
		{path: "/board/papers/2023-11-16-minutes.pdf", title: "Trust Board minutes 16 November 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nMinutes of the Trust Board meeting held in public\n16 November 2023", link: "Minutes"},
		{path: "/board/papers/2024-01-18-minutes.pdf", title: "Trust Board minutes 18 January 2024", text: "HARBOURSIDE HEALTH NHS TRUST\nMinutes of the Trust Board meeting held in public\n18 January 2024", link: "Minutes"},
	}
	hAgendas = []doc{
		{path: "/board/papers/2023-07-13-agenda.pdf", title: "Trust Board agenda 13 July 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nAgenda: Trust Board meeting in public\n13 July 2023", link: "Agenda"},
		{path: "/board/papers/2023-09-21-agenda.pdf", title: "Trust Board agenda 21 September 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nAgenda\n21 September 2023", link: "Agenda"},
		{path: "/board/papers/2023-11-16-agenda.pdf", title: "Trust Board agenda 16 November 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nAgenda\n16 November 2023", link: "Agenda"},
		{path: "/board/papers/2023-11-16-papers.pdf", title: "Trust Board papers 16 November 2023", text: "HARBOURSIDE HEALTH NHS TRUST\nBoard papers: integrated performance report, finance report\n16 November 2023", link: "Board pack"},
	}
	hAnnual = []doc{
		{path: "/publications/annual-report-2021-22.pdf", title: "Annual Report 2021/22", text: "Harbourside Health NHS Trust\nAnnual Report 2021/22", link: "Annual Report 2021/22"},
		{path: "/publications/annual-report-2022-23.pdf", title: "Annual Report 2022/23", text: "Harbourside Health NHS Trust\nAnnual Report 2022/23\n1 April 2022 to 31 March 2023", link: "Annual Report 2022/23"},
		{path: "/publications/HHT-AR-2024.pdf", title: "Harbourside Health annual report", text: "Harbourside Health NHS Trust\nAnnual Report 2023/24\n1 April 2023 to 31 March 2024", link: "Annual Report 2023/24"},
	}
	hOtherPubs = []doc{
		{path: "/publications/quality-account-2022-23.pdf", title: "Quality Account 2022/23", text: "Harbourside Health NHS Trust\nQuality Account 2022/23", link: "Quality Account 2022/23"},
		{path: "/publications/quality-account-2023-24.pdf", title: "Quality Account 2023/24", text: "Harbourside Health NHS Trust\nQuality Account 2023/24", link: "Quality Account 2023/24"},
		{path: "/publications/annual-accounts-2022-23.pdf", title: "Annual Accounts 2022/23", text: "Harbourside Health NHS Trust\nAnnual Accounts for the year ended 31 March 2023", link: "Annual Accounts 2022/23"},
		{path: "/publications/annual-accounts-2023-24.pdf", title: "Annual Accounts 2023/24", text: "Harbourside Health NHS Trust\nAnnual Accounts for the year ended 31 March 2024", link: "Annual Accounts 2023/24"},
		{path: "/publications/equality-report-2023.pdf", title: "Equality, diversity and inclusion report 2023", text: "Harbourside Health NHS Trust\nEquality report 2023", link: "Equality report 2023"},
	}
	hFOI = func() []doc {
		var ds []doc
		for _, m := range []struct{ name, num string }{{"April", "04"}, {"May", "05"}, {"June", "06"}, {"July", "07"}, {"August", "08"}, {"September", "09"}, {"October", "10"}} {
			ds = append(ds, doc{path: "/foi/disclosure-log-2023-" + m.num + ".pdf", title: "FOI disclosure log " + m.name + " 2023",
				text: "Freedom of Information disclosure log\n" + m.name + " 2023", link: m.name + " 2023"})
		}
		ds = append(ds, doc{path: "/foi/disclosure-log-2022-05.pdf", title: "FOI disclosure log May 2022", text: "Freedom of Information disclosure log\nMay 2022", link: "May 2022"})
		return ds
	}()
	hLeaflets = []doc{
		{path: "/patients/leaflets/PIL-0412.pdf", title: "Living with type 2 diabetes", text: "Patient information\nLiving with type 2 diabetes", link: "Living with type 2 diabetes"},
		{path: "/patients/leaflets/PIL-0415.pdf", title: "Insulin pump therapy", text: "Patient information\nInsulin pump therapy for type 1 diabetes", link: "Insulin pump therapy"},
		{path: "/patients/leaflets/PIL-0420.pdf", title: "Looking after your feet", text: "Patient information\nLooking after your feet when you have diabetes", link: "Looking after your feet (diabetic foot care)"},
		{path: "/patients/leaflets/PIL-0502.pdf", title: "Gestational diabetes", text: "Maternity services\nGestational diabetes: information for pregnant women", link: "Gestational diabetes"},
		{path: "/patients/leaflets/PIL-0301.pdf", title: "Asthma: inhaler technique", text: "Patient information\nUsing your inhaler", link: "Asthma: using your inhaler"},
		{path: "/patients/leaflets/PIL-0333.pdf", title: "Preparing for a colonoscopy", text: "Patient information\nPreparing for a colonoscopy", link: "Preparing for a colonoscopy"},
		{path: "/patients/leaflets/PIL-0350.pdf", title: "Heart-healthy eating", text: "Patient information\nEating well for a healthy heart", link: "Heart-healthy eating"},
	}
)

func harbourside() site {
	n := nav("Harbourside Health NHS Trust", "/about/", "About us", "/board/", "Trust Board", "/publications/", "Publications", "/foi/", "Freedom of information", "/patients/leaflets/", "Patient leaflets")
	board := append([]doc{}, hMinutes...)
	boardTable := `<table><thead><tr><th>Meeting date</th><th>Agenda</th><th>Papers</th><th>Minutes</th></tr></thead><tbody>`
	agenda := map[string]doc{"2023-07-13": hAgendas[0], "2023-09-21": hAgendas[1], "2023-11-16": hAgendas[2]}
	dates := []struct{ iso, human string }{{"2023-01-19", "19 January 2023"}, {"2023-03-16", "16 March 2023"}, {"2023-05-18", "18 May 2023"},
		{"2023-07-13", "13 July 2023"}, {"2023-09-21", "21 September 2023"}, {"2023-11-16", "16 November 2023"}, {"2024-01-18", "18 January 2024"}}
	for i, d := range dates {
		a, p := "", ""
		if ag, ok := agenda[d.iso]; ok {
			a = fmt.Sprintf(`<a href="%s">Agenda</a>`, ag.path)
		}
		if d.iso == "2023-11-16" {
			p = fmt.Sprintf(`<a href="%s">Board pack</a>`, hAgendas[3].path)
		}
		boardTable += fmt.Sprintf(`<tr><td>%s</td><td>%s</td><td>%s</td><td><a href="%s">Minutes</a></td></tr>`, d.human, a, p, board[i].path)
	}
	boardTable += `</tbody></table>`
	return site{name: "harbourside", robots: "User-agent: *\nDisallow: /staff/\n", docs: concat(hMinutes, hAgendas, hAnnual, hOtherPubs, hFOI, hLeaflets),
		pages: []page{
			{"/", "Harbourside Health NHS Trust", n + `<main><h1>Welcome to Harbourside Health</h1><p>We run Harbourside General Hospital and community services.</p>
<ul><li><a href="/board/">Board meetings and papers</a></li><li><a href="/publications/">Reports and publications</a></li><li><a href="/foi/">Freedom of information</a></li><li><a href="/patients/leaflets/">Patient information leaflets</a></li><li><a href="/staff/">Staff intranet</a></li></ul></main>`},
			{"/about/", "About us", n + `<main><h1>About us</h1><p>Our financial year runs from 1 April to 31 March.</p></main>`},
			{"/board/", "Trust Board meetings", n + `<main><h1>Trust Board</h1><p>The Board meets in public every other month. Papers are published a week before each meeting; minutes are published once approved.</p>` + boardTable + `</main>`},
			{"/publications/", "Publications", n + `<main><h1>Reports and publications</h1><p>Our financial year runs from 1 April to 31 March.</p>
<h2>Annual reports</h2><ul>` + links(hAnnual) + `</ul><h2>Quality accounts</h2><ul>` + links(hOtherPubs[:2]) + `</ul><h2>Annual accounts</h2><ul>` + links(hOtherPubs[2:4]) + `</ul><h2>Other reports</h2><ul>` + links(hOtherPubs[4:]) + `</ul></main>`},
			{"/foi/", "Freedom of information", n + `<main><h1>Freedom of information</h1><p>Each month we publish a log of the requests we answered.</p><h2>Disclosure logs</h2><ul>` + links(hFOI) + `</ul></main>`},
			{"/patients/leaflets/", "Patient information leaflets", n + `<main><h1>Patient information leaflets</h1><ul>` + links(hLeaflets) + `</ul></main>`},
			{"/staff/", "Staff", n + `<main><a href="/staff/rota.pdf">Rota</a></main>`},
		}}
}

// ---- Ashgrove Property and Employment Tribunal ----

var (
	aPDCurrent = []doc{
		{path: "/practice-directions/pd1-filing-and-service-2024.pdf", title: "Practice Direction 1: Filing and Service", text: "ASHGROVE TRIBUNAL\nPractice Direction 1\nFiling and Service of Documents\nIn force from 1 March 2024", link: "PD 1 – Filing and Service (2024)"},
		{path: "/practice-directions/pd2-remote-hearings.pdf", title: "Practice Direction 2: Remote Hearings", text: "ASHGROVE TRIBUNAL\nPractice Direction 2\nHearings by video and telephone", link: "PD 2 – Remote Hearings"},
		{path: "/practice-directions/pd4-vulnerable-witnesses.pdf", title: "Practice Direction 4: Vulnerable Witnesses", text: "ASHGROVE TRIBUNAL\nPractice Direction 4\nVulnerable witnesses and parties", link: "PD 4 – Vulnerable Witnesses"},
	}
	aPDOld = []doc{
		{path: "/practice-directions/pd1-filing-and-service-2019.pdf", title: "Practice Direction 1: Filing and Service (2019)", text: "ASHGROVE TRIBUNAL\nPractice Direction 1\nFiling and Service\n2019", link: "PD 1 – Filing and Service (2019)"},
		{path: "/practice-directions/pd3-costs.pdf", title: "Practice Direction 3: Costs", text: "ASHGROVE TRIBUNAL\nPractice Direction 3\nCosts", link: "PD 3 – Costs"},
		{path: "/practice-directions/pd5-electronic-bundles-draft.pdf", title: "Draft Practice Direction 5: Electronic Bundles", text: "ASHGROVE TRIBUNAL\nDRAFT FOR CONSULTATION\nPractice Direction 5\nElectronic bundles", link: "PD 5 – Electronic Bundles"},
	}
	aJudgments = []struct {
		d                     doc
		caseNo, parties, area string
		date                  string
	}{
		{doc{path: "/judgments/2023-HSG-0041.pdf", title: "Decision HSG/2023/0041", text: "ASHGROVE TRIBUNAL\nHousing Chamber\nDecision\n14 March 2023"}, "HSG/2023/0041", "Patel v Northgate Lettings Ltd", "Housing", "14 March 2023"},
		{doc{path: "/judgments/2023-EMP-0102.pdf", title: "Judgment EMP/2023/0102", text: "ASHGROVE TRIBUNAL\nEmployment\nJudgment\n2 May 2023"}, "EMP/2023/0102", "Okafor v Ashgrove Logistics", "Employment", "2 May 2023"},
		{doc{path: "/judgments/2023-HSG-0077.pdf", title: "Decision HSG/2023/0077", text: "ASHGROVE TRIBUNAL\nHousing Chamber\nDecision on rent repayment\n9 August 2023"}, "HSG/2023/0077", "Residents of Mill Court v Mill Court Estates", "Housing", "9 August 2023"},
		{doc{path: "/judgments/2023-HSG-0090.pdf", title: "Decision HSG/2023/0090", text: "ASHGROVE TRIBUNAL\nHousing Chamber\nDecision on service charges\n30 November 2023"}, "HSG/2023/0090", "Lee v Riverside Freeholds", "Housing", "30 November 2023"},
		{doc{path: "/judgments/2023-EMP-0150.pdf", title: "Judgment EMP/2023/0150", text: "ASHGROVE TRIBUNAL\nEmployment\nJudgment\n12 December 2023"}, "EMP/2023/0150", "Brown v Westfield Care Homes", "Employment", "12 December 2023"},
		{doc{path: "/judgments/2024-HSG-0012.pdf", title: "Decision HSG/2024/0012", text: "ASHGROVE TRIBUNAL\nHousing Chamber\nDecision\n20 February 2024"}, "HSG/2024/0012", "Nowak v Parkside Homes", "Housing", "20 February 2024"},
		{doc{path: "/judgments/2024-HSG-0058.pdf", title: "Decision HSG/2024/0058", text: "ASHGROVE TRIBUNAL\nHousing Chamber\nDecision\n6 August 2024"}, "HSG/2024/0058", "Ahmed v Canal Wharf Management", "Housing", "6 August 2024"},
		{doc{path: "/judgments/2024-HSG-0063.pdf", title: "Decision HSG/2024/0063", text: "ASHGROVE TRIBUNAL\nHousing Chamber\nDecision\n17 September 2024"}, "HSG/2024/0063", "Tenants of Elm Row v Elm Row Ltd", "Housing", "17 September 2024"},
		{doc{path: "/judgments/2024-EMP-0091.pdf", title: "Judgment EMP/2024/0091", text: "ASHGROVE TRIBUNAL\nEmployment\nJudgment\n22 October 2024"}, "EMP/2024/0091", "Silva v Harbour Foods plc", "Employment", "22 October 2024"},
		{doc{path: "/judgments/2024-EMP-0104.pdf", title: "Judgment EMP/2024/0104", text: "ASHGROVE TRIBUNAL\nEmployment\nJudgment\n28 November 2024"}, "EMP/2024/0104", "Green v Ashgrove Borough Council", "Employment", "28 November 2024"},
		{doc{path: "/judgments/2024-EMP-0120.pdf", title: "Judgment EMP/2024/0120", text: "ASHGROVE TRIBUNAL\nEmployment\nJudgment\n10 December 2024"}, "EMP/2024/0120", "Khan v Metro Security Ltd", "Employment", "10 December 2024"},
	}
	aNotices = []doc{
		{path: "/notices/2024-0113-notice-of-hearing.pdf", title: "Notice of Hearing HSG/2024/0113", text: "ASHGROVE TRIBUNAL\nNOTICE OF HEARING\nCase HSG/2024/0113", link: "Notice of hearing – HSG/2024/0113"},
		{path: "/notices/2024-0113-order.pdf", title: "Order HSG/2024/0113", text: "ASHGROVE TRIBUNAL\nORDER\nCase HSG/2024/0113", link: "Order – HSG/2024/0113"},
		{path: "/notices/2024-0131-notice.pdf", title: "Notice of Hearing EMP/2024/0131", text: "ASHGROVE TRIBUNAL\nNOTICE OF HEARING\nCase EMP/2024/0131", link: "Notice of hearing – EMP/2024/0131"},
		{path: "/notices/2024-0131-directions.pdf", title: "Order for Directions EMP/2024/0131", text: "ASHGROVE TRIBUNAL\nORDER FOR DIRECTIONS\nCase EMP/2024/0131", link: "Directions order – EMP/2024/0131"},
		{path: "/notices/get?id=2024-0140", file: "/_files/n-2024-0140.pdf", title: "Notice of Hearing HSG/2024/0140", text: "ASHGROVE TRIBUNAL\nNOTICE OF HEARING\nCase HSG/2024/0140", link: "Notice of hearing – HSG/2024/0140"},
		{path: "/notices/holiday-closure-2024.pdf", title: "Public notice: holiday closure", text: "ASHGROVE TRIBUNAL\nPublic notice\nThe tribunal office is closed from 24 December to 1 January", link: "Public notice – holiday closure"},
	}
)

func ashgrove() site {
	n := nav("Ashgrove Tribunal", "/judgments/", "Decisions", "/practice-directions/", "Practice directions", "/notices/", "Notices and orders", "/forms/", "Forms")
	var jrows strings.Builder
	var jdocs []doc
	for _, j := range aJudgments {
		fmt.Fprintf(&jrows, `<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><a href="%s">PDF</a></td></tr>`, j.caseNo, j.parties, j.area, j.date, j.d.path)
		jdocs = append(jdocs, j.d)
	}
	pdRows := func(ds []doc, status string) string {
		return rows(ds, func(d doc) []string { return []string{fmt.Sprintf(`<a href="%s">%s</a>`, d.path, d.link), status} })
	}
	return site{name: "ashgrove", docs: concat(aPDCurrent, aPDOld, jdocs, aNotices, []doc{{path: "/forms/T1-application.pdf", title: "Form T1", text: "Application to the tribunal", link: "T1 application form"}}),
		pages: []page{
			{"/", "Ashgrove Property and Employment Tribunal", n + `<main><h1>Ashgrove Property and Employment Tribunal</h1><p>We decide housing and employment disputes.</p><ul><li><a href="/judgments/">Published decisions</a></li><li><a href="/practice-directions/">Practice directions</a></li><li><a href="/notices/">Notices and orders</a></li><li><a href="/forms/">Forms</a></li></ul></main>`},
			{"/judgments/", "Published decisions", n + `<main><h1>Published decisions</h1><table><thead><tr><th>Case number</th><th>Parties</th><th>Jurisdiction</th><th>Date of decision</th><th>Decision</th></tr></thead><tbody>` + jrows.String() + `</tbody></table></main>`},
			{"/practice-directions/", "Practice directions", n + `<main><h1>Practice directions</h1><table><thead><tr><th>Practice direction</th><th>Status</th></tr></thead><tbody>` +
				pdRows(aPDCurrent, "In force") + pdRows(aPDOld[:1], "Superseded by the 2024 version") + pdRows(aPDOld[1:2], "Revoked") + pdRows(aPDOld[2:], "Consultation draft") + `</tbody></table></main>`},
			{"/notices/", "Notices and orders", n + `<main><h1>Notices and orders</h1><ul>` + links(aNotices) + `</ul></main>`},
			{"/forms/", "Forms", n + `<main><h1>Forms</h1><a href="/forms/T1-application.pdf">T1 application form</a></main>`},
		}}
}

// ---- Kestrel Valley Transit Authority ----

var (
	kTenders = []doc{
		{path: "/procurement/ITT-2024-01.pdf", title: "Invitation to Tender ITT-2024-01", text: "KESTREL VALLEY TRANSIT AUTHORITY\nINVITATION TO TENDER\nBus shelter maintenance services", link: "ITT-2024-01 Bus shelter maintenance"},
		{path: "/procurement/ITT-2024-02.pdf", title: "Invitation to Tender ITT-2024-02", text: "KESTREL VALLEY TRANSIT AUTHORITY\nINVITATION TO TENDER\nSmart ticketing back office", link: "ITT-2024-02 Smart ticketing back office"},
		{path: "/procurement/doc?ref=RFP-2024-03", file: "/_files/rfp-2024-03.pdf", title: "Request for Proposals RFP-2024-03", text: "KESTREL VALLEY TRANSIT AUTHORITY\nREQUEST FOR PROPOSALS\nFleet electrification advisory services", link: "RFP-2024-03 Fleet electrification advisory"},
	}
	kAwards = []doc{
		{path: "/procurement/award-ITT-2023-07.pdf", title: "Contract Award Notice ITT-2023-07", text: "KESTREL VALLEY TRANSIT AUTHORITY\nCONTRACT AWARD NOTICE\nCleaning services", link: "Award notice – ITT-2023-07 Cleaning services"},
		{path: "/procurement/award-ITT-2023-09.pdf", title: "Contract Award Notice ITT-2023-09", text: "KESTREL VALLEY TRANSIT AUTHORITY\nCONTRACT AWARD NOTICE\nDepot security", link: "Award notice – ITT-2023-09 Depot security"},
	}
	kProcOther = []doc{
		{path: "/procurement/procurement-policy.pdf", title: "Procurement Policy", text: "KESTREL VALLEY TRANSIT AUTHORITY\nProcurement Policy", link: "Our procurement policy"},
		{path: "/procurement/supplier-guide.pdf", title: "Guide for suppliers", text: "How to do business with us", link: "Guide for suppliers"},
	}
	kGovernance = []doc{
		{path: "/governance/constitution-and-standing-orders.pdf", title: "Constitution and Standing Orders", text: "KESTREL VALLEY TRANSIT AUTHORITY\nConstitution and Standing Orders\nAs amended 2022", link: "Constitution and Standing Orders"},
		{path: "/governance/byelaws-2019.pdf", title: "Kestrel Valley Transit Byelaws 2019", text: "KESTREL VALLEY TRANSIT AUTHORITY\nByelaws 2019\nConduct on vehicles and at stations", link: "Byelaws 2019"},
	}
	kGovOther = []doc{
		{path: "/governance/code-of-conduct.pdf", title: "Board Members' Code of Conduct", text: "Code of conduct for board members", link: "Board members' code of conduct"},
		{path: "/governance/scheme-of-delegation.pdf", title: "Scheme of Delegation", text: "Scheme of delegation to officers", link: "Scheme of delegation"},
		{path: "/governance/annual-governance-statement-2023.pdf", title: "Annual Governance Statement 2023", text: "Annual Governance Statement 2023", link: "Annual governance statement 2023"},
	}
	kMonthly = func() []doc {
		var ds []doc
		months := []string{"October 2023", "November 2023", "December 2023", "January 2024", "February 2024", "March 2024", "April 2024", "May 2024", "June 2024", "July 2024", "August 2024"}
		for i, m := range months {
			ds = append(ds, doc{path: fmt.Sprintf("/reports/view?id=%d", 310+i), file: fmt.Sprintf("/_files/ridership-%d.pdf", 310+i),
				title: "Ridership report " + m, text: "KESTREL VALLEY TRANSIT\nMonthly ridership report\n" + m, link: m})
		}
		return ds
	}()
	kAnnualRidership = doc{path: "/reports/annual-ridership-2023.pdf", title: "Annual Ridership Report 2023", text: "KESTREL VALLEY TRANSIT\nAnnual ridership report 2023", link: "Annual ridership report 2023"}
)

func kestrel() site {
	n := nav("Kestrel Valley Transit", "/timetables/", "Timetables", "/procurement/", "Procurement", "/governance/", "Governance", "/reports/", "Reports")
	return site{name: "kestrel", docs: concat(kTenders, kAwards, kProcOther, kGovernance, kGovOther, kMonthly, []doc{kAnnualRidership},
		[]doc{{path: "/timetables/route-1.pdf", title: "Route 1 timetable", text: "Route 1 timetable", link: "Route 1"}, {path: "/timetables/route-7.pdf", title: "Route 7 timetable", text: "Route 7 timetable", link: "Route 7"}}),
		pages: []page{
			{"/", "Kestrel Valley Transit Authority", n + `<main><h1>Kestrel Valley Transit Authority</h1><ul><li><a href="/timetables/">Bus timetables</a></li><li><a href="/procurement/">Doing business with us</a></li><li><a href="/governance/">How we are governed</a></li><li><a href="/reports/">Performance and ridership</a></li></ul></main>`},
			{"/timetables/", "Timetables", n + `<main><h1>Timetables</h1><ul><li><a href="/timetables/route-1.pdf">Route 1</a></li><li><a href="/timetables/route-7.pdf">Route 7</a></li></ul></main>`},
			{"/procurement/", "Doing business with us", n + `<main><h1>Procurement</h1><h2>Current opportunities: Invitations to Tender and Requests for Proposals</h2><ul>` + links(kTenders) +
				`</ul><h2>Contract award notices</h2><ul>` + links(kAwards) + `</ul><h2>Information for suppliers</h2><ul>` + links(kProcOther) + `</ul></main>`},
			{"/governance/", "How we are governed", n + `<main><h1>Governance</h1><h2>Rules</h2><ul>` + links(kGovernance) + `</ul><h2>Board</h2><ul>` + links(kGovOther) + `</ul></main>`},
			{"/reports/", "Performance and ridership", n + `<main><h1>Ridership</h1><h2>Monthly ridership reports</h2><ul>` + links(kMonthly) + `</ul><h2>Annual</h2><ul>` + links([]doc{kAnnualRidership}) + `</ul></main>`},
		}}
}

// ---- Fernvale Energy (gas and electricity) ----

var (
	fGasCurrent = []doc{
		{path: "/tariffs/schedule-g1-2024.pdf", title: "Schedule G-1 Residential Gas Service", text: "FERNVALE ENERGY\nSchedule G-1\nResidential Gas Service\nEffective January 1, 2024", link: "Schedule G-1"},
		{path: "/tariffs/schedule-g2.pdf", title: "Schedule G-2 Commercial Gas Service", text: "FERNVALE ENERGY\nSchedule G-2\nCommercial Gas Service", link: "Schedule G-2"},
		{path: "/tariffs/schedule-g10.pdf", title: "Schedule G-10 Gas Transportation Service", text: "FERNVALE ENERGY\nSchedule G-10\nGas Transportation Service", link: "Schedule G-10"},
	}
	fOther = []doc{
		{path: "/tariffs/archive/schedule-g1-2022.pdf", title: "Schedule G-1 Residential Gas Service (2022)", text: "FERNVALE ENERGY\nSchedule G-1\nResidential Gas Service\nEffective January 1, 2022", link: "Schedule G-1 (effective 2022)"},
		{path: "/tariffs/schedule-e1.pdf", title: "Schedule E-1 Residential Electric Service", text: "FERNVALE ENERGY\nSchedule E-1\nResidential Electric Service", link: "Schedule E-1"},
		{path: "/tariffs/schedule-e3.pdf", title: "Schedule E-3 Time-of-Use Electric Service", text: "FERNVALE ENERGY\nSchedule E-3\nTime-of-Use Electric Service", link: "Schedule E-3"},
	}
	fRateCase = []doc{
		{path: "/regulatory/2024-rate-case/application.pdf", title: "Application for a general rate increase", text: "BEFORE THE PUBLIC UTILITY COMMISSION\nApplication of Fernvale Energy for authority to increase rates\nProposed rates", link: "Application (proposed rates)"},
		{path: "/regulatory/2024-rate-case/proposed-decision.pdf", title: "Proposed Decision", text: "PUBLIC UTILITY COMMISSION\nPROPOSED DECISION\nExposure draft issued for comment", link: "Proposed decision (exposure draft)"},
		{path: "/regulatory/2024-rate-case/final-decision.pdf", title: "Decision 24-11-007", text: "PUBLIC UTILITY COMMISSION\nFINAL DECISION\nApproving a general rate increase for Fernvale Energy\nNovember 2024", link: "Final decision"},
		{path: "/regulatory/2024-rate-case/testimony-smith.pdf", title: "Direct testimony of J. Smith", text: "Direct testimony\nRevenue requirement", link: "Testimony – revenue requirement"},
	}
	fQuarterly = []struct {
		d     doc
		label string
	}{
		{doc{path: "/investors/q-2023-09.pdf", title: "Quarterly report", text: "FERNVALE ENERGY\nQuarterly report\nQuarter ended September 30, 2023"}, "Quarter ended September 30, 2023"},
		{doc{path: "/investors/q-2023-12.pdf", title: "Quarterly report", text: "FERNVALE ENERGY\nQuarterly report\nQuarter ended December 31, 2023"}, "Quarter ended December 31, 2023"},
		{doc{path: "/investors/q-2024-03.pdf", title: "Quarterly report", text: "FERNVALE ENERGY\nQuarterly report\nQuarter ended March 31, 2024"}, "Quarter ended March 31, 2024"},
		{doc{path: "/investors/q-2024-06.pdf", title: "Quarterly report", text: "FERNVALE ENERGY\nQuarterly report\nQuarter ended June 30, 2024"}, "Quarter ended June 30, 2024"},
		{doc{path: "/investors/q-2024-09.pdf", title: "Quarterly report", text: "FERNVALE ENERGY\nQuarterly report\nQuarter ended September 30, 2024"}, "Quarter ended September 30, 2024"},
		{doc{path: "/investors/q-2024-12.pdf", title: "Quarterly report", text: "FERNVALE ENERGY\nQuarterly report\nQuarter ended December 31, 2024"}, "Quarter ended December 31, 2024"},
	}
	fAnnual = doc{path: "/investors/annual-report-fy2024.pdf", title: "Annual Report Fiscal 2024", text: "FERNVALE ENERGY\nAnnual Report\nFiscal year ended September 30, 2024", link: "Annual report, fiscal 2024"}
)

func fernvale() site {
	n := nav("Fernvale Energy", "/tariffs/", "Rates and tariffs", "/regulatory/", "Regulatory filings", "/investors/", "Investors")
	tariffRows := func(ds []doc, service, status string) string {
		return rows(ds, func(d doc) []string {
			title := d.title
			if f := strings.SplitN(title, " ", 3); len(f) == 3 {
				title = f[2] // "Schedule G-1 Residential Gas Service" → "Residential Gas Service"
			}
			return []string{fmt.Sprintf(`<a href="%s">%s</a>`, d.path, d.link), title, service, status}
		})
	}
	var qs []doc
	var ql strings.Builder
	for _, q := range fQuarterly {
		qs = append(qs, q.d)
		fmt.Fprintf(&ql, `<li><a href="%s">%s</a></li>`, q.d.path, q.label)
	}
	return site{name: "fernvale", docs: concat(fGasCurrent, fOther, fRateCase, qs, []doc{fAnnual}),
		pages: []page{
			{"/", "Fernvale Energy", n + `<main><h1>Fernvale Energy</h1><p>Natural gas and electricity for the Fernvale valley.</p><ul><li><a href="/tariffs/">Rates and tariffs</a></li><li><a href="/regulatory/">Regulatory filings</a></li><li><a href="/investors/">Investor relations</a></li></ul></main>`},
			{"/tariffs/", "Rates and tariffs", n + `<main><h1>Tariff schedules</h1><table><thead><tr><th>Schedule</th><th>Title</th><th>Service</th><th>Status</th></tr></thead><tbody>` +
				tariffRows(fGasCurrent, "Gas", "Current") + tariffRows(fOther[:1], "Gas", "Superseded – archive") + tariffRows(fOther[1:], "Electric", "Current") + `</tbody></table></main>`},
			{"/regulatory/", "Regulatory filings", n + `<main><h1>Regulatory filings</h1><h2>2024 General Rate Case</h2><ul>` + links(fRateCase) + `</ul></main>`},
			{"/investors/", "Investor relations", n + `<main><h1>Investor relations</h1><p>Fernvale's fiscal year runs October 1 through September 30.</p><h2>Quarterly reports</h2><ul>` + ql.String() +
				`</ul><h2>Annual reports</h2><ul>` + links([]doc{fAnnual}) + `</ul></main>`},
		}}
}

func sites() []site { return []site{harbourside(), ashgrove(), kestrel(), fernvale()} }

func concat(lists ...[]doc) []doc {
	var out []doc
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func param(single bool, threshold float64) map[string]any {
	return map[string]any{"single_page": single, "confidence_threshold": threshold}
}

func judgmentsWhere(keep func(area, date string) bool) []string {
	var out []string
	for _, j := range aJudgments {
		if keep(j.area, j.date) {
			out = append(out, j.d.path)
		}
	}
	return out
}

func cases() []kase {
	return []kase{
		{ID: "ho-harbourside-minutes-h2-2023", Site: "harbourside", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Where can I find the trust board's meeting minutes from the second half of 2023?",
			Relevant: paths(hMinutes[3], hMinutes[4], hMinutes[5]), Note: "question; half year; minutes not agendas or packs; one opaque file name"},
		{ID: "ho-harbourside-annual-reports-two-years", Site: "harbourside", Start: "/publications/", Parameters: param(true, 0.5),
			Prompt:   "I'm preparing a governance review and need every annual report the trust published for 2022/23 and 2023/24 - please skip the quality accounts and the annual accounts.",
			Relevant: paths(hAnnual[1], hAnnual[2]), Note: "long sentence with aside; two financial years written 2022/23; exclusions"},
		{ID: "ho-harbourside-foi-months", Site: "harbourside", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Get me the FOI disclosure logs for May, July and September 2023.",
			Relevant: paths(hFOI[1], hFOI[3], hFOI[5]), Note: "imperative without find; non-contiguous month list; abbreviation FOI"},
		{ID: "ho-harbourside-diabetes-leaflets", Site: "harbourside", Start: "/patients/leaflets/", Parameters: param(true, 0.4),
			Prompt:   "Are there any patient leaflets about diabetes?",
			Relevant: paths(hLeaflets[0], hLeaflets[1], hLeaflets[2], hLeaflets[3]), Note: "question; topic only"},
		{ID: "ho-ashgrove-practice-directions-in-force", Site: "ashgrove", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Which practice directions are currently in force?",
			Relevant: paths(aPDCurrent...), Note: "question; status from a table column (superseded, revoked, consultation draft)"},
		{ID: "ho-ashgrove-notices-not-orders", Site: "ashgrove", Start: "/notices/", Parameters: param(true, 0.5),
			Prompt:   "Download all the notices of hearing - only the notices, not the orders.",
			Relevant: paths(aNotices[0], aNotices[2], aNotices[4]), Note: "imperative; exclusion of a sibling kind; an extension-less link; a public notice that is not a notice of hearing"},
		{ID: "ho-ashgrove-judgments-aug-nov-2024", Site: "ashgrove", Start: "/judgments/", Parameters: param(true, 0.5),
			Prompt: "List the judgments handed down between August and November 2024.",
			Relevant: judgmentsWhere(func(_, d string) bool {
				return strings.HasSuffix(d, "2024") && (strings.Contains(d, "August") || strings.Contains(d, "September") || strings.Contains(d, "October") || strings.Contains(d, "November"))
			}), Note: "range of months; 'judgments' vs site's 'decisions'; dates only in a table column"},
		{ID: "ho-ashgrove-housing-2023", Site: "ashgrove", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I'm writing a thesis on tenancy disputes, so I need the tribunal's decisions in housing cases from 2023 - please skip anything about employment.",
			Relevant: judgmentsWhere(func(a, d string) bool { return a == "Housing" && strings.HasSuffix(d, "2023") }), Note: "long sentence; topic from a table column; exclusion of a topic"},
		{ID: "ho-kestrel-rfps", Site: "kestrel", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Show me all the RFPs the authority has issued - I don't need the contract award notices.",
			Relevant: paths(kTenders...), Note: "abbreviation; the site says Invitation to Tender; exclusion"},
		{ID: "ho-kestrel-bylaws", Site: "kestrel", Start: "/governance/", Parameters: param(true, 0.5),
			Prompt:   "Find the authority's bylaws.",
			Relevant: paths(kGovernance...), Note: "bylaws vs byelaws and Constitution and Standing Orders"},
		{ID: "ho-kestrel-ridership-h1-2024", Site: "kestrel", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "What were the monthly ridership reports for H1 2024?",
			Relevant: paths(kMonthly[3:9]...), Note: "question; H1; extension-less links; monthly not annual"},
		{ID: "ho-fernvale-gas-tariffs-current", Site: "fernvale", Start: "/tariffs/", Parameters: param(true, 0.5),
			Prompt:   "I only need the gas tariff schedules currently in effect, not electricity.",
			Relevant: paths(fGasCurrent...), Note: "status from a table column; exclusion of a service"},
		{ID: "ho-fernvale-final-decision", Site: "fernvale", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Could you pull the final rate case decision? Not the proposed one or the exposure draft.",
			Relevant: paths(fRateCase[2]), Note: "stage of approval: final vs proposed and exposure draft"},
		{ID: "ho-fernvale-fy2024-quarterlies", Site: "fernvale", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find all quarterly reports for fiscal year 2024.",
			Relevant: paths(fQuarterly[1].d, fQuarterly[2].d, fQuarterly[3].d, fQuarterly[4].d), Note: "fiscal year ending September 30, stated on the site"},
	}
}
