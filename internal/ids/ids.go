// Package ids makes the identifiers Skop hands out: job ids, error ids and
// request ids, lower-case letters and digits only. Job and error ids come from
// crypto/rand; request ids, made for every request that brings none and never
// used to grant anything, from math/rand/v2's ChaCha8 generator, which needs no
// system call.
package ids

import (
	"crypto/rand"
	mrand "math/rand/v2"
	"strings"
)

const base36 = "0123456789abcdefghijklmnopqrstuvwxyz"

// random returns n base-36 characters from crypto/rand, without modulo bias.
func random(n int) string {
	out := make([]byte, 0, n)
	buf := make([]byte, 32)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		for _, c := range buf {
			if c < 252 && len(out) < n { // 252 = 7 * 36
				out = append(out, base36[int(c)%36])
			}
		}
	}
	return string(out)
}

// Job returns `job_` and 20 base-36 characters (103 bits), matching the API's
// pattern ^job_[a-z0-9]+$.
func Job() string { return "job_" + random(20) }

// Error returns `err_` and 12 base-36 characters, for a job's error records.
func Error() string { return "err_" + random(12) }

// Request returns `req_` and 16 base-36 characters, for requests that came
// without a usable X-Request-ID.
func Request() string {
	b := []byte("req_0000000000000000")
	for i := 4; i < len(b); i++ {
		b[i] = base36[mrand.IntN(36)]
	}
	return string(b)
}

// Short returns n lower-case random characters, e.g. to tell processes apart.
func Short(n int) string { return strings.ToLower(random(n)) }
