package profile

import (
	"sort"
	"strings"
	"testing"
)

// targetLists are the word lists every target profile fills: the checks
// that read them do not run for a language whose list is empty. A list
// added to the schema later joins here once every target fills it.
var targetLists = []string{
	"function", "determiners", "articles", "subject_pronouns", "pronouns", "prepositions",
	"conjunctions", "auxiliaries", "negation", "days", "months", "time_words",
	"reporting_verbs", "reporting_participles", "passive_participles", "title_introducers",
	"person_titles", "speaking_bodies", "interjections", "name_particles", "abbreviations",
	"interface", "calls_to_action", "loanwords", "credit_markers",
	"number_units", "negators", "negative_quantifiers", "nothing", "negation_idioms",
	"on_the_table", "choice_nouns", "sentence_final",
}

func listByKey(p *Profile, key string) *[]string {
	for _, l := range p.lists() {
		if l.key == key {
			return l.list
		}
	}
	return nil
}

func TestTargetLanguagesPresent(t *testing.T) {
	r := MustBuiltin()
	got := strings.Join(r.Targets(), " ")
	for _, want := range []string{"de", "es", "fr", "it", "pt"} {
		if p := r.Lookup(want); p == nil || !p.Target {
			t.Errorf("%s: no target profile (targets: %s)", want, got)
		}
	}
}

func TestTargetProfilesComplete(t *testing.T) {
	r := MustBuiltin()
	for _, lang := range r.Targets() {
		p := r.Lookup(lang)
		for _, key := range targetLists {
			l := listByKey(p, key)
			if l == nil {
				t.Fatalf("the schema has no word list %q any more: update targetLists", key)
			}
			if len(*l) == 0 {
				t.Errorf("%s: words.%s is empty", p.Source, key)
			}
		}
		if n := len(p.Set(&p.Words.Months)); n < 12 {
			t.Errorf("%s: %d distinct months, want 12 or more", p.Source, n)
		}
		if n := len(p.Set(&p.Words.Days)); n < 7 {
			t.Errorf("%s: %d distinct days, want 7 or more", p.Source, n)
		}
		if len(p.Quotes.Primary) != 2 || len(p.Quotes.Secondary) != 2 || p.Quotes.Apostrophe == "" {
			t.Errorf("%s: quotes need a primary and a secondary pair and an apostrophe: %+v", p.Source, p.Quotes)
		}
		// Straight quotes stand in for a language's marks; they are never
		// its own, so an article using them can be told apart.
		for _, pair := range append([][]string{p.Quotes.Primary, p.Quotes.Secondary}, p.Quotes.Alternates...) {
			for _, m := range pair {
				if m == `"` || m == "'" {
					t.Errorf("%s: straight quote %q among the language's quotation marks", p.Source, m)
				}
			}
		}
		n := p.Numbers
		if n.Decimal == "" || len(n.Group) == 0 || n.Clock == "" {
			t.Errorf("%s: numbers need a decimal mark, group separators and a clock: %+v", p.Source, n)
		}
		for _, g := range n.Group {
			if g == n.Decimal {
				t.Errorf("%s: %q is both the decimal mark and a group separator", p.Source, g)
			}
		}
	}
}

// No word is listed twice in one list: a repeat is a slip that hides a
// missing word. Abbreviations are compared as written (they are matched
// case-sensitively), the rest folded.
func TestNoRepeatedWords(t *testing.T) {
	for _, p := range MustBuiltin().All() {
		for _, l := range p.lists() {
			seen := map[string]string{}
			for _, w := range *l.list {
				k := Fold(w)
				if l.key == "abbreviations" {
					k = w
				}
				if first, dup := seen[k]; dup {
					t.Errorf("%s: words.%s lists %q twice (%q)", p.Source, l.key, first, w)
				}
				seen[k] = w
			}
		}
		seen := map[string]bool{}
		for _, w := range p.Elision {
			if seen[Fold(w)] {
				t.Errorf("%s: elision lists %q twice", p.Source, w)
			}
			seen[Fold(w)] = true
		}
	}
}

