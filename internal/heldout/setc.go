package heldout

import (
	"fmt"
	"strings"
)

// Set C: written at the start of the session that fixed set B's two remaining
// failure groups (status read from a table, stages of approval), before any of
// those changes, so that it measures them without having been tuned on: a
// university, a harbour authority and a county elections office. Write it with
// Write("c", dir); measure it, do not tune on it.

// ---- Dunmore University ----

var (
	dCatalog = []doc{
		{path: "/registrar/catalog-2022-23.pdf", title: "Undergraduate Catalog 2022-23", text: "DUNMORE UNIVERSITY\nUndergraduate Catalog\nAcademic year 2022/23", link: "Undergraduate catalog 2022/23"},
		{path: "/registrar/catalog-2023-24.pdf", title: "Undergraduate Catalog 2023-24", text: "DUNMORE UNIVERSITY\nUndergraduate Catalog\nAcademic year 2023/24", link: "Undergraduate catalog 2023/24"},
		{path: "/registrar/catalog-2024-25.pdf", title: "Undergraduate Catalog 2024-25", text: "DUNMORE UNIVERSITY\nUndergraduate Catalog\nAcademic year 2024/25", link: "Undergraduate catalog 2024/25"},
		{path: "/registrar/grad-catalog-2024-25.pdf", title: "Graduate Catalog 2024-25", text: "DUNMORE UNIVERSITY\nGraduate Catalog\nAcademic year 2024/25", link: "Graduate catalog 2024/25"},
	}
	dCalendar = []doc{
		{path: "/registrar/academic-calendar-2024-25.pdf", title: "Academic Calendar 2024-25", text: "DUNMORE UNIVERSITY\nAcademic calendar 2024/25\nFall term begins September 3, 2024", link: "Academic calendar 2024/25"},
	}
	dSenate = func() []doc {
		var ds []doc
		for _, m := range []struct{ iso, human string }{{"2023-10-12", "October 12, 2023"}, {"2023-12-07", "December 7, 2023"}, {"2024-02-15", "February 15, 2024"}, {"2024-04-11", "April 11, 2024"}, {"2024-10-10", "October 10, 2024"}} {
			ds = append(ds, doc{path: "/governance/senate/" + m.iso + ".pdf", title: "Faculty Senate Minutes " + m.human,
				text: "DUNMORE UNIVERSITY\nFaculty Senate\nMinutes of the meeting held " + m.human, link: m.human})
		}
		return ds
	}()
	dTrustees = []doc{
		{path: "/governance/trustees/2024-03-21-minutes.pdf", title: "Board of Trustees Minutes March 21, 2024", text: "DUNMORE UNIVERSITY\nBoard of Trustees\nMinutes, March 21, 2024", link: "Board of Trustees – March 21, 2024"},
		{path: "/governance/trustees/2024-06-20-minutes.pdf", title: "Board of Trustees Minutes June 20, 2024", text: "DUNMORE UNIVERSITY\nBoard of Trustees\nMinutes, June 20, 2024", link: "Board of Trustees – June 20, 2024"},
	}
	dPlan = []doc{
		{path: "/strategy/strategic-plan-2025-2030-draft.pdf", title: "Strategic Plan 2025-2030 Draft for Comment", text: "DUNMORE UNIVERSITY\nStrategic Plan 2025-2030\nDraft for campus comment", link: "Strategic Plan 2025–2030 (draft for comment)"},
		{path: "/strategy/strategic-plan-2025-2030.pdf", title: "Strategic Plan 2025-2030", text: "DUNMORE UNIVERSITY\nStrategic Plan 2025-2030\nApproved by the Board of Trustees, June 2024", link: "Strategic Plan 2025–2030"},
		{path: "/strategy/strategic-plan-2019-2024.pdf", title: "Strategic Plan 2019-2024", text: "DUNMORE UNIVERSITY\nStrategic Plan 2019-2024", link: "Strategic Plan 2019–2024 (previous plan)"},
	}
	dFees = []doc{
		{path: "/bursar/tuition-and-fees-2024-25.pdf", title: "Tuition and Fees 2024-25", text: "DUNMORE UNIVERSITY\nTuition and mandatory fees\nAcademic year 2024/25", link: "Tuition and fees 2024/25"},
		{path: "/bursar/tuition-and-fees-2023-24.pdf", title: "Tuition and Fees 2023-24", text: "DUNMORE UNIVERSITY\nTuition and mandatory fees\nAcademic year 2023/24", link: "Tuition and fees 2023/24"},
		{path: "/bursar/refund-policy.pdf", title: "Tuition Refund Policy", text: "DUNMORE UNIVERSITY\nTuition refund policy", link: "Refund policy"},
	}
)

