package discovery

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strings"
	"sync"
)

// WordNet synonyms widen a prompt's topic terms to the words a site may use
// instead ("licence" for "permit", "occupancy" for "tenancy"). wordnet.gz is
// compiled from WordNet 3.1 (Princeton University; licence in WORDNET-LICENSE) by
// internal/wordnetgen: for every lower-case noun, the other lemmas of its two most
// frequent senses, stemmed as this package stems, one sorted line per lemma. A
// match through WordNet counts for wordnetWeight of a match of the prompt's own
// word, since a synonym of some sense may not be the sense meant.
//
//go:generate sh -c "test -n \"$WORDNET_DICT\" || { echo 'set WORDNET_DICT to a WordNet dict folder (see internal/wordnetgen)'; exit 1; }; go run ../internal/wordnetgen -dict \"$WORDNET_DICT\" -out wordnet.gz"
//go:embed wordnet.gz
var wordnetGz []byte

const wordnetWeight = 0.8

// lexicon is the decompressed table and where each line starts; lookups binary
// search it, so loading costs one decompression and no map.
type lexicon struct {
	data  []byte
	lines []int32
}

var wordnetLexicon = sync.OnceValue(func() *lexicon {
	zr, err := gzip.NewReader(bytes.NewReader(wordnetGz))
	if err != nil {
		panic("discovery: wordnet.gz: " + err.Error())
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		panic("discovery: wordnet.gz: " + err.Error())
	}
	lx := &lexicon{data: data, lines: make([]int32, 0, 60000)}
	for i := 0; i < len(data); {
		lx.lines = append(lx.lines, int32(i))
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return lx
})

// line returns the key and synonym list of line i.
func (lx *lexicon) line(i int) (string, string) {
	start := int(lx.lines[i])
	end := len(lx.data)
	if i+1 < len(lx.lines) {
		end = int(lx.lines[i+1]) - 1
	}
	key, list, _ := strings.Cut(string(lx.data[start:end]), "\t")
	return key, list
}

// wordnet returns the synonyms of a stemmed term ("water quality") as stemmed
// token sequences.
func wordnet(term string) [][]string {
	lx := wordnetLexicon()
	i := sort.Search(len(lx.lines), func(i int) bool { k, _ := lx.line(i); return k >= term })
	if i == len(lx.lines) {
		return nil
	}
	key, list := lx.line(i)
	if key != term {
		return nil
	}
	var out [][]string
	for _, s := range strings.Split(list, "|") {
		out = append(out, strings.Fields(s))
	}
	return out
}

// wordnetAlts returns the WordNet synonyms of a stemmed term that the group does
// not already carry.
func wordnetAlts(term string, have [][]string) [][]string {
	var out [][]string
	for _, alt := range wordnet(term) {
		dup := false
		for _, h := range have {
			if strings.Join(h, " ") == strings.Join(alt, " ") {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, alt)
		}
	}
	return out
}

// Tokens is the engine's tokenizer: lower-case words of letters and digits,
// stemmed. internal/wordnetgen uses it so the table matches what the engine looks up.
func Tokens(s string) []string { return tokens(s) }
