package heldout

// Sets N and O are large sites (issue 18): four sites each of 300 and more pages
// (large.go), every case starting at the home page with the engine's default
// crawl. They were written and scored before the best-first frontier was built,
// and are never tuned on. Set X is one more site of the same kind for development:
// its figures are not results.

var minutesWords = docWords{minutes: "Minutes", agenda: "Agenda", packet: "Agenda Packet", regular: "Regular Meeting"}

var cityDepartments = []string{"City Clerk", "Finance Department", "Planning and Development", "Public Works", "Parks and Recreation",
	"Police Department", "Fire Department", "Human Resources", "Information Technology", "Library", "Utilities", "Economic Development"}

var countyDepartments = []string{"County Clerk", "Finance and Budget Office", "Planning and Zoning", "Highway Department", "Health Department",
	"Sheriff's Office", "Emergency Management", "Human Resources", "Elections Office", "Assessor", "Treasurer", "Veterans Services"}

func nSpecs() []largeSpec {
	return []largeSpec{
		{name: "brackwater", agency: "City of Brackwater", seed: 101, departments: cityDepartments,
			boards:  []string{"City Council", "Planning Commission", "Zoning Board of Appeals", "Parks and Recreation Board", "Historic Preservation Commission", "Library Board of Trustees", "Ethics Board", "Tree Commission"},
			years:   []int{2022, 2023, 2024, 2025},
			perYear: 6, pageSize: 4, boardsInMenu: false, labels: "download", docPaths: "files", scanBefore: 2024, sitemap: "plain", archive: "years", news: 40, words: minutesWords},
		{name: "ostley", agency: "Ostley County", seed: 202, departments: countyDepartments,
			boards:  []string{"Board of Commissioners", "Planning Board", "Board of Health", "Airport Authority", "Solid Waste Advisory Committee", "Library Board", "Board of Elections"},
			years:   []int{2021, 2022, 2023, 2024, 2025},
			perYear: 6, pageSize: 8, boardsInMenu: true, labels: "kind", docPaths: "center", scanBefore: 2023, sitemap: "index", archive: "list", news: 30, words: docWords{minutes: "Minutes", agenda: "Agenda", packet: "Meeting Packet", regular: "Regular Session"}},
		{name: "fennick", agency: "Village of Fennick", seed: 303, departments: cityDepartments[:9],
			boards:  []string{"Village Board", "Plan Commission", "Zoning Board of Appeals", "Police and Fire Commission", "Community Development Authority", "Board of Review"},
			years:   []int{2022, 2023, 2024, 2025},
			perYear: 10, pageSize: 5, boardsInMenu: false, labels: "icon", docPaths: "uploads", scanBefore: 2023, sitemap: "", archive: "years", news: 36, words: docWords{minutes: "Minutes", agenda: "Agenda", packet: "Packet", regular: "Meeting"}},
		{name: "harwell", agency: "Harwell Water District", seed: 404, departments: []string{"Customer Service", "Finance Department", "Engineering", "Operations", "Water Quality Lab", "Conservation", "Human Resources", "Communications"},
			boards:  []string{"Board of Directors", "Finance Committee", "Engineering Committee", "Citizens Advisory Committee"},
			years:   []int{2021, 2022, 2023, 2024, 2025},
			perYear: 12, pageSize: 6, boardsInMenu: true, labels: "download", docPaths: "files", scanBefore: 2023, sitemap: "plain", archive: "years", news: 40, words: docWords{minutes: "Approved Minutes", agenda: "Agenda", packet: "Board Packet", regular: "Regular Board Meeting"}},
	}
}

