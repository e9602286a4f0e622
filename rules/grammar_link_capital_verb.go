package rules

import (
	"strings"
	"unicode/utf8"
)

// A capitalised verb in mid-sentence (*ont promis de Construire deux
// écoles*, *le cabinet retenu Vérifiera les devis*) is link text too. Names
// are capitalised words in mid-sentence as well, so only verb forms with an
// ending names do not have count, in a slot where a verb is expected.

// linkVerbInfinitiveEndings end French infinitives and almost no name:
// English and German names end in -er, so no bare -er, -ir or -re, and no
// -ayer, -oyer (Bayer, Boyer).
var linkVerbInfinitiveEndings = []string{
	"iser", "ifier", "iquer", "ormer", "orcer", "érer", "ublier", "primer",
	"uire", "ettre", "endre", "ondre", "aindre", "eindre", "oindre", "aître",
	"enir", "rtir", "ouvrir",
}

// linkVerbNameEndings end names that look like verb forms: Kaiser, Weiser.
var linkVerbNameEndings = []string{"aiser", "eiser"}

// linkVerbFutureEndings are added to an infinitive (its final e dropped for
// -re verbs) to make the future and the conditional, third person.
var linkVerbFutureEndings = []string{"a", "ont", "ait", "aient"}

// linkVerbInfinitiveLeads govern an infinitive: prepositions and the
// auxiliary verbs of modality and near future.
var linkVerbInfinitiveLeads = wordSet(`à de pour sans par
	peut peuvent pourra pourront pourrait pourraient doit doivent devra devront devrait devraient
	veut veulent voudrait voudraient va vont allait allaient faut faudra faudrait
	entend entendent compte comptent souhaite souhaitent vise visent cherche cherchent`)

// linkVerbForm classifies w (lower-cased) as an infinitive or a future or
// conditional form with a distinctive ending; "" when it is neither.
func linkVerbForm(w string) string {
	if utf8.RuneCountInString(w) < 6 {
		return ""
	}
	for _, e := range linkVerbNameEndings {
		if strings.HasSuffix(w, e) {
			return ""
		}
	}
	for _, e := range linkVerbInfinitiveEndings {
		if strings.HasSuffix(w, e) {
			return "infinitive"
		}
		stem := strings.TrimSuffix(e, "e") // construire → construir-a
		for _, f := range linkVerbFutureEndings {
			if strings.HasSuffix(w, stem+f) {
				return "future"
			}
		}
	}
	return ""
}

// linkCapitalVerb reports whether token i, capitalised after the lower-case
// word before it, is a verb form left capitalised by link text: a
// distinctive verb ending, the word capitalised nowhere else in mid-sentence,
// a lower-case word after it that is not an auxiliary, and before it a word
// that governs an infinitive, or for a future form a word that ends a
// subject (not a determiner or a preposition).
func linkCapitalVerb(s *shape, i int) bool {
	t, p, n := &s.toks[i], &s.toks[i-1], s.next(i)
	if n == nil || !s.adjacent(t, n) || n.Kind != tokWord || !isLowerInitial(n.Text) || frAuxiliaries[n.Lower] {
		return false
	}
	if strings.ContainsRune(t.Text, '-') || s.capitalisedMid(t.Lower) > 1 {
		return false
	}
	switch linkVerbForm(t.Lower) {
	case "infinitive":
		return linkVerbInfinitiveLeads[p.Lower]
	case "future":
		return !frDeterminers[p.Lower] && !frPrepositions[p.Lower] && !titleIntroducers[p.Lower]
	}
	return false
}
