package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestPackMetaFresh holds pack_meta.txt to the packs: a pack edited
// without regenerating the file fails here (the binary would still work,
// decoding every pack at start-up).
func TestPackMetaFresh(t *testing.T) {
	want, err := GeneratePackMeta()
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != packMetaText {
		t.Fatalf("%s is stale: run `go generate ./rules/` (make generate)", PackMetaFile)
	}
}

// TestPackMetaMatchesFullLoad checks the registry built from the metadata
// against the one a full decode of the packs builds, field by field.
func TestPackMetaMatchesFullLoad(t *testing.T) {
	meta, _, ok := builtinFromMeta()
	if !ok {
		t.Fatalf("%s does not match the packs", PackMetaFile)
	}
	full, err := loadPackTrees(builtinTree())
	if err != nil {
		t.Fatal(err)
	}
	if len(meta) != len(full) {
		t.Fatalf("%d rules from the metadata, %d from the packs", len(meta), len(full))
	}
	strip := func(r *audit.Rule) audit.Rule {
		c := *r
		c.Run = nil
		return c
	}
	for i := range full {
		if m, f := strip(meta[i]), strip(full[i]); !reflect.DeepEqual(m, f) {
			t.Errorf("rule %s: from the metadata\n%+v\nfrom the packs\n%+v", f.ID, m, f)
		}
	}
}

