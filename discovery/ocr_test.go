package discovery

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/skop-dev/skop/internal/testsite"
)

// needOCR skips a test when the OCR commands are missing, and fails it in CI,
// which installs them (.ci/run).
func needOCR(t *testing.T) {
	t.Helper()
	if OCRAvailable() {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("tesseract and pdftoppm are not installed; .ci/run installs tesseract-ocr and poppler-utils")
	}
	t.Skip("tesseract or pdftoppm not installed (apt-get install tesseract-ocr poppler-utils)")
}

func TestOCRReadsAScan(t *testing.T) {
	needOCR(t)
	scan := testsite.ScanPDF("PLANNING BOARD", "MINUTES OF THE REGULAR MEETING", "MARCH 12, 2024")
	// The scan has no text layer: the PDF parser finds nothing.
	if c, _ := extract(scan, "pdf"); len(c.lines) != 0 || c.title != "" {
		t.Fatalf("the scan has text: %+v", c)
	}
	lines, err := ocrPDF(context.Background(), scan)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ToUpper(strings.Join(lines, " "))
	for _, w := range []string{"PLANNING", "BOARD", "MINUTES", "REGULAR", "MEETING", "MARCH", "2024"} {
		if !strings.Contains(got, w) {
			t.Errorf("OCR text %q lacks %q", got, w)
		}
	}
	// A second read of the same file is served from the cache.
	before := OCRRuns.Load()
	if _, err := ocrPDF(context.Background(), scan); err != nil || OCRRuns.Load() != before {
		t.Errorf("second read ran OCR again (%v)", err)
	}
}

// TestScansFoundByTheirText: a list of "Download" links to scanned minutes,
// the page saying nothing of which is which; OCR tells them apart.
func TestScansFoundByTheirText(t *testing.T) {
	needOCR(t)
	site := testsite.New(map[string]testsite.Resource{
		"/records/": testsite.HTML(`<h1>Records</h1><ul>
			<li><a href="/scan/0001.pdf">Download</a></li>
			<li><a href="/scan/0002.pdf">Download</a></li>
			<li><a href="/scan/0003.pdf">Download</a></li></ul>`),
		"/scan/0001.pdf": testsite.ScanPDFFile("CITY COUNCIL", "MINUTES OF THE REGULAR MEETING", "JANUARY 14, 2025"),
		"/scan/0002.pdf": testsite.ScanPDFFile("PARKS DEPARTMENT", "SUMMER PROGRAM BROCHURE", "2025"),
		"/scan/0003.pdf": testsite.ScanPDFFile("CITY COUNCIL", "MINUTES OF THE REGULAR MEETING", "FEBRUARY 11, 2025"),
	})
	defer site.Close()
	docs, _, warnings, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/records/", Prompt: "council minutes from 2025",
		SinglePage: true, ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(docs), []string{"/scan/0001.pdf", "/scan/0003.pdf"}; !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v (warnings %q)", got, want, warnings)
	}
	// With OCR off the scans are judged by their links, and the job says so.
	_, _, warnings, err = collect(t, New(Config{AllowPrivateNetworks: true, OCR: OCROff}), Request{StartURL: site.URL + "/records/", Prompt: "council minutes from 2025",
		SinglePage: true, ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(warnings, func(w string) bool {
		return strings.HasPrefix(w, "3 scanned documents had no text layer") && strings.Contains(w, "--ocr off")
	}) {
		t.Errorf("warnings with OCR off = %q", warnings)
	}
}
