package rules

import (
	"fmt"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "untranslated.body-name",
		Category: audit.Untranslated,
		Severity: audit.Minor,
		Title:    "English name of a body the language translates",
		Doc: `Flags the English name of a council, ministry, committee, parliament or
championship left inside a sentence of another language:
` + "`Der Cornwall Council, der das Krematorium betreibt`" + `, ` + "`die zehnten Asian Athletics Indoor Championships`" + `,
` + "`le Security Council a voté`" + `. Such names are descriptions the press of the
language translates (Rat, Ministerium, Meisterschaften; conseil, ministère),
where MT copies them as names.

A name here is a run of capitalised words joined by spaces, English words
or names (words of no lexicon, known English names), with English function
words inside (` + "`of`" + `, ` + "`and`" + `, ` + "`for`" + `, ` + "`the`" + `): ` + "`Lancashire Fire and Rescue\nService`" + `. It is flagged when a word of it is an English head noun the
target profile lists (` + "`body_heads`" + `: the heads its press always translates)
and not a word of the language, and another capitalised word stands before
it or an English function word and a capitalised word after it
(` + "`Ministry of Defence`" + `).

Not flagged: heads the language's press keeps in English names (German
keeps Court, Cup, League, Office, Department: ` + "`Supreme Court`" + `,
` + "`Department of Justice`" + ` are left alone, as human translators leave them);
a head alone (` + "`des Councils`" + `); names joined by a hyphen to a word of the
language (` + "`Cornwall-Council-Sitzung`" + `); names in brackets, in English
quotations, in web addresses; sentences that are half English.

Where it fails: a body the article means to name in English (an
association's official name quoted as such) is flagged; names whose head
the lists keep are never flagged, though raters may want them translated
(` + "`Department of Homeland Security`" + `). The finding is minor: the reader
understands the name. Fix: translate the name, or give the English name in
brackets after the translation.`,
		Examples: []audit.Example{
			{Lang: "de", Text: "Der Cornwall Council, der das Krematorium betreibt, lehnte ab.", Trigger: true},
			{Lang: "de", Text: "Die Eröffnung der zehnten Asian Athletics Indoor Championships fand am Freitag statt.", Trigger: true},
			{Lang: "de", Text: "Ein Sprecher des Ministry of Defence bestätigte den Vorfall.", Trigger: true},
			{Lang: "de", Text: "Der Supreme Court hat das Urteil aufgehoben.", Note: "German keeps Court"},
			{Lang: "de", Text: "Der Stadtrat von Cornwall hat den Plan abgelehnt.", Note: "translated"},
			{Lang: "fr", Text: "Le Security Council a adopté la résolution à l'unanimité.", Trigger: true},
			{Lang: "fr", Text: "Le Conseil de sécurité a adopté la résolution (Security Council).", Note: "an English gloss in brackets"},
			{Lang: "es", Text: "El Foreign Affairs Committee publicó su informe el martes.", Trigger: true},
			{Lang: "es", Text: "La Premier League anunció el calendario de la temporada.", Note: "League is no head Spanish translates"},
			{Lang: "it", Text: "Il Cornwall Council ha respinto la proposta.", Trigger: true},
			{Lang: "it", Text: "Il consiglio della Cornovaglia ha respinto la proposta.", Note: "translated"},
			{Lang: "pt", Text: "O Security Council aprovou a resolução por unanimidade.", Trigger: true},
			{Lang: "pt", Text: "O Conselho de Segurança aprovou a resolução.", Note: "translated"},
		},
		Origin: "rules/untranslated_inline_bodies.go",
		Run:    runUntranslatedBodyName,
	})
}

