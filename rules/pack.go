package rules

// Rule packs: phrase and pattern rules as data, in the manner of Vale
// styles. A small closed set of check kinds written in Go interprets them
// (pack_kinds_*.go: phrase, regex, acronym, each with its own entry type).
//
// Packs live in a directory per target language, a file per category:
// packs/fr/scraped.yaml, packs/fr/negation.yaml, packs/de/scraped.yaml…
// A rule id names a mechanism, never a language: every language's pack
// adds its own data (phrases, patterns, acronyms, examples) to the same
// rule, so configuration (--disable, severities, suppressions) applies in
// every language at once. At run time a rule uses the data of the
// document's language; Rule.Langs lists the languages that have data.
//
// A pack file:
//
//	lang: fr                      # the directory's language
//	rules:
//	  - id: scraped.read-more     # category.slug
//	    category: scraped         # optional: the id's prefix (checked when given)
//	    kind: phrase              # phrase, regex or acronym (below); every entry says it
//	    # The definition: exactly one entry of a rule, in any language, gives
//	    # these three; other languages' entries leave them out and inherit.
//	    severity: minor           # info, minor, major or critical
//	    title: Read-more link line
//	    doc: |                    # Markdown: what it flags, why, what to do
//	      ...
//	    # The mechanism: an entry that leaves one of these out inherits the
//	    # definition's.
//	    scope: line               # match (default), line or sentence
//	    position: line-start      # anywhere, line-start or line-alone (default:
//	                              # line-start for phrases under scope line, else anywhere)
//	    max_words: 30             # ignore lines longer than this (0: no limit)
//	    lines: any                # any (default; acronyms: not-caps), caps or not-caps
//	    case: insensitive         # or sensitive (regex and exclude patterns)
//	    message: Read-more link left in the article   # English
//	    safe: true                # mtaudit fix may apply the suggestion or deletion unattended
//	    confidence: 0.9           # 0 < c <= 1; default: the engine's
//	    # The language's data, never inherited.
//	    phrases: [lire aussi, read more]   # or patterns (+ group) or acronyms: the kind's data
//	    exclude: ['\bvoir aussi le\b']     # patterns that veto an overlapping match
//	    suggestion: ...           # optional; $1 or ${1} inserts a regex group, $0 the match
//	    examples:                 # both lists required in every language, each run by the tests
//	      trigger: ["Lire aussi : un titre"]
//	      ok: ["Il faut lire aussi ce rapport."]
//
// Matching works on a normalised view of the text (pack_kinds_view.go):
// lower case, accents removed, every apostrophe as ', every double quote
// (« » “ ”) as ", dashes as -, no-break spaces as spaces, runs of spaces as
// one. Phrases and the literals of patterns are normalised the same way, so
// `à lire aussi` matches "A LIRE AUSSI" and `l'application` matches
// "L’APPLICATION". With `case: sensitive` patterns run on a view that keeps
// the letters' case (still without accents). Offsets reported are always
// byte offsets into the original text.
//
// Kinds:
//
//   - phrase: `phrases` found on word boundaries. All phrase rules of a
//     language share one index, so a document is scanned once for all of
//     them.
//   - regex: RE2 `patterns` (Perl syntax), matched within one line; `group`
//     picks the submatch reported under scope match. Every pattern's
//     required literals prefilter the text, so a rule costs nothing on a
//     document that cannot match.
//   - acronym: `acronyms`, a map SOURCE: TARGET of acronyms matched case
//     sensitively as whole words, never next to another word in capitals
//     and, by default (`lines: not-caps`), never on a line in capitals; the
//     suggestion is the target acronym.
//
// Scopes say what a finding covers: the match; the whole line holding it
// (page furniture); or the sentence holding it, widened to the paragraph
// when flagged sentences make up two thirds of it (a disclaimer paragraph).
// Positions say where the match must stand: anywhere; opening its line
// (after bullets and punctuation); or alone on its line, with nothing but
// other matches of the rule and punctuation beside it.
//
// `safe: true` attaches an audit.Fix: under scope match it replaces the span
// with the suggestion; under scope line or sentence it deletes the span (a
// whole line goes with its line end and one adjoining blank line).
//
// Packs are decoded strictly: an unknown key (with the key it may be a typo
// of), a key of another kind, a value of the wrong type, or a semantic
// mistake (unknown kind, bad pattern, missing doc or examples, bad category
// or severity, a second definition, a second entry of one language) is an
// error naming the file and line, such as
// "rules/packs/fr/scraped.yaml:42: rule scraped.share: unknown kind \"phrases\"".

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

