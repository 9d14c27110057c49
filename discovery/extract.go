package discovery

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// content is what a document says about itself.
type content struct {
	title string   // the file's own title (PDF Info /Title, DOCX core title)
	lines []string // the first lines of text, in reading order
}

// head is the first few lines, where a document names itself.
func (c content) head() string {
	n := min(len(c.lines), 4)
	return strings.Join(c.lines[:n], " \n ")
}

// body is the rest of the first page.
func (c content) body() string {
	if len(c.lines) <= 4 {
		return ""
	}
	return strings.Join(c.lines[4:], " ")
}

const maxContentLines = 40

// sniff names the document type that data's first bytes show, or "" when they show
// none of the types the engine reads (for example an HTML error page served as a PDF).
func sniff(data []byte, declared string) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		switch declared {
		case "docx", "xlsx", "pptx", "odt":
			return declared
		}
		return zipKind(data)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		switch declared {
		case "doc", "xls", "ppt":
			return declared
		}
		return "doc"
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return "rtf"
	}
	head := data[:min(len(data), 1024)]
	if bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(trimPartialRune(head)) {
		return ""
	}
	lower := bytes.ToLower(bytes.TrimSpace(head))
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return ""
	}
	if declared == "csv" || declared == "txt" {
		return declared
	}
	return "txt"
}

func trimPartialRune(b []byte) []byte {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return b
}

// zipKind tells Office Open XML and OpenDocument files apart by their members.
func zipKind(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		switch {
		case strings.HasPrefix(f.Name, "word/"):
			return "docx"
		case strings.HasPrefix(f.Name, "xl/"):
			return "xlsx"
		case strings.HasPrefix(f.Name, "ppt/"):
			return "pptx"
		case f.Name == "content.xml":
			return "odt"
		}
	}
	return ""
}

// extract reads what a document says about itself. It never panics: parsers of
// hostile files are run behind recover.
func extract(data []byte, kind string) (c content, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable %s: %v", kind, p)
		}
	}()
	switch kind {
	case "pdf":
		return extractPDF(data)
	case "docx":
		return extractDOCX(data)
	case "txt", "csv":
		return extractText(data), nil
	}
	return content{}, nil
}

func extractPDF(data []byte) (content, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return content{}, err
	}
	var c content
	info := r.Trailer().Key("Info")
	c.title = cleanLine(info.Key("Title").Text())
	if subj := cleanLine(info.Key("Subject").Text()); subj != "" {
		c.lines = append(c.lines, subj)
	}
	if r.NumPage() < 1 {
		return c, nil
	}
	page := r.Page(1)
	rows, err := page.GetTextByRow()
	if err == nil && len(rows) > 0 {
		for _, row := range rows {
			var b strings.Builder
			for _, w := range row.Content {
				b.WriteString(w.S)
			}
			if line := cleanLine(b.String()); line != "" {
				c.lines = append(c.lines, line)
			}
			if len(c.lines) >= maxContentLines {
				break
			}
		}
		return c, nil
	}
	text, err := page.GetPlainText(nil)
	if err != nil {
		return c, nil // the title alone is still worth having
	}
	for _, line := range strings.Split(text, "\n") {
		if line = cleanLine(line); line != "" {
			c.lines = append(c.lines, line)
		}
		if len(c.lines) >= maxContentLines {
			break
		}
	}
	return c, nil
}

func extractDOCX(data []byte) (content, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return content{}, err
	}
	var c content
	for _, f := range zr.File {
		switch f.Name {
		case "docProps/core.xml":
			c.title = cleanLine(xmlFirst(f, "title"))
		case "word/document.xml":
			c.lines = append(c.lines, docxParagraphs(f)...)
		}
	}
	return c, nil
}

// xmlFirst returns the text of the first element named local in a zip member.
func xmlFirst(f *zip.File, local string) string {
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, 1<<20))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == local {
			var s string
			if dec.DecodeElement(&s, &se) == nil {
				return s
			}
			return ""
		}
	}
}

// docxParagraphs returns the first paragraphs of word/document.xml as lines.
func docxParagraphs(f *zip.File) []string {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, 8<<20))
	var (
		lines []string
		cur   strings.Builder
		inT   bool
	)
	for len(lines) < maxContentLines {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inT = true
			case "tab":
				cur.WriteByte(' ')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "p":
				if line := cleanLine(cur.String()); line != "" {
					lines = append(lines, line)
				}
				cur.Reset()
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
	return lines
}

func extractText(data []byte) content {
	var c content
	text := string(trimPartialRune(data[:min(len(data), 8192)]))
	for _, line := range strings.Split(text, "\n") {
		if line = cleanLine(strings.ReplaceAll(line, ",", " ")); line != "" {
			c.lines = append(c.lines, line)
		}
		if len(c.lines) >= maxContentLines {
			break
		}
	}
	return c
}

func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, " ")
	return clipText(strings.Join(strings.Fields(s), " "), 300)
}