// TestPackMetaBuildsLikeFullLoad builds every language's checks from the
// metadata (each language's files decoded on their own) and from a full
// load, and compares them.
func TestPackMetaBuildsLikeFullLoad(t *testing.T) {
	_, mprs, ok := builtinFromMeta()
	if !ok {
		t.Fatalf("%s does not match the packs", PackMetaFile)
	}
	entries, err := decodePackTrees(builtinTree())
	if err != nil {
		t.Fatal(err)
	}
	full, prs, err := compilePackRules(entries, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range full {
		mpr := mprs[i]
		for _, l := range r.Langs {
			a, b := mpr.byLang[l], prs[i].byLang[l]
			a.lp.ready()
			b.lp.ready()
			if a.lp.err != nil {
				t.Fatal(a.lp.err)
			}
			if a.check == nil || b.check == nil {
				t.Fatalf("rule %s (%s): no check", r.ID, l)
			}
			ca, cb := *a.check, *b.check
			ca.kind, cb.kind, ca.exclude, cb.exclude = nil, nil, nil, nil
			ca.lp, cb.lp = nil, nil // two loads' language packs (num and gated are compared)
			if !reflect.DeepEqual(ca, cb) {
				t.Errorf("rule %s (%s): from the metadata %+v, from the packs %+v", r.ID, l, ca, cb)
			}
			if !reflect.DeepEqual(a.lp.gates, b.lp.gates) || a.lp.nChecks != b.lp.nChecks {
				t.Errorf("rule %s (%s): the language's gates differ from a full load's", r.ID, l)
			}
			if ka, kb := reflect.TypeOf(a.check.kind), reflect.TypeOf(b.check.kind); ka != kb {
				t.Errorf("rule %s (%s): kind %v, want %v", r.ID, l, ka, kb)
			}
			if len(a.check.exclude) != len(b.check.exclude) {
				t.Errorf("rule %s (%s): %d exclude patterns, want %d", r.ID, l, len(a.check.exclude), len(b.check.exclude))
			}
		}
	}
}

// TestPackMetaMismatchReported: a built-in language whose entries do not
// match the metadata (a broken build) makes every rule of the language
// fail loudly (the engine turns the panic into a warning), never run
// silently without its data.
func TestPackMetaMismatchReported(t *testing.T) {
	def := &packEntry{lang: "fr", kind: &phraseEntry{}}
	def.opts().Kind = kindPhrase
	lp := newLangPack("fr", false)
	lc := &langCheck{lp: lp}
	lp.lazy = []lazyCheck{{lc, "scraped.no-such-rule", def}}
	pr := &packRule{byLang: map[string]*langCheck{"fr": lc}, def: def}
	defer func() {
		p := recover()
		if p == nil || !strings.Contains(fmt.Sprint(p), "scraped.no-such-rule") {
			t.Errorf("panic %v, want one naming the rule", p)
		}
	}()
	doc := &audit.Document{Text: "Lire aussi : un titre\n", Lang: "fr"}
	pr.run(audit.NewPass(doc, nil, func(audit.Diagnostic) {}))
}

// TestParsePackMetaErrors checks that a damaged metadata file is refused
// (the packs are then decoded in full).
func TestParsePackMetaErrors(t *testing.T) {
	for _, text := range []string{
		"packs 3:abc",
		"packs 99:abc\n",
		"packs x:abc\n",
		"kind 5:regex\n",
		"rule 3:a.b\nseverity 4:huge\n",
		"rule 3:a.b\nmax_words 2:xx\n",
		"rule 3:a.b\nwhat 1:x\n",
		"no-length\n",
	} {
		if _, _, err := parsePackMeta(text); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
	d, m, err := parsePackMeta("# c\npacks 2:ab\nrule 3:a.b\ndoc 3:x\ny\nlang 2:fr\ntrigger 1:t\nok 0:\n")
	var rs []*metaRule
	if m != nil {
		rs = m.rules
	}
	if err != nil || d != "ab" || len(rs) != 1 || rs[0].rule.Doc != "x\ny" || len(rs[0].rule.Examples) != 2 ||
		rs[0].rule.Examples[1].Text != "" || rs[0].rule.Examples[0].Lang != "fr" {
		t.Errorf("parse: %q %+v %v", d, rs, err)
	}
	if !strings.HasPrefix(packMetaText, "#") {
		t.Error("the metadata file opens with its generated-file comment")
	}
}

// TestPackPlansMatchParse checks the patterns' plans the metadata holds
// against those a full, eager load works out by parsing every pattern:
// one for every pattern of every language, equal field by field, so that
// a run that reads them builds the checks a parse would; and that plans
// made with other common words are not read.
func TestPackPlansMatchParse(t *testing.T) {
	meta := builtinMeta()
	if meta == nil {
		t.Fatalf("%s does not match the packs", PackMetaFile)
	}
	packs := builtinLangPacks(t, true)
	for lang, lp := range packs {
		plans := decodePlans(meta.plans[lang], commonDigest(lp.common))
		if decodePlans(meta.plans[lang], commonDigest(map[string]bool{"x": true})) != nil {
			t.Fatalf("%s: plans made with other common words read", lang)
		}
		want := map[string]bool{}
		for _, p := range lp.planned {
			want[p.key] = true
			got := plans[p.key]
			if got == nil {
				t.Fatalf("%s: no plan for %q", lang, p.key[1:])
			}
			if !reflect.DeepEqual(got, p.plan) {
				t.Fatalf("%s: pattern %q: plan %+v, parsed %+v", lang, p.key[1:], got, p.plan)
			}
		}
		if len(want) == 0 || len(plans) != len(want) {
			t.Fatalf("%s: %d plans, %d patterns", lang, len(plans), len(want))
		}
	}
	if len(packs) < 5 {
		t.Fatalf("%d languages", len(packs))
	}
}

// TestPackPlansRead checks that every built-in language built from the
// metadata reads its plans (a language that did not would parse its
// patterns again on its first document, silently).
func TestPackPlansRead(t *testing.T) {
	_, prs, ok := builtinFromMeta()
	if !ok {
		t.Fatalf("%s does not match the packs", PackMetaFile)
	}
	for _, pr := range prs {
		for lang, lc := range pr.byLang {
			if lc.lp.ready(); len(lc.lp.plans) == 0 {
				t.Fatalf("%s: no plans read", lang)
			}
		}
	}
}