// maxFunctionOverlap bounds the share of function words two target
// languages may have in common, as a fraction of the smaller list. The
// language detector and the untranslated-text evidence count words of one
// language only; a word in two lists counts for both (or neither), so each
// shared word narrows the margin between close languages (es/pt, es/it,
// fr/es) and the cheap detector wants the winner at twice the runner-up.
// The French list is broad (it is also the untranslated checks' evidence
// against English, which wants de, un, se…), and those words are listed by
// the Romance languages that share them so that they count for neither in
// detection. Below a sixth, a text in one language still scores several
// times more words of its own (testdata_lang_test checks it on every
// article); today's highest pair is es/fr at 14%.
const maxFunctionOverlap = 0.16

func TestFunctionWordsOverlapLittle(t *testing.T) {
	r := MustBuiltin()
	targets := r.Targets()
	for i, a := range targets {
		for _, b := range targets[i+1:] {
			pa, pb := r.Lookup(a), r.Lookup(b)
			sa, sb := pa.Set(&pa.Words.Function), pb.Set(&pb.Words.Function)
			var shared []string
			for w := range sa {
				if sb[w] {
					shared = append(shared, w)
				}
			}
			sort.Strings(shared)
			if frac := float64(len(shared)) / float64(min(len(sa), len(sb))); frac > maxFunctionOverlap {
				t.Errorf("%s/%s share %.0f%% of their function words (%s), more than %.0f%%",
					a, b, 100*frac, strings.Join(shared, " "), 100*maxFunctionOverlap)
			}
		}
	}
}

// sharedWithEnglish are the English function words a target language also
// uses as a frequent word of its own. The target profile lists them as
// function words, so one-side evidence leaves them out; any other overlap
// would make a target-language word count as English.
var sharedWithEnglish = map[string]string{
	"was":  "de", // "was" (what)
	"so":   "de",
	"also": "de", // "also" (so, therefore)
	"will": "de", // "er will" (wants)
	"do":   "pt", // "do" (of the)
	"for":  "pt", // "se for" (future subjunctive of ser)
	"he":   "es", // "he dicho" (have)
	"all":  "it", // "all’" split at the apostrophe
}

func TestEnglishTracesAreNotTargetWords(t *testing.T) {
	r := MustBuiltin()
	en := r.Lookup("en")
	if en == nil || en.Target {
		t.Fatal("en: want a source-only profile")
	}
	for _, lang := range r.Targets() {
		p := r.Lookup(lang)
		fn := p.Set(&p.Words.Function)
		for w := range en.Set(&en.Words.Function) {
			if fn[w] && sharedWithEnglish[w] != lang {
				t.Errorf("%s: English function word %q is also a %s function word; keep it out of one list or document it in sharedWithEnglish", p.Source, w, lang)
			}
			if !fn[w] && sharedWithEnglish[w] == lang {
				t.Errorf("%s: %q is documented as shared with English but missing from the function words", p.Source, w)
			}
		}
		// English words the language writes as its own are no trace of English.
		own := map[string]bool{}
		for _, l := range []*[]string{&p.Words.Loanwords, &p.Words.Interface} {
			for w := range p.Set(l) {
				own[w] = true
			}
		}
		for _, l := range en.lists() {
			switch l.key {
			case "months", "days", "abbreviations", "credit_markers", "name_particles",
				"furniture_labels", "title_lowercase": // labels and title case, not traces
				continue
			}
			for w := range en.Set(l.list) {
				if own[w] {
					t.Errorf("en words.%s lists %q, which %s uses as its own (loanwords or interface)", l.key, w, lang)
				}
			}
		}
	}
}

// An elided word in a grammatical list ("l’", "dell’") is one of the
// language's elisions, and every elision ends with the apostrophe.
func TestElisionsConsistent(t *testing.T) {
	for _, p := range MustBuiltin().All() {
		el := p.Set(&p.Elision)
		for w := range el {
			if !strings.HasSuffix(w, "’") {
				t.Errorf("%s: elision %q does not end with ’", p.Source, w)
			}
		}
		for _, key := range []string{"determiners", "articles", "pronouns", "subject_pronouns", "prepositions", "conjunctions", "negation"} {
			for _, w := range *listByKey(p, key) {
				if f := Fold(w); strings.HasSuffix(f, "’") && !el[f] {
					t.Errorf("%s: words.%s has the elided %q, missing from elision", p.Source, key, w)
				}
			}
		}
	}
}
