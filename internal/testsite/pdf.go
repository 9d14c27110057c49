// Package testsite serves real websites on loopback for tests and benchmarks: HTML
// pages linking to real PDF files, with every request recorded (method, path and
// start time) and optional delays, so tests can see exactly what a crawler fetched
// and when.
package testsite

import (
	"bytes"
	"fmt"
	"strings"
)

// PDF returns a small, valid PDF 1.4 file whose Info dictionary has the given title
// and whose one page shows text, one line per "\n". pad adds that many bytes of an
// unused stream, for files of a chosen size.
func PDF(title, text string, pad int) []byte {
	esc := func(s string) string {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return r.Replace(s)
	}
	var content strings.Builder
	for i, line := range strings.Split(text, "\n") {
		fmt.Fprintf(&content, "BT /F1 12 Tf 1 0 0 1 72 %d Tm (%s) Tj ET\n", 720-16*i, esc(line))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Title (%s) /Producer (skop testsite) >>", esc(title)),
	}
	if pad > 0 {
		filler := bytes.Repeat([]byte{'0'}, pad)
		objects = append(objects, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(filler), filler))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
