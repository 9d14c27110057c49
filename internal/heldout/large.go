package heldout

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// This file writes large sites (sets N, O and the development set X): 300 and
// more pages in the shape of a real public body's site. Every page carries a
// mega-menu of 50–70 links; boards' meetings sit in year archives that are
// paginated; each meeting has an item page whose document links often read only
// "Download"; documents are four to six links from the home page; older minutes
// are scans; the site publishes a sitemap. Sites are generated, not written out,
// because their size is the point: a seeded generator keeps them identical run to
// run.

// largeSpec describes one large site.
type largeSpec struct {
	name, agency string
	seed         uint64
	boards       []string // the bodies that meet, each with an archive
	departments  []string
	years        []int
	perYear      int  // meetings a year per board
	pageSize     int  // meetings per archive page
	boardsInMenu bool // the mega-menu links every board (documents 4 deep) or only "Boards & Commissions" (6 deep)
	// labels: how an item page links its documents: "download" (a "Download"
	// link beside the kind's name), "kind" (the link reads "Agenda"), "icon"
	// (an image link with only a title attribute).
	labels string
	// docPaths: "files" (/files/<board>/<date>-<kind>.pdf), "center"
	// (/DocumentCenter/View/N, no extension), "uploads" (/uploads/<BOARD>_<Kind>_<yyyymmdd>.pdf).
	docPaths   string
	scanBefore int // minutes of years before this are scans
	// sitemap: "" none, "plain" /sitemap.xml, "index" a sitemap index named by
	// robots.txt whose children use relative <loc>s.
	sitemap string
	// archive: "years" (a page per year, paginated) or "list" (one list, newest
	// first, paginated across years).
	archive string
	news    int // news items, each a page
	words   docWords
}

// docWords are the site's own words for what a meeting produces.
type docWords struct {
	minutes, agenda, packet string // "Minutes", "Agenda", "Agenda Packet"
	regular                 string // "Regular Meeting"
}

// meetingDoc is one generated meeting document with what cases select it by.
type meetingDoc struct {
	board, kind string // kind: minutes, agenda, packet
	date        time.Time
	doc         doc
}

// largeSite is a generated site with its meeting documents and named documents.
type largeSite struct {
	site
	meetings []meetingDoc
	named    map[string]doc // department documents by a short key
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func initials(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if w == "of" || w == "and" || w == "&" || w == "the" {
			continue
		}
		b.WriteByte(w[0])
	}
	return strings.ToUpper(b.String())
}

var services = []string{"Pay a Utility Bill", "Trash and Recycling", "Report a Pothole", "Building Permits", "Business Licenses",
	"Parking Tickets", "Pet Licensing", "Property Taxes", "Street Sweeping", "Snow Removal", "Water Quality",
	"Park Reservations", "Recreation Programs", "Library Cards", "Public Records Requests", "Job Openings",
	"Volunteer", "Emergency Alerts", "Police Non-Emergency", "Fire Inspections", "Code Enforcement", "Noise Complaints",
	"Tree Planting", "Sidewalk Repair", "Bulk Item Pickup", "Senior Services", "Youth Sports", "Community Garden Plots",
	"Voter Registration", "Marriage Licenses"}

var about = []string{"Mayor's Office", "History", "Contact Us", "Directions", "Accessibility", "Privacy Policy"}