//go:embed packs
var packFS embed.FS

// builtinPackDir is where the embedded packs sit, builtinPackName the name
// their files go by in errors and origins.
const (
	builtinPackDir  = "packs"
	builtinPackName = "rules/packs"
)

var (
	packOnce  sync.Once
	packRules []*audit.Rule
	packErr   error
)

// PackRules returns the rules of the embedded packs (packs/<lang>/*.yaml),
// built once. Their metadata comes from pack_meta.txt when it matches the
// packs (pack_meta.go), and a language's files are decoded on the first
// document in that language; otherwise every file is decoded now.
func PackRules() ([]*audit.Rule, error) {
	packOnce.Do(func() {
		if rs, _, ok := builtinFromMeta(); ok {
			packRules = rs
			return
		}
		packRules, packErr = loadPackTrees(builtinTree())
	})
	return packRules, packErr
}

// builtinTree is the tree of the embedded packs.
func builtinTree() packTree { return packTree{packFS, builtinPackDir, builtinPackName} }

// LoadPacks reads and compiles the rule packs of a directory tree:
// dir/<lang>/<category>.yaml in fsys. The tree must define every rule it
// adds data to.
func LoadPacks(fsys fs.FS, dir string) ([]*audit.Rule, error) {
	return loadPackTrees(packTree{fsys, dir, dir})
}

// Registry returns every rule, Go rules and the built-in packs, with the
// packs of dir/<lang>/*.yaml in fsys added: a new language's data for
// existing rules, or new rules. A new language is then a profile (see
// profile.Registry.With), pack files and test articles, with no Go change.
// A nil fsys adds nothing (the registry All returns, rebuilt).
func Registry(fsys fs.FS, dir string) ([]*audit.Rule, error) {
	trees := []packTree{builtinTree()}
	if fsys != nil {
		trees = append(trees, packTree{fsys, dir, dir})
	}
	packs, err := loadPackTrees(trees...)
	if err != nil {
		return nil, fmt.Errorf("load rule packs: %w", err)
	}
	return assemble(packs)
}

// LoadPack decodes and compiles one pack file on its own (its rules are
// defined in it). name (such as "fr.yaml") prefixes every error with the
// line it concerns.
func LoadPack(name string, data []byte) ([]*audit.Rule, error) {
	errs := &packErrors{}
	entries := decodePackFile(&packSource{name: name, data: data}, errs)
	if err := errs.err(); err != nil {
		return nil, err
	}
	return compilePacks(entries, true)
}

// packTree is a directory of packs: dir/<lang>/*.yaml in fsys; name
// replaces dir in errors and origins.
type packTree struct {
	fsys      fs.FS
	dir, name string
}

// loadPackTrees decodes every file of the trees, then compiles them
// together: a rule's entries may come from several languages and trees.
func loadPackTrees(trees ...packTree) ([]*audit.Rule, error) {
	entries, err := decodePackTrees(trees...)
	if err != nil {
		return nil, err
	}
	// The built-in packs alone compile their patterns and literal automata
	// on first use (the tests compile them all); packs from outside are
	// compiled now, so that their errors come at load time.
	eager := false
	for _, t := range trees {
		eager = eager || t.fsys != fs.FS(packFS)
	}
	return compilePacks(entries, eager)
}

