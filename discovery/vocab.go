package discovery

import (
	_ "embed"
	"fmt"
	"strings"
)

// The vocabulary the engine understands. It is deliberately small, general and
// explainable: document kinds, meeting bodies, status words and synonyms that
// recur on municipal, corporate and university sites. Nothing here names a
// particular site.

// kindPhrases maps phrases (lower case, space separated, stemmed by stemAll) to a
// canonical document kind. Longer phrases win over shorter ones. They are read from
// kinds.txt, embedded in the binary and checked when the package loads.
var kindPhrases = mustLoadKinds(kindsFile)

//go:embed kinds.txt
var kindsFile string

// loadKinds reads the kinds file: "kind: phrase, phrase" per line, # comments. A
// phrase that names two kinds, or whose stemmed form does, is an error.
func loadKinds(text string) (map[string]string, error) {
	out := map[string]string{}
	byStem := map[string]string{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, list, ok := strings.Cut(line, ":")
		kind = strings.TrimSpace(kind)
		if !ok || kind == "" {
			return nil, fmt.Errorf("kinds.txt line %d: want \"kind: phrase, …\"", n+1)
		}
		for _, p := range strings.Split(list, ",") {
			p = strings.TrimSpace(p)
			if p == "" {
				return nil, fmt.Errorf("kinds.txt line %d: empty phrase", n+1)
			}
			key := strings.Join(tokens(p), " ")
			if prev, dup := byStem[key]; dup && prev != kind {
				return nil, fmt.Errorf("kinds.txt line %d: %q names %s, but %q already names %s", n+1, p, kind, key, prev)
			}
			if _, dup := out[p]; dup {
				return nil, fmt.Errorf("kinds.txt line %d: %q is listed twice", n+1, p)
			}
			byStem[key] = kind
			out[p] = kind
		}
	}
	return out, nil
}

func mustLoadKinds(text string) map[string]string {
	m, err := loadKinds(text)
	if err != nil {
		panic("discovery: " + err.Error())
	}
	return m
}

// wrapperKinds are kinds that describe a document about another kind: "How to read
// your water quality report" is a guide, "Q2 results presentation" a presentation,
// "Leave request form" a form. When a field names one of these and another kind, the
// wrapper wins.
var wrapperKinds = []string{"guide", "form", "presentation", "schedule", "packet", "press release", "notice", "transcript"}

// genericKinds are kinds that a more specific one refines: a prompt for "reports"
// accepts any kind of report.
var genericKinds = map[string][]string{
	"report": {"annual report", "quarterly report", "staff report", "water quality report", "sustainability report",
		"remuneration report", "governance report", "financial statement", "audit", "study", "quality account", "bulletin"},
	"notice": {"notice of hearing", "award notice"},
}

// bodyPhrases name the bodies whose meetings produce minutes and agendas.
var bodyPhrases = map[string]string{
	"city council":    "council",
	"town council":    "council",
	"village council": "council",
	"council":         "council",
	"common council":  "council",
	// A city or town governed by commission calls its council so.
	"city commission":                  "council",
	"town commission":                  "council",
	"planning commission":              "planning commission",
	"planning board":                   "planning commission",
	"planning and zoning commission":   "planning commission",
	"commission":                       "commission",
	"county commission":                "county commission",
	"board of commissioners":           "county commission",
	"historic preservation commission": "historic commission",
	"parks and recreation commission":  "parks board",
	"parks and recreation board":       "parks board",
	"park board":                       "parks board",
	"board of directors":               "board",
	"board of trustees":                "board",
	"board of governors":               "board",
	"board of regents":                 "board",
	"governing board":                  "board",
	"select board":                     "board",
	"selectboard":                      "board",
	"board":                            "board",
	"board of supervisors":             "board of supervisors",
	"school board":                     "school board",
	"board of education":               "school board",
	"zoning board":                     "zoning board",
	"board of zoning appeals":          "zoning board",
	"zoning board of appeals":          "zoning board",
	"board of adjustment":              "zoning board",
	"library board":                    "library board",
	"committee":                        "committee",
	"subcommittee":                     "committee",
	"sub committee":                    "committee",
	"finance committee":                "finance committee",
	"audit committee":                  "audit committee",
	"faculty senate":                   "faculty senate",
	"academic senate":                  "faculty senate",
	"student government":               "student government",
	"annual general meeting":           "general meeting",
	"general meeting":                  "general meeting",
	"agm":                              "general meeting",
	"shareholder":                      "general meeting",
	"closed session":                   "closed session",
}

