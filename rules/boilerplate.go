package rules

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"github.com/mtaudit/mtaudit/audit"
)

// scraped.config-boilerplate: the user's own furniture phrases, per site.

const boilerplateID = "scraped.config-boilerplate"

func init() {
	register(&audit.Rule{
		ID:       boilerplateID,
		Category: audit.Scraped,
		Severity: audit.Major,
		Title:    "Boilerplate phrase from the configuration",
		Doc: `**What.** A line holding one of the boilerplate phrases listed in the
configuration under ` + "`boilerplate`" + `: the key ` + "`\"*\"`" + ` lists phrases for every
article, any other key is a site (` + "`example.com`" + `) whose phrases apply to articles
whose URL has that host (or a subdomain of it) or whose path names it
(` + "`corpus/example.com/article.txt`" + `). Phrases match like pack phrases: on word
boundaries, ignoring case, accents, apostrophe and space variants.

**Why.** Every site has its own furniture (a slogan, a footer, a promotion
for its app) that the built-in packs cannot know. Listing it once keeps it
out of every report.

**What to do.** Delete the line (the fix removes it with one adjoining blank
line).

The examples run with this configuration:

` + "```yaml" + `
boilerplate:
  "*": ["Tous droits de reproduction réservés"]
  example.com: ["L'info en continu avec Example"]
` + "```",
		Examples: []audit.Example{
			{Text: "Le conseil municipal a voté le budget.\n\nTous droits de reproduction réservés © 2023", Trigger: true},
			{Text: "TOUS DROITS DE REPRODUCTION RÉSERVÉS", Trigger: true, Note: "case and accents do not matter"},
			{Text: "Le conseil municipal a voté le budget.\n\nL'info en continu avec Example", Note: "a site's phrase applies only to that site's articles"},
			{Text: "Les droits de reproduction des œuvres sont réservés aux ayants droit."},
		},
		Fixable: true,
		Origin:  "rules/boilerplate.go",
		Run:     runConfigBoilerplate,
	})
	exampleConfigs[boilerplateID] = func() *audit.Config {
		c := audit.DefaultConfig()
		c.Boilerplate = map[string][]string{
			"*":           {"Tous droits de reproduction réservés"},
			"example.com": {"L'info en continu avec Example"},
		}
		return c
	}
}

// exampleConfigs holds the configuration a rule's examples run with, for
// rules whose behaviour depends on it; others use the default.
var exampleConfigs = map[string]func() *audit.Config{}

// ExampleConfig returns the configuration rule id's examples are audited
// with: the default one unless the rule's documentation says otherwise.
func ExampleConfig(id string) *audit.Config {
	if f, ok := exampleConfigs[id]; ok {
		return f()
	}
	return audit.DefaultConfig()
}

// boilerplateSet is the configuration's boilerplate for one document:
// the phrases of the sites that apply to it, folded like pack phrases.
type boilerplateSet struct {
	sites   []string
	phrases []boilerplatePhrase
}

type boilerplatePhrase struct {
	site    int    // index in sites
	text    string // folded
	first   int    // length of its first word
	wordEnd bool   // it ends in a letter or digit: the text must not go on with one
}

// compileBoilerplate folds the phrases of the sites of cfg.Boilerplate that
// apply to doc. It runs per document: a few dozen phrases fold in
// microseconds, and nothing outlives the audit.
func compileBoilerplate(cfg *audit.Config, doc *audit.Document) *boilerplateSet {
	sites := make([]string, 0, len(cfg.Boilerplate))
	for site := range cfg.Boilerplate {
		sites = append(sites, site)
	}
	sort.Strings(sites)
	set := &boilerplateSet{}
	for _, site := range sites {
		norm := normaliseSite(site)
		if !siteApplies(norm, doc) {
			continue
		}
		owner := len(set.sites)
		set.sites = append(set.sites, norm)
		seen := map[string]bool{}
		for _, p := range cfg.Boilerplate[site] {
			// Furniture often starts or ends with a symbol ("© 2023 …"):
			// match from the first letter or digit to the last.
			p = strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			f := strings.TrimSpace(foldString(p, true))
			if f == "" || seen[f] {
				continue
			}
			if w, _ := wordRuneAt(f, 0); !w {
				continue
			}
			seen[f] = true
			set.phrases = append(set.phrases, boilerplatePhrase{
				site: owner, text: f, first: wordRunEnd(f, 0), wordEnd: !wordBoundaryBefore(f, len(f)),
			})
		}
	}
	return set
}

// scan finds the phrases in the folded text t where they start and end on
// word boundaries, in text order (phrases at one place in the order of the
// configuration), as a phrase index would: a handful of phrases are found
// faster by a search each than by a scan word by word.
func (set *boilerplateSet) scan(t string) []phraseHit {
	var hits []phraseHit
	for _, p := range set.phrases {
		for from := 0; from < len(t); {
			k := strings.Index(t[from:], p.text)
			if k < 0 {
				break
			}
			i := from + k
			from = i + 1
			if wordBoundaryBefore(t, i) && wordRunEnd(t, i) == i+p.first &&
				(!p.wordEnd || wordBoundaryAt(t, i+len(p.text))) {
				hits = append(hits, phraseHit{owner: p.site, start: i, end: i + len(p.text)})
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	return hits
}

func normaliseSite(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "*" {
		return s
	}
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		s = u.Host
	}
	return strings.TrimPrefix(s, "www.")
}

// siteApplies reports whether a site key covers the document: "*", the
// URL's host or a parent domain of it, or a path that names the site.
func siteApplies(site string, doc *audit.Document) bool {
	if site == "*" {
		return true
	}
	if site == "" {
		return false
	}
	if doc.URL != "" {
		if u, err := url.Parse(doc.URL); err == nil {
			host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
			if host == site || strings.HasSuffix(host, "."+site) {
				return true
			}
		}
	}
	p := strings.ToLower(doc.Path)
	for from := 0; ; {
		k := strings.Index(p[from:], site)
		if k < 0 {
			return false
		}
		k += from
		end := k + len(site)
		if (k == 0 || !packASCIIAlnum(p[k-1])) && (end == len(p) || !packASCIIAlnum(p[end])) {
			return true
		}
		from = k + 1
	}
}

func runConfigBoilerplate(pass *audit.Pass) {
	if len(pass.Config.Boilerplate) == 0 {
		return
	}
	doc := pass.Doc
	set := compileBoilerplate(pass.Config, doc)
	if len(set.phrases) == 0 {
		return
	}
	v := audit.ResultOf(pass, packViews).folded
	done := map[int]bool{}
	for _, h := range set.scan(v.text) {
		li := doc.LineAt(v.start(h.start))
		if li < 0 || done[li] {
			continue
		}
		done[li] = true
		ln := doc.Lines[li]
		where := "every article"
		if s := set.sites[h.owner]; s != "*" {
			where = s
		}
		pass.Report(audit.Diagnostic{
			Start: ln.Start, End: ln.End,
			Message:    fmt.Sprintf("Boilerplate configured for %s: %q", where, v.src[v.start(h.start):v.end(h.end)]),
			Confidence: 0.95,
			Fixes:      []audit.Fix{audit.DeleteFix(doc, ln.Start, ln.End, "Remove the boilerplate line")},
		})
	}
}
