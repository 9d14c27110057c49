// Package quality holds the discovery quality gate (quality_test.go): the public
// corpora in ../shared and the held-out sets A to M scored at each case's
// threshold, at 0.1 and at 0.7, against floors. `make quality` runs it.
package quality
