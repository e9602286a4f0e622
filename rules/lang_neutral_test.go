package rules

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// The mechanisms below mean the same in any language: with the German or
// the Spanish profile they find what they find in French. The profiles are
// the built-in ones (audit/profile/data); the articles are written for
// these tests.

// testProfiles returns the built-in profiles.
func testProfiles(t testing.TB) *profile.Registry {
	t.Helper()
	return profile.MustBuiltin()
}

// auditLang audits text as an article in lang with every rule and the
// test profiles, and returns its findings.
func auditLang(t *testing.T, reg *profile.Registry, lang, text string) []audit.Finding {
	t.Helper()
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = lang
	eng, err := audit.NewEngine(rs, cfg, audit.WithProfiles(reg))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := audit.NewDocument(lang+".txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	res := eng.Audit(context.Background(), doc)
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w)
	}
	return res.Findings
}

// neutralCase is an article and the one finding it must give, as rule id
// and quoted text; an empty rule means no finding at all.
type neutralCase struct {
	name, rule, quote, text string
}

var neutralCases = map[string][]neutralCase{
	"de": {
		{"english sentence", "untranslated.sentence",
			"The port authority said that the figures were expected to fall again this year because of weaker demand from Asia.",
			"Hamburger Hafen meldet Rekordumschlag\n\nDer Hamburger Hafen hat im vergangenen Jahr so viele Container umgeschlagen wie nie zuvor. Das teilte die Hafenbehörde am Montag mit.\n\nThe port authority said that the figures were expected to fall again this year because of weaker demand from Asia.\n\nDie Zahl der Beschäftigten im Hafen blieb nach Angaben der Behörde stabil.\n"},
		{"english in brackets", "untranslated.bracket",
			"[which will affect all travellers from next week]",
			"Grenzkontrollen werden verschärft\n\nDie Regierung will die Kontrollen an der Grenze verschärfen [which will affect all travellers from next week], wie das Innenministerium am Mittwoch mitteilte.\n\nDie Polizei soll dafür zusätzliche Beamte erhalten.\n"},
		{"name spelled two ways", "name.variant", "Wendland",
			"Neues Rathaus eröffnet\n\nBürgermeisterin Katharina Wendtland eröffnete am Freitag das neue Rathaus. Wendtland sprach von einem wichtigen Tag für die Gemeinde.\n\nDie Baukosten seien im geplanten Rahmen geblieben, sagte Wendland bei der Feier.\n"},
		{"headline in capitals", "scraped.headline", "POLIZEI SUCHT ZEUGEN NACH UNFALL AUF DER LANDSTRASSE BEI GÜNZBURG",
			"Bahn streicht Verbindungen nach Süden\n\nDie Bahn hat für das kommende Wochenende zahlreiche Verbindungen gestrichen. Grund seien Bauarbeiten an der Strecke zwischen Ulm und Augsburg.\n\nPOLIZEI SUCHT ZEUGEN NACH UNFALL AUF DER LANDSTRASSE BEI GÜNZBURG\n\nReisende sollen sich vor der Fahrt über ihre Verbindungen informieren, teilte ein Sprecher der Bahn mit.\n"},
		{"repeated paragraph", "duplicate.paragraph", "Ein Feuerwehrmann löscht am Samstag die Reste eines brennenden Schuppens in Oberdorf.",
			"Schuppen in Oberdorf abgebrannt\n\nEin Feuerwehrmann löscht am Samstag die Reste eines brennenden Schuppens in Oberdorf.\n\nDer Brand war am frühen Morgen ausgebrochen, verletzt wurde nach Angaben der Feuerwehr niemand.\n\nEin Feuerwehrmann löscht am Samstag die Reste eines brennenden Schuppens in Oberdorf.\n"},
		{"quotation marks of two styles", "typography.quote-mix", "\"ein schwieriges Jahr\"",
			"Verein zieht Bilanz\n\nDer Vorsitzende sprach von „großen Fortschritten“ im Nachwuchsbereich. Die Mitglieder hätten „viel Geduld“ gezeigt.\n\nFür den Kassenwart war es \"ein schwieriges Jahr\" mit steigenden Kosten.\n"},
		{"double stop", "garbled.double-stop", "sagte ..",
			"Schule bleibt geschlossen\n\nDie Grundschule bleibt wegen eines Wasserschadens bis Freitag geschlossen, sagte ..\n\nDie Kinder werden in der Zwischenzeit in der Turnhalle betreut.\n"},
		{"clean", "", "",
			"Stadtwerke investieren in neue Wärmepumpen\n\nDie Stadtwerke Neuburg wollen bis zum Herbst drei große Wärmepumpen in Betrieb nehmen. Das teilte Geschäftsführerin Martina Oswald am Dienstag in einer Pressekonferenz mit.\n\nDie Anlagen sollen künftig rund viertausend Haushalte mit Fernwärme versorgen. Die Kosten liegen nach Angaben des Unternehmens bei etwa 18 Millionen Euro.\n\n„Wir machen uns unabhängiger vom Gas“, sagte Oswald. Der Gemeinderat hatte dem Vorhaben im März zugestimmt.\n\nKritik kommt vom Bund der Steuerzahler, der die Finanzierung für zu optimistisch hält. Die Stadtwerke verweisen dagegen auf Fördermittel des Landes.\n"},
	},
	"es": {
		{"english sentence", "untranslated.sentence",
			"The ministry said that the new rules would be applied to all schools from next month.",
			"El Gobierno aprueba el nuevo calendario escolar\n\nEl Consejo de Ministros aprobó este martes el calendario escolar del próximo curso, que comenzará a mediados de septiembre.\n\nThe ministry said that the new rules would be applied to all schools from next month.\n\nLos sindicatos de docentes han pedido más tiempo para preparar los cambios.\n"},
		{"english in brackets", "untranslated.bracket",
			"(which have not been repaired since the storm)",
			"Los vecinos denuncian el mal estado de las calles\n\nLos vecinos del barrio reclaman el arreglo de las aceras (which have not been repaired since the storm) y piden una reunión con el concejal.\n\nEl Ayuntamiento asegura que las obras empezarán en primavera.\n"},
		{"name spelled two ways", "name.variant", "Echeverría",
			"Nuevo puerto deportivo en la costa\n\nEl alcalde Joaquín Echevarría presentó el lunes el proyecto del puerto deportivo. Echevarría defendió que la obra creará empleo en la comarca.\n\nLa oposición pidió a Echeverría que publique el estudio de impacto ambiental.\n"},
		{"headline in capitals", "scraped.headline", "DETENIDO UN HOMBRE POR ROBAR EN VARIAS FARMACIAS DEL CENTRO",
			"La lluvia obliga a cerrar dos carreteras\n\nLas fuertes lluvias de la madrugada obligaron a cortar dos carreteras comarcales, según informó la Guardia Civil.\n\nDETENIDO UN HOMBRE POR ROBAR EN VARIAS FARMACIAS DEL CENTRO\n\nLos servicios de emergencia recomiendan no viajar salvo en caso de necesidad durante el fin de semana.\n"},
		{"repeated paragraph", "duplicate.paragraph", "Un grupo de voluntarios limpia la playa de La Concha tras el temporal del domingo.",
			"Voluntarios limpian la playa\n\nUn grupo de voluntarios limpia la playa de La Concha tras el temporal del domingo.\n\nLa asociación organizadora calcula que se retiraron más de dos toneladas de residuos plásticos.\n\nUn grupo de voluntarios limpia la playa de La Concha tras el temporal del domingo.\n"},
		{"word repeated across a stop", "garbled.repeated-word", "guiada. guiada",
			"El museo reabre sus salas\n\nLa directora presentó el programa durante una visita guiada. guiada una exposición sobre la historia del puerto.\n\nLas entradas costarán cinco euros.\n"},
		{"lower case after a stop", "garbled.lowercase-start", "local. para",
			"Nuevo centro juvenil\n\nLa asociación ha conseguido un local. para acoger a los jóvenes del barrio los fines de semana.\n\nEl centro abrirá en otoño.\n"},
		{"capitalised article after a lower-case word", "grammar.link-capital", "como Una etapa",
			"Reforma del transporte rural\n\nLos alcaldes de la comarca consideran la reforma como Una etapa decisiva para los pueblos pequeños.\n\nEl plan se votará en diciembre.\n"},
		{"bare reporting participle", "grammar.bare-participle", "Pedro Moreno anunciado",
			"Obras en el paseo marítimo\n\nEl alcalde Pedro Moreno anunciado que las obras del paseo empezarán en mayo.\n\nLos comerciantes temen perder clientes durante el verano.\n"},
		{"clean", "", "",
			"La biblioteca municipal amplía su horario\n\nLa biblioteca municipal abrirá también los sábados por la tarde a partir de octubre, según anunció el concejal de Cultura, Andrés Molina.\n\n«Queremos que los estudiantes tengan un lugar tranquilo para estudiar», explicó Molina durante la presentación.\n\nEl Ayuntamiento contratará a dos personas más para atender el servicio. La medida costará unos 40.000 euros al año.\n\nLa asociación de vecinos ha celebrado la decisión, aunque pide también más ordenadores para el público.\n"},
	},
}

