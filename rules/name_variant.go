package rules

import (
	"fmt"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "name.variant",
		Category: audit.Name,
		Severity: audit.Major,
		Title:    "One name spelled two ways in the article",
		Doc: `Flags the minority spelling of a proper name that the article also spells
another way: MT engines translate each mention on its own and may
transliterate or misspell a name differently each time (` + "`Halberg`" + ` beside
` + "`Hallberg`" + `, ` + "`Krapenko`" + ` beside ` + "`Karpenko`" + `, ` + "`Shukurov`" + ` beside ` + "`Choukourov`" + `).

Two capitalised words of five letters or more are spellings of one name
when they are equal after folding case, accents and transliteration
(sh/ch, tch/ch, zh/j, kh/h, ou/u, w/v, y/i, gue/ge, doubled letters, final
-ff/-v), or within a small edit distance, a transposition counting as one
edit (1 for names of 5–7 letters, 2 from 8). Pairs that differ only by an
ending of the language (its profile's name_endings: Russe/Russie,
Ukraine/Ukrainien, Allemand/Allemagne in French) are forms of one word, not
variants, and so are an exonym and the local name (exonym_endings:
Fribourg/Freiburg); compounds that differ by acronyms (` + "`Bitcoin-ETPs`" + `,
` + "`Bitcoin-ETFs`" + `) name two things, and in a language that capitalises its
nouns (German) two words its dictionary holds are two words (` + "`Kanzler`" + `,
` + "`Kanzlei`" + `); case alone (` + "`WikiLeaks`" + `, ` + "`Wikileaks`" + `) and
an accent on the initial capital alone (` + "`Etats`" + `, ` + "`États`" + `) are house
style, not variants; words also found in lower case are common
words; words seen beside different first names or surnames
(` + "`Anna Schmidt`" + ` / ` + "`Peter Schmitt`" + `) or side by side in one sentence
(` + "`la Slovénie et la Slovaquie`" + `) are different entities, and so are
spellings with different first letters beyond transliteration (` + "`Gambie`" + `,
` + "`Zambie`" + `). A full name and the surname alone are one spelling.

The canonical spelling is the configuration's glossary entry when one
matches, else the most frequent spelling. With one mention each, the first
mention wins: it introduces the name, usually in full, and later mentions
repeat it. The minority spelling is flagged only when it is used at most
twice, or at most half as often as the canonical one (two spellings used
equally often several times are more likely two people).

Every language: the comparison is the same; the sentence openers that
are no names, the function words and the endings come from the language
profile.

Fix: spell the name the canonical way (one fix per mention).`,
		Examples: []audit.Example{
			{Text: "La secrétaire d'État adjointe Ingrid Hallberg s'est exprimée mardi.\n\nHalberg n'a pas donné de détails. Hallberg a promis une réponse rapide.", Trigger: true},
			{Text: "Le ministre de la Défense Rouslan Choukourov a répondu lundi.\n\nLe Pentagone a rejeté les accusations de Shukurov.", Trigger: true,
				Note: "a transliteration variant; with one mention each, the first spelling wins"},
			{Text: "Les Russes ont accusé la Russie de Kovacs. Un Russe a témoigné.", Note: "forms of one French word"},
			{Text: "Le chancelier Henrik Falk a reçu les syndicats. M. Falk a promis une réponse.\n\nAnna Schmidt et Peter Schmitt ont signé l'accord. Schmidt a parlé la première.",
				Note: "a surname alone is the same spelling; different first names mean different people"},
			{Lang: "de", Text: "Anleger setzen auf Bitcoin\n\nDie Finanzaufsicht lässt den Handel mit bestimmten Bitcoin-ETPs zu. In den USA sind Bitcoin-ETFs seit Januar erlaubt, sagte ein Sprecher.\n\nFür Kanzler ist das kein Thema. Laut Kanzlei sind die Regeln klar.\n",
				Note: "compounds that differ by an acronym, and German common nouns (capitalised, no determiner) the German lexicon holds"},
			{Lang: "de", Text: "Der Energieminister Andrij Hrynenko hat am Montag Kiew verlassen.\n\nHrinenko traf in Berlin Vertreter der Netzbetreiber. Hrynenko kündigte neue Hilfen an.\n", Trigger: true,
				Note: "a German article: a transliterated surname spelled two ways"},
			{Lang: "es", Text: "El ministro Andrii Hrytsenko presentó el plan.\n\nSegún Gritsenko, las obras empezarán en primavera. Hrytsenko pidió ayuda.\n", Trigger: true,
				Note: "one Ukrainian name romanised by two conventions (г as h or g, ц as ts or c)"},
			{Lang: "it", Text: "Il generale Armen Khachaturov ha ispezionato il fronte.\n\nChatschaturow ha detto che le truppe resistono. Khachaturov tornerà domani.\n", Trigger: true,
				Note: "English and German romanisation of one name (kh/ch, ch/tsch, -ov/-ow)"},
			{Lang: "pt", Text: "O historiador Ilia Zhukovsky apresentou o livro.\n\nSchukowski disse que o arquivo estava fechado. Zhukovsky volta em maio.\n", Trigger: true,
				Note: "English and German romanisation of one name (zh/sch, -sky/-ski)"},
			{Lang: "pt", Text: "Os deputados Ivan Kozlov e Oleg Petrov votaram contra, e Anna Petrova absteve-se.\n\nKozlov criticou o texto e Petrov saiu cedo.\n",
				Note: "a masculine and a feminine surname, and two surnames with one ending, are different people"},
		},
		Fixable: true,
		Origin:  "rules/name_variant.go",
		Run:     runNameVariant,
	})
}

