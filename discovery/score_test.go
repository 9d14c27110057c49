package discovery

import (
	"slices"
	"testing"
)

func TestParsePrompt(t *testing.T) {
	tests := []struct {
		prompt string
		terms  []string
		years  []string
	}{
		{"Find all board meeting minutes from 2025", []string{"board", "meet", "minute"}, []string{"2025"}},
		{"Please find the annual reports", []string{"annual", "report"}, nil},
		{"budget documents 2023 and 2024", []string{"budget"}, []string{"2023", "2024"}},
		{"Find all documents", nil, nil},
	}
	for _, tt := range tests {
		in := ParsePrompt(tt.prompt)
		if !slices.Equal(in.Terms, tt.terms) || !slices.Equal(in.Years, tt.years) {
			t.Errorf("ParsePrompt(%q) = %v %v, want %v %v", tt.prompt, in.Terms, in.Years, tt.terms, tt.years)
		}
	}
}

func TestScore(t *testing.T) {
	in := ParsePrompt("Find all board meeting minutes from 2025")
	tests := []struct {
		primary, context string
		min, max         float64
	}{
		{"Board meeting minutes January 14, 2025", "", 0.99, 1},
		{"/files/board-minutes-2025-01-14.pdf", "", 0.7, 1},
		{"January 14, 2025", "Board meeting minutes", 0.5, 0.7},
		{"Board meeting minutes 2024", "", 0, 0.3},
		{"Budget 2025", "", 0.15, 0.25},
		{"Parks brochure", "", 0, 0.01},
		{"Parks brochure", "Board meeting minutes", 0.3, 0.33},
	}
	for _, tt := range tests {
		if got := in.Score(tt.primary, tt.context); got < tt.min || got > tt.max {
			t.Errorf("Score(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.primary, tt.context, got, tt.min, tt.max)
		}
	}
}
