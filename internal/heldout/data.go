package heldout

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/skop-dev/skop/internal/testsite"
)

// Sets from set L on are data, not Go: testdata/<set>/ holds the corpus as it is
// served (cases.jsonl, sites/<site>/ with its HTML pages and robots.txt), and each
// site's _docs.json lists its documents, which are generated here (PDF or DOCX)
// because they are binary. The Go code is the loader, not the corpus.
//
//go:embed all:testdata
var dataSets embed.FS

// dataDoc is one entry of a site's _docs.json.
type dataDoc struct {
	Path  string `json:"path"`  // request-URI the page links
	File  string `json:"file"`  // file under the site when Path is a route (a query string, no extension)
	Title string `json:"title"` // the document's own title (PDF Info, DOCX core)
	Text  string `json:"text"`  // its first page, lines separated by "\n"
	// Scan writes a PDF with no text layer and no title, as a scanner does: the
	// document says nothing of itself.
	Scan bool `json:"scan"`
}

// hasData reports whether set name is stored as data.
func hasData(name string) bool {
	_, err := fs.Stat(dataSets, "testdata/"+name+"/cases.jsonl")
	return err == nil
}

// writeData writes the data set name into dir.
func writeData(name, dir string) error {
	root := "testdata/" + name
	if err := writeFile(filepath.Join(dir, "README.md"), []byte(readme)); err != nil {
		return err
	}
	return fs.WalkDir(dataSets, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		b, err := dataSets.ReadFile(p)
		if err != nil {
			return err
		}
		switch path.Base(rel) {
		case "_pages.json": // read with _docs.json
			return nil
		case "_docs.json":
		default:
			return writeFile(filepath.Join(dir, filepath.FromSlash(rel)), b)
		}
		var docs []dataDoc
		if err := json.Unmarshal(b, &docs); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		// _pages.json routes the site's pages that have no .html name
		// ("/about/board-of-trustees"), in _routes.json's own form.
		routes := map[string]map[string]string{}
		if pb, err := dataSets.ReadFile(path.Join(path.Dir(p), "_pages.json")); err == nil {
			if err := json.Unmarshal(pb, &routes); err != nil {
				return fmt.Errorf("%s/_pages.json: %w", path.Dir(p), err)
			}
		}
		return writeDocs(filepath.Join(dir, filepath.FromSlash(path.Dir(rel))), docs, routes)
	})
}

// writeDocs generates a site's documents and writes _routes.json: routes holds
// the pages' routes, and the documents served under another name join them.
func writeDocs(site string, docs []dataDoc, routes map[string]map[string]string) error {
	for _, d := range docs {
		name := d.Path
		if d.File != "" {
			name = d.File
		}
		var body []byte
		ct := "application/pdf"
		switch {
		case strings.HasSuffix(name, ".docx"):
			body = testsite.DOCX(d.Title, strings.Split(d.Text, "\n")...)
			ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case d.Scan:
			body = testsite.PDF("", "", 0)
		default:
			body = testsite.PDF(d.Title, d.Text, 0)
		}
		if err := writeFile(filepath.Join(site, filepath.FromSlash(name)), body); err != nil {
			return err
		}
		if d.File != "" {
			routes[d.Path] = map[string]string{"file": strings.TrimPrefix(d.File, "/"), "type": ct,
				"disposition": fmt.Sprintf(`attachment; filename="%s"`, path.Base(d.File))}
		}
	}
	if len(routes) == 0 {
		return nil
	}
	b, _ := json.MarshalIndent(routes, "", "  ")
	return writeFile(filepath.Join(site, "_routes.json"), b)
}