func oSpecs() []largeSpec {
	return []largeSpec{
		{name: "pell-county", agency: "Pell County", seed: 505, departments: countyDepartments,
			boards:  []string{"County Council", "Planning Commission", "Board of Adjustment", "Parks Board", "Human Services Board", "Agricultural Extension Committee", "Personnel Board", "Transportation Committee"},
			years:   []int{2022, 2023, 2024, 2025},
			perYear: 8, pageSize: 4, boardsInMenu: false, labels: "kind", docPaths: "uploads", scanBefore: 2024, sitemap: "index", archive: "years", news: 30, words: docWords{minutes: "Minutes", agenda: "Agenda", packet: "Packet", regular: "Regular Meeting"}},
		{name: "kettering-schools", agency: "Kettering Unified School District", seed: 606,
			departments: []string{"Superintendent's Office", "Finance Department", "Human Resources", "Curriculum and Instruction", "Special Education", "Facilities", "Nutrition Services", "Transportation", "Technology"},
			boards:      []string{"Board of Education", "Audit Committee", "Facilities Committee", "Policy Committee"},
			years:       []int{2021, 2022, 2023, 2024, 2025},
			perYear:     12, pageSize: 6, boardsInMenu: true, labels: "download", docPaths: "center", scanBefore: 2022, sitemap: "plain", archive: "list", news: 45, words: docWords{minutes: "Minutes", agenda: "Agenda", packet: "Board Book", regular: "Regular Board Meeting"}},
		{name: "lorne", agency: "Town of Lorne", seed: 707, departments: cityDepartments[:10],
			boards:  []string{"Town Council", "Planning Board", "Conservation Commission", "Zoning Board of Appeals", "Board of Health", "Historic District Commission", "Recreation Commission", "Housing Authority"},
			years:   []int{2022, 2023, 2024, 2025},
			perYear: 6, pageSize: 3, boardsInMenu: false, labels: "download", docPaths: "files", scanBefore: 2023, sitemap: "", archive: "years", news: 30, words: docWords{minutes: "Minutes", agenda: "Agenda", packet: "Meeting Materials", regular: "Meeting"}},
		{name: "metro-transit", agency: "Tri-Valley Metro Transit", seed: 808, departments: []string{"Planning", "Finance Department", "Operations", "Accessibility Services", "Procurement", "Safety and Security", "Customer Relations", "Human Resources"},
			boards:  []string{"Board of Directors", "Operations Committee", "Finance and Audit Committee", "Rider Advisory Council", "Accessibility Advisory Committee"},
			years:   []int{2022, 2023, 2024, 2025},
			perYear: 11, pageSize: 5, boardsInMenu: true, labels: "icon", docPaths: "files", scanBefore: 2024, sitemap: "plain", archive: "years", news: 40, words: docWords{minutes: "Minutes", agenda: "Agenda", packet: "Board Packet", regular: "Regular Meeting"}},
	}
}

func xSpecs() []largeSpec {
	return []largeSpec{
		{name: "dunlin", agency: "City of Dunlin", seed: 909, departments: cityDepartments,
			boards:  []string{"City Commission", "Planning Board", "Board of Adjustment", "Parks Advisory Board", "Arts Council", "Airport Board"},
			years:   []int{2022, 2023, 2024, 2025},
			perYear: 8, pageSize: 4, boardsInMenu: false, labels: "download", docPaths: "files", scanBefore: 2024, sitemap: "plain", archive: "years", news: 40, words: minutesWords},
		{name: "quarry-hill", agency: "Quarry Hill Regional School District", seed: 1010,
			departments: []string{"Superintendent", "Business Office", "Human Resources", "Student Services", "Facilities", "Food Services", "Technology"},
			boards:      []string{"School Committee", "Budget Subcommittee", "Policy Subcommittee"},
			years:       []int{2021, 2022, 2023, 2024, 2025},
			perYear:     10, pageSize: 5, boardsInMenu: true, labels: "download", docPaths: "center", scanBefore: 2023, sitemap: "index", archive: "list", news: 30, words: docWords{minutes: "Minutes", agenda: "Agenda", packet: "Meeting Packet", regular: "Regular Meeting"}},
	}
}

func generateAll(specs []largeSpec) []largeSite {
	var out []largeSite
	for _, sp := range specs {
		out = append(out, generateLarge(sp))
	}
	return out
}

func sitesOf(ls []largeSite) []site {
	var out []site
	for _, l := range ls {
		out = append(out, l.site)
	}
	return out
}

func sitesN() []site { return sitesOf(generateAll(nSpecs())) }
func sitesO() []site { return sitesOf(generateAll(oSpecs())) }
func sitesX() []site { return sitesOf(generateAll(xSpecs())) }

