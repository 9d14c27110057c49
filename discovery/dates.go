package discovery

import (
	"github.com/skop-dev/skop/internal/memo"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Period is a half-open span of time [From, To).
type Period struct {
	From, To time.Time
}

func (p Period) mid() time.Time { return p.From.Add(p.To.Sub(p.From) / 2) }

// Contains reports whether t falls in p.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func yearPeriod(y int) Period { return Period{day(y, 1, 1), day(y+1, 1, 1)} }

func monthPeriod(y, m int) Period { return Period{day(y, m, 1), day(y, m, 1).AddDate(0, 1, 0)} }

func quarterPeriod(y, q int) Period {
	return Period{day(y, 3*(q-1)+1, 1), day(y, 3*(q-1)+1, 1).AddDate(0, 3, 0)}
}

func dayPeriod(y, m, d int) Period { return Period{day(y, m, d), day(y, m, d).AddDate(0, 0, 1)} }

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

const monthRE = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

var ordinals = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

// Date patterns, most specific first. Each turns a match into a period.
var datePatterns = []struct {
	re *regexp.Regexp
	fn func(m []string) (Period, bool)
}{
	// "October–December 2024", "April - June 2025": a span of months in one year.
	{regexp.MustCompile(`\b` + monthRE + `\.?\s*(?:-|–|—|to|through)\s*` + monthRE + `\.?,?\s+((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		a, b, y := months[m[1]], months[m[2]], atoi(m[3])
		if b < a {
			return Period{}, false
		}
		return Period{day(y, a, 1), day(y, b, 1).AddDate(0, 1, 0)}, true
	}},
	// "July 2024 through June 2025", "Oct 2023 - Mar 2024": a span across years.
	{regexp.MustCompile(`\b` + monthRE + `\.?,?\s+((?:19|20)\d\d)\s*(?:-|–|—|to|through|until)\s*` + monthRE + `\.?,?\s+((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		from, to := day(atoi(m[2]), months[m[1]], 1), day(atoi(m[4]), months[m[3]], 1).AddDate(0, 1, 0)
		if !to.After(from) {
			return Period{}, false
		}
		return Period{from, to}, true
	}},
	// "January 14, 2025", "Sept. 9, 2025", "Feb 3 2025".
	{regexp.MustCompile(`\b` + monthRE + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		return validDay(atoi(m[3]), months[m[1]], atoi(m[2]))
	}},
	// "14 January 2025", "6 February 2025".
	{regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRE + `\.?,?\s+((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		return validDay(atoi(m[3]), months[m[2]], atoi(m[1]))
	}},
	// "2025-01-14", "2025_01_14", "2025.01.14".
	{regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)[-_.](\d\d)[-_.](\d\d)(?:\D|$)`), func(m []string) (Period, bool) {
		return validDay(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}},
	// "10-29-24", "10/29/2024" (US order), or "29.10.2024" when the first number
	// cannot be a month.
	{regexp.MustCompile(`(?:^|\D)(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)?\d\d)(?:\D|$)`), func(m []string) (Period, bool) {
		if p, ok := validDay(fullYear(m[3]), atoi(m[1]), atoi(m[2])); ok {
			return p, true
		}
		return validDay(fullYear(m[3]), atoi(m[2]), atoi(m[1]))
	}},
	// "FY2024-25", "2024-2025", "2024/25": a split (fiscal or academic) year,
	// taken to run July to June.
	{regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)(?:\D|$)`), func(m []string) (Period, bool) {
		a, b := atoi(m[1]), fullYear(m[2])
		if len(m[2]) == 2 {
			b = a/100*100 + atoi(m[2])
		}
		if b != a+1 {
			return Period{}, false
		}
		return Period{day(a, 7, 1), day(b, 7, 1)}, true
	}},
	// "Q4 2024", "Q4-2024", "Q4/24" is left alone (too ambiguous).
	{regexp.MustCompile(`\bq([1-4])\s*[-_ ]?\s*((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		return quarterPeriod(atoi(m[2]), atoi(m[1])), true
	}},
	// "2024 Q4", "2024-Q4".
	{regexp.MustCompile(`\b((?:19|20)\d\d)\s*[-_ ]?\s*q([1-4])\b`), func(m []string) (Period, bool) {
		return quarterPeriod(atoi(m[1]), atoi(m[2])), true
	}},
	// "fourth quarter of 2024", "first quarter 2025".
	{regexp.MustCompile(`\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?\s+((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		return quarterPeriod(atoi(m[2]), ordinals[m[1]]), true
	}},
	// "H1 2025", "first half of 2025".
	{regexp.MustCompile(`\bh([12])\s*((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		y, h := atoi(m[2]), atoi(m[1])
		return Period{day(y, 6*(h-1)+1, 1), day(y, 6*(h-1)+1, 1).AddDate(0, 6, 0)}, true
	}},
	// "first half of 2025", "second half 2024".
	{regexp.MustCompile(`\b(first|second|1st|2nd)\s+half(?:\s+of)?\s+((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		y, h := atoi(m[2]), ordinals[m[1]]
		return Period{day(y, 6*(h-1)+1, 1), day(y, 6*(h-1)+1, 1).AddDate(0, 6, 0)}, true
	}},
	// "spring 2024", "the summer of 2024", "fall term 2024": seasons, in
	// northern-hemisphere months. Winter Y runs from December of Y-1 to the end of
	// March Y, which holds both the meteorological (December–February) and the
	// calendar-quarter (January–March) readings of "winter 2025".
	{regexp.MustCompile(`\b(spring|summer|fall|autumn|winter)(?:\s+(?:semester|term|quarter|session))?(?:\s+of)?\s+((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		y := atoi(m[2])
		switch m[1] {
		case "spring":
			return Period{day(y, 3, 1), day(y, 6, 1)}, true
		case "summer":
			return Period{day(y, 6, 1), day(y, 9, 1)}, true
		case "fall", "autumn":
			return Period{day(y, 9, 1), day(y, 12, 1)}, true
		}
		return Period{day(y-1, 12, 1), day(y, 4, 1)}, true
	}},
	// "January 2025", "Jan2025", "Dec-2024".
	{regexp.MustCompile(`\b` + monthRE + `\.?[-_ ]?((?:19|20)\d\d)\b`), func(m []string) (Period, bool) {
		return monthPeriod(atoi(m[2]), months[m[1]]), true
	}},
	// "Minutes_Dec2024" where a word runs into the month: handled by the tokeniser
	// splitting on '_'. Compact dates in file names: "01142025" (MMDDYYYY),
	// "20250114" (YYYYMMDD), "041624" (MMDDYY).
	{regexp.MustCompile(`(?:^|\D)(\d{8})(?:\D|$)`), func(m []string) (Period, bool) {
		s := m[1]
		if p, ok := validDay(atoi(s[4:]), atoi(s[:2]), atoi(s[2:4])); ok {
			return p, true
		}
		return validDay(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]))
	}},
	{regexp.MustCompile(`(?:^|[^\d])(\d{6})(?:[^\d]|$)`), func(m []string) (Period, bool) {
		s := m[1]
		return validDay(2000+atoi(s[4:]), atoi(s[:2]), atoi(s[2:4]))
	}},
}

var yearOnlyRE = regexp.MustCompile(`(?:^|[^\d])((?:19[5-9]|20\d)\d)(?:[^\d]|$)`)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func fullYear(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		y += 2000
	}
	return y
}

func validDay(y, m, d int) (Period, bool) {
	if y < 1950 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Period{}, false
	}
	t := day(y, m, d)
	if t.Month() != time.Month(m) {
		return Period{}, false
	}
	return dayPeriod(y, m, d), true
}

// findDates returns the periods that text names explicitly, in the order of the
// patterns above (the most specific kind first), and whether any was found. Year-only
// mentions are returned separately: they are weaker evidence.
//
// The answers are remembered by text (a document's lines are read once for
// each link to it, and the patterns are most of scoring's cost); the slices are
// shared, capped so that an append copies them.
func findDates(text string) (specific []Period, years []Period) {
	if d, ok := datesMemo.Get(text); ok {
		return d.specific, d.years
	}
	specific, years = parseDates(text)
	specific, years = specific[:len(specific):len(specific)], years[:len(years):len(years)]
	if len(text) <= 4096 {
		datesMemo.Put(text, datesFound{specific, years})
	}
	return specific, years
}

type datesFound struct{ specific, years []Period }

var datesMemo = memo.New[string, datesFound](1 << 14)

func parseDates(text string) (specific []Period, years []Period) {
	// '_' is a word character to regexp's \b: "Minutes_Dec2024" must split.
	s := strings.ReplaceAll(strings.ToLower(text), "_", "-")
	used := make([]bool, len(s)+1)
	for _, p := range datePatterns {
		for _, idx := range p.re.FindAllStringSubmatchIndex(s, -1) {
			if overlaps(used, idx[0], idx[1]) {
				continue
			}
			m := make([]string, len(idx)/2)
			for i := range m {
				if idx[2*i] >= 0 {
					m[i] = s[idx[2*i]:idx[2*i+1]]
				}
			}
			if per, ok := p.fn(m); ok {
				specific = append(specific, per)
				for i := idx[0]; i < idx[1]; i++ {
					used[i] = true
				}
			}
		}
	}
	for _, idx := range yearOnlyRE.FindAllStringSubmatchIndex(s, -1) {
		if overlaps(used, idx[2], idx[3]) {
			continue
		}
		years = append(years, yearPeriod(atoi(s[idx[2]:idx[3]])))
	}
	return specific, years
}

func overlaps(used []bool, from, to int) bool {
	for i := from; i < to && i < len(used); i++ {
		if used[i] {
			return true
		}
	}
	return false
}
