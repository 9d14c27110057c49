package heldout

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/skop-dev/skop/internal/corpus"
)

// The sets stored as data are written whole: every relevant document of every
// case is served at its request-URI as a document, and every start page as HTML.
func TestDataSetsServeTheirDocuments(t *testing.T) {
	for _, name := range []string{"l", "m"} {
		dir := t.TempDir()
		if err := Write(name, dir); err != nil {
			t.Fatal(err)
		}
		cases, err := corpus.LoadCases(dir)
		if err != nil || len(cases) < 10 {
			t.Fatalf("set %s: %d cases, %v", name, len(cases), err)
		}
		srv, err := corpus.Serve(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			start, err := srv.StartURL(c)
			if err != nil {
				t.Fatal(err)
			}
			if ct, _ := get(t, start); ct != "text/html; charset=utf-8" {
				t.Errorf("%s: start page %s answers %q", c.ID, c.Start, ct)
			}
			base := start[:len(start)-len(c.Start)]
			for _, u := range c.Relevant {
				ct, body := get(t, base+u)
				if !bytes.HasPrefix(body, []byte("%PDF-")) && !bytes.HasPrefix(body, []byte("PK")) {
					t.Errorf("%s: %s answers %q, %d bytes, not a document", c.ID, u, ct, len(body))
				}
			}
		}
		srv.Close()
	}
}

func get(t *testing.T, u string) (string, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return "", nil
	}
	return resp.Header.Get("Content-Type"), b
}