func dunmore() site {
	n := nav("Dunmore University", "/registrar/", "Registrar", "/governance/", "Governance", "/strategy/", "Strategy", "/bursar/", "Bursar")
	return site{name: "dunmore", docs: concat(dCatalog, dCalendar, dSenate, dTrustees, dPlan, dFees),
		pages: []page{
			{"/", "Dunmore University", n + `<main><h1>Dunmore University</h1><p>Our academic year runs from September to August.</p><ul><li><a href="/registrar/">Office of the Registrar</a></li><li><a href="/governance/">University governance</a></li><li><a href="/strategy/">Strategic planning</a></li><li><a href="/bursar/">Bursar</a></li></ul></main>`},
			{"/registrar/", "Office of the Registrar", n + `<main><h1>Office of the Registrar</h1><h2>Catalogs</h2><ul>` + links(dCatalog) + `</ul><h2>Calendars</h2><ul>` + links(dCalendar) + `</ul></main>`},
			{"/governance/", "University governance", n + `<main><h1>Governance</h1><ul><li><a href="/governance/senate/">Faculty Senate</a></li><li><a href="/governance/trustees/">Board of Trustees</a></li></ul></main>`},
			{"/governance/senate/", "Faculty Senate", n + `<main><h1>Faculty Senate</h1><h2>Minutes</h2><ul>` + links(dSenate) + `</ul></main>`},
			{"/governance/trustees/", "Board of Trustees", n + `<main><h1>Board of Trustees</h1><ul>` + links(dTrustees) + `</ul></main>`},
			{"/strategy/", "Strategic planning", n + `<main><h1>Strategic planning</h1><ul>` + links(dPlan) + `</ul></main>`},
			{"/bursar/", "Bursar", n + `<main><h1>Bursar's office</h1><ul>` + links(dFees) + `</ul></main>`},
		}}
}

// ---- Kessick Harbour Authority ----

var (
	kNotices = func() []doc {
		var ds []doc
		for i, n := range []struct{ date, what string }{
			{"14 February 2024", "Dredging operations, inner basin"}, {"2 April 2024", "Temporary buoy relocation, east channel"},
			{"19 June 2024", "Navigation light out of service, North Pier"}, {"8 August 2024", "Survey vessel operating, approaches"},
			{"30 October 2024", "Wreck marked, outer anchorage"}, {"12 January 2025", "Dredging operations, berth 4"},
		} {
			num := fmt.Sprintf("%02d", i+1)
			year := n.date[len(n.date)-4:]
			ds = append(ds, doc{path: fmt.Sprintf("/marine/ntm.aspx?no=%s-%s", year, num), file: fmt.Sprintf("/_docs/ntm-%s-%s.pdf", year, num),
				title: "Notice to Mariners " + num + "/" + year, text: "KESSICK HARBOUR AUTHORITY\nLocal Notice to Mariners No. " + num + " of " + year + "\nIssued " + n.date + "\n" + n.what,
				link: "No. " + num + "/" + year + " – " + n.what})
		}
		return ds
	}()
	kTariffs = []struct {
		d              doc
		period, status string
	}{
		{doc{path: "/commercial/dues-2025.pdf", title: "Schedule of Harbour Dues 2025", text: "KESSICK HARBOUR AUTHORITY\nSchedule of harbour dues and charges\nEffective 1 January 2025"}, "2025", "In force"},
		{doc{path: "/commercial/dues-2024.pdf", title: "Schedule of Harbour Dues 2024", text: "KESSICK HARBOUR AUTHORITY\nSchedule of harbour dues and charges\nEffective 1 January 2024"}, "2024", "Superseded"},
		{doc{path: "/commercial/dues-2023.pdf", title: "Schedule of Harbour Dues 2023", text: "KESSICK HARBOUR AUTHORITY\nSchedule of harbour dues and charges\nEffective 1 January 2023"}, "2023", "Superseded"},
	}
	kAnnual = []doc{
		{path: "/about/annual-report-2022.pdf", title: "Annual Report and Accounts 2022", text: "KESSICK HARBOUR AUTHORITY\nAnnual report and accounts\nfor the year ended 31 December 2022", link: "Annual report and accounts 2022"},
		{path: "/about/annual-report-2023.pdf", title: "Annual Report and Accounts 2023", text: "KESSICK HARBOUR AUTHORITY\nAnnual report and accounts\nfor the year ended 31 December 2023", link: "Annual report and accounts 2023"},
		{path: "/about/annual-report-2024.pdf", title: "Annual Report and Accounts 2024", text: "KESSICK HARBOUR AUTHORITY\nAnnual report and accounts\nfor the year ended 31 December 2024", link: "Annual report and accounts 2024"},
	}
	kByelaws = []doc{
		{path: "/about/harbour-byelaws-2021.pdf", title: "Kessick Harbour Byelaws 2021", text: "KESSICK HARBOUR AUTHORITY\nHarbour Byelaws 2021\nMade under the Harbours Act", link: "Harbour byelaws 2021"},
		{path: "/about/general-directions.pdf", title: "General Directions to Vessels", text: "KESSICK HARBOUR AUTHORITY\nGeneral Directions for the navigation of vessels\nIssued by the Harbour Master", link: "Harbour Master's general directions"},
	}
	kEnv = []doc{
		{path: "/projects/berth4-environmental-statement.pdf", title: "Berth 4 Deepening Environmental Statement", text: "KESSICK HARBOUR AUTHORITY\nBerth 4 deepening\nEnvironmental statement, volume 1", link: "Berth 4 deepening – environmental statement"},
		{path: "/projects/berth4-non-technical-summary.pdf", title: "Berth 4 Deepening Non-Technical Summary", text: "KESSICK HARBOUR AUTHORITY\nBerth 4 deepening\nNon-technical summary of the environmental statement", link: "Berth 4 deepening – non-technical summary"},
		{path: "/projects/maintenance-dredge-licence.pdf", title: "Maintenance Dredging Licence", text: "Marine licence for maintenance dredging\nLicence holder: Kessick Harbour Authority", link: "Maintenance dredging marine licence"},
	}
)

