package heldout

import "fmt"

// Set K: written after set J and before any further engine change, with short
// prompts in the public corpus's plain "Find …" style as well as questions: a
// metropolitan planning organization, an electric cooperative and a state
// legislature's committee pages. Write it with Write("k", dir); measure it, do not
// tune on it.

// ---- Tri-Rivers Metropolitan Planning Organization ----

var (
	trPlans = []doc{
		{path: "/plans/tip-fy2025-2028.pdf", title: "Transportation Improvement Program FY 2025-2028", text: "TRI-RIVERS METROPOLITAN PLANNING ORGANIZATION\nTransportation Improvement Program\nFederal Fiscal Years 2025-2028\nAdopted June 2024", link: "FY 2025–2028 TIP (adopted)"},
		{path: "/plans/tip-fy2025-2028-amendment-1.pdf", title: "TIP Amendment 1", text: "TRI-RIVERS MPO\nAmendment 1 to the FY 2025-2028 Transportation Improvement Program\nOctober 2024", link: "TIP Amendment #1 (October 2024)"},
		{path: "/plans/tip-fy2025-2028-amendment-2.pdf", title: "TIP Amendment 2", text: "TRI-RIVERS MPO\nAmendment 2 to the FY 2025-2028 Transportation Improvement Program\nFebruary 2025", link: "TIP Amendment #2 (February 2025)"},
		{path: "/plans/tip-fy2023-2026.pdf", title: "Transportation Improvement Program FY 2023-2026", text: "TRI-RIVERS METROPOLITAN PLANNING ORGANIZATION\nTransportation Improvement Program\nFederal Fiscal Years 2023-2026", link: "FY 2023–2026 TIP (archived)"},
		{path: "/plans/mtp-2050.pdf", title: "Metropolitan Transportation Plan 2050", text: "TRI-RIVERS 2050\nMetropolitan Transportation Plan\nAdopted November 2023", link: "2050 Metropolitan Transportation Plan"},
		{path: "/plans/upwp-fy2026.pdf", title: "Unified Planning Work Program FY 2026", text: "TRI-RIVERS MPO\nUnified Planning Work Program\nJuly 1, 2025 - June 30, 2026", link: "Unified Planning Work Program, FY 2026"},
		{path: "/plans/public-participation-plan.pdf", title: "Public Participation Plan", text: "TRI-RIVERS MPO\nPublic participation plan\nHow we involve the public in transportation decisions", link: "Public Participation Plan"},
		{path: "/plans/title-vi-program.pdf", title: "Title VI Program", text: "TRI-RIVERS MPO\nTitle VI Program and Limited English Proficiency Plan", link: "Title VI / LEP Program"},
	}
	trPolicyBoard = func() []doc {
		var ds []doc
		for i, d := range []string{"January 22, 2025", "March 26, 2025", "May 28, 2025"} {
			ds = append(ds, doc{path: fmt.Sprintf("/board/pb-minutes-%d.pdf", i+1), title: "Policy Board Minutes",
				text: "TRI-RIVERS MPO POLICY BOARD\nMeeting minutes\n" + d, link: d})
		}
		return ds
	}()
	trTAC = func() []doc {
		var ds []doc
		for i, d := range []string{"January 8, 2025", "March 12, 2025"} {
			ds = append(ds, doc{path: fmt.Sprintf("/board/tac-minutes-%d.pdf", i+1), title: "Technical Advisory Committee Minutes",
				text: "TRI-RIVERS MPO TECHNICAL ADVISORY COMMITTEE\nMeeting minutes\n" + d, link: d})
		}
		return ds
	}()
)

func tririvers() site {
	n := nav("Tri-Rivers MPO", "/plans/", "Plans and programs", "/board/", "Committees")
	return site{name: "tririvers", docs: concat(trPlans, trPolicyBoard, trTAC),
		pages: []page{
			{"/", "Tri-Rivers Metropolitan Planning Organization", n + `<main><h1>Tri-Rivers MPO</h1><p>Transportation planning for the tri-county region.</p><ul><li><a href="/plans/">Plans and programs</a></li><li><a href="/board/">Policy Board and committees</a></li></ul></main>`},
			{"/plans/", "Plans and programs", n + `<main><h1>Plans and programs</h1><ul>` + links(trPlans) + `</ul></main>`},
			{"/board/", "Committees", n + `<main><h1>Committees</h1><h2>Policy Board minutes</h2><ul>` + links(trPolicyBoard) + `</ul><h2>Technical Advisory Committee minutes</h2><ul>` + links(trTAC) + `</ul></main>`},
		}}
}