// largeCase is a case on a large site, from its home page with default parameters
// except the threshold.
func largeCase(set string, ls largeSite, id, prompt string, threshold float64, relevant []string, note string) kase {
	return kase{ID: set + "-" + ls.name + "-" + id, Site: ls.name, Start: "/", Prompt: prompt,
		Parameters: map[string]any{"single_page": false, "confidence_threshold": threshold}, Relevant: relevant, Note: note}
}

func of(board, kind string, year int) func(meetingDoc) bool {
	return func(m meetingDoc) bool {
		return m.board == board && m.kind == kind && (year == 0 || m.date.Year() == year)
	}
}

func casesN() []kase {
	s := generateAll(nSpecs())
	b, o, f, h := s[0], s[1], s[2], s[3]
	return []kase{
		largeCase("n", b, "pc-minutes-2025", "Find all Planning Commission meeting minutes from 2025", 0.5, b.pick(of("Planning Commission", "minutes", 2025)),
			"boards are not in the mega-menu: home → Boards & Commissions → board → year → item page → PDF (6 links); item links read \"Download\""),
		largeCase("n", b, "zba-agendas-2024", "zoning board of appeals agendas for 2024", 0.5, b.pick(of("Zoning Board of Appeals", "agenda", 2024)),
			"a paginated year archive (4 meetings a page)"),
		largeCase("n", b, "council-minutes-2023", "City Council minutes 2023", 0.4, b.pick(of("City Council", "minutes", 2023)),
			"2023 minutes are scans: the item page's label and title are all there is"),
		largeCase("n", b, "budget-2025", "the adopted budget for fiscal year 2025", 0.5, []string{b.named["budget-2025"].path},
			"one document on the finance department's page, among other years"),
		largeCase("n", o, "commissioners-minutes-2024", "Board of Commissioners minutes from 2024", 0.5, o.pick(of("Board of Commissioners", "minutes", 2024)),
			"one archive for all years, newest first, 8 a page: 2024's meetings sit on pages 2 and 3; documents are /DocumentCenter/View/N"),
		largeCase("n", o, "health-agendas-2025", "Board of Health meeting agendas 2025", 0.5, o.pick(of("Board of Health", "agenda", 2025)),
			"the first archive page"),
		largeCase("n", o, "airport-packets", "Airport Authority meeting packets from 2023 and 2024", 0.4,
			append(o.pick(of("Airport Authority", "packet", 2023)), o.pick(of("Airport Authority", "packet", 2024))...), "two years of packets, deep in the list"),
		largeCase("n", o, "planning-minutes-2022", "planning board minutes, 2022", 0.4, o.pick(of("Planning Board", "minutes", 2022)),
			"scans, on the last archive pages; the sitemap lists every item page"),
		largeCase("n", f, "village-board-minutes-2025", "Village Board meeting minutes for 2025", 0.5, f.pick(of("Village Board", "minutes", 2025)),
			"icon links whose only words are their title attribute"),
		largeCase("n", f, "plan-commission-agendas-2024", "Plan Commission agendas 2024", 0.5, f.pick(of("Plan Commission", "agenda", 2024)),
			"ten meetings a year, five a page"),
		largeCase("n", f, "zba-minutes-2022", "Zoning Board of Appeals minutes from 2022", 0.4, f.pick(of("Zoning Board of Appeals", "minutes", 2022)),
			"scanned minutes behind icon links; no sitemap"),
		largeCase("n", h, "directors-minutes-2025", "Board of Directors minutes from 2025", 0.5, h.pick(of("Board of Directors", "minutes", 2025)),
			"twelve meetings a year; the site calls them \"Approved Minutes\""),
		largeCase("n", h, "finance-committee-agendas-2024", "finance committee agendas 2024", 0.5, h.pick(of("Finance Committee", "agenda", 2024)),
			"a committee whose name shares a word with the Finance Department"),
		largeCase("n", h, "board-packets-2023", "Board of Directors board packets 2023", 0.4, h.pick(of("Board of Directors", "packet", 2023)),
			"packets, twelve meetings"),
	}
}

