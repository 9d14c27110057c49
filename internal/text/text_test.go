package text

import (
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"hello", 10, "hello"}, {"hello", 3, "hel"}, {"hello", 0, ""},
		{"naïve", 3, "na"}, // ï is two bytes: never split
		{"日本語", 4, "日"}, {"日本語", 6, "日本"}, {"€uro", 2, ""},
	} {
		got := Clip(tt.in, tt.n)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
	if got := ClipMark("日本語", 4); got != "日…" {
		t.Errorf("ClipMark = %q", got)
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 pages", 1: "1 page", 2: "2 pages"} {
		if got := Plural(n, "page"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
	if NonNil[int](nil) == nil {
		t.Error("NonNil(nil) is nil")
	}
}
