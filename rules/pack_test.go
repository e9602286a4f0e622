package rules

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func TestPacksLoad(t *testing.T) {
	rs, err := PackRules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) < 20 {
		t.Fatalf("only %d pack rules", len(rs))
	}
	origin := regexp.MustCompile(`^rules/packs/[a-z]{2}/([a-z]+)\.yaml:\d+$`)
	for _, r := range rs {
		m := origin.FindStringSubmatch(r.Origin)
		if m == nil || m[1] != string(r.Category) {
			t.Errorf("%s: origin %q", r.ID, r.Origin)
		}
		if len(r.Langs) == 0 {
			t.Errorf("%s: no languages", r.ID)
		}
		for _, ex := range r.Examples {
			if !slices.Contains(r.Langs, ex.Lang) {
				t.Errorf("%s: example in %q, not one of the rule's languages %v: %q", r.ID, ex.Lang, r.Langs, ex.Text)
			}
		}
	}
	// The French data is where it was moved: a directory, a file per category.
	names, err := fs.Glob(packFS, "packs/fr/*.yaml")
	if err != nil || len(names) < 4 {
		t.Fatalf("packs/fr: %v %v", names, err)
	}
}

// goodRule is a valid entry; tests break one field at a time.
const goodRule = `lang: fr
rules:
  - id: scraped.test
    category: scraped
    severity: major
    title: A test rule
    doc: It flags a test phrase.
    kind: phrase
    phrases: [lire aussi]
    message: Read-more link
    examples:
      trigger: ["Lire aussi : un titre"]
      ok: ["Rien."]
`

func TestLoadPackGood(t *testing.T) {
	rs, err := LoadPack("fr.yaml", []byte(goodRule))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].ID != "scraped.test" || rs[0].Origin != "fr.yaml:3" || !slices.Equal(rs[0].Langs, []string{"fr"}) {
		t.Fatalf("got %+v", rs)
	}
	if len(rs[0].Examples) != 2 || !rs[0].Examples[0].Trigger || rs[0].Examples[1].Trigger || rs[0].Examples[0].Lang != "fr" {
		t.Errorf("examples %+v", rs[0].Examples)
	}
}