func casesO() []kase {
	s := generateAll(oSpecs())
	p, k, l, m := s[0], s[1], s[2], s[3]
	return []kase{
		largeCase("o", p, "council-minutes-2024", "County Council minutes from 2024", 0.5, p.pick(of("County Council", "minutes", 2024)),
			"6 links deep; item links read \"Minutes\"; uploads named by initials"),
		largeCase("o", p, "boa-agendas-2025", "Board of Adjustment agendas, 2025", 0.5, p.pick(of("Board of Adjustment", "agenda", 2025)),
			"sitemap index named by robots.txt with relative locations"),
		largeCase("o", p, "planning-minutes-2023", "Planning Commission minutes from 2023", 0.4, p.pick(of("Planning Commission", "minutes", 2023)),
			"scans"),
		largeCase("o", k, "boe-minutes-2024", "Board of Education meeting minutes for 2024", 0.5, k.pick(of("Board of Education", "minutes", 2024)),
			"one list for five years, six a page, twelve meetings a year; /DocumentCenter/View/N"),
		largeCase("o", k, "audit-agendas-2025", "Audit Committee agendas from 2025", 0.5, k.pick(of("Audit Committee", "agenda", 2025)),
			"the first pages of the list"),
		largeCase("o", k, "boe-board-books-2023", "Board of Education board books from 2023", 0.4, k.pick(of("Board of Education", "packet", 2023)),
			"packets the site calls \"Board Book\""),
		largeCase("o", k, "budget-2024", "Find the adopted budget for fiscal year 2024", 0.5, []string{k.named["budget-2024"].path},
			"one finance document"),
		largeCase("o", l, "council-minutes-2025", "Town Council minutes 2025", 0.5, l.pick(of("Town Council", "minutes", 2025)),
			"boards not in the menu; three meetings a page; no sitemap"),
		largeCase("o", l, "conservation-agendas-2024", "conservation commission agendas from 2024", 0.5, l.pick(of("Conservation Commission", "agenda", 2024)),
			"six links deep"),
		largeCase("o", l, "zba-minutes-2022", "ZBA minutes 2022 (Zoning Board of Appeals)", 0.4, l.pick(of("Zoning Board of Appeals", "minutes", 2022)),
			"scans, the oldest year"),
		largeCase("o", m, "directors-minutes-2025", "Board of Directors meeting minutes, 2025", 0.5, m.pick(of("Board of Directors", "minutes", 2025)),
			"icon links with a title attribute; eleven meetings a year"),
		largeCase("o", m, "operations-agendas-2024", "operations committee agendas 2024", 0.5, m.pick(of("Operations Committee", "agenda", 2024)),
			"a committee named like a department (Operations)"),
		largeCase("o", m, "rider-council-minutes-2023", "Rider Advisory Council minutes from 2023", 0.4, m.pick(of("Rider Advisory Council", "minutes", 2023)),
			"scanned minutes behind icon links"),
	}
}

func casesX() []kase {
	xs := generateAll(xSpecs())
	d, q := xs[0], xs[1]
	return []kase{
		largeCase("x", q, "committee-minutes-2023", "School Committee minutes from 2023", 0.5, q.pick(of("School Committee", "minutes", 2023)), "development: the middle of a list across years"),
		largeCase("x", q, "budget-agendas-2024", "budget subcommittee agendas 2024", 0.5, q.pick(of("Budget Subcommittee", "agenda", 2024)), "development"),
		largeCase("x", d, "commission-minutes-2025", "City Commission minutes from 2025", 0.5, d.pick(of("City Commission", "minutes", 2025)), "development"),
		largeCase("x", d, "planning-agendas-2024", "Planning Board agendas 2024", 0.5, d.pick(of("Planning Board", "agenda", 2024)), "development"),
		largeCase("x", d, "airport-minutes-2023", "airport board minutes 2023", 0.4, d.pick(of("Airport Board", "minutes", 2023)), "development: scans"),
		largeCase("x", d, "budget-2024", "adopted budget fiscal year 2024", 0.5, []string{d.named["budget-2024"].path}, "development"),
	}
}