func generateLarge(sp largeSpec) largeSite {
	rng := rand.New(rand.NewPCG(sp.seed, sp.seed^0x9e3779b97f4a7c15))
	ls := largeSite{site: site{name: sp.name}, named: map[string]doc{}}
	var urls []string // every page, for the sitemap
	addPage := func(path, title, body string) {
		ls.pages = append(ls.pages, page{path: path, title: title + " | " + sp.agency, body: body})
		urls = append(urls, path)
	}

	// The mega-menu, on every page.
	var menu strings.Builder
	menu.WriteString(`<header><a href="/"><img src="/logo.png" alt="` + sp.agency + ` home"></a><nav class="mega"><ul>`)
	menu.WriteString(`<li>Government<ul><li><a href="/government/">Government</a></li><li><a href="/government/boards/">Boards &amp; Commissions</a></li>`)
	if sp.boardsInMenu {
		for _, b := range sp.boards {
			fmt.Fprintf(&menu, `<li><a href="/government/boards/%s/">%s</a></li>`, slug(b), b)
		}
	}
	menu.WriteString(`</ul></li><li>Departments<ul>`)
	for _, d := range sp.departments {
		fmt.Fprintf(&menu, `<li><a href="/departments/%s/">%s</a></li>`, slug(d), d)
	}
	menu.WriteString(`</ul></li><li>Services<ul>`)
	for _, s := range services {
		fmt.Fprintf(&menu, `<li><a href="/services/%s/">%s</a></li>`, slug(s), s)
	}
	menu.WriteString(`</ul></li><li>About<ul>`)
	for _, a := range about {
		fmt.Fprintf(&menu, `<li><a href="/about/%s/">%s</a></li>`, slug(a), a)
	}
	menu.WriteString(`<li><a href="/news/">News</a></li><li><a href="/calendar/">Calendar</a></li></ul></li></ul></nav></header>`)
	footer := `<footer><a href="/about/contact-us/">Contact</a> · <a href="/about/accessibility/">Accessibility</a> · <a href="/sitemap/">Site map</a> · © ` + sp.agency + `</footer>`
	wrap := func(crumbs, h1, main string) string {
		return menu.String() + `<div class="crumbs">` + crumbs + `</div><main><h1>` + h1 + `</h1>` + main + `</main>` + footer
	}

	// Home.
	var home strings.Builder
	home.WriteString(`<section class="hero"><p>Welcome to the official website of the ` + sp.agency + `.</p></section><section><h2>Latest news</h2><ul>`)
	for i := range min(5, sp.news) {
		fmt.Fprintf(&home, `<li><a href="/news/item-%d/">%s</a></li>`, sp.news-i, newsTitle(sp, sp.news-i))
	}
	home.WriteString(`</ul><a href="/news/">More news</a></section><section><h2>Popular services</h2><ul>`)
	for _, s := range services[:8] {
		fmt.Fprintf(&home, `<li><a href="/services/%s/">%s</a></li>`, slug(s), s)
	}
	home.WriteString(`</ul></section>`)
	addPage("/", sp.agency, wrap("", sp.agency, home.String()))

	// Government and the boards index.
	addPage("/government/", "Government", wrap(`<a href="/">Home</a>`, "Government",
		`<p>How the `+sp.agency+` is governed.</p><ul><li><a href="/government/boards/">Boards &amp; Commissions</a></li><li><a href="/about/mayors-office/">Mayor's Office</a></li><li><a href="/departments/">All departments</a></li></ul>`))
	var idx strings.Builder
	idx.WriteString(`<p>Residents serve on the following boards and commissions. Each page lists its members, meeting schedule and meeting documents.</p><ul>`)
	for _, b := range sp.boards {
		fmt.Fprintf(&idx, `<li><a href="/government/boards/%s/">%s</a></li>`, slug(b), b)
	}
	idx.WriteString(`</ul>`)
	addPage("/government/boards/", "Boards & Commissions", wrap(`<a href="/">Home</a> › <a href="/government/">Government</a>`, "Boards &amp; Commissions", idx.String()))

	// Each board: its page, its archive, its meetings.
	docID := 3000 + int(sp.seed%500)
	for _, b := range sp.boards {
		bs := slug(b)
		base := "/government/boards/" + bs + "/"
		crumbs := `<a href="/">Home</a> › <a href="/government/">Government</a> › <a href="/government/boards/">Boards &amp; Commissions</a>`
		type item struct {
			path, title string
			date        time.Time
		}
		byYear := map[int][]item{}
		var all []item
		for _, y := range sp.years {
			for m := range sp.perYear {
				month := 1 + m*12/sp.perYear
				day := 3 + rng.IntN(24)
				d := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
				kindOf := sp.words.regular
				if rng.IntN(7) == 0 {
					kindOf = "Special Meeting"
				}
				title := fmt.Sprintf("%s %s – %s", b, kindOf, d.Format("January 2, 2006"))
				p := fmt.Sprintf("%smeetings/%d/%s/", base, y, d.Format("2006-01-02"))
				it := item{p, title, d}
				byYear[y] = append(byYear[y], it)
				all = append(all, it)

				// The meeting's documents.
				var docs strings.Builder
				docs.WriteString(`<h2>Meeting documents</h2><ul class="docs">`)
				kinds := []string{"agenda", "minutes"}
				if rng.IntN(2) == 0 {
					kinds = append(kinds, "packet")
				}
				for _, k := range kinds {
					label := map[string]string{"agenda": sp.words.agenda, "minutes": sp.words.minutes, "packet": sp.words.packet}[k]
					var dp, file string
					switch sp.docPaths {
					case "center":
						docID += 1 + rng.IntN(9)
						dp = fmt.Sprintf("/DocumentCenter/View/%d", docID)
						file = fmt.Sprintf("/_files/%d.pdf", docID)
					case "uploads":
						dp = fmt.Sprintf("/uploads/%s_%s_%s.pdf", initials(b), strings.ReplaceAll(label, " ", ""), d.Format("20060102"))
					default:
						dp = fmt.Sprintf("/files/%s/%s-%s.pdf", bs, d.Format("2006-01-02"), k)
					}
					text := fmt.Sprintf("%s\n%s\n%s of the %s\n%s", strings.ToUpper(sp.agency), b, label, kindOf, d.Format("January 2, 2006"))
					dc := doc{path: dp, file: file, title: fmt.Sprintf("%s %s %s", b, label, d.Format("2006-01-02")), text: text}
					if k == "minutes" && y < sp.scanBefore {
						dc.scan, dc.title, dc.text = true, "", ""
					}
					if rng.IntN(4) == 0 && !dc.scan {
						dc.title = "Document" + fmt.Sprint(rng.IntN(90)+1) // the authoring tool's default
					}
					ls.docs = append(ls.docs, dc)
					ls.meetings = append(ls.meetings, meetingDoc{board: b, kind: k, date: d, doc: dc})
					switch sp.labels {
					case "kind":
						fmt.Fprintf(&docs, `<li><a href="%s">%s</a></li>`, dp, label)
					case "icon":
						fmt.Fprintf(&docs, `<li><a href="%s" title="%s"><img src="/img/pdf.png" alt=""></a></li>`, dp, label)
					default:
						fmt.Fprintf(&docs, `<li><span class="label">%s</span> <a href="%s">Download</a> <span class="size">(PDF, %d KB)</span></li>`, label, dp, 80+rng.IntN(900))
					}
				}
				docs.WriteString(`</ul>`)
				body := fmt.Sprintf(`<p class="date">%s, 6:30 PM</p><p>Location: Council Chambers, 100 Main Street.</p>%s<p><a href="%smeetings/%d/">Back to %d meetings</a></p>`,
					d.Format("Monday, January 2, 2006"), docs.String(), base, y, y)
				addPage(p, title, wrap(crumbs+` › <a href="`+base+`">`+b+`</a>`, title, body))
			}
		}

		// The archive.
		listPage := func(path, h1 string, items []item, page, pages int, pageURL func(int) string) {
			var l strings.Builder
			l.WriteString(`<table class="meetings"><thead><tr><th>Meeting</th><th>Date</th></tr></thead><tbody>`)
			for _, it := range items {
				fmt.Fprintf(&l, `<tr><td><a href="%s">%s</a></td><td>%s</td></tr>`, it.path, it.title, it.date.Format("01/02/2006"))
			}
			l.WriteString(`</tbody></table><nav class="pager">`)
			if page > 1 {
				fmt.Fprintf(&l, `<a href="%s">‹ Previous</a> `, pageURL(page-1))
			}
			for p := 1; p <= pages; p++ {
				if p == page {
					fmt.Fprintf(&l, `<span>%d</span> `, p)
				} else {
					fmt.Fprintf(&l, `<a href="%s">%d</a> `, pageURL(p), p)
				}
			}
			if page < pages {
				fmt.Fprintf(&l, `<a href="%s">Next ›</a>`, pageURL(page+1))
			}
			l.WriteString(`</nav>`)
			addPage(path, h1, wrap(crumbs+` › <a href="`+base+`">`+b+`</a>`, h1, l.String()))
		}
		paginate := func(root, h1 string, items []item) {
			pages := (len(items) + sp.pageSize - 1) / sp.pageSize
			pageURL := func(p int) string {
				if p == 1 {
					return root
				}
				return fmt.Sprintf("%spage-%d/", root, p)
			}
			for p := 1; p <= pages; p++ {
				lo, hi := (p-1)*sp.pageSize, min(p*sp.pageSize, len(items))
				listPage(pageURL(p), h1, items[lo:hi], p, pages, pageURL)
			}
		}
		var bp strings.Builder
		fmt.Fprintf(&bp, `<p>The %s meets monthly. Members are appointed for three-year terms.</p><h2>Members</h2><ul><li>Chair: %s</li><li>Vice Chair: %s</li></ul>`,
			b, names[rng.IntN(len(names))], names[rng.IntN(len(names))])
		if sp.archive == "list" {
			for i, j := 0, len(all)-1; i < j; i, j = i+1, j-1 {
				all[i], all[j] = all[j], all[i]
			}
			paginate(base+"meetings/", b+" Meetings", all)
			fmt.Fprintf(&bp, `<h2>Meetings</h2><p><a href="%smeetings/">Agendas, minutes and packets</a></p>`, base)
		} else {
			bp.WriteString(`<h2>Agendas &amp; Minutes</h2><ul>`)
			for i := len(sp.years) - 1; i >= 0; i-- {
				y := sp.years[i]
				paginate(fmt.Sprintf("%smeetings/%d/", base, y), fmt.Sprintf("%s Meetings %d", b, y), byYear[y])
				fmt.Fprintf(&bp, `<li><a href="%smeetings/%d/">%d</a></li>`, base, y, y)
			}
			bp.WriteString(`</ul>`)
		}
		addPage(base, b, wrap(crumbs, b, bp.String()))
	}

	// Departments, each with a few documents of its own.
	addPage("/departments/", "Departments", wrap(`<a href="/">Home</a>`, "Departments", func() string {
		var b strings.Builder
		b.WriteString("<ul>")
		for _, d := range sp.departments {
			fmt.Fprintf(&b, `<li><a href="/departments/%s/">%s</a></li>`, slug(d), d)
		}
		return b.String() + "</ul>"
	}()))
	last := sp.years[len(sp.years)-1]
	for _, d := range sp.departments {
		ds := slug(d)
		var body strings.Builder
		fmt.Fprintf(&body, `<p>The %s serves residents and businesses of the %s.</p><h2>Publications</h2><ul>`, d, sp.agency)
		var pubs []struct{ key, title string }
		switch {
		case strings.Contains(d, "Finance"):
			for _, y := range sp.years {
				pubs = append(pubs, struct{ key, title string }{fmt.Sprintf("budget-%d", y), fmt.Sprintf("Adopted Budget Fiscal Year %d", y)})
			}
			pubs = append(pubs, struct{ key, title string }{"acfr", fmt.Sprintf("Annual Comprehensive Financial Report %d", last-1)})
		case strings.Contains(d, "Planning"):
			pubs = append(pubs, struct{ key, title string }{"comp-plan", "Comprehensive Plan 2040"}, struct{ key, title string }{"zoning", "Zoning Ordinance (amended " + fmt.Sprint(last) + ")"})
		default:
			pubs = append(pubs, struct{ key, title string }{slug(d) + "-annual", fmt.Sprintf("%s Annual Report %d", d, last-1)})
		}
		pubs = append(pubs, struct{ key, title string }{slug(d) + "-form", d + " Application Form"})
		for _, p := range pubs {
			path := fmt.Sprintf("/departments/%s/docs/%s.pdf", ds, slug(p.title))
			dc := doc{path: path, title: p.title, text: strings.ToUpper(sp.agency) + "\n" + p.title}
			ls.docs = append(ls.docs, dc)
			ls.named[p.key] = dc
			fmt.Fprintf(&body, `<li><a href="%s">%s</a></li>`, path, p.title)
		}
		body.WriteString(`</ul>`)
		addPage("/departments/"+ds+"/", d, wrap(`<a href="/">Home</a> › <a href="/departments/">Departments</a>`, d, body.String()))
	}

	// Services and about pages: filler every site has.
	for _, s := range services {
		addPage("/services/"+slug(s)+"/", s, wrap(`<a href="/">Home</a> › Services`, s,
			fmt.Sprintf(`<p>%s: how to apply, fees and contacts.</p><p>Call 311 or visit City Hall, Monday to Friday.</p>`, s)))
	}
	for _, a := range about {
		addPage("/about/"+slug(a)+"/", a, wrap(`<a href="/">Home</a> › About`, a, `<p>`+a+` of the `+sp.agency+`.</p>`))
	}
	addPage("/calendar/", "Calendar", wrap(`<a href="/">Home</a>`, "Calendar", `<p>Upcoming events and public meetings.</p>`))
	addPage("/sitemap/", "Site map", wrap(`<a href="/">Home</a>`, "Site map", `<p>Use the menu above to find any page.</p>`))

	// News: item pages and a paginated list; some items link a press release.
	newsPath := func(p int) string {
		if p == 1 {
			return "/news/"
		}
		return fmt.Sprintf("/news/page-%d/", p)
	}
	newsPages := (sp.news + 9) / 10
	for p := 1; p <= newsPages; p++ {
		var l strings.Builder
		l.WriteString("<ul>")
		for i := sp.news - (p-1)*10; i > max(0, sp.news-p*10); i-- {
			fmt.Fprintf(&l, `<li><a href="/news/item-%d/">%s</a></li>`, i, newsTitle(sp, i))
		}
		l.WriteString("</ul>")
		if p < newsPages {
			fmt.Fprintf(&l, `<a href="%s">Older news</a>`, newsPath(p+1))
		}
		addPage(newsPath(p), "News", wrap(`<a href="/">Home</a>`, "News", l.String()))
	}
	for i := 1; i <= sp.news; i++ {
		t := newsTitle(sp, i)
		body := `<p>` + t + `. Read the full announcement below.</p>`
		if i%4 == 0 {
			path := fmt.Sprintf("/news/releases/release-%03d.pdf", i)
			ls.docs = append(ls.docs, doc{path: path, title: "Press Release: " + t, text: strings.ToUpper(sp.agency) + "\nFor immediate release\n" + t})
			body += fmt.Sprintf(`<p><a href="%s">Press release (PDF)</a></p>`, path)
		}
		addPage(fmt.Sprintf("/news/item-%d/", i), t, wrap(`<a href="/">Home</a> › <a href="/news/">News</a>`, t, body))
	}

	// The sitemap.
	loc := func(p string, relative bool) string {
		if relative {
			return p
		}
		return "{{origin}}" + p
	}
	smap := func(ps []string, relative bool) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, p := range ps {
			fmt.Fprintf(&b, "<url><loc>%s</loc><lastmod>%d-11-01</lastmod></url>\n", loc(p, relative), last)
		}
		b.WriteString("</urlset>\n")
		return b.String()
	}
	ls.files = map[string]string{}
	switch sp.sitemap {
	case "plain":
		ls.files["sitemap.xml"] = smap(urls, false)
	case "index":
		half := len(urls) / 2
		ls.files["sitemaps/pages-1.xml"] = smap(urls[:half], true)
		ls.files["sitemaps/pages-2.xml"] = smap(urls[half:], true)
		ls.files["sitemap_index.xml"] = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/sitemaps/pages-1.xml</loc></sitemap><sitemap><loc>/sitemaps/pages-2.xml</loc></sitemap></sitemapindex>` + "\n"
		ls.robots = "User-agent: *\nDisallow: /search/\nSitemap: /sitemap_index.xml\n"
	}
	return ls
}

var names = []string{"Dana Whitfield", "Marcus Oyelaran", "Priya Natarajan", "Tom Kowalczyk", "Elena Marsh", "Sam Ferreira", "Joan Li", "Ray Okafor"}

func newsTitle(sp largeSpec, i int) string {
	topics := []string{"Road resurfacing begins on Elm Street", "Summer recreation registration opens", "New library hours announced",
		"Leaf collection schedule", "Water main replacement project update", "Farmers market returns downtown",
		"Holiday closures", "Public input sought on park improvements", "Fire department receives grant",
		"Recycling changes take effect", "Volunteers honored at annual dinner", "Street tree inventory complete"}
	y := sp.years[len(sp.years)-1]
	return fmt.Sprintf("%s (%d)", topics[i%len(topics)], y-(sp.news-i)/20)
}

// pick selects meeting documents.
func (ls largeSite) pick(keep func(m meetingDoc) bool) []string {
	var out []string
	for _, m := range ls.meetings {
		if keep(m) {
			out = append(out, m.doc.path)
		}
	}
	return out
}