// TestLoadPackErrors checks that each mistake is reported at its line.
func TestLoadPackErrors(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           string // substring of the error, with the line
	}{
		{"unknown key", "    kind: phrase\n", "    kind: phrase\n    colour: blue\n", `fr.yaml:9: rule scraped.test: unknown key "colour"`},
		{"typo", "    message:", "    mesage: x\n    message:", `fr.yaml:10: rule scraped.test: unknown key "mesage" (did you mean "message"?)`},
		{"nested typo", "      ok:", "      okay: [x]\n      ok:", `fr.yaml:13: rule scraped.test: unknown key "examples.okay" (did you mean "examples.ok"?)`},
		{"unknown top key", "lang: fr\n", "lang: fr\nversion: 2\n", `fr.yaml:2: unknown key "version"`},
		{"top typo", "rules:\n", "rule:\n", `fr.yaml:2: unknown key "rule" (did you mean "rules"?)`},
		{"key of another kind", "    message:", "    patterns: ['x']\n    message:", "fr.yaml:10: rule scraped.test: patterns is for kind regex only"},
		{"kind typo", "    kind: phrase\n", "    kind: phrases\n", `fr.yaml:8: rule scraped.test: unknown kind "phrases" (did you mean "phrase"?)`},
		{"wrong type", "    phrases: [lire aussi]\n", "    phrases: {a: b}\n", "fr.yaml:9:"},
		{"bad regex", "    kind: phrase\n    phrases: [lire aussi]\n", "    kind: regex\n    patterns:\n      - 'ok'\n      - 'a(b'\n", "fr.yaml:11: rule scraped.test: bad pattern"},
		{"bad exclude", "    message:", "    exclude: ['[z-a]']\n    message:", "fr.yaml:10: rule scraped.test: bad exclude pattern"},
		{"missing doc", "    doc: It flags a test phrase.\n", "", "fr.yaml:3: rule scraped.test: missing doc"},
		{"empty doc", "    doc: It flags a test phrase.\n", "    doc: '  '\n", "fr.yaml:3: rule scraped.test: missing doc"},
		{"unknown kind", "    kind: phrase\n", "    kind: phrasal\n", "fr.yaml:8: rule scraped.test: unknown kind \"phrasal\""},
		{"missing kind", "    kind: phrase\n", "", "missing kind"},
		{"bad category", "    category: scraped\n", "    category: furniture\n", "fr.yaml:4: rule scraped.test: unknown category \"furniture\""},
		{"category mismatch", "    category: scraped\n", "    category: garbled\n", "fr.yaml:3: rule scraped.test: id must start with its category"},
		{"category from id", "  - id: scraped.test\n    category: scraped\n", "  - id: furniture.test\n", "fr.yaml:3: rule furniture.test: unknown category \"furniture\""},
		{"bad severity", "    severity: major\n", "    severity: huge\n", "fr.yaml:5: rule scraped.test: unknown severity"},
		{"missing severity", "    severity: major\n", "", "fr.yaml:3: rule scraped.test: missing severity"},
		{"no trigger examples", `      trigger: ["Lire aussi : un titre"]` + "\n", "", "fr.yaml:12: rule scraped.test: examples: needs at least one trigger example"},
		{"no ok examples", `      ok: ["Rien."]` + "\n", "", "needs at least one ok example"},
		{"bad id", "  - id: scraped.test\n", "  - id: Scraped Test\n", "fr.yaml:3: rule Scraped Test: id \"Scraped Test\" must look like category.slug"},
		{"bad scope", "    message:", "    scope: page\n    message:", "fr.yaml:10: rule scraped.test: scope \"page\""},
		{"bad group", "    kind: phrase\n    phrases: [lire aussi]\n", "    kind: regex\n    patterns: ['(a)b']\n    group: 2\n", "fr.yaml:10: rule scraped.test: group 2"},
		{"phrase with group", "    message:", "    group: 1\n    message:", "fr.yaml:10: rule scraped.test: group is for kind regex only"},
		{"bad phrase", "    phrases: [lire aussi]\n", "    phrases: ['» lire']\n", "fr.yaml:9: rule scraped.test: phrase"},
		{"bad acronym", "    kind: phrase\n    phrases: [lire aussi]\n", "    kind: acronym\n    acronyms:\n      NATO: OTAN\n      un: ONU\n", "fr.yaml:11: rule scraped.test: acronyms: \"un\" is not an acronym"},
		{"safe without suggestion", "    message:", "    safe: true\n    message:", "fr.yaml:10: rule scraped.test: safe"},
		{"confidence", "    message:", "    confidence: 2\n    message:", "fr.yaml:10: rule scraped.test: confidence 2"},
		{"bad lang", "lang: fr\n", "lang: french\n", "fr.yaml:1: lang"},
		{"two documents", "", "---\nlang: en\n", "one YAML document"},
		{"not yaml", "lang: fr\n", "lang: [fr\n", "fr.yaml:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := goodRule
			if c.old == "" {
				src += c.new
			} else {
				if !strings.Contains(src, c.old) {
					t.Fatalf("test case does not apply: %q", c.old)
				}
				src = strings.Replace(src, c.old, c.new, 1)
			}
			_, err := LoadPack("fr.yaml", []byte(src))
			if err == nil {
				t.Fatalf("no error for\n%s", src)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q\npack:\n%s", err, c.want, src)
			}
		})
	}
}

func TestLoadPackDuplicateID(t *testing.T) {
	src := goodRule + strings.TrimPrefix(goodRule, "lang: fr\nrules:\n")
	_, err := LoadPack("fr.yaml", []byte(src))
	if err == nil || err.Error() != "fr.yaml:14: rule scraped.test: duplicate id in language fr (first defined at fr.yaml:3)" {
		t.Fatalf("got %v", err)
	}
}

func TestLoadPackEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "lang: fr\n", "lang: fr\nrules: []\n"} {
		if _, err := LoadPack("fr.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), "fr.yaml") {
			t.Errorf("%q: got %v", src, err)
		}
	}
}

