package ids

import (
	"regexp"
	"testing"
)

func TestIDs(t *testing.T) {
	for name, tt := range map[string]struct {
		make func() string
		re   *regexp.Regexp
	}{
		"job":     {Job, regexp.MustCompile(`^job_[a-z0-9]{20}$`)},
		"error":   {Error, regexp.MustCompile(`^err_[a-z0-9]{12}$`)},
		"request": {Request, regexp.MustCompile(`^req_[a-z0-9]{16}$`)},
	} {
		seen := map[string]bool{}
		for range 1000 {
			id := tt.make()
			if !tt.re.MatchString(id) || seen[id] {
				t.Fatalf("%s: bad or repeated id %q", name, id)
			}
			seen[id] = true
		}
	}
}
