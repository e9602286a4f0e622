package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// inlineCases are texts in each language with a lexicon and the quotes
// untranslated.inline must flag in them (none: it must stay silent).
var inlineCases = []struct {
	lang, text string
	want       []string
}{
	// French.
	{"fr", "Zhao Chunshan, un sénior advisor du parti, a démenti l'information.", []string{"advisor"}},
	{"fr", "Les cinq entreprises aidaient à modernize l'armée, selon le ministère.", []string{"modernize"}},
	{"fr", "Le ministre a salué les mainland academics venus de Pékin.", []string{"mainland academics"}},
	{"fr", "Le vote aura lieu le 3 March à Paris, puis le Friday suivant.", []string{"March", "Friday"}},
	{"fr", "« Le gouvernement a blacklisted six entreprises », a-t-il déclaré.", []string{"blacklisted"}},
	{"fr", "Le groupe était heureusement rescatado après cinq jours dans la montagne.", []string{"rescatado"}},
	{"fr", "Les opposants ont critiqué un guijarral abandonné près de la ville-nivelar.", []string{"guijarral", "nivelar"}},
	{"fr", "Theresa May a rencontré le président de la Bank of America mardi.", nil},
	{"fr", "Le rapport de Human Rights Watch a été publié par le Mail on Sunday.", nil},
	{"fr", "Il a lancé « we will never surrender » devant la foule réunie.", nil},
	{"fr", "Les fonds spéculatifs (hedge funds) ont vendu, selon www.example-advisor.com et @advisor.", nil},
	{"fr", "Le week-end, la start-up a présenté son smartphone et son think tank sur le coronavirus.", nil},
	{"fr", "L'administration a publié un communiqué sur le village et la situation.", nil},
	{"fr", "Harms a qualifié l'affirmation de fausse. Twitter et Facebook ont réagi.", nil},
	{"fr", "Le gazoduc germano-russe et les troubles musculo-squelettiques inquiètent les dîners.", nil},
	{"fr", "The minister said that the plan would be approved by the end of the year.", nil},
	// Spanish.
	{"es", "El número de returnees buscando trabajos en China ha aumentado.", []string{"returnees"}},
	{"es", "El Biden administración el viernes blacklisted seis entidades chinas.", []string{"blacklisted"}},
	{"es", "Las casas fueron evacuadas el 3 de March por la tormenta.", []string{"March"}},
	{"es", "Los ingenieros hablaron con el ombudsman sobre el control del video y los millones de euros.", nil},
	{"es", "Un think tank alemán publicó su opinion sobre la expansion de la empresa.", nil},
	// German.
	{"de", "Er beschrieb die Änderungen nach dem Backlash bei der Firma.", []string{"Backlash"}},
	{"de", "Der Stadtrat will ein Krematorium next door to the village bauen.", []string{"next door to the village"}},
	{"de", "Die Spieler trafen sich beim President's Cup in Dublin.", []string{"President's Cup"}},
	{"de", "Die Polizei sagte, der Verdächtige sei am 3. March festgenommen worden.", []string{"March"}},
	{"de", "Die Premier League und Blue Origin gaben am Montag ihre Ergebnisse bekannt.", nil},
	{"de", "Rachel Reeves sagte am Dienstag, Reeves werde den Haushalt vorlegen.", nil},
	{"de", "Die Leute wohnen in Rust und fahren mit dem Team zum Training nach Much.", nil},
	// Italian.
	{"it", "Il governo ha nominato un nuovo advisor per la riforma fiscale.", []string{"advisor"}},
	{"it", "Il manager della squadra ha parlato del weekend con la stampa.", nil},
	// Portuguese.
	{"pt", "O governo anunciou que o airspace do país foi fechado ontem.", []string{"airspace"}},
	{"pt", "O presidente falou sobre o marketing da empresa e o futebol.", nil},
}

func TestUntranslatedInlineCases(t *testing.T) {
	engines := map[string]*audit.Engine{}
	for _, c := range inlineCases {
		eng := engines[c.lang]
		if eng == nil {
			eng = inlineEngine(t, c.lang)
			engines[c.lang] = eng
		}
		res := inlineAudit(t, eng, "case.txt", c.text)
		var got []string
		for _, f := range res.Findings {
			got = append(got, c.text[f.Start:f.End])
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", c.lang, c.text, got, c.want)
		}
	}
}

// TestUntranslatedInlineNoLexicon: a language without a lexicon gets no
// finding, whatever its text.
func TestUntranslatedInlineNoLexicon(t *testing.T) {
	res := inlineAudit(t, inlineEngine(t, "nl"), "nl.txt", "De regering heeft een advisor benoemd voor de airspace.")
	if len(res.Findings) != 0 {
		t.Errorf("findings in Dutch: %v", res.Findings)
	}
}

// TestUntranslatedInlineAccepted: the configuration's accept list wins.
func TestUntranslatedInlineAccepted(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Rules = []string{"untranslated.inline"}
	cfg.Lang = "fr"
	cfg.Accept = []string{"advisor"}
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := inlineAudit(t, eng, "a.txt", "Zhao Chunshan, un sénior advisor du parti, a démenti l'information.")
	if len(res.Findings) != 0 {
		t.Errorf("an accepted word is flagged: %v", res.Findings)
	}
}