func runUntranslatedBodyName(pass *audit.Pass) {
	p := pass.Profile
	if p == nil || len(p.Words.BodyHeads) == 0 {
		return
	}
	heads := p.Set(&p.Words.BodyHeads)
	headFilter := p.Derived(bodyHeadsKey{}, func(p *profile.Profile) any {
		return newInlineLetterFilter(p.Set(&p.Words.BodyHeads))
	}).(*inlineLetterFilter)
	art := audit.ResultOf(pass, inlineArticleAnalysis)
	if art == nil {
		return
	}
	var joiners func(string) bool
	if s := pass.Source; s != nil {
		minor := s.Set(&s.Words.TitleLowercase)
		joiners = func(fold string) bool { return art.lx.enFunction.Has(fold) || minor.Has(fold) }
	} else {
		joiners = func(string) bool { return false }
	}
	doc := pass.Doc
	text := doc.Text
	for k := 0; k < art.sentences(); k++ {
		words := art.sentence(k)
		if art.mostlyEnglish(k) {
			continue
		}
		next := 0 // the first word not yet read (heads are capitalised: marked)
		for _, m := range art.marks(k) {
			i := int(m)
			if i < next {
				continue
			}
			w := &words[i]
			if !w.capital || !headFilter.mayFold(w.in(text)) {
				continue
			}
			// The word's facts, found by classify, answer without a lookup.
			f := art.lx.factsOf(w)
			if !f.get(factBodyHead, func() bool { return heads.Has(f.key) }) || !art.lx.englishWordF(f) {
				continue
			}
			// A head the language writes too ("Court", short, in French)
			// needs another English word in the name ("Supreme Court"),
			// and a capital that is not the sentence's.
			shared := art.lx.targetF(f)
			if shared && (art.lx.nounCaps || w.initial) {
				continue
			}
			a, b := art.lx.bodyName(text, words, i, joiners)
			if a == i && b == i+1 {
				continue // the head alone
			}
			if shared && !art.lx.englishOnlyIn(words[a:b], i-a) {
				next = b
				continue
			}
			start, end := int(words[a].Start), int(words[b-1].End)
			if (a > 0 && words[a].hyphenIn) || (b < len(words) && words[b-1].hyphenOut) || art.skipped(doc, start, end) {
				next = b
				continue
			}
			pass.Report(audit.Diagnostic{
				Start: start, End: end, Confidence: 0.6,
				Message: fmt.Sprintf("English name %q left untranslated: %s translates %q in names of bodies",
					text[start:end], p.Name, w.in(text)),
			})
			next = b
		}
	}
}

// bodyName returns the words [a, b) of the name headed by word h: the
// name's words before it and an "of" phrase after it.
func (lx *inlineLexicons) bodyName(text string, words []inlineWord, h int, joiner func(string) bool) (a, b int) {
	a, b = h, h+1
	// Leftwards: name words, with joiners between two of them.
	for m := h - 1; m >= 0; m-- {
		if !inlineJoined(text[words[m].End:words[m+1].Start]) {
			break
		}
		w := &words[m]
		if lx.bodyWord(w) {
			a = m
			continue
		}
		if !w.capital && joiner(w.folded()) && m > 0 && w.class != inlineTarget {
			continue // kept only when a name word precedes it
		}
		break
	}
	// Rightwards: a joiner then name words ("Ministry of Defence").
	for m := h + 1; m < len(words); m++ {
		if !inlineJoined(text[words[m-1].End:words[m].Start]) {
			break
		}
		w := &words[m]
		if lx.bodyWord(w) {
			b = m + 1
			continue
		}
		if !w.capital && joiner(w.folded()) && w.class != inlineTarget {
			continue
		}
		break
	}
	return a, b
}

// bodyWord reports a word that may stand in the English name of a body: a
// capitalised English word that is not the language's only, a name (a
// word of no lexicon, a known English name) or an acronym; not the first
// word of a sentence that is the language's ("Die", "Le").
func (lx *inlineLexicons) bodyWord(w *inlineWord) bool {
	if !w.capital || w.hyphenIn || w.hyphenOut {
		return false
	}
	if txAllCaps(w.text()) && len(w.text()) > 1 {
		return true
	}
	f := lx.factsOf(w)
	target := lx.targetF(f)
	if lx.englishWordF(f) || lx.englishNameF(f) {
		// A word of both languages is the language's at the start of a
		// sentence and when it is a function word; elsewhere a capital
		// makes it part of the name.
		return !target || (!w.initial && !lx.tFunction.Has(f.key))
	}
	return !target && !strings.ContainsAny(w.text(), "0123456789")
}

// englishOnlyIn reports an English word that is not the language's in
// words, other than words[skip].
func (lx *inlineLexicons) englishOnlyIn(words []inlineWord, skip int) bool {
	for k := range words {
		if k == skip || !words[k].capital {
			continue
		}
		if f := lx.factsOf(&words[k]); lx.englishWordF(f) && !lx.targetF(f) {
			return true
		}
	}
	return false
}

// bodyHeadsKey keys a profile's filter of the heads of bodies' names.
type bodyHeadsKey struct{}