// TestMechanismsInOtherLanguages audits the German and Spanish articles:
// each gives the one finding it shows, the clean ones none.
func TestMechanismsInOtherLanguages(t *testing.T) {
	reg := testProfiles(t)
	for lang, cases := range neutralCases {
		for _, c := range cases {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				var got []string
				for _, f := range auditLang(t, reg, lang, c.text) {
					got = append(got, f.Rule+": "+c.text[f.Start:f.End])
				}
				var want []string
				if c.rule != "" {
					want = []string{c.rule + ": " + c.quote}
				}
				sort.Strings(got)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
				}
			})
		}
	}
}

// TestNameBatchInOtherLanguages runs name.batch over German articles, and
// over German and Spanish articles together: spellings are compared within
// one language only.
func TestNameBatchInOtherLanguages(t *testing.T) {
	reg := testProfiles(t)
	r, ok := Lookup("name.batch")
	if !ok {
		t.Fatal("no name.batch")
	}
	de := []string{
		"Der Minister Rainer Kolbenschlag besuchte am Montag die Werft.",
		"Rainer Kolbenschlag kündigte neue Aufträge für die Werft an.",
		"Nach Angaben von Rainer Kolbenschlag sollen zweihundert Stellen entstehen.",
		"Rainer Kolbenschlagg lobte die Beschäftigten der Werft.",
	}
	run := func(texts []string, langs []string) map[int][]string {
		var docs []*audit.Document
		for i, s := range texts {
			d, err := audit.NewDocument("doc", []byte(s))
			if err != nil {
				t.Fatal(err)
			}
			d.Lang = langs[i]
			docs = append(docs, d)
		}
		got := map[int][]string{}
		bp := audit.NewBatchPass(docs, nil, func(i int, d audit.Diagnostic) {
			got[i] = append(got[i], docs[i].Text[d.Start:d.End])
		})
		bp.Profiles = reg
		r.RunBatch(bp)
		return got
	}
	got := run(de, []string{"de", "de", "de", "de"})
	if len(got) != 1 || len(got[3]) != 1 || got[3][0] != "Kolbenschlagg" {
		t.Errorf("German run: got %v, want Kolbenschlagg in the last article", got)
	}
	// The same spelling in a Spanish article is another language's affair.
	mixed := run(de, []string{"de", "de", "de", "es"})
	if len(mixed) != 0 {
		t.Errorf("mixed run: got %v, want nothing (the odd spelling is in the only Spanish article)", mixed)
	}
}