// TestUntranslatedInlineArticles scores the rule on the test articles of
// testdata/inline (English news run through Apertium into Spanish and,
// through Spanish, French; gold from Apertium's unknown-word marks; see
// testdata/inline/build.py).
func TestUntranslatedInlineArticles(t *testing.T) {
	const minRecall, minPrecision = 0.8, 0.95
	for _, lang := range []string{"es", "fr"} {
		dir := filepath.Join("testdata", "inline", lang)
		names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(names) == 0 {
			t.Fatalf("%s: no articles (%v)", dir, err)
		}
		eng := inlineEngine(t, lang)
		required, hit, found, good := 0, 0, 0, 0
		for _, name := range names {
			text, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			gold := readInlineGold(t, strings.TrimSuffix(name, ".txt")+".gold.json", string(text))
			res := inlineAudit(t, eng, name, string(text))
			matched := make([]bool, len(gold))
			for _, f := range res.Findings {
				found++
				ok := false
				for k, g := range gold {
					if f.Start < g.End && g.Start < f.End {
						ok, matched[k] = true, true
					}
				}
				if ok {
					good++
				} else {
					t.Logf("FP %s: %q", name, string(text[f.Start:f.End]))
				}
			}
			for k, g := range gold {
				if g.optional {
					continue
				}
				required++
				if matched[k] {
					hit++
				} else {
					t.Logf("MISS %s: %q", name, string(text[g.Start:g.End]))
				}
			}
		}
		recall, precision := float64(hit)/float64(required), float64(good)/float64(max(found, 1))
		t.Logf("%s: recall %d/%d = %.2f, precision %d/%d = %.2f", lang, hit, required, recall, good, found, precision)
		if recall < minRecall || precision < minPrecision {
			t.Errorf("%s: recall %.2f (want ≥ %.2f), precision %.2f (want ≥ %.2f)", lang, recall, minRecall, precision, minPrecision)
		}
	}
}

type inlineGoldItem struct {
	audit.Span
	optional bool
}

// readInlineGold reads a gold file (../shared/spec/findings.md) into spans.
func readInlineGold(t *testing.T, path, text string) []inlineGoldItem {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Findings []struct {
			Quote      string `json:"quote"`
			Occurrence int    `json:"occurrence"`
			Optional   bool   `json:"optional"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []inlineGoldItem
	for _, f := range g.Findings {
		n, from := 0, 0
		for {
			i := strings.Index(text[from:], f.Quote)
			if i < 0 {
				t.Fatalf("%s: quote %q (occurrence %d) not in the text", path, f.Quote, f.Occurrence)
			}
			n++
			if f.Occurrence == 0 || n == f.Occurrence {
				out = append(out, inlineGoldItem{audit.Span{Start: from + i, End: from + i + len(f.Quote)}, f.Optional})
				break
			}
			from += i + 1
		}
	}
	return out
}

// BenchmarkUntranslatedInline audits a French article of about 1,000
// words (the test articles, repeated) with the rule alone; the lexicons
// are loaded before the timer starts.
func BenchmarkUntranslatedInline(b *testing.B) {
	for _, lang := range []string{"fr", "de"} {
		b.Run(lang, func(b *testing.B) {
			var text string
			if lang == "de" {
				text = strings.Repeat("Der Stadtrat will ein Krematorium next door to the village bauen, sagte Rachel Reeves am Dienstag. Er beschrieb die Änderungen nach dem Backlash bei der Firma, die am 3. March ihre Ergebnisse vorlegte.\n\n", 30)
			} else {
				names, _ := filepath.Glob(filepath.Join("testdata", "inline", "fr", "*.txt"))
				var sb strings.Builder
				for _, n := range names {
					data, err := os.ReadFile(n)
					if err != nil {
						b.Fatal(err)
					}
					sb.Write(data)
					sb.WriteString("\n")
				}
				text = sb.String()
			}
			eng := inlineEngine(b, lang)
			inlineAudit(b, eng, "warm.txt", text)
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				inlineAudit(b, eng, "a.txt", text)
			}
		})
	}
}

// FuzzUntranslatedInline runs the rule on arbitrary text in French, Spanish
// and German: no panic (the engine turns one into a warning), every span
// within the text and on rune boundaries.
func FuzzUntranslatedInline(f *testing.F) {
	for _, c := range inlineCases {
		f.Add(c.text)
	}
	for _, s := range []string{"", "«", "a-", "-a", "A's", "'s b", "le 3 March", "„x“ «y» “z” \"w\" (v) [u]", "x\u00a0-\u00a0y", "in Türkiye-", "Süd-Türkiye", "the Ministry of", "Der Cornwall Council of", "x (annualized)", "The Hague", "El Cairo", "Germany's"} {
		f.Add(s)
	}
	engines := map[string]*audit.Engine{}
	for _, l := range []string{"fr", "es", "de"} {
		engines[l] = inlineEngine(f, l)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if audit.CheckText([]byte(text)) != nil {
			return
		}
		for _, eng := range engines {
			res := inlineAudit(t, eng, "fuzz.txt", text)
			for _, fd := range res.Findings {
				if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End ||
					!utf8.RuneStart(text[fd.Start]) || (fd.End < len(text) && !utf8.RuneStart(text[fd.End])) {
					t.Fatalf("bad span [%d,%d) in %q", fd.Start, fd.End, text)
				}
			}
		}
	})
}
