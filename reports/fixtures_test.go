package reports

import (
	"errors"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// Hand-made results for the printers' tests: small documents written for
// these tests and findings placed on quotes by hand, so the golden files
// depend on the printers alone, never on the rules.

var testTool = Tool{Name: "mtaudit", Version: "test"}

const marketText = "Le marché de l'énergie recule après l'annonce de la banque centrale\n" +
	"\n" +
	"La ministre a déclaré que les [energy subsidies] seraient maintenues jusqu'en mars, une décision saluée par les syndicats et les fédérations d’industriels du pays.\n" +
	"\n" +
	"LIRE AUSSI  Les prix du café au plus haut depuis dix ans\n" +
	"\n" +
	"Selon l’agence, la hausse des taux a été confirmée mardi, a rapporté ..\n" +
	"Le ministre Jean Dupré et son adjoint ont signé l'accord ; Jean Dupre s'est dit « confiant ».\n"

const cleanText = "Les producteurs de lait obtiennent une hausse de 12,5 %\n" +
	"\n" +
	"Après trois semaines de négociations, M. Martin et Mme Leroy ont signé l’accord à Rennes (AFP).\n"

// injectionText carries Markdown and HTML an article must never slip into a
// report, a CRLF line end, a tab, and a long line of accented text around
// its findings.
const injectionText = "Titre : <script>alert(1)</script> et **gras**\r\n" +
	"\r\n" +
	"Un très long paragraphe évoque l’économie régionale, les échanges entre les ports, les coopératives agricoles et les élus locaux réunis à Évreux ; il cite [la source](http://exemple.invalid) puis\tune phrase en anglais: This sentence was left in English by the machine. Enfin, il conclut sur les perspectives d’emploi dans la région pour les années à venir.\r\n" +
	"\r\n" +
	"- 1. | colonne | ~barré~ # dièse & esperluette `code`\r\n"

func mustDoc(t testing.TB, path, text string) *audit.Document {
	t.Helper()
	d, err := audit.NewDocument(path, []byte(text))
	if err != nil {
		t.Fatalf("NewDocument(%s): %v", path, err)
	}
	d.Lang = "fr"
	return d
}

// find returns the span of the n-th (1-based) occurrence of quote in text.
func find(t testing.TB, text, quote string, n int) audit.Span {
	t.Helper()
	from := 0
	for k := 1; ; k++ {
		i := strings.Index(text[from:], quote)
		if i < 0 {
			t.Fatalf("quote %q (occurrence %d) not in text", quote, n)
		}
		if k == n {
			return audit.Span{Start: from + i, End: from + i + len(quote)}
		}
		from += i + 1
	}
}

// finish scores a hand-made result the way the engine does.
func finish(t testing.TB, r *audit.Result) *audit.Result {
	t.Helper()
	eng, err := audit.NewEngine(nil, audit.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	eng.Finish(r)
	return r
}

func sampleResults(t testing.TB) []*audit.Result {
	market := mustDoc(t, "testdata/marche-energie.txt", marketText)
	f := func(quote string, n int, rule string, cat audit.Category, sev audit.Severity, msg, sugg string, conf float64) audit.Finding {
		return audit.Finding{Span: find(t, marketText, quote, n), Rule: rule, Category: cat, Severity: sev,
			Message: msg, Suggestion: sugg, Source: audit.SourceRule, Confidence: conf}
	}
	scraped := f("LIRE AUSSI  Les prix du café au plus haut depuis dix ans", 1, "scraped.read-also", audit.Scraped, audit.Major,
		"Related-story link scraped into the article body", "", 0.95)
	scraped.Fixes = []audit.Fix{{Message: "Remove the scraped line", Edits: []audit.Edit{{Start: scraped.Start, End: scraped.End + 2}}}}
	dupre := f("Dupre", 1, "name.variant", audit.Name, audit.Major,
		"“Dupre” is spelled “Dupré” elsewhere in the article", "Dupré", 0.9)
	dupre.Source, dupre.Sources = audit.SourceRule, []string{audit.SourceLLM, audit.SourceRule}
	marketRes := finish(t, &audit.Result{Doc: market, Findings: []audit.Finding{
		f("[energy subsidies]", 1, "untranslated.bracket", audit.Untranslated, audit.Critical,
			"English left in brackets inside the French text", "subventions énergétiques", 0.97),
		scraped,
		f("a rapporté ..", 1, "garbled.double-stop", audit.Garbled, audit.Minor,
			"Sentence ends in a double full stop: the end was probably lost", "", 0),
		dupre,
		f("’", 1, "typography.mixed-apostrophes", audit.Typography, audit.Info,
			"Curly apostrophe where most of the article uses straight ones", "'", 0.6),
	}})

	clean := finish(t, &audit.Result{Doc: mustDoc(t, "testdata/lait.txt", cleanText)})

	inj := mustDoc(t, "testdata/injection.txt", injectionText)
	inj.Title = "Titre <b>gras</b> & **étoiles**"
	inj.URL = "https://exemple.invalid/article?id=1&x=`y`"
	g := func(quote string, rule string, cat audit.Category, sev audit.Severity, msg, sugg string) audit.Finding {
		return audit.Finding{Span: find(t, injectionText, quote, 1), Rule: rule, Category: cat, Severity: sev,
			Message: msg, Suggestion: sugg, Source: audit.SourceLLM, Confidence: 0.7}
	}
	injRes := finish(t, &audit.Result{Doc: inj, Findings: []audit.Finding{
		g("<script>alert(1)</script>", "untranslated.llm", audit.Untranslated, audit.Major, "Markup <em>left</em> in the text", "**rien**"),
		g("This sentence was left in English by the machine.", "untranslated.sentence", audit.Untranslated, audit.Major,
			"A whole sentence in English", "Cette phrase est restée en anglais."),
		g("[la source](http://exemple.invalid)", "grammar.link-text", audit.Grammar, audit.Minor, "Link text [x](y) fused into the sentence", ""),
		g("- 1. | colonne | ~barré~ # dièse & esperluette `code`", "scraped.line", audit.Scraped, audit.Minor, "Table | row\nsecond line", ""),
	}, Warnings: []string{"LLM pass failed: chunk 2: server said 503", "rule garbled.x failed: boom\ngoroutine 1 [running]:\nmain.go:12"},
		Stats: audit.Stats{LLM: &audit.LLMStats{Chunks: 2, Requests: 2, CacheHits: 1, PromptTokens: 1234, CompletionTokens: 56, Findings: 3, Unanchored: 1, Invalid: 2, Failed: true, Error: "chunk 2: server said 503"}}})
	return []*audit.Result{marketRes, clean, injRes}
}

// sampleSummary counts the sample results, one input error and the report
// names an --out run would give.
func sampleSummary(t testing.TB, results []*audit.Result) *Summary {
	s := NewSummary(testTool)
	for _, r := range results {
		s.Add(r)
		s.Worst[len(s.Worst)-1].Report = strings.TrimSuffix(strings.TrimPrefix(r.Doc.Path, "testdata/"), ".txt")
	}
	s.AddError("testdata/absent.txt", errors.New("no such file or directory"))
	s.AddError("testdata/image.png", audit.ErrBinary)
	s.Sort()
	return s
}
