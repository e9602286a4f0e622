package reports

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// A French article's report, with a message a rule produces.
func frenchResult(t *testing.T) *audit.Result {
	t.Helper()
	doc := mustDoc(t, "article.txt", marketText)
	doc.LangGiven = true
	f := audit.Finding{Span: find(t, marketText, "LIRE AUSSI  Les prix du café au plus haut depuis dix ans", 1),
		Rule: "scraped.read-more", Category: audit.Scraped, Severity: audit.Major, Source: audit.SourceRule,
		Message: "Read-more link swept into the article from the web page", Suggestion: "remove the line"}
	f.Fixes = []audit.Fix{{Message: "Remove the scraped line", Edits: []audit.Edit{{Start: f.Start, End: f.End}}}}
	return finish(t, &audit.Result{Doc: doc, Findings: []audit.Finding{f}})
}

func TestReportsInTheArticleLanguage(t *testing.T) {
	r := frenchResult(t)
	s := NewSummary(testTool)
	s.Add(r)
	for _, tc := range []struct {
		format, messages string
		want, not        []string
	}{
		{"markdown", "", []string{
			"**Verdict\u00a0: NON CONFORME**", "1 signalement (1 majeur)", "## Majeur (1)", "Catégorie\u00a0: résidu de page web",
			"Lien «\u00a0Lire aussi\u00a0» aspiré dans l’article depuis la page web",
			"**Suggestion\u00a0:** supprimer la ligne", "**Correction disponible\u00a0:** Supprimer la ligne aspirée",
		}, []string{"Read-more link", "Verdict:"}},
		{"markdown", "de", []string{"**Ergebnis: NICHT BESTANDEN**", "„Lesen Sie auch“-Link von der Webseite in den Artikel geraten", "Französisch (`fr`)"}, nil},
		{"markdown", "en", []string{"**Verdict: FAIL**", "Read-more link swept into the article from the web page", "**Suggestion:** remove the line"}, []string{"Lien"}},
		{"text", "", []string{
			"article.txt:5:1: major: Lien «\u00a0Lire aussi\u00a0» aspiré dans l’article depuis la page web [scraped.read-more]",
			"suggestion\u00a0: supprimer la ligne", "article.txt: fail: français (fr), ",
		}, nil},
		{"html", "es", []string{`<html lang="es">`, `lang="es"`, "Enlace de «Leer más» arrastrado desde la página web al artículo", "NO APTO", "Eliminar la línea arrastrada de la web"}, nil},
		// JSON keeps the English contract.
		{"json", "", []string{`"message": "Read-more link swept into the article from the web page"`}, []string{"localized", "Lien"}},
		{"sarif", "", []string{"Read-more link swept into the article from the web page"}, []string{"Lien"}},
	} {
		out := string(render(t, tc.format, Options{Tool: testTool, Messages: tc.messages}, []*audit.Result{r}, s))
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s --messages %q lacks %q:\n%s", tc.format, tc.messages, w, out)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(out, w) {
				t.Errorf("%s --messages %q holds %q", tc.format, tc.messages, w)
			}
		}
	}
}

// Asked for explicitly, JSON carries the translation beside the English.
func TestLocalizedJSON(t *testing.T) {
	r := frenchResult(t)
	for _, tc := range []struct{ messages, lang, msg, sugg string }{
		{"", "fr", "Lien «\u00a0Lire aussi\u00a0» aspiré dans l’article depuis la page web", "supprimer la ligne"},
		{"it", "it", "Link «Leggi anche» finito nell’articolo dalla pagina web", "eliminare la riga"},
		{"en", "en", "Read-more link swept into the article from the web page", "remove the line"},
	} {
		out := render(t, "jsonl", Options{Messages: tc.messages, LocalizeJSON: true}, []*audit.Result{r}, NewSummary(testTool))
		var a ArticleJSON
		if err := json.Unmarshal(out, &a); err != nil {
			t.Fatal(err)
		}
		f := a.Findings[0]
		if a.Messages != tc.lang || f.Message != "Read-more link swept into the article from the web page" ||
			f.MessageLocalized != tc.msg || f.Suggestion != "remove the line" || f.SuggestionLocalized != tc.sugg {
			t.Errorf("--messages %q: messages %q, finding %+v", tc.messages, a.Messages, f)
		}
	}
}

// The run's own text follows the configured target under auto, else the
// first article's language.
func TestRunTextLanguage(t *testing.T) {
	r := frenchResult(t)
	s := NewSummary(testTool)
	s.Add(r)
	s.Add(r)
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{}, "2 articles\u00a0: 0 conforme, 2 non conformes"},
		{Options{Lang: "de"}, "2 Artikel: 0 bestanden, 2 nicht bestanden"},
		{Options{Messages: "pt"}, "2 artigos: 0 aprovados, 2 reprovados"},
		{Options{Messages: "en", Lang: "fr"}, "2 articles: 0 pass, 2 fail"},
	} {
		out := string(render(t, "text", tc.o, []*audit.Result{r, r}, s))
		if !strings.Contains(out, tc.want) {
			t.Errorf("%+v: summary line not %q:\n%s", tc.o, tc.want, out)
		}
	}
}