// ---- Prairie Wind Electric Cooperative ----

var (
	pwRates = []doc{
		{path: "/members/rates/schedule-r.pdf", title: "Rate Schedule R Residential Service", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nRate Schedule R\nResidential Service\nEffective January 1, 2025", link: "Schedule R – Residential"},
		{path: "/members/rates/schedule-gs.pdf", title: "Rate Schedule GS General Service", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nRate Schedule GS\nGeneral Service (small commercial)\nEffective January 1, 2025", link: "Schedule GS – General Service"},
		{path: "/members/rates/schedule-lp.pdf", title: "Rate Schedule LP Large Power", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nRate Schedule LP\nLarge Power Service\nEffective January 1, 2025", link: "Schedule LP – Large Power"},
		{path: "/members/rates/schedule-nm.pdf", title: "Rider NM Net Metering", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nRider NM\nNet metering for member-owned generation", link: "Rider NM – Net Metering"},
		{path: "/members/rates/schedule-r-2024.pdf", title: "Rate Schedule R Residential Service 2024", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nRate Schedule R\nResidential Service\nEffective January 1, 2024\nSuperseded January 1, 2025", link: "Schedule R – Residential (2024, superseded)"},
	}
	pwCoop = []doc{
		{path: "/about/bylaws.pdf", title: "Bylaws of Prairie Wind Electric Cooperative", text: "BYLAWS\nPrairie Wind Electric Cooperative, Inc.\nAs amended June 2023", link: "Cooperative bylaws"},
		{path: "/about/annual-meeting-minutes-2024.pdf", title: "Annual Meeting of Members Minutes 2024", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nMinutes of the annual meeting of members\nJune 8, 2024", link: "2024 annual meeting minutes"},
		{path: "/about/annual-meeting-minutes-2023.pdf", title: "Annual Meeting of Members Minutes 2023", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nMinutes of the annual meeting of members\nJune 10, 2023", link: "2023 annual meeting minutes"},
		{path: "/about/annual-report-2024.pdf", title: "2024 Annual Report to Members", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\n2024 annual report to members", link: "2024 annual report"},
		{path: "/about/form-990-2023.pdf", title: "Form 990 2023", text: "Form 990\nReturn of Organization Exempt From Income Tax\n2023\nPrairie Wind Electric Cooperative", link: "IRS Form 990 (2023)"},
		{path: "/about/capital-credits-policy.pdf", title: "Board Policy 304 Capital Credits", text: "PRAIRIE WIND ELECTRIC COOPERATIVE\nBoard Policy 304\nCapital credits allocation and retirement", link: "Capital credits policy"},
	}
	pwServices = []doc{
		{path: "/members/forms/interconnection-application.pdf", title: "Distributed Generation Interconnection Application", text: "Application for interconnection of distributed generation (solar, wind) up to 25 kW", link: "Solar/wind interconnection application"},
		{path: "/members/forms/new-service-application.pdf", title: "New Service Application", text: "Application for new electric service", link: "New service application"},
		{path: "/members/forms/levelized-billing.pdf", title: "Levelized Billing Enrollment", text: "Enroll in levelized (budget) billing", link: "Budget billing sign-up"},
	}
)

func prairiewind() site {
	n := nav("Prairie Wind Electric Cooperative", "/members/rates/", "Rates", "/members/forms/", "Forms", "/about/", "Your Cooperative")
	return site{name: "prairiewind", docs: concat(pwRates, pwCoop, pwServices),
		pages: []page{
			{"/", "Prairie Wind Electric Cooperative", n + `<main><h1>Prairie Wind Electric Cooperative</h1><p>A Touchstone Energy cooperative, owned by the members we serve.</p><ul><li><a href="/members/rates/">Rates and tariffs</a></li><li><a href="/members/forms/">Member forms</a></li><li><a href="/about/">Your cooperative</a></li></ul></main>`},
			{"/members/rates/", "Rates", n + `<main><h1>Rates and tariffs</h1><h2>Current rate schedules</h2><ul>` + links(pwRates[:4]) + `</ul><h2>Rate history</h2><ul>` + links(pwRates[4:]) + `</ul></main>`},
			{"/members/forms/", "Forms", n + `<main><h1>Member forms</h1><ul>` + links(pwServices) + `</ul></main>`},
			{"/about/", "Your Cooperative", n + `<main><h1>Your cooperative</h1><ul>` + links(pwCoop) + `</ul></main>`},
		}}
}

// ---- Westland State Legislature: Senate Committee on Natural Resources ----

var (
	wlHearingDates = []string{"January 21, 2025", "February 4, 2025", "February 18, 2025", "March 4, 2025"}
	wlHearings     = func() []doc {
		var ds []doc
		for _, h := range []struct{ iso, human string }{{"2025-01-21", wlHearingDates[0]}, {"2025-02-04", wlHearingDates[1]}, {"2025-02-18", wlHearingDates[2]}, {"2025-03-04", wlHearingDates[3]}} {
			ds = append(ds,
				doc{path: "/senate/committees/nr/" + h.iso + "/agenda.pdf", title: "Senate Natural Resources Committee Hearing Agenda", text: "WESTLAND STATE SENATE\nCommittee on Natural Resources\nPublic hearing agenda\n" + h.human, link: "Agenda"},
				doc{path: "/senate/committees/nr/" + h.iso + "/testimony-packet.pdf", title: "Written Testimony", text: "WESTLAND STATE SENATE\nCommittee on Natural Resources\nWritten testimony received\n" + h.human, link: "Written testimony"})
		}
		return ds
	}()
	wlBills = []doc{
		{path: "/senate/bills/sb101/fiscal-note.pdf", title: "Fiscal Note SB 101", text: "LEGISLATIVE FISCAL OFFICE\nFiscal note\nSenate Bill 101: Groundwater management districts", link: "SB 101 fiscal note"},
		{path: "/senate/bills/sb101/committee-report.pdf", title: "Committee Report SB 101", text: "Committee on Natural Resources\nReport on Senate Bill 101\nRecommendation: do pass as amended", link: "SB 101 committee report"},
		{path: "/senate/bills/sb101/bill-text-introduced.pdf", title: "SB 101 As Introduced", text: "SENATE BILL 101\nAs introduced\nRelating to groundwater management districts", link: "SB 101 as introduced"},
		{path: "/senate/bills/sb101/bill-text-amended.pdf", title: "SB 101 As Amended in Committee", text: "SENATE BILL 101\nAs amended in committee\nRelating to groundwater management districts", link: "SB 101 as amended"},
		{path: "/senate/bills/sb144/fiscal-note.pdf", title: "Fiscal Note SB 144", text: "LEGISLATIVE FISCAL OFFICE\nFiscal note\nSenate Bill 144: State park fees", link: "SB 144 fiscal note"},
		{path: "/senate/bills/sb144/bill-text-introduced.pdf", title: "SB 144 As Introduced", text: "SENATE BILL 144\nAs introduced\nRelating to state park entrance fees", link: "SB 144 as introduced"},
	}
)

func westland() site {
	n := nav("Westland State Senate", "/senate/committees/nr/", "Natural Resources Committee", "/senate/bills/", "Bills")
	var hearingRows string
	for i, date := range wlHearingDates {
		a, t := wlHearings[2*i], wlHearings[2*i+1]
		hearingRows += fmt.Sprintf(`<tr><td>%s</td><td><a href="%s">Agenda</a></td><td><a href="%s">Written testimony</a></td></tr>`, date, a.path, t.path)
	}
	return site{name: "westland", docs: concat(wlHearings, wlBills),
		pages: []page{
			{"/", "Westland State Legislature", n + `<main><h1>Westland State Legislature</h1><ul><li><a href="/senate/committees/nr/">Senate Committee on Natural Resources</a></li><li><a href="/senate/bills/">Bills before the committee</a></li></ul></main>`},
			{"/senate/committees/nr/", "Senate Committee on Natural Resources", n + `<main><h1>Committee on Natural Resources</h1><h2>2025 session hearings</h2><table><tr><th>Hearing date</th><th>Agenda</th><th>Testimony</th></tr>` + hearingRows + `</table></main>`},
			{"/senate/bills/", "Bills", n + `<main><h1>Bills before the committee</h1><h2>SB 101 – Groundwater management districts</h2><ul>` + links(wlBills[:4]) + `</ul><h2>SB 144 – State park entrance fees</h2><ul>` + links(wlBills[4:]) + `</ul></main>`},
		}}
}

func sitesK() []site { return []site{tririvers(), prairiewind(), westland()} }

func casesK() []kase {
	agendas := func() []doc {
		var out []doc
		for i := 0; i < len(wlHearings); i += 2 {
			out = append(out, wlHearings[i])
		}
		return out
	}()
	return []kase{
		{ID: "kk-tririvers-current-tip", Site: "tririvers", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the current Transportation Improvement Program and its amendments.",
			Relevant: paths(trPlans[0], trPlans[1], trPlans[2]), Note: "not the archived TIP"},
		{ID: "kk-tririvers-policy-board-minutes", Site: "tririvers", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the MPO Policy Board meeting minutes from 2025.",
			Relevant: paths(trPolicyBoard...), Note: "links are dates only; not the TAC"},
		{ID: "kk-tririvers-long-range-plan", Site: "tririvers", Start: "/plans/", Parameters: param(true, 0.5),
			Prompt:   "long range transportation plan",
			Relevant: paths(trPlans[4]), Note: "named Metropolitan Transportation Plan"},
		{ID: "kk-tririvers-upwp", Site: "tririvers", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the UPWP for fiscal year 2026.",
			Relevant: paths(trPlans[5]), Note: "acronym"},
		{ID: "kk-prairiewind-current-rates", Site: "prairiewind", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the cooperative's current rate schedules.",
			Relevant: paths(pwRates[0], pwRates[1], pwRates[2], pwRates[3]), Note: "the rider counts; not the superseded 2024 schedule"},
		{ID: "kk-prairiewind-residential-rate", Site: "prairiewind", Start: "/members/rates/", Parameters: param(true, 0.5),
			Prompt:   "What's the residential electric rate?",
			Relevant: paths(pwRates[0]), Note: "current one only"},
		{ID: "kk-prairiewind-annual-meeting", Site: "prairiewind", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the minutes of the annual meeting of members.",
			Relevant: paths(pwCoop[1], pwCoop[2]), Note: "both years"},
		{ID: "kk-prairiewind-solar", Site: "prairiewind", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "I want to put solar panels on my farm. What paperwork do I need?",
			Relevant: paths(pwServices[0], pwRates[3]), Note: "interconnection application and net metering rider: described"},
		{ID: "kk-prairiewind-bylaws", Site: "prairiewind", Start: "/about/", Parameters: param(true, 0.5),
			Prompt:   "Find the bylaws.",
			Relevant: paths(pwCoop[0]), Note: "one document"},
		{ID: "kk-westland-hearing-agendas-feb", Site: "westland", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the Natural Resources Committee hearing agendas from February 2025.",
			Relevant: paths(agendas[1], agendas[2]), Note: "table rows with 'Agenda' links; month"},
		{ID: "kk-westland-fiscal-notes", Site: "westland", Start: "/senate/bills/", Parameters: param(true, 0.5),
			Prompt:   "Find the fiscal notes.",
			Relevant: paths(wlBills[0], wlBills[4]), Note: "two bills"},
		{ID: "kk-westland-sb101-amended", Site: "westland", Start: "/", Parameters: param(false, 0.5),
			Prompt:   "Find the amended text of SB 101.",
			Relevant: paths(wlBills[3]), Note: "not as introduced, not the committee report"},
		{ID: "kk-westland-testimony", Site: "westland", Start: "/senate/committees/nr/", Parameters: param(true, 0.5),
			Prompt: "Find all written testimony submitted to the committee.",
			Relevant: func() []string {
				var out []string
				for i := 1; i < len(wlHearings); i += 2 {
					out = append(out, wlHearings[i].path)
				}
				return out
			}(), Note: "four testimony packets"},
	}
}
