package rules

import (
	"fmt"
	"math/bits"
	"regexp"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// acronymEntry is an entry of kind acronym: a map SOURCE: TARGET of
// source-language acronyms and the target language's own.
type acronymEntry struct {
	entryOptions `yaml:",inline"`
	Acronyms     map[string]string `yaml:"acronyms"`
}

// defaults: acronyms are not looked for on lines in capitals (a headline
// in capitals is full of words that look like acronyms), unless the entry
// says otherwise.
func (e *acronymEntry) defaults(o *entryOptions) {
	if o.Lines == "" {
		o.Lines = linesNotCaps
	}
}

func (e *acronymEntry) compile(b *kindBuild) kindResult {
	k, err := newAcronymKind(e.Acronyms)
	if err != nil {
		line := b.node.at("acronyms")
		for key := range e.Acronyms {
			if strings.Contains(err.Error(), fmt.Sprintf("%q", key)) {
				line = b.node.keyLine("acronyms", key)
			}
		}
		b.bad(line, "%v", err)
		return kindResult{suggests: true}
	}
	return kindResult{kind: k, suggests: true}
}

// acronymKind finds source-language acronyms standing alone as words, case
// sensitively, and suggests the target language's. An acronym next to
// another word in capitals is part of a capitalised phrase ("UN HOMME",
// "EU LIEU"), not an acronym, and is skipped.
type acronymKind struct {
	target map[string]string
}

var acronymKey = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}s?$`)

func newAcronymKind(m map[string]string) (*acronymKind, error) {
	if len(m) == 0 {
		return nil, fmt.Errorf("acronyms: needs at least one SOURCE: TARGET entry")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !acronymKey.MatchString(k) {
			return nil, fmt.Errorf("acronyms: %q is not an acronym (2 to 10 capitals or digits, starting with a capital, and an optional plural s)", k)
		}
		if strings.TrimSpace(m[k]) == "" {
			return nil, fmt.Errorf("acronyms: %q has no target", k)
		}
	}
	return &acronymKind{target: m}, nil
}

func (k *acronymKind) cased() bool { return true }

// find looks every word of the cased view that starts with a capital up in
// the map: one pass, no pattern.
func (k *acronymKind) find(_ *audit.Pass, dv *docViews) []viewMatch {
	t := dv.view(true).text
	var out []viewMatch
	for i := 0; i < len(t); i++ {
		i = nextCapitalPair(t, i)
		if i >= len(t) {
			break
		}
		// Every acronym has a capital or a digit second (acronymKey): a
		// capitalised word ("Paris", a sentence's first) is no look-up,
		// and nextCapitalPair skips nearly all of them. An acronym's
		// later capitals follow a letter, so they are skipped below.
		if c := t[i]; c < 'A' || c > 'Z' || i+1 >= len(t) || !packUpperOrDigit(t[i+1]) || !wordBoundaryBefore(t, i) {
			continue
		}
		j := wordRunEnd(t, i)
		if j-i <= 11 {
			if target, ok := k.target[t[i:j]]; ok && !capsWordAround(t, i, j) && !afterNameWord(t, i) {
				m := wholeMatch(i, j)
				m.suggestion = target
				out = append(out, m)
			}
		}
		i = j - 1
	}
	return out
}

// capsWordAround reports whether the word before [s, e) or after it, on
// the same line and separated only by spaces or an apostrophe-less hyphen,
// is written in capitals (two letters or more).
func capsWordAround(t string, s, e int) bool {
	// Word before.
	i := s
	for i > 0 && (t[i-1] == ' ') {
		i--
	}
	if i < s {
		j := i
		for j > 0 && packUpperOrDigit(t[j-1]) {
			j--
		}
		if i-j >= 2 && packHasUpper(t[j:i]) && (j == 0 || !packASCIIAlnum(t[j-1])) {
			return true
		}
	}
	// Word after.
	i = e
	for i < len(t) && t[i] == ' ' {
		i++
	}
	if i > e {
		j := i
		for j < len(t) && packUpperOrDigit(t[j]) {
			j++
		}
		if j-i >= 2 && packHasUpper(t[i:j]) && (j == len(t) || !packASCIIAlnum(t[j])) {
			return true
		}
	}
	return false
}

// afterNameWord reports whether the acronym follows a capitalised word that
// does not open its sentence: it is then part of a name ("Next Generation
// EU", "Team NATO") rather than a translatable acronym.
func afterNameWord(t string, s int) bool {
	i := s
	if i == 0 || t[i-1] != ' ' {
		return false
	}
	i--
	j := i
	for j > 0 && ('a' <= t[j-1] && t[j-1] <= 'z' || t[j-1] == '-') {
		j--
	}
	if j == 0 || j == i || !('A' <= t[j-1] && t[j-1] <= 'Z') {
		return false
	}
	j-- // the capital
	// What comes before the capitalised word: a sentence start or a line
	// start means the capital may be the sentence's.
	k := j
	for k > 0 && t[k-1] == ' ' {
		k--
	}
	if k == 0 || t[k-1] == '\n' || t[k-1] == '.' || t[k-1] == '!' || t[k-1] == '?' || t[k-1] == ':' || t[k-1] == '"' || t[k-1] == '(' {
		return false
	}
	return true
}

func packUpperOrDigit(c byte) bool { return 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }
func packASCIIAlnum(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

func packHasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// nextCapitalPair returns the offset of the first byte at or after i in
// t that may be an ASCII capital followed by a capital or a digit, or a
// little before it: text runs seven bytes at a time past blocks with none
// (most of a text, capitalised words included). It never passes such a
// pair; a lane of a byte past ASCII may be taken for a capital or a
// digit, which only stops it early.
func nextCapitalPair(t string, i int) int {
	for ; i+8 <= len(t); i += 7 {
		b := t[i : i+8]
		_ = b[7]
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// The lanes from 'A' to 'Z', and from '0' to '9' (exact for
		// ASCII: the high bit set in every lane keeps the subtractions
		// within their lanes); a pair starts in one of the first seven
		// lanes, the lane after it in the block.
		h := x | lanes80
		upper := (h - 0x41*lanes01) &^ (h - 0x5b*lanes01) & lanes80
		digit := (h - 0x30*lanes01) &^ (h - 0x3a*lanes01) & lanes80
		if m := upper & ((upper | digit) >> 8); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	return i
}