func kessick() site {
	n := nav("Kessick Harbour Authority", "/marine/", "Marine information", "/commercial/", "Port users", "/about/", "About us", "/projects/", "Projects")
	var trow strings.Builder
	var tdocs []doc
	for _, t := range kTariffs {
		fmt.Fprintf(&trow, `<tr><td><a href="%s">Schedule of dues %s</a></td><td>%s</td></tr>`, t.d.path, t.period, t.status)
		tdocs = append(tdocs, t.d)
	}
	return site{name: "kessick", docs: concat(kNotices, tdocs, kAnnual, kByelaws, kEnv),
		pages: []page{
			{"/", "Kessick Harbour Authority", n + `<main><h1>Kessick Harbour</h1><p>A trust port serving the north coast.</p><ul><li><a href="/marine/">Notices to mariners</a></li><li><a href="/commercial/">Dues and charges</a></li><li><a href="/about/">About the Authority</a></li><li><a href="/projects/">Berth 4 project</a></li></ul></main>`},
			{"/marine/", "Marine information", n + `<main><h1>Local notices to mariners</h1><ul>` + links(kNotices) + `</ul></main>`},
			{"/commercial/", "Port users", n + `<main><h1>Harbour dues and charges</h1><table><thead><tr><th>Schedule</th><th>Status</th></tr></thead><tbody>` + trow.String() + `</tbody></table></main>`},
			{"/about/", "About us", n + `<main><h1>About the Authority</h1><h2>Corporate reports</h2><ul>` + links(kAnnual) + `</ul><h2>Regulations</h2><ul>` + links(kByelaws) + `</ul></main>`},
			{"/projects/", "Projects", n + `<main><h1>Berth 4 deepening</h1><ul>` + links(kEnv) + `</ul></main>`},
		}}
}

// ---- Ashby County Elections Office ----