// statusPhrases mark versions that are not the current one.
var statusPhrases = map[string]string{
	"superseded":             "superseded",
	"rescinded":              "rescinded",
	"repealed":               "rescinded",
	"withdrawn":              "rescinded",
	"obsolete":               "superseded",
	"expired":                "superseded",
	"draft":                  "draft",
	"archive":                "archived",
	"archived":               "archived",
	"not current":            "superseded",
	"no longer in effect":    "superseded",
	"previous version":       "superseded",
	"former version":         "superseded",
	"replaced by":            "superseded",
	"revoked":                "rescinded",
	"no longer in force":     "superseded",
	"exposure draft":         "draft",
	"consultation draft":     "draft",
	"draft for consultation": "draft",
	"proposed":               "proposed",
	"pending approval":       "proposed",
	// Stages before the final one: they matter only when the prompt asks for the
	// final, adopted or current version.
	"for consultation":     "proposed",
	"for comment":          "proposed",
	"for public comment":   "proposed",
	"pre submission":       "proposed",
	"consultation version": "proposed",
	"unofficial":           "proposed",
	"provisional":          "proposed",
	"preliminary":          "proposed",
	"tentative":            "proposed",
	"recommended budget":   "proposed",
	"requested budget":     "proposed",
	// No longer in force, though not replaced: matters only when the prompt asks
	// for what is current.
	"lapsed":          "inactive",
	"surrendered":     "inactive",
	"suspended":       "inactive",
	"terminated":      "inactive",
	"inactive":        "inactive",
	"cancelled":       "inactive",
	"canceled":        "inactive",
	"no longer valid": "inactive",
	"previous":        "inactive",
	"former":          "inactive",
}

