package discovery

import (
	"fmt"
	"path"
	"strings"
)

// PathPattern is one include_paths or exclude_paths pattern: a URL path
// starting with "/", where "*", "?" and "[...]" match within one segment as in
// path.Match, and a "**" segment matches any number of whole segments
// (including none): "/boards/**" matches "/boards/" and everything below it.
// A trailing slash is ignored on both sides: "/news/*" matches "/news/item-1/".
type PathPattern struct {
	raw  string
	segs []string
}

// CompilePathPattern checks and compiles a pattern; the error says what is
// wrong in words a user can act on.
func CompilePathPattern(s string) (PathPattern, error) {
	if !strings.HasPrefix(s, "/") {
		return PathPattern{}, fmt.Errorf("must start with /")
	}
	if strings.Contains(s, "#") {
		return PathPattern{}, fmt.Errorf("must be a path, without a fragment")
	}
	p := PathPattern{raw: s}
	p.segs = strings.Split(strings.Trim(s, "/"), "/")
	if s == "/" {
		p.segs = nil
	}
	for _, seg := range p.segs {
		if seg == "" {
			return PathPattern{}, fmt.Errorf("has an empty segment (//)")
		}
		if strings.Contains(seg, "**") && seg != "**" {
			return PathPattern{}, fmt.Errorf("uses ** inside a segment (%q); ** must be a whole segment", seg)
		}
		if _, err := path.Match(seg, ""); err != nil {
			return PathPattern{}, fmt.Errorf("is malformed at %q (an unclosed [ or a trailing \\)", seg)
		}
	}
	return p, nil
}

// String is the pattern as written.
func (p PathPattern) String() string { return p.raw }

// Match reports whether the URL path matches the pattern.
func (p PathPattern) Match(urlPath string) bool {
	if urlPath == "" {
		urlPath = "/"
	}
	segs := strings.Split(strings.Trim(urlPath, "/"), "/")
	if urlPath == "/" {
		segs = nil
	}
	return matchSegs(p.segs, segs)
}

func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// pathFilter is a run's include and exclude patterns.
type pathFilter struct {
	include, exclude []PathPattern
}

func newPathFilter(include, exclude []string) (pathFilter, error) {
	var f pathFilter
	for _, s := range include {
		p, err := CompilePathPattern(s)
		if err != nil {
			return f, fmt.Errorf("include_paths %q %v", s, err)
		}
		f.include = append(f.include, p)
	}
	for _, s := range exclude {
		p, err := CompilePathPattern(s)
		if err != nil {
			return f, fmt.Errorf("exclude_paths %q %v", s, err)
		}
		f.exclude = append(f.exclude, p)
	}
	return f, nil
}

// allows reports whether a page at urlPath may be crawled.
func (f pathFilter) allows(urlPath string) bool {
	for _, p := range f.exclude {
		if p.Match(urlPath) {
			return false
		}
	}
	if len(f.include) == 0 {
		return true
	}
	for _, p := range f.include {
		if p.Match(urlPath) {
			return true
		}
	}
	return false
}