var (
	aResults = []struct {
		d              doc
		election, kind string
	}{
		{doc{path: "/results/2024-11-general-certified.pdf", title: "November 5, 2024 General Election Certified Results", text: "ASHBY COUNTY\nGeneral Election, November 5, 2024\nOfficial certified results"}, "General Election, Nov 5 2024", "Certified"},
		{doc{path: "/results/2024-11-general-unofficial.pdf", title: "November 5, 2024 General Election Unofficial Results", text: "ASHBY COUNTY\nGeneral Election, November 5, 2024\nUnofficial election night results"}, "General Election, Nov 5 2024", "Unofficial"},
		{doc{path: "/results/2024-03-primary-certified.pdf", title: "March 5, 2024 Primary Election Certified Results", text: "ASHBY COUNTY\nPrimary Election, March 5, 2024\nOfficial certified results"}, "Primary Election, Mar 5 2024", "Certified"},
		{doc{path: "/results/2024-03-primary-unofficial.pdf", title: "March 5, 2024 Primary Election Unofficial Results", text: "ASHBY COUNTY\nPrimary Election, March 5, 2024\nUnofficial election night results"}, "Primary Election, Mar 5 2024", "Unofficial"},
		{doc{path: "/results/2022-11-general-certified.pdf", title: "November 8, 2022 General Election Certified Results", text: "ASHBY COUNTY\nGeneral Election, November 8, 2022\nOfficial certified results"}, "General Election, Nov 8 2022", "Certified"},
	}
	aBallots = []doc{
		{path: "/voters/sample-ballot-2024-11-precinct-1.pdf", title: "Sample Ballot Precinct 1", text: "ASHBY COUNTY\nSample ballot\nGeneral Election, November 5, 2024\nPrecinct 1", link: "Sample ballot – Precinct 1"},
		{path: "/voters/sample-ballot-2024-11-precinct-2.pdf", title: "Sample Ballot Precinct 2", text: "ASHBY COUNTY\nSample ballot\nGeneral Election, November 5, 2024\nPrecinct 2", link: "Sample ballot – Precinct 2"},
		{path: "/voters/voter-registration-form.pdf", title: "Voter Registration Application", text: "Voter registration application", link: "Register to vote (form)"},
	}
	aFinance = []doc{
		{path: "/campaign-finance/filing-calendar-2024.pdf", title: "Campaign Finance Filing Calendar 2024", text: "ASHBY COUNTY\nCampaign finance reporting deadlines 2024", link: "Filing deadlines 2024"},
		{path: "/campaign-finance/candidate-guide.pdf", title: "Candidate Guide to Campaign Finance", text: "A guide for candidates and committees", link: "Candidate guide"},
	}
	aPollWorkers = []doc{
		{path: "/workers/poll-worker-manual-2024.pdf", title: "Poll Worker Manual 2024", text: "ASHBY COUNTY\nElection officer training manual\n2024 elections", link: "Poll worker training manual (2024)"},
		{path: "/workers/poll-worker-manual-2022.pdf", title: "Poll Worker Manual 2022", text: "ASHBY COUNTY\nElection officer training manual\n2022 elections", link: "Poll worker training manual (2022, archived)"},
	}
	aAudits = []doc{
		{path: "/results/post-election-audit-2024-11.pdf", title: "Post-Election Audit Report November 2024", text: "ASHBY COUNTY\nRisk-limiting audit report\nGeneral Election, November 5, 2024", link: "Risk-limiting audit, November 2024 general"},
	}
)

func ashby() site {
	n := nav("Ashby County Elections", "/results/", "Election results", "/voters/", "Voters", "/campaign-finance/", "Campaign finance", "/workers/", "Poll workers")
	var rrow strings.Builder
	var rdocs []doc
	for _, r := range aResults {
		fmt.Fprintf(&rrow, `<tr><td>%s</td><td><a href="%s">%s</a></td></tr>`, r.election, r.d.path, r.kind)
		rdocs = append(rdocs, r.d)
	}
	return site{name: "ashby", docs: concat(rdocs, aBallots, aFinance, aPollWorkers, aAudits),
		pages: []page{
			{"/", "Ashby County Elections Office", n + `<main><h1>Ashby County Elections</h1><ul><li><a href="/results/">Past election results</a></li><li><a href="/voters/">Voter information</a></li><li><a href="/campaign-finance/">Campaign finance</a></li><li><a href="/workers/">Become a poll worker</a></li></ul></main>`},
			{"/results/", "Election results", n + `<main><h1>Election results</h1><table><thead><tr><th>Election</th><th>Results</th></tr></thead><tbody>` + rrow.String() + `</tbody></table><h2>Audits</h2><ul>` + links(aAudits) + `</ul></main>`},
			{"/voters/", "Voter information", n + `<main><h1>Voter information</h1><h2>Sample ballots, November 2024</h2><ul>` + links(aBallots[:2]) + `</ul><h2>Registration</h2><ul>` + links(aBallots[2:]) + `</ul></main>`},
			{"/campaign-finance/", "Campaign finance", n + `<main><h1>Campaign finance</h1><ul>` + links(aFinance) + `</ul></main>`},
			{"/workers/", "Poll workers", n + `<main><h1>Poll workers</h1><ul>` + links(aPollWorkers) + `</ul></main>`},
		}}
}

