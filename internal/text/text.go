// Package text holds the small string helpers every layer needs for messages
// and logs: cutting text to a length without splitting a character, and
// counting nouns in a sentence.
package text

import (
	"strconv"
	"unicode/utf8"
)

// Clip returns s cut to at most n bytes, never inside a UTF-8 character.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// ClipMark is Clip with "…" appended when s was cut.
func ClipMark(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return Clip(s, n) + "…"
}

// Plural writes "1 document" or "3 documents": noun takes an s unless n is 1.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// NonNil returns s, or an empty slice for nil (JSON shows [] rather than null).
func NonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