// nameSpelling is one spelling of a candidate name in one document.
type nameSpelling struct {
	Text  string
	Occ   []nameOccurrence
	First int
}

// nameOccurrencesOf is a document's candidate names by spelling
// (nameOccurrences), shared by name.variant and name.batch's summary of
// the article. Read only.
var nameOccurrencesOf = &audit.Analysis[*nameOccTable]{
	Name: "name occurrences",
	Run: func(p *audit.Pass) *nameOccTable {
		return buildNameOccurrences(shapeOf(p), audit.ResultOf(p, letterRunsAnalysis), nameOccTables.Get().(*nameOccTable))
	},
	// Findings and name.batch's summaries copy what they keep of it.
	Release: (*nameOccTable).release,
}

func runNameVariant(pass *audit.Pass) {
	lx := shapeOf(pass).lex
	// In the order of their first mentions (read only).
	spellings := audit.ResultOf(pass, nameOccurrencesOf).spellings
	if len(spellings) < 2 {
		return
	}
	sc := nameVariantScratchPool.Get().(*nameVariantScratch)
	defer sc.release()
	texts := sc.texts[:0]
	for _, s := range spellings {
		texts = append(texts, s.Text)
	}
	sc.texts = texts
	glossary := glossaryNames(pass.Config)
	// Neighbours by similarity.
	similar := sc.similar[:0]
	for range spellings {
		var nb []int
		if n := len(similar); n < cap(similar) {
			nb = similar[:n+1][n][:0]
		}
		similar = append(similar, nb)
	}
	sc.similar = similar
	for _, p := range lx.similarPairs(texts) {
		similar[p[0]] = append(similar[p[0]], p[1])
		similar[p[1]] = append(similar[p[1]], p[0])
	}
	for i, s := range spellings {
		if g, ok := lx.glossaryMatch(s.Text, s.Occ, glossary); ok {
			reportNameVariant(pass, s, g, fmt.Sprintf("the glossary spells it %q", g), 0.9)
			continue
		}
		if isGlossaryName(s.Text, glossary) {
			continue
		}
		best := -1
		for _, j := range similar[i] {
			o := spellings[j]
			if best < 0 || len(o.Occ) > len(spellings[best].Occ) || (len(o.Occ) == len(spellings[best].Occ) && o.First < spellings[best].First) {
				best = j
			}
		}
		if best < 0 {
			continue
		}
		canon := spellings[best]
		nb, nc := len(s.Occ), len(canon.Occ)
		tie := nb == 1 && nc == 1 && canon.First < s.First
		minority := nb < nc && (nb <= 2 || 2*nb <= nc)
		if !tie && !minority {
			continue
		}
		if lx.companionsConflict(s.Occ, canon.Occ) || sameSentence(pass.Doc, s.Occ, canon.Occ) {
			continue
		}
		m := lx.compareNames(s.Text, canon.Text)
		conf := 0.8
		switch {
		case m.Distance == 0:
			conf = 0.85
		case m.Distance == 2:
			conf = 0.65
		}
		var why string
		if tie {
			conf -= 0.1
			why = fmt.Sprintf("the article first spells it %q", canon.Text)
		} else {
			conf += min(0.1, 0.03*float64(nc-nb))
			why = fmt.Sprintf("the article spells it %q %d times, %q %d", canon.Text, nc, s.Text, nb)
			if nb == 1 {
				why = fmt.Sprintf("the article spells it %q %d times, %q once", canon.Text, nc, s.Text)
			}
		}
		reportNameVariant(pass, s, canon.Text, why, conf)
	}
}

// nameVariantScratch holds runNameVariant's slices between documents;
// findings keep none of them.
type nameVariantScratch struct {
	texts   []string
	similar [][]int
}

var nameVariantScratchPool = sync.Pool{New: func() any { return new(nameVariantScratch) }}

// release drops the references to the document and returns sc to the pool.
func (sc *nameVariantScratch) release() {
	clear(sc.texts)
	for i := range sc.similar {
		sc.similar[i] = sc.similar[i][:0]
	}
	nameVariantScratchPool.Put(sc)
}

// reportNameVariant reports every mention of spelling s, each with a fix to canon.
func reportNameVariant(pass *audit.Pass, s nameSpelling, canon, why string, conf float64) {
	for _, o := range s.Occ {
		pass.Report(audit.Diagnostic{
			Start: o.Start, End: o.End,
			Message:    fmt.Sprintf("Name spelled %q here, but %s", s.Text, why),
			Suggestion: canon,
			Confidence: conf,
			Fixes: []audit.Fix{{
				Message: "Spell the name as " + canon,
				Edits:   []audit.Edit{{Start: o.Start, End: o.End, New: canon}},
			}},
		})
	}
}