// synonyms expand a prompt word into alternatives that mean the same for matching.
// Keys and values are stemmed phrases.
var synonyms = map[string][]string{
	"remote work":            {"telework", "telecommuting", "hybrid work", "working from home", "work from home"},
	"telework":               {"remote work", "telecommuting", "hybrid work"},
	"travel":                 {"business travel", "travel reimbursement", "expense"},
	"expense":                {"reimbursement", "expenditure"},
	"reimbursement":          {"expense"},
	"procurement":            {"purchasing", "acquisition", "tender"},
	"purchasing":             {"procurement"},
	"accessibility":          {"ada", "disability", "accessible"},
	"disability":             {"accessibility", "ada", "accommodation"},
	"ethic":                  {"code of conduct", "integrity", "conflict of interest"},
	"conduct":                {"ethic", "behavior", "behaviour"},
	"cybersecurity":          {"information security", "it security", "cyber security"},
	"information security":   {"cybersecurity", "it security", "data security"},
	"conservation":           {"drought", "water saving", "efficiency"},
	"drought":                {"water shortage", "conservation"},
	"stormwater":             {"storm water", "drainage", "runoff"},
	"recycling":              {"recycle", "waste diversion", "solid waste"},
	"zoning":                 {"land use", "planning"},
	"land use":               {"zoning"},
	"permit":                 {"license", "licence"},
	"license":                {"permit", "licence"},
	"fee":                    {"rate", "charge", "tuition"},
	"rate":                   {"fee", "charge", "tariff"},
	"emergency":              {"disaster", "crisis", "emergency management"},
	"disaster":               {"emergency"},
	"whistleblower":          {"whistleblowing", "reporting misconduct", "protected disclosure"},
	"misconduct":             {"harassment", "discrimination"},
	"discrimination":         {"harassment", "equal opportunity", "equity"},
	"diversity":              {"inclusion", "equity"},
	"dividend":               {"distribution", "payout"},
	"earnings":               {"result", "financial result"},
	"result":                 {"earnings"},
	"shareholder":            {"stockholder", "investor"},
	"investor":               {"shareholder"},
	"course":                 {"class", "curriculum"},
	"catalog":                {"catalogue", "bulletin"},
	"weapon":                 {"firearm", "gun"},
	"alcohol":                {"drug", "substance"},
	"drug":                   {"alcohol", "substance"},
	"smoking":                {"tobacco", "smoke free", "vaping"},
	"tobacco":                {"smoking", "smoke free"},
	"housing":                {"residence", "accommodation", "dormitory"},
	"residence":              {"housing"},
	"retention":              {"record retention", "disposal", "archiving"},
	"grievance":              {"complaint", "dispute"},
	"complaint":              {"grievance"},
	"overtime":               {"extra hours", "compensatory time"},
	"holiday":                {"vacation", "annual leave"},
	"maternity":              {"parental", "pregnancy"},
	"bereavement":            {"funeral", "compassionate"},
	"child":                  {"minor", "youth"},
	"minor":                  {"child", "youth"},
	"privacy":                {"personal information", "personal data", "data protection", "confidentiality"},
	"data privacy":           {"privacy", "personal information", "personal data", "data protection"},
	"data protection":        {"privacy", "personal information", "personal data"},
	"personal data":          {"personal information", "privacy", "data protection"},
	"employee":               {"staff", "faculty", "personnel", "employment", "worker"},
	"staff":                  {"employee", "personnel"},
	"vacation":               {"annual leave", "holiday", "paid time off", "pto"},
	"sick":                   {"illness", "sick leave"},
	"parental":               {"maternity", "paternity", "family", "adoption"},
	"time off":               {"leave", "absence"},
	"leave":                  {"time off", "absence"},
	"meeting":                {"session"},
	"water quality":          {"consumer confidence", "drinking water"},
	"financial":              {"fiscal"},
	"fiscal":                 {"financial"},
	"quarterly":              {"interim", "quarter"},
	"interim":                {"quarterly", "quarter"},
	"annual":                 {"yearly"},
	"foi":                    {"freedom of information"},
	"freedom of information": {"foi"},
	"budget":                 {"spending plan"},
}

// stopWords carry no meaning for matching: function words and the instruction
// words prompts are phrased with ("please find all documents …").
var stopWords = map[string]bool{}

func init() {
	for _, w := range splitWords(`a an and are as at be been by can could do does for from get give
had has have i in into is it its me my of on or our please pdf pdfs retrieve return search show
that the their them then these this those to want we what which who with would you your all any
every each find fetch download downloads look looking need just only some site website web page pages
link links available related copy copies document documents doc docs file files list locate
about also there here out up via per other others etc such like including include e g ie
official most latest new recent current currently last past year years month months quarter quarters
week weeks day days period published publish posted post over under between during since until till
fiscal financial runs run begins starts
held hold holds issued issue made taken produced prepared written dated signed concerning regarding relating
related covering cover covers describing describe linked listed shown uploaded attached included provided
located appear appears able everything anything something thing things kind kinds type types sort version
versions copy original full text able
where how when were was is did does done pull grab send gather collect obtain provide see view access know tell help
one ones hi hello thanks thank kindly really still already anyone whatever whichever interested much many
handed down delivered decided decide decides discussed discuss discusses agreed agree considered consider
debated debate said say says happened happen served passed`) {
		stopWords[w] = true
		stopWords[stem(w)] = true // "anything" is matched as its stem "anyth"
	}
}
