package discovery

// The vocabulary the engine understands. It is deliberately small, general and
// explainable: document kinds, meeting bodies, status words and synonyms that
// recur on municipal, corporate and university sites. Nothing here names a
// particular site.

// kindPhrases maps phrases (lower case, space separated, stemmed by stemAll) to a
// canonical document kind. Longer phrases win over shorter ones.
var kindPhrases = map[string]string{
	"minutes":                               "minutes",
	"minute":                                "minutes",
	"meeting minutes":                       "minutes",
	"agenda":                                "agenda",
	"agenda packet":                         "packet",
	"agenda package":                        "packet",
	"board packet":                          "packet",
	"council packet":                        "packet",
	"meeting packet":                        "packet",
	"packet":                                "packet",
	"staff report":                          "staff report",
	"annual report":                         "annual report",
	"year in review":                        "annual report",
	"annual financial report":               "annual report",
	"quarterly report":                      "quarterly report",
	"quarterly":                             "quarterly report",
	"interim report":                        "quarterly report",
	"half year report":                      "quarterly report",
	"halfyear report":                       "quarterly report",
	"financial statement":                   "financial statement",
	"presentation":                          "presentation",
	"slide":                                 "presentation",
	"slide deck":                            "presentation",
	"webcast":                               "presentation",
	"press release":                         "press release",
	"news release":                          "press release",
	"stock exchange release":                "press release",
	"release":                               "press release",
	"budget":                                "budget",
	"adopted budget":                        "budget",
	"policy":                                "policy",
	"regulation":                            "policy",
	"procedure":                             "policy",
	"standard":                              "policy",
	"guideline":                             "policy",
	"bylaw":                                 "policy",
	"form":                                  "form",
	"application form":                      "form",
	"application":                           "form",
	"permit application":                    "form",
	"request form":                          "form",
	"water quality report":                  "water quality report",
	"consumer confidence report":            "water quality report",
	"ccr":                                   "water quality report",
	"drinking water report":                 "water quality report",
	"drinking water quality report":         "water quality report",
	"annual water quality report":           "water quality report",
	"guide":                                 "guide",
	"how to read":                           "guide",
	"handbook":                              "guide",
	"brochure":                              "guide",
	"faq":                                   "guide",
	"schedule":                              "schedule",
	"calendar":                              "schedule",
	"rate schedule":                         "schedule",
	"plan":                                  "plan",
	"strategic plan":                        "plan",
	"master plan":                           "plan",
	"contingency plan":                      "plan",
	"newsletter":                            "newsletter",
	"notice":                                "notice",
	"public notice":                         "notice",
	"ordinance":                             "ordinance",
	"resolution":                            "resolution",
	"audit":                                 "audit",
	"audit report":                          "audit",
	"audited financial statement":           "financial statement",
	"comprehensive annual financial report": "annual report",
	"acfr":                                  "annual report",
	"cafr":                                  "annual report",
	"capital improvement plan":              "plan",
	"request for proposal":                  "solicitation",
	"rfp":                                   "solicitation",
	"invitation to bid":                     "solicitation",
	"bid":                                   "solicitation",
	"contract":                              "contract",
	"agreement":                             "contract",
	"map":                                   "map",
	"manual":                                "guide",
	"catalog":                               "catalog",
	"syllabus":                              "syllabus",
	"proxy statement":                       "notice",
	"strategy":                              "plan",
	"study":                                 "study",
	"assessment":                            "study",
	"inventory":                             "inventory",
	"sustainability report":                 "sustainability report",
	"remuneration report":                   "remuneration report",
	"compensation report":                   "remuneration report",
	"governance statement":                  "governance report",
	"corporate governance":                  "governance report",
	"governance report":                     "governance report",
	"report":                                "report",
	"transcript":                            "transcript",
	"invitation":                            "notice",
	"proxy":                                 "notice",
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
		"remuneration report", "governance report", "financial statement", "audit", "study"},
}

// bodyPhrases name the bodies whose meetings produce minutes and agendas.
var bodyPhrases = map[string]string{
	"city council":                     "council",
	"town council":                     "council",
	"village council":                  "council",
	"council":                          "council",
	"common council":                   "council",
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
	"superseded":          "superseded",
	"rescinded":           "rescinded",
	"repealed":            "rescinded",
	"withdrawn":           "rescinded",
	"obsolete":            "superseded",
	"expired":             "superseded",
	"draft":               "draft",
	"archive":             "archived",
	"archived":            "archived",
	"not current":         "superseded",
	"no longer in effect": "superseded",
	"previous version":    "superseded",
	"former version":      "superseded",
	"replaced by":         "superseded",
}

// synonyms expand a prompt word into alternatives that mean the same for matching.
// Keys and values are stemmed phrases.
var synonyms = map[string][]string{
	"privacy":         {"personal information", "personal data", "data protection", "confidentiality"},
	"data privacy":    {"privacy", "personal information", "personal data", "data protection"},
	"data protection": {"privacy", "personal information", "personal data"},
	"personal data":   {"personal information", "privacy", "data protection"},
	"employee":        {"staff", "faculty", "personnel", "employment", "worker"},
	"staff":           {"employee", "personnel"},
	"vacation":        {"annual leave", "holiday", "paid time off", "pto"},
	"sick":            {"illness", "sick leave"},
	"parental":        {"maternity", "paternity", "family", "adoption"},
	"time off":        {"leave", "absence"},
	"leave":           {"time off", "absence"},
	"meeting":         {"session"},
	"water quality":   {"consumer confidence", "drinking water"},
	"financial":       {"fiscal"},
	"fiscal":          {"financial"},
	"quarterly":       {"interim", "quarter"},
	"interim":         {"quarterly", "quarter"},
	"annual":          {"yearly"},
	"bylaw":           {"by law"},
	"budget":          {"spending plan"},
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
versions copy original full text able`) {
		stopWords[w] = true
	}
}