// TestViewOffsets checks that the normalised views map back to rune
// boundaries of the original text.
func TestViewOffsets(t *testing.T) {
	src := "\uFEFFL’ŒUVRE\u00A0\u00A0«\u202FÉté\u202F»\r\nA\u0301 lire—aussi…\tFIN"
	v := newView(src, true)
	if want := "l'oeuvre \" ete \"\na lire-aussi... fin"; v.text != want {
		t.Fatalf("folded %q, want %q", v.text, want)
	}
	c := newView(src, false)
	if want := "L'OEUVRE \" Ete \"\nA lire-aussi... FIN"; c.text != want {
		t.Fatalf("cased %q, want %q", c.text, want)
	}
	for i := 0; i <= len(v.text); i++ {
		for _, o := range []int{v.start(i), v.end(i)} {
			if o < 0 || o > len(src) || (o < len(src) && !utf8.RuneStart(src[o])) {
				t.Fatalf("offset %d maps to %d, not a rune start", i, o)
			}
		}
	}
	k := strings.Index(v.text, "oeuvre")
	if got := src[v.start(k):v.end(k+len("oeuvre"))]; got != "ŒUVRE" {
		t.Errorf("oeuvre maps to %q", got)
	}
	if got := src[v.start(k):v.end(k+1)]; got != "Œ" {
		t.Errorf("half of œ maps to %q", got)
	}
	k = strings.Index(v.text, "a lire")
	if got := src[v.start(k):v.end(k+len("a lire"))]; got != "A\u0301 lire" {
		t.Errorf("a lire maps to %q", got)
	}
}

// auditWith runs the named rules on text.
func auditWith(t *testing.T, text string, ids ...string) *audit.Result {
	t.Helper()
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Rules, cfg.Lang = ids, "fr"
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := audit.NewDocument("t.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	res := eng.Audit(context.Background(), doc)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	return res
}

func applyFix(text string, fx audit.Fix) string {
	var b strings.Builder
	pos := 0
	for _, e := range fx.Edits {
		b.WriteString(text[pos:e.Start])
		b.WriteString(e.New)
		pos = e.End
	}
	return b.String() + text[pos:]
}

func TestPackSpansAndFixes(t *testing.T) {
	cases := []struct {
		rule, text string
		quotes     []string
		fixed      string // after applying the first finding's fix; "" for none
	}{
		{"scraped.read-more", "Premier paragraphe.\r\n\r\n»\u00A0LIRE AUSSI\u00A0: Un titre\r\n\r\nDernier paragraphe.",
			[]string{"»\u00A0LIRE AUSSI\u00A0: Un titre"}, "Premier paragraphe.\r\n\r\nDernier paragraphe."},
		{"scraped.read-more", "Premier paragraphe.\n\nREAD  Un titre",
			[]string{"READ  Un titre"}, "Premier paragraphe."},
		{"scraped.share-buttons", "Partager :\n\nLe texte commence ici.",
			[]string{"Partager :"}, "Le texte commence ici."},
		{"scraped.mt-disclaimer", "Un paragraphe.\n\nThis article was machine translated. It may contain errors. (Feed v2)",
			[]string{"This article was machine translated. It may contain errors. (Feed v2)"}, "Un paragraphe."},
		{"scraped.mt-disclaimer", "Le conseil a voté. Cet article a été traduit automatiquement par nos soins. La suite est humaine et longue, avec beaucoup de mots pour peser plus lourd que la phrase.",
			[]string{"Cet article a été traduit automatiquement par nos soins."}, "Le conseil a voté. La suite est humaine et longue, avec beaucoup de mots pour peser plus lourd que la phrase."},
		{"mistranslation.may-peut", "Le vote aura lieu le 12\u00A0Peut, puis en Peut 2024.",
			[]string{"Peut", "Peut"}, "Le vote aura lieu le 12\u00A0mai, puis en Peut 2024."},
		{"mistranslation.press-pool", "(Jean Dupont, images de piscine du Sénat via AP)",
			[]string{"images de piscine"}, ""},
		{"untranslated.acronym", "L’UN et la NATO, avec le FMI et l’EU.",
			[]string{"UN", "NATO", "EU"}, ""},
		{"negation.option-on-the-table", "À l’en croire, aucune option militaire n’était sur la table.",
			[]string{"aucune option militaire n’était sur la table"}, ""},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			res := auditWith(t, c.text, c.rule)
			var quotes []string
			for _, f := range res.Findings {
				quotes = append(quotes, c.text[f.Start:f.End])
			}
			if fmt.Sprint(quotes) != fmt.Sprint(c.quotes) {
				t.Fatalf("quotes %q, want %q", quotes, c.quotes)
			}
			if c.fixed == "" {
				return
			}
			if len(res.Findings[0].Fixes) != 1 {
				t.Fatalf("no fix: %+v", res.Findings[0])
			}
			if got := applyFix(c.text, res.Findings[0].Fixes[0]); got != c.fixed {
				t.Errorf("fixed text %q, want %q", got, c.fixed)
			}
		})
	}
}

