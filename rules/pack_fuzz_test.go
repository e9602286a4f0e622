package rules

import (
	"context"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

var (
	fuzzEngineOnce sync.Once
	fuzzEngine     *audit.Engine
	fuzzEngineErr  error
)

// packEngine runs every pack rule and the boilerplate rule.
func packEngine() (*audit.Engine, error) {
	fuzzEngineOnce.Do(func() {
		rs, err := All()
		if err != nil {
			fuzzEngineErr = err
			return
		}
		packs, err := PackRules()
		if err != nil {
			fuzzEngineErr = err
			return
		}
		cfg := audit.DefaultConfig()
		cfg.Lang = "fr"
		for _, r := range packs {
			cfg.Rules = append(cfg.Rules, r.ID)
		}
		cfg.Rules = append(cfg.Rules, boilerplateID)
		cfg.Boilerplate = map[string][]string{"*": {"Tous droits réservés", "© Exemple"}}
		fuzzEngine, fuzzEngineErr = audit.NewEngine(rs, cfg)
	})
	return fuzzEngine, fuzzEngineErr
}

// checkFindings fails on engine warnings (a rule that panicked or reported
// a bad span) and on findings or fixes out of bounds or off rune boundaries.
func checkFindings(t *testing.T, res *audit.Result) {
	t.Helper()
	text := res.Doc.Text
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w)
	}
	for _, f := range res.Findings {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
			t.Fatalf("%s: span [%d,%d) out of bounds (%d bytes)", f.Rule, f.Start, f.End, len(text))
		}
		if !utf8.RuneStart(text[f.Start]) || (f.End < len(text) && !utf8.RuneStart(text[f.End])) {
			t.Fatalf("%s: span [%d,%d) not on rune boundaries", f.Rule, f.Start, f.End)
		}
		for _, fx := range f.Fixes {
			if err := fx.Validate(len(text)); err != nil {
				t.Fatalf("%s: %v", f.Rule, err)
			}
			for _, e := range fx.Edits {
				if (e.Start < len(text) && !utf8.RuneStart(text[e.Start])) || (e.End < len(text) && !utf8.RuneStart(text[e.End])) {
					t.Fatalf("%s: fix edit [%d,%d) not on rune boundaries", f.Rule, e.Start, e.End)
				}
			}
		}
	}
}

func FuzzPackRules(f *testing.F) {
	rs, err := PackRules()
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range rs {
		for _, ex := range r.Examples {
			f.Add(ex.Text)
		}
	}
	f.Add("\uFEFFLIRE AUSSI\u00A0: titre\r\n\r\nPartager :\r\n")
	f.Add("A\u0301 lire aussi\u202F: Œuvre — «\u00A0NOUS ET L’UE SIGNENT\u00A0»…")
	f.Add("le 5\u2009Peut\u200B 2021, (cliché de piscine\u00AD du Sénat via AP)")
	f.Add("Ⱥ NATO ß ĳ ﬁ the WHO said\n\n\n© 2024 Exemple.\tTous droits réservés")
	f.Add("This was machine translated.")
	f.Fuzz(func(t *testing.T, text string) {
		// The views map every byte back to a rune start (for valid UTF-8;
		// any string must at least not panic), in order.
		folded, cased := newViews(text)
		if len(folded.text) != len(cased.text) || len(folded.offs.get()) != len(folded.text)+1 {
			t.Fatalf("views differ in length: %d, %d, map %d", len(folded.text), len(cased.text), len(folded.offs.get()))
		}
		prev := 0
		for i := 0; i <= len(folded.text); i++ {
			// A match [i-1, i) of one view byte maps to a span that is not
			// empty (start and end of one offset may cross where the view
			// dropped characters, as the CR of a CRLF).
			s, e := folded.start(i), folded.end(i)
			if s < prev || e > len(text) || (i > 0 && e <= folded.start(i-1)) {
				t.Fatalf("offset %d maps to [%d,%d), previous %d", i, s, e, prev)
			}
			if s < len(text) && !utf8.RuneStart(text[s]) && utf8.ValidString(text) {
				t.Fatalf("offset %d maps into a rune", i)
			}
			prev = s
		}
		if audit.CheckText([]byte(text)) != nil {
			return
		}
		eng, err := packEngine()
		if err != nil {
			t.Fatal(err)
		}
		doc, err := audit.NewDocument("fuzz.txt", []byte(text))
		if err != nil {
			return
		}
		checkFindings(t, eng.Audit(context.Background(), doc))
	})
}

func FuzzPackDecode(f *testing.F) {
	names, err := fs.Glob(packFS, "packs/*/*.yaml")
	if err != nil || len(names) == 0 {
		f.Fatal(names, err)
	}
	// Every entry of the built-in packs, each as a pack of its own: small
	// seeds keep the fuzzer's executions and minimisations quick.
	for _, name := range names {
		data, err := packFS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		head, body, ok := strings.Cut(string(data), "rules:\n")
		if !ok {
			f.Fatalf("%s: no rules", name)
		}
		for _, entry := range strings.Split(body, "\n  - id:")[1:] {
			f.Add([]byte(head + "rules:\n  - id:" + entry))
		}
	}
	f.Add([]byte(goodRule))
	f.Add([]byte(strings.Replace(goodRule, "    kind: phrase\n    phrases: [lire aussi]\n", "    kind: regex\n    patterns: ['(?i)\\b(lire) aussi\\b']\n    group: 1\n    suggestion: $1\n    safe: true\n", 1)))
	f.Add([]byte(strings.Replace(goodRule, "    kind: phrase\n    phrases: [lire aussi]\n", "    kind: acronym\n    acronyms: {NATO: OTAN}\n    lines: any\n", 1)))
	f.Add([]byte(strings.Replace(goodRule, "    message:", "    scope: sentence\n    exclude: ['^x']\n    message:", 1)))
	f.Add([]byte("lang: fr\nrules:\n  - &a {id: x.y}\n  - *a\n"))
	f.Add([]byte("lang: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := LoadPack("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if err := audit.ValidateRegistry(rs); err != nil {
			t.Fatalf("pack loaded but the registry is invalid: %v", err)
		}
		// A pack that loads compiles rules that run on anything.
		cfg := audit.DefaultConfig()
		cfg.Lang = rs[0].Langs[0]
		if p := profile.MustBuiltin().Lookup(cfg.Lang); p == nil || !p.Target {
			// A pack may be written for a language whose profile comes
			// from a directory (a sixth language); without it the engine
			// refuses the language, naming it.
			if _, err := audit.NewEngine(rs, cfg); err == nil || !strings.Contains(err.Error(), strconv.Quote(cfg.Lang)) {
				t.Fatalf("pack for %q, a language with no target profile: engine error %v", cfg.Lang, err)
			}
			return
		}
		eng, err := audit.NewEngine(rs, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			for _, ex := range r.Examples {
				doc, err := audit.NewDocument("ex.txt", []byte(ex.Text))
				if err != nil {
					continue
				}
				checkFindings(t, eng.Audit(context.Background(), doc))
			}
		}
	})
}
