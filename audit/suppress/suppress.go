// Package suppress decides which findings a run leaves out: a baseline
// (the findings a project had when it adopted mtaudit) or suppressions (the
// findings an editor dismissed, each with a reason). Both are one file
// format, a list of finding keys.
//
// A key names a finding by what it is, never by where it sits: the
// article (its id when the input has one, else its path), the rule, the
// quoted text (normalised) and which occurrence of that (rule, text) pair
// in the article it is. An edit elsewhere in the article moves every byte
// offset but changes no key, so an old finding stays suppressed; a new
// finding, or the same text flagged once more, has a key of its own.
package suppress

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/mtaudit/mtaudit/audit"
)

// Key identifies one finding across runs.
type Key struct {
	// Article is the document's id when it has one (a JSONL id, a feed
	// guid), else its path with forward slashes, as given to the run.
	Article string `json:"article"`
	Rule    string `json:"rule"`
	// Quote is the flagged text, normalised by NormalizeQuote.
	Quote string `json:"quote"`
	// Occurrence counts from 1 the findings of this rule on this quote in
	// the article, in reading order.
	Occurrence int `json:"occurrence"`
}

// Fingerprint is a short stable hash of the key, for formats that want one
// opaque string per finding (GitLab Code Quality).
func (k Key) Fingerprint() string {
	sum := sha256.Sum256([]byte(k.Article + "\x00" + k.Rule + "\x00" + k.Quote + "\x00" + strconv.Itoa(k.Occurrence)))
	return hex.EncodeToString(sum[:16])
}

// ArticleID is the article part of a document's keys.
func ArticleID(d *audit.Document) string {
	if d.ID != "" {
		return d.ID
	}
	p := filepath.ToSlash(d.Path)
	if p == "" || p == "-" {
		return p
	}
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(d.Path)), "./")
}

// NormalizeQuote makes the quote part of a key: Unicode NFC, every run of
// white space one space, trimmed. Re-wrapping a paragraph or a CRLF
// conversion then leaves keys as they were.
func NormalizeQuote(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Keys returns the key of each of findings (parallel to it) in document d.
// Occurrences are counted over findings in reading order, so pass every
// finding of the article, suppressed or not.
func Keys(d *audit.Document, findings []audit.Finding) []Key {
	order := make([]int, len(findings))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := findings[order[x]], findings[order[y]]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Rule < b.Rule
	})
	article := ArticleID(d)
	seen := map[[2]string]int{}
	keys := make([]Key, len(findings))
	for _, i := range order {
		f := findings[i]
		quote := ""
		if f.Start >= 0 && f.Start <= f.End && f.End <= len(d.Text) {
			quote = NormalizeQuote(d.Text[f.Start:f.End])
		}
		pair := [2]string{f.Rule, quote}
		seen[pair]++
		keys[i] = Key{Article: article, Rule: f.Rule, Quote: quote, Occurrence: seen[pair]}
	}
	return keys
}

// ResultKeys returns the keys of a result's findings.
func ResultKeys(r *audit.Result) []Key { return Keys(r.Doc, r.Findings) }