func TestAcronymSuggestion(t *testing.T) {
	res := auditWith(t, "Le sommet de la NATO et de l’EU.", "untranslated.acronym")
	if len(res.Findings) != 2 || res.Findings[0].Suggestion != "OTAN" || res.Findings[1].Suggestion != "UE" {
		t.Fatalf("%+v", res.Findings)
	}
	if res.Findings[0].Message != "English acronym NATO left untranslated" {
		t.Errorf("message %q", res.Findings[0].Message)
	}
}

// auditPackRules runs only the pack rules on docs and returns findings per
// document and the total.
func auditPackRules(t testing.TB, docs map[string]string) (map[string][]string, int) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	packs, err := PackRules()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	for _, r := range packs {
		cfg.Rules = append(cfg.Rules, r.ID)
	}
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	total := 0
	for k, text := range docs {
		doc, err := audit.NewDocument(k, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		res := eng.Audit(context.Background(), doc)
		for _, w := range res.Warnings {
			t.Errorf("%s: %s", k, w)
		}
		for _, f := range res.Findings {
			out[k] = append(out[k], fmt.Sprintf("%s %q", f.Rule, text[f.Start:f.End]))
			total++
		}
	}
	return out, total
}

// TestPackFalsePositivesHumanNews runs the pack rules on human French news
// (French originals and professional translations), where every finding is
// a false positive.
func TestPackFalsePositivesHumanNews(t *testing.T) {
	docs := benchTexts(loadBenchDocs(t, humanNewsTSV, humanNewsKey, "text"))
	found, total := auditPackRules(t, docs)
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s: %s", k, strings.Join(found[k], "; "))
	}
	t.Logf("pack rules on human news: %d findings in %d documents (%d flagged), %.3f per document",
		total, len(docs), len(found), float64(total)/float64(len(docs)))
	// Measured: 5 findings in 215 documents, every one of them page
	// furniture that the WMT scrape kept in the French originals (two
	// "LIRE AUSSI -" / "À voir aussi -" link lines, three "Publié le …
	// à 22h48" stamps): right by the tool's purpose, false positives by the
	// bench's definition. No other category may fire at all.
	if total > 5 {
		t.Errorf("%d findings on human news (measured 5)", total)
	}
	for k, fs := range found {
		if len(fs) > 1 {
			t.Errorf("%s: %d findings", k, len(fs))
		}
		for _, f := range fs {
			if !strings.HasPrefix(f, "scraped.read-more ") && !strings.HasPrefix(f, "scraped.timestamp ") {
				t.Errorf("%s: false positive %s", k, f)
			}
		}
	}
}

// TestPackRulesOnMTNews runs the pack rules on real de→fr MT news. There is
// no gold; the findings are logged for inspection (go test -v) and must
// stay rare: that MT has none of the web furniture these rules target.
func TestPackRulesOnMTNews(t *testing.T) {
	docs := benchTexts(loadBenchDocs(t, mtNewsTSV, mtNewsKey, "target_text"))
	found, total := auditPackRules(t, docs)
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s: %s", k, strings.Join(found[k], "; "))
	}
	t.Logf("pack rules on de→fr MT news: %d findings in %d documents", total, len(docs))
	if float64(total) > 0.05*float64(len(docs)) {
		t.Errorf("%d findings in %d MT documents: more than 5%%", total, len(docs))
	}
}

