package discovery

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skop-dev/skop/internal/memo"
)

// This file reads scanned PDFs: a PDF whose pages are images has no text layer,
// so its first pages are rasterised by pdftoppm (Debian poppler-utils) and read
// by Tesseract (Debian tesseract-ocr), both run as commands (CGO stays off).
// It is bounded in pages, time and process-wide slots, and its answers are kept
// by content, so a document read twice (a resumed job, a benchmark run at two
// thresholds) is read once.

// OCR modes.
const (
	OCRAuto = "auto" // OCR scans when tesseract and pdftoppm are installed
	OCROff  = "off"
)

// OCR bounds.
const (
	ocrDPI = 150
	// ocrPages is how many first pages of a scan are read: where a document
	// names itself.
	ocrPages = 1
)

// ocrFloorLogit is the links-only logit below which a scan whose links
// contradict the prompt is not read: about a one in a hundred chance of being
// relevant before its text is known.
const ocrFloorLogit = -4.6

// ocrTimeout bounds one document's OCR (rasterising and reading).
var ocrTimeout = 20 * time.Second

// ocrSlots bounds the OCR processes running in the whole process: every run's
// scans share them. Tesseract runs single-threaded in each (OMP_THREAD_LIMIT=1),
// which on a small machine is several times faster than its default threads.
var ocrSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// OCRRuns and OCRFailures count, process-wide, the scans read and those given up.
var OCRRuns, OCRFailures atomic.Int64

// ocrCache keeps OCR text by the document's content hash.
var ocrCache = memo.New[[sha256.Size]byte, []string](4096)

type ocrTools struct {
	once                sync.Once
	tesseract, pdftoppm string
}

var tools ocrTools

// OCRAvailable reports whether the OCR commands are installed.
func OCRAvailable() bool {
	tools.once.Do(func() {
		tools.tesseract, _ = exec.LookPath("tesseract")
		tools.pdftoppm, _ = exec.LookPath("pdftoppm")
	})
	return tools.tesseract != "" && tools.pdftoppm != ""
}

var errOCRUnavailable = errors.New("OCR is not available (install tesseract-ocr and poppler-utils)")

// ocrPDF reads the text of a scanned PDF's first pages: its lines, as extract
// returns them.
func ocrPDF(ctx context.Context, data []byte) ([]string, error) {
	if !OCRAvailable() {
		return nil, errOCRUnavailable
	}
	key := sha256.Sum256(data)
	if lines, ok := ocrCache.Get(key); ok {
		return lines, nil
	}
	select {
	case ocrSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-ocrSlots }()
	ctx, cancel := context.WithTimeout(ctx, ocrTimeout)
	defer cancel()
	OCRRuns.Add(1)
	lines, err := runOCR(ctx, data)
	if err != nil {
		if ctx.Err() == nil || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			OCRFailures.Add(1)
		}
		return nil, err
	}
	ocrCache.Put(key, lines)
	return lines, nil
}

func runOCR(ctx context.Context, data []byte) ([]string, error) {
	dir, err := os.MkdirTemp("", "skop-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	root := filepath.Join(dir, "page")
	raster := exec.CommandContext(ctx, tools.pdftoppm, "-r", fmt.Sprint(ocrDPI), "-gray", "-png", "-f", "1", "-l", fmt.Sprint(ocrPages), in, root)
	if out, err := raster.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, clipText(string(out), 200))
	}
	pages, _ := filepath.Glob(root + "-*.png")
	var lines []string
	for _, p := range pages {
		var stdout, stderr bytes.Buffer
		read := exec.CommandContext(ctx, tools.tesseract, p, "stdout")
		read.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
		read.Stdout, read.Stderr = &stdout, &stderr
		if err := read.Run(); err != nil {
			return nil, fmt.Errorf("tesseract: %v: %s", err, clipText(stderr.String(), 200))
		}
		for _, line := range strings.Split(stdout.String(), "\n") {
			if line = cleanLine(line); line != "" && len(lines) < maxContentLines {
				lines = append(lines, line)
			}
		}
	}
	return lines, nil
}