func sitesC() []site { return []site{dunmore(), kessick(), ashby()} }

func resultsWhere(keep func(election, kind string) bool) []string {
	var out []string
	for _, r := range aResults {
		if keep(r.election, r.kind) {
			out = append(out, r.d.path)
		}
	}
	return out
}

func casesC() []kase {
	return []kase{
		{ID: "hc-dunmore-catalog-2023-24", Site: "dunmore", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Which undergraduate course catalogue covers the 2023/24 academic year?",
			Relevant: paths(dCatalog[1]), Note: "question; catalogue vs catalog; academic year; not the graduate one"},
		{ID: "hc-dunmore-senate-spring-2024", Site: "dunmore", Start: "/governance/", Parameters: param(false, 0.5),
			Prompt:   "I sit on a curriculum committee and want to see what the faculty senate decided between January and June 2024 - the minutes, please.",
			Relevant: paths(dSenate[2], dSenate[3]), Note: "aside; month range; senate, not trustees"},
		{ID: "hc-dunmore-approved-plan", Site: "dunmore", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Get me the approved strategic plan for 2025-2030, not the draft that went out for comment.",
			Relevant: paths(dPlan[1]), Note: "stage: approved vs draft; not the previous plan"},
		{ID: "hc-dunmore-tuition-current", Site: "dunmore", Start: "/bursar/", Parameters: param(true, 0.5),
			Prompt:   "How much is tuition for 2024/25? Looking for the fee schedule.",
			Relevant: paths(dFees[0]), Note: "question; fee schedule; academic year"},
		{ID: "hc-dunmore-senate-ay-2023-24", Site: "dunmore", Start: "/governance/senate/", Parameters: param(true, 0.5),
			Prompt:   "Faculty Senate minutes for academic year 2023-24",
			Relevant: paths(dSenate[0], dSenate[1], dSenate[2], dSenate[3]), Note: "academic year from September, stated on the home page (not crawled on single page: default)"},
		{ID: "hc-kessick-notices-2024-h2", Site: "kessick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Show me the notices to mariners issued in the second half of 2024.",
			Relevant: paths(kNotices[3], kNotices[4]), Note: "half year; query-string links"},
		{ID: "hc-kessick-dues-in-force", Site: "kessick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "What harbour dues apply at the moment? I only want the current tariff, not old ones.",
			Relevant: paths(kTariffs[0].d), Note: "status from a table column; tariff vs schedule of dues"},
		{ID: "hc-kessick-annual-reports", Site: "kessick", Start: "/about/", Parameters: param(true, 0.5),
			Prompt:   "Download the authority's annual reports for 2023 and 2024.",
			Relevant: paths(kAnnual[1], kAnnual[2]), Note: "two years"},
		{ID: "hc-kessick-environmental-statement", Site: "kessick", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Where can I read the full environmental impact assessment for the berth 4 deepening? Not the summary.",
			Relevant: paths(kEnv[0]), Note: "EIA vs environmental statement; exclusion of the summary"},
		{ID: "hc-kessick-regulations", Site: "kessick", Start: "/about/", Parameters: param(true, 0.5),
			Prompt:   "Find the harbour bylaws.",
			Relevant: paths(kByelaws[0]), Note: "bylaws vs byelaws; not the directions"},
		{ID: "hc-ashby-certified-2024", Site: "ashby", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I need the official certified election results for 2024, not the unofficial election-night numbers.",
			Relevant: resultsWhere(func(e, k string) bool { return strings.HasSuffix(e, "2024") && k == "Certified" }),
			Note:     "kind stated only in the link text of a table; stage certified vs unofficial"},
		{ID: "hc-ashby-sample-ballots", Site: "ashby", Start: "/voters/", Parameters: param(true, 0.5),
			Prompt:   "sample ballots for the november 2024 election",
			Relevant: paths(aBallots[0], aBallots[1]), Note: "lower case, no verb"},
		{ID: "hc-ashby-poll-worker-manual", Site: "ashby", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Is there a training handbook for election workers? I want the current one, not the archived edition.",
			Relevant: paths(aPollWorkers[0]), Note: "handbook vs manual; current vs archived"},
		{ID: "hc-ashby-audit", Site: "ashby", Start: "/results/", Parameters: param(true, 0.5),
			Prompt:   "Did the county audit the November 2024 election? Send me the audit report.",
			Relevant: paths(aAudits[0]), Note: "question then imperative"},
	}
}