// benchParagraphs are ordinary news paragraphs (written for this test),
// with a little page furniture, cycled into a large text.
var benchParagraphs = []string{
	"Le gouvernement a présenté mercredi en Conseil des ministres un projet de loi visant à simplifier les démarches administratives des petites entreprises, a annoncé la porte-parole à l’issue de la réunion.",
	"Selon les chiffres publiés jeudi par l’Insee, le taux de chômage a reculé de 0,2 point au troisième trimestre, pour s’établir à 7,1 % de la population active en France métropolitaine.",
	"« Nous ne laisserons personne sur le bord de la route », a assuré le ministre de l’Économie devant les députés, promettant une aide ciblée aux ménages les plus modestes dès le mois de janvier.",
	"La Bourse de Paris a terminé la séance en légère hausse, le CAC 40 gagnant 0,4 % à 7 312 points, porté par les valeurs bancaires et un regain d’optimisme sur les marchés américains.",
	"À Bruxelles, les Vingt-Sept ne sont pas parvenus à un accord sur la réforme du marché de l’électricité, plusieurs États membres réclamant davantage de garanties pour leurs industriels.",
	"LIRE AUSSI : Les agriculteurs maintiennent la pression sur le gouvernement",
	"Le secrétaire général de l’OTAN a appelé les alliés à augmenter leurs dépenses militaires, estimant que la sécurité du continent « n’a pas de prix » dans le contexte actuel.",
	"Les secours ont été mobilisés toute la nuit après les violents orages qui ont frappé le sud-ouest du pays, privant d’électricité près de 40 000 foyers selon le gestionnaire du réseau.",
	"Partager :",
	"Le tribunal correctionnel a condamné l’ancien maire à deux ans de prison avec sursis pour prise illégale d’intérêts, une décision dont ses avocats ont annoncé qu’ils feraient appel.",
	"En Allemagne, le chancelier a défendu la politique énergétique de sa coalition, alors que l’opposition conservatrice réclame la prolongation des dernières centrales nucléaires.",
	"Publicité",
	"Les négociations entre syndicats et patronat reprendront le 12 mai, après l’échec d’une première séance jugée « décevante » par les représentants des salariés.",
}

func BenchmarkPackRules(b *testing.B) {
	rs, err := All()
	if err != nil {
		b.Fatal(err)
	}
	packs, _ := PackRules()
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	for _, r := range packs {
		cfg.Rules = append(cfg.Rules, r.ID)
	}
	cfg.Rules = append(cfg.Rules, boilerplateID)
	cfg.Boilerplate = map[string][]string{"*": {"Tous droits de reproduction réservés"}}
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		b.Fatal(err)
	}
	// 1 MB of articles of about 5 KB, as a batch job sees them.
	var articles [][]byte
	total := 0
	for n := 0; total < 1<<20; n++ {
		var sb strings.Builder
		for i := 0; sb.Len() < 5000; i++ {
			fmt.Fprintf(&sb, "%s\n\n", benchParagraphs[(n*7+i)%len(benchParagraphs)])
		}
		articles = append(articles, []byte(sb.String()))
		total += sb.Len()
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range articles {
			doc, err := audit.NewDocument("bench.txt", a)
			if err != nil {
				b.Fatal(err)
			}
			eng.Audit(context.Background(), doc)
		}
	}
}

// trapArticle is clean French news (written for this test) full of the
// words and shapes the pack rules look for, used legitimately.
const trapArticle = `NOUS AVONS TOUS UN RÔLE À JOUER, AFFIRME LA MINISTRE

Le gouvernement a présenté mardi son plan pour l’été. « Nous ne laisserons personne de côté », a assuré la ministre, qui n’a pas exclu de nouvelles aides. Rien n’est encore tranché, a-t-elle reconnu, mais aucune piste n’est écartée.

Il faut lire aussi le rapport de la Cour des comptes, publié le 5 mai, qui pointe les retards. Sur le même sujet, les syndicats ont promis une réponse d’ici à la fin du mois. Peut-être faudra-t-il attendre l’automne : le texte ne sera pas examiné avant septembre.

La piscine municipale de Roubaix rouvrira le 1er juillet. Une photo de la piscine Molitor a beaucoup circulé. (La piscine de Roubaix, le 3 mai. AFP)

Ajoutez un litre de bouillon de volaille, conseille le chef, dont le court-bouillon est célèbre. Le prix du bouillon cube a augmenté de 12 %.

Un débat nourri a suivi la présentation du budget. Les charges pesant contre l’ancien maire ont été abandonnées, et l’entreprise fait face à des charges croissantes. La juge chargée de l’enquête a été remplacée.

Le tournage du film a repris à Marseille ; l’actrice a salué l’équipe du plateau. L’essai clinique de phase 3 a débuté en janvier. La facture d’électricité a augmenté de 15 %.

Les invités ont pris place autour de la table. Le député-maire a reçu la secrétaire générale de la préfecture. Les maires ont adressé leurs préoccupations au préfet.

Les ministres de la défense de l’OTAN et de l’UE se réunissent jeudi ; le plan de relance Next Generation EU sera financé par l’emprunt. UN HOMME ARRÊTÉ APRÈS UNE COURSE-POURSUITE. IL A EU RAISON TROP TÔT.

La publicité pour les jeux d’argent sera encadrée. Les internautes doivent pouvoir refuser les cookies aussi facilement que les accepter, rappelle la CNIL. Partager ses données reste un choix personnel.

Toutes les options sont sur la table, a répété le ministre. Je n’irai pas jusqu’à dire que la réforme a échoué, a nuancé un député, qui n’en pense pas moins.

Ces propos ne reflètent pas la position du gouvernement, a assuré la porte-parole. La mention « tous droits réservés » n’a pas de valeur juridique particulière. Le groupe The Who se produira à Paris le 12 mai.`