// maxOtherHumanFindingsPer1000Words bounds the Go rules' findings on human
// German and Spanish news (WMT24 references), where every finding counts
// as a false positive. Measured with the built-in profiles: German 0.87
// (name variants: an English name beside the German one, Scotland and
// Schottland; typos of the human text, Lawer, Gregs; two acronyms in
// compounds; an English company name and an English phrase left in
// brackets), Spanish 1.60, of which 11 findings are days and months the
// human translator capitalised against Spanish usage ("en Septiembre",
// "el Miércoles", beside "en diciembre" in the same text): the link-text
// check flags them by design. The rest are typos of names (Rosendal,
// Greegs, Aribus) and an English name beside the Spanish one (Russia).
var maxOtherHumanFindingsPer1000Words = map[string]float64{"de": 1.0, "es": 2.0}

// TestHumanNewsOtherLanguages audits the human German and Spanish news of
// the WMT24 bench with the test profiles and logs every finding.
func TestHumanNewsOtherLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("bench run skipped in -short mode")
	}
	reg := testProfiles(t)
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "es"} {
		docs := loadBenchDocs(t, "wmt24-news/"+lang+"_human.tsv", []string{"doc_id"}, "text")
		cfg := audit.DefaultConfig()
		cfg.Lang = lang
		eng, err := audit.NewEngine(rs, cfg, audit.WithProfiles(reg))
		if err != nil {
			t.Fatal(err)
		}
		words, n := 0, 0
		perRule := map[string]int{}
		for _, d := range docs {
			doc, err := audit.NewDocument(d.Key, []byte(d.Text))
			if err != nil {
				t.Fatal(err)
			}
			res := eng.Audit(context.Background(), doc)
			words += res.Words
			for _, f := range res.Findings {
				n++
				perRule[f.Rule]++
				t.Logf("%s FP %s %s: %q", lang, f.Rule, d.Key, d.Text[f.Start:f.End])
			}
		}
		rate := 1000 * float64(n) / float64(max(words, 1))
		t.Logf("%s human news: %d documents, %d words, %d findings (%.2f per 1,000 words) %v", lang, len(docs), words, n, rate, perRule)
		if limit := maxOtherHumanFindingsPer1000Words[lang]; rate > limit {
			t.Errorf("%s: %.2f findings per 1,000 human words, above %.1f", lang, rate, limit)
		}
	}
}