// decodePackTrees decodes every file of the trees and checks each file's
// category.
func decodePackTrees(trees ...packTree) ([]*packEntry, error) {
	errs := &packErrors{}
	var entries []*packEntry
	for _, t := range trees {
		var srcs []*packSource
		langs, err := fs.ReadDir(t.fsys, t.dir)
		if err != nil {
			return nil, fmt.Errorf("read rule packs: %w", err)
		}
		found := 0
		for _, l := range langs {
			if !l.IsDir() {
				if strings.HasSuffix(l.Name(), ".yaml") {
					errs.add(path.Join(t.name, l.Name()), 0, "a pack file sits in its language's directory (%s/<lang>/<category>.yaml)", t.name)
				}
				continue
			}
			names, err := fs.Glob(t.fsys, path.Join(t.dir, l.Name(), "*.yaml"))
			if err != nil {
				return nil, err
			}
			sort.Strings(names)
			for _, name := range names {
				found++
				data, err := fs.ReadFile(t.fsys, name)
				shown := path.Join(t.name, l.Name(), path.Base(name))
				if err != nil {
					errs.add(shown, 0, "%v", err)
					continue
				}
				srcs = append(srcs, &packSource{name: shown, dir: l.Name(), data: data})
			}
		}
		decoded, fileErrs := decodePackFiles(srcs, t.fsys == fs.FS(packFS))
		for i, src := range srcs {
			errs.list = append(errs.list, fileErrs[i].list...)
			checkFileCategory(src, decoded[i], errs)
			entries = append(entries, decoded[i]...)
		}
		if found == 0 {
			errs.add(t.name, 0, "no rule pack (<lang>/<category>.yaml) found")
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return entries, nil
}

// checkFileCategory holds a pack file to the rules of its category: the
// file is named after it (fr/negation.yaml).
func checkFileCategory(src *packSource, entries []*packEntry, errs *packErrors) {
	cat := strings.TrimSuffix(path.Base(src.name), ".yaml")
	if !audit.Category(cat).Valid() {
		errs.add(src.name, 0, "a pack file is named after the category of its rules (want one of %s)", categoryList())
		return
	}
	for _, e := range entries {
		if id := e.opts().ID; !strings.HasPrefix(id, cat+".") {
			errs.add(src.name, e.node.at("id"), "rule %s: a %s.yaml file holds %s rules only", id, cat, cat)
		}
	}
}

// packRule runs the data of the document's language.
type packRule struct {
	byLang map[string]*langCheck // fixed once compiled; the checks may come later
	def    *packEntry            // the rule's definition (pack_meta.go reads it)
	// keys and checks are byLang as a list (langKey of each language,
	// its check), made on the first run: a rule has data in a few
	// languages, and comparing a few integers on one cache line costs
	// less than a map look-up, which every rule paid on every document.
	slotsOnce sync.Once
	nSlots    int
	keys      [maxSlots]uint64
	checks    [maxSlots]*langCheck
	more      map[string]*langCheck // the languages past maxSlots, or with a long tag
}

// maxSlots bounds the languages a packRule looks up in its keys.
const maxSlots = 8

// langKey packs a language tag of up to seven bytes (every tag a pack
// directory has: "fr", "pt") and its length into an integer, one per
// tag; 0 for a longer tag (and the empty one), which is looked up in
// packRule.more.
func langKey(lang string) uint64 {
	if len(lang) > 7 {
		return 0
	}
	k := uint64(len(lang))
	for i := 0; i < len(lang); i++ {
		k = k<<8 | uint64(lang[i])
	}
	return k
}

// checkFor returns the rule's check of language lang, or nil.
func (r *packRule) checkFor(lang string) *langCheck {
	r.slotsOnce.Do(func() {
		for l, lc := range r.byLang {
			if k := langKey(l); k != 0 && r.nSlots < maxSlots {
				r.keys[r.nSlots], r.checks[r.nSlots] = k, lc
				r.nSlots++
				continue
			}
			if r.more == nil {
				r.more = map[string]*langCheck{}
			}
			r.more[l] = lc
		}
	})
	if k := langKey(lang); k != 0 {
		for i, key := range r.keys[:r.nSlots] {
			if key == k {
				return r.checks[i]
			}
		}
	}
	return r.more[lang]
}

// langCheck is one language's check of a rule. Under lazy compilation the
// check is built with every other check of its language on the first
// document in that language (langPack.ready).
type langCheck struct {
	lp    *langPack
	check *packCheck
}

func (r *packRule) run(pass *audit.Pass) {
	lang := pass.Doc.Lang
	if lang == "" && pass.Profile != nil {
		lang = pass.Profile.Lang
	}
	if lc := r.checkFor(lang); lc != nil {
		lc.lp.ready()
		if lc.lp.err != nil {
			// A built-in language whose files no longer match their
			// metadata: a broken build, which the tests catch
			// (TestPackMetaFresh); every rule of the language says so.
			panic(lc.lp.err)
		}
		if lc.check != nil {
			lc.check.run(pass)
		}
	}
}

// compilePacks groups the entries by rule id, checks each rule's
// definition and compiles every language's data.
func compilePacks(entries []*packEntry, eager bool) ([]*audit.Rule, error) {
	rs, _, err := compilePackRules(entries, eager)
	return rs, err
}

// compilePackRules is compilePacks, with each rule's packRule beside it.
func compilePackRules(entries []*packEntry, eager bool) ([]*audit.Rule, []*packRule, error) {
	errs := &packErrors{}
	byID := map[string][]*packEntry{}
	var ids []string
	for _, e := range entries {
		id := e.opts().ID
		if !checkID(e, errs) {
			continue
		}
		if _, ok := byID[id]; !ok {
			ids = append(ids, id)
		}
		byID[id] = append(byID[id], e)
	}
	langs := map[string]*langPack{}
	var out []*audit.Rule
	var prs []*packRule
	for _, id := range ids {
		if r, pr := compileRule(byID[id], langs, eager, errs); r != nil {
			out = append(out, r)
			prs = append(prs, pr)
		}
	}
	if eager {
		for _, lp := range langs {
			lp.ready()
			errs.list = append(errs.list, lp.errs.list...)
		}
	}
	if err := errs.err(); err != nil {
		return nil, nil, err
	}
	return out, prs, nil
}

// checkID checks an entry's id and category.
func checkID(e *packEntry, errs *packErrors) bool {
	o, n := e.opts(), e.node
	id := o.ID
	switch {
	case id == "":
		errs.add(e.src.name, n.line(), "rule #?: missing id")
		return false
	case !packIDPattern().MatchString(id):
		errs.add(e.src.name, n.at("id"), "rule %s: id %q must look like category.slug (lower case)", id, id)
		return false
	}
	prefix, _, _ := strings.Cut(id, ".")
	switch {
	case o.Category == "" && !audit.Category(prefix).Valid():
		errs.add(e.src.name, n.at("id"), "rule %s: unknown category %q (want one of %s)", id, prefix, categoryList())
		return false
	case o.Category == "":
	case !audit.Category(o.Category).Valid():
		errs.add(e.src.name, n.at("category"), "rule %s: unknown category %q (want one of %s)", id, o.Category, categoryList())
		return false
	case o.Category != prefix:
		errs.add(e.src.name, n.at("id"), "rule %s: id must start with its category %q", id, o.Category)
		return false
	}
	return true
}

// compileRule compiles the entries of one rule id: one definition, at
// most one entry per language, one kind.
func compileRule(entries []*packEntry, langs map[string]*langPack, eager bool, errs *packErrors) (*audit.Rule, *packRule) {
	id := entries[0].opts().ID
	// The definition is the entry that gives severity, title and doc; of
	// several that give some, the most complete, then the first loaded
	// (the built-in packs before others, languages in order).
	var def *packEntry
	for _, e := range entries {
		if o := e.opts(); o.defines() && (def == nil || definitionKeys(o) > definitionKeys(def.opts())) {
			def = e
		}
	}
	if def == nil {
		for _, e := range entries {
			errs.add(e.src.name, e.node.at("id"), "rule %s: no definition: one entry of the rule needs severity, title and doc", id)
		}
		return nil, nil
	}
	for _, e := range entries {
		if e == def || !e.opts().defines() || e.lang == def.lang {
			continue // a second entry of the definition's language is reported below
		}
		errs.add(e.src.name, e.node.at("id"), "rule %s: already defined at %s; severity, title and doc come from that one entry, and the entries of other languages add their data only", id, def.where())
	}
	bad := func(line int, format string, args ...any) {
		errs.add(def.src.name, line, "rule %s: %s", id, fmt.Sprintf(format, args...))
	}
	sev, ok := checkDefinition(def, bad)
	pr := &packRule{byLang: map[string]*langCheck{}, def: def}
	first := map[string]*packEntry{}
	fixable := false
	for _, e := range entries {
		if k := e.opts().Kind; k != def.opts().Kind {
			errs.add(e.src.name, e.node.at("kind"), "rule %s: kind %s, but the rule is of kind %s (%s)", id, k, def.opts().Kind, def.where())
			ok = false
			continue
		}
		if prev, dup := first[e.lang]; dup {
			errs.add(e.src.name, e.node.at("id"), "rule %s: duplicate id in language %s (first defined at %s)", id, e.lang, prev.where())
			ok = false
			continue
		}
		first[e.lang] = e
		lp := langs[e.lang]
		if lp == nil {
			lp = newLangPack(e.lang, eager)
			langs[e.lang] = lp
		}
		lc := &langCheck{lp: lp}
		pr.byLang[e.lang] = lc
		lp.pending = append(lp.pending, pendingCheck{lc, e, def})
		o := *e.opts()
		if e != def {
			o.inherit(def.opts())
		}
		fixable = fixable || o.safe()
	}
	if !ok {
		return nil, nil
	}
	r := &audit.Rule{
		ID: id, Category: audit.Category(strings.SplitN(id, ".", 2)[0]), Severity: sev,
		Title: strings.TrimSpace(def.opts().Title), Doc: strings.TrimSpace(def.opts().Doc),
		Fixable: fixable, Origin: fmt.Sprintf("%s:%d", def.src.name, def.node.line()), Run: pr.run,
	}
	for l := range pr.byLang {
		r.Langs = append(r.Langs, l)
	}
	sort.Strings(r.Langs)
	// The definition's examples first, then the other languages' in order.
	r.Examples = def.examples()
	for _, l := range r.Langs {
		if e := first[l]; e != def {
			r.Examples = append(r.Examples, e.examples()...)
		}
	}
	return r, pr
}

// definitionKeys counts the definition's keys an entry gives.
func definitionKeys(o *entryOptions) int {
	n := 0
	for _, v := range []string{o.Severity, o.Title, o.Doc} {
		if v != "" {
			n++
		}
	}
	return n
}

// langPack is what the rules of one language share: one phrase index and
// two literal indexes (folded and cased views) for all their entries, and
// the per-document analyses that scan with them.
type langPack struct {
	lang  string
	eager bool // compile patterns at load time (else on first use): packs from outside
	// pending are the checks of the language to build; ready builds them
	// once, errs collects what building them found wrong.
	pending []pendingCheck
	// lazy, for a built-in language whose rules came from the metadata,
	// are its checks in the order of a full load; ready decodes the
	// language's files and turns them into pending. err is then what
	// went wrong, which every rule of the language reports.
	lazy       []lazyCheck
	err        error
	once       sync.Once
	errs       packErrors
	phrases    *phraseIndex
	phraseHits *audit.Analysis[[]phraseHit]
	// phraseLits are the phrases as literals of the folded literal index,
	// whose scan finds them too (phraseLiterals.hits): one pass over the
	// view instead of two.
	phraseLits  phraseLiterals
	literals    [2]*literalIndex // folded, cased
	literalHits [2]*audit.Analysis[*literalHits]
	// common are the language's most frequent words (its profile's closed
	// classes), too common to prefilter a pattern on.
	common map[string]bool
	// gates lists, per literal of the folded and the cased index (by id),
	// the checks (packCheck.num) that can match only where one of their
	// literals was found, and that one is; see packCheck.gated.
	gates   [2][][]int32
	nChecks int
	// plans are the patterns' plans from the metadata (pack_meta.txt),
	// by planKey, for a built-in language: its patterns are then not
	// parsed (viewRegexp). planText is their encoded section, decoded by
	// ready. planned lists, when eager, the plans worked out, in order
	// (GeneratePackMeta writes them).
	plans    map[string]*viewPlan
	planText string
	planned  []plannedRegexp
}

// plannedRegexp is a pattern's plan under its planKey.
type plannedRegexp struct {
	key  string
	plan *viewPlan
}

// planKey names a pattern of a language as its plan is filed: the view
// it runs on, then the pattern as written.
func planKey(pattern string, cased bool) string {
	if cased {
		return "c" + pattern
	}
	return "f" + pattern
}

// viewRegexp compiles pattern for the language's view (cased or folded):
// from its plan in the metadata when there is one, else parsed.
func (lp *langPack) viewRegexp(pattern string, cased bool) (*viewRegexp, error) {
	key := planKey(pattern, cased)
	if pl := lp.plans[key]; pl != nil {
		return pl.viewRegexp(lp.eager)
	}
	pl, err := planViewRegexp(pattern, cased, lp.common)
	if err != nil {
		return nil, err
	}
	if lp.eager {
		lp.planned = append(lp.planned, plannedRegexp{key, pl})
	}
	return pl.viewRegexp(lp.eager)
}

func newLangPack(lang string, eager bool) *langPack {
	lp := &langPack{lang: lang, eager: eager, phrases: newPhraseIndex()}
	lp.phraseHits = &audit.Analysis[[]phraseHit]{
		Name: "pack phrases (" + lang + ")",
		Run: func(p *audit.Pass) []phraseHit {
			if len(lp.phraseLits.list) == 0 {
				return nil
			}
			t := audit.ResultOf(p, packViews).folded.text
			return lp.phraseLits.hits(t, audit.ResultOf(p, lp.literalHits[0]))
		},
	}
	for i, cased := range []bool{false, true} {
		lp.literals[i] = newLiteralIndex()
		lp.literalHits[i] = literalHitsAnalysis(fmt.Sprintf("pack literals (%s, cased %v)", lang, cased), lp.literals[i], cased, lp.literalHits[0])
	}
	return lp
}

// pendingCheck is a language's entry of a rule, waiting to be built.
type pendingCheck struct {
	into   *langCheck
	e, def *packEntry
}

// ready builds the language's checks, once: at load time for packs from
// outside (whose errors must come then), on the first document in the
// language for the built-in ones, whose data the tests build eagerly
// (TestPackRegexpsCompile). A process auditing one language thus never
// reads the entries of the four others (from pack_meta.txt) nor compiles
// their patterns. When eager, the literal
// automata are built now too; otherwise their first scan builds them.
func (lp *langPack) ready() {
	lp.once.Do(func() {
		lp.common = commonWords(lp.lang)
		if lp.lazy != nil {
			lp.pending = lp.decodeBuiltin()
			lp.plans = decodePlans(lp.planText, commonDigest(lp.common))
			lp.lazy = nil
		}
		var checks []*packCheck
		for _, p := range lp.pending {
			if c, ok := buildCheck(p.e, p.def, lp, &lp.errs); ok {
				p.into.check = c
				checks = append(checks, c)
			}
		}
		lp.pending = nil
		lp.phraseLits = lp.phrases.literals(lp.literals[0])
		lp.gateChecks(checks)
		lp.literals[1].proxyVia(lp.literals[0])
		if !lp.eager && len(lp.errs.list) > 0 {
			lp.err = fmt.Errorf("built-in rule packs of %s: %w", lp.lang, lp.errs.err())
		}
		if lp.eager {
			lp.literals[0].once.Do(lp.literals[0].build)
			lp.literals[1].once.Do(lp.literals[1].build)
		}
	})
}

// gateChecks numbers the language's checks and fills lp.gates: a regex
// check all of whose patterns have a literal prefilter (prefixes for those
// run anchored, required literals for the others) can match only where
// one of them was found, and a phrase check only where one of its phrases
// was (as a literal of the folded index). Either is gated by those
// literals: on a document that holds none (most documents, for most
// checks), its run stops before touching its patterns. Other checks
// (acronyms, patterns without a prefilter) always run.
func (lp *langPack) gateChecks(checks []*packCheck) {
	lp.nChecks = len(checks)
	add := func(view, id int, c *packCheck) {
		g := &lp.gates[view]
		if id >= len(*g) {
			*g = append(*g, make([][]int32, id+1-len(*g))...)
		}
		if l := (*g)[id]; len(l) == 0 || l[len(l)-1] != c.num {
			(*g)[id] = append(l, c.num)
		}
	}
	for i, c := range checks {
		c.lp, c.num = lp, int32(i)
		if i >= 64*len(docViews{}.opened) {
			break // past the bits a document has for them: never gated
		}
		var ids []int
		view := 0
		switch k := c.kind.(type) {
		case *regexKind:
			if k.isCased {
				view = 1
			}
			c.gated = true
			for _, p := range k.patterns {
				switch {
				case p.hits == nil:
					c.gated = false
				case p.prefixIDs != nil: // run anchored (regexKind.find)
					ids = append(ids, p.prefixIDs...)
				case p.lits != nil:
					ids = append(ids, p.litIDs...)
				default:
					c.gated = false
				}
			}
		case *phraseKind:
			c.gated = true
			for _, pl := range lp.phraseLits.list {
				if pl.owner == k.owner {
					ids = append(ids, pl.id)
				}
			}
		}
		if c.gated {
			for _, id := range ids {
				add(view, id, c)
			}
		}
	}
}

// commonWords folds the closed word classes of the language's built-in
// profile (function words, determiners, articles, prepositions,
// conjunctions, subject pronouns, negation, elided forms) the way pattern
// literals are folded. A language without a built-in profile has none:
// its patterns prefilter on any literal.
func commonWords(lang string) map[string]bool {
	reg, err := profile.Builtin()
	if err != nil {
		return nil
	}
	p := reg.Lookup(lang)
	if p == nil {
		return nil
	}
	w := p.Words
	out := map[string]bool{}
	for _, list := range [][]string{w.Function, w.Determiners, w.Articles, w.Prepositions,
		w.Conjunctions, w.SubjectPronouns, w.Negation, p.Elision} {
		for _, word := range list {
			out[strings.Trim(foldString(word, true), " '")] = true
		}
	}
	return out
}

func categoryList() string {
	names := make([]string, len(audit.Categories))
	for i, c := range audit.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}