func TestPackRulesTrapArticle(t *testing.T) {
	found, total := auditPackRules(t, map[string]string{"trap": trapArticle})
	if total != 0 {
		t.Errorf("%d findings on a clean article: %s", total, strings.Join(found["trap"], "; "))
	}
}

// BenchmarkLoadPacks measures the start-up cost of the embedded packs:
// decoding, validating and compiling every language's entries.
func BenchmarkLoadPacks(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadPacks(packFS, builtinPackDir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPatternString checks that the patterns as the packs compile them
// print back to the tree syntax.Regexp.String gives: the start-up's own
// printer changes no pattern.
func TestPatternString(t *testing.T) {
	names, err := fs.Glob(packFS, "packs/*/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range names {
		data, _ := packFS.ReadFile(name)
		errs := &packErrors{}
		for _, e := range decodePackFile(&packSource{name: name, data: data}, errs) {
			o := e.opts()
			cased := o.Case == "sensitive"
			var pats []string
			if r, ok := e.kind.(*regexEntry); ok {
				pats = r.Patterns
			}
			for _, p := range append(pats, o.Exclude...) {
				re, err := syntax.Parse(p, syntax.Perl)
				if err != nil {
					t.Fatal(err)
				}
				foldSyntax(re, !(cased || e.opts().Kind == kindAcronym))
				mine, err := syntax.Parse(patternString(re), syntax.Perl)
				if err != nil {
					t.Fatalf("%s: %q prints as %q: %v", o.ID, p, patternString(re), err)
				}
				theirs, err := syntax.Parse(re.String(), syntax.Perl)
				if err != nil {
					t.Fatal(err)
				}
				if !sameTree(mine, theirs) {
					t.Errorf("%s: %q prints as %q, syntax prints %q", o.ID, p, patternString(re), re.String())
				}
				n++
			}
		}
		if err := errs.err(); err != nil {
			t.Fatal(err)
		}
	}
	if n < 50 {
		t.Fatalf("only %d patterns", n)
	}
	// Every construct the printer knows, on its own.
	for _, p := range []string{`(?i)ab+c`, `(?s:.)x.`, `(?m)^a$`, `\Aa\z`, `a$`, `\bx\B`, `(?P<n>a)|b*?`,
		`a{2,}b{1,3}c{2}`, `[^a-z\-\]]`, `[\x00-\x{10FFFF}]`, `(?:ab)+`, `a(?:b|c)d`, `x\x{7f}\t[ ]`, `()`} {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		mine, err := syntax.Parse(patternString(re), syntax.Perl)
		if err != nil || !sameTree(mine, re) {
			t.Errorf("%q prints as %q (%v)", p, patternString(re), err)
		}
	}
}

// sameTree is syntax.Regexp.Equal except that a character class's
// case-folding flag is ignored: a class matches its runes either way.
func sameTree(x, y *syntax.Regexp) bool {
	if x.Op != y.Op || len(x.Sub) != len(y.Sub) {
		return false
	}
	switch x.Op {
	case syntax.OpCharClass:
		return slices.Equal(x.Rune, y.Rune)
	case syntax.OpLiteral:
		return x.Flags&syntax.FoldCase == y.Flags&syntax.FoldCase && slices.Equal(x.Rune, y.Rune)
	case syntax.OpEndText:
		return x.Flags&syntax.WasDollar == y.Flags&syntax.WasDollar
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		if x.Flags&syntax.NonGreedy != y.Flags&syntax.NonGreedy || x.Min != y.Min || x.Max != y.Max {
			return false
		}
	case syntax.OpCapture:
		if x.Cap != y.Cap || x.Name != y.Name {
			return false
		}
	}
	for i := range x.Sub {
		if !sameTree(x.Sub[i], y.Sub[i]) {
			return false
		}
	}
	return true
}
