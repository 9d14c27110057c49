package testsite

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// ScanPDF returns a PDF as a scanner makes it: one page that is a grey image
// of the typed lines, with no text layer and no title. OCR reads the lines back.
func ScanPDF(lines ...string) []byte {
	const scale, w, h = 3, 1275, 1650 // 8.5 × 11 in at 150 dpi
	// Draw at a third of the size with the 7×13 bitmap face, then enlarge, so
	// glyphs are about 40 px tall: typed text at 150 dpi.
	small := image.NewGray(image.Rect(0, 0, w/scale, h/scale))
	draw.Draw(small, small.Bounds(), image.White, image.Point{}, draw.Src)
	d := font.Drawer{Dst: small, Src: image.Black, Face: basicfont.Face7x13}
	for i, line := range lines {
		d.Dot = fixed.P(30, 40+18*i)
		d.DrawString(line)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetGray(x, y, color.Gray{small.GrayAt(x/scale, y/scale).Y})
		}
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(img.Pix)
	_ = zw.Close()
	content := "q 612 0 0 792 0 0 cm /Im1 Do Q"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", w, h, z.Len(), z.Bytes()),
		"<< /Producer (skop testsite scanner) >>",
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

// ScanPDFFile is a scanned PDF resource made by ScanPDF.
func ScanPDFFile(lines ...string) Resource {
	return Resource{ContentType: "application/pdf", Body: ScanPDF(lines...)}
}
