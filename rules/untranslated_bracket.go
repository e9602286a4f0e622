package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
)

func init() {
	register(&audit.Rule{
		ID:       "untranslated.bracket",
		Category: audit.Untranslated,
		Severity: audit.Major,
		Title:    "English text left in brackets or parentheses",
		Doc: `Flags a bracketed or parenthesised stretch of English inside a French
article: MT engines often pass through what the source put in brackets
(an editor's gloss, an expansion), as in ` + "`[border checks]`" + `.

The bracket must hold at least two words and read as English: English
function words outnumber French ones, or, with no function words at all,
lower-case words that lingua-go identifies as English. An English name of
an organisation in square brackets, expanding the acronym just before it
(` + "`l'OCDE [Organisation for Economic Co-operation and Development]`" + `), is
flagged: square brackets are an editor's insertion that MT passed through.
In parentheses the same expansion is French news style (` + "`la NOAA (National Oceanic and Atmospheric Administration)`" + `), and title-case words with no
acronym before them are the name of a campaign, book or film: both are
left alone.

Not flagged: names alone (` + "`(Henrik Falk)`" + `, ` + "`(The Guardian)`" + `), agency and
photo credits (` + "`(AFP)`" + `, ` + "`(… via AP)`" + `), measures (` + "`(12 miles)`" + `), web
addresses, French text, English loanwords French news glosses on purpose
(` + "`fonds spéculatifs (hedge funds)`" + `), and a bracket announced as the original English
wording: "en anglais", or a quoted term after its translation
(` + "`l'écart de reprise (\"recovery gap\")`" + `).

Fix: translate the bracket or drop it when it repeats what the sentence says.`,
		Examples: []audit.Example{
			{Text: "Nous sommes prêts à revoir les [border checks] lors de la réunion de janvier.", Trigger: true},
			{Text: "Le ministre a cité le rapport de l'OCDE [Organisation for Economic Co-operation and Development] publié à Paris.", Trigger: true,
				Note: "an English organisation name with its function words"},
			{Text: "Les porte-parole ont confirmé la rencontre (which took place on Monday) sans donner de détails.", Trigger: true},
			{Text: "Le chancelier [Henrik Falk] a reçu le président à Berlin.", Note: "a name alone is not untranslated text"},
			{Text: "Le missile a parcouru 350 kilomètres (217 miles) avant d'atteindre sa cible. (Photo by Jane Doe/Getty Images)",
				Note: "measures and credits"},
			{Text: "Le président a réuni son conseil de défense (AFP). Le texte (publié vendredi) sera examiné lundi."},
		},
		Langs:  []string{"fr"},
		Origin: "rules/untranslated_bracket.go",
		Run:    runUntranslatedBracket,
	})
}

// maxBracketBytes bounds a bracket's content: longer brackets are asides
// written in the article's language or broken markup.
const maxBracketBytes = 400

func runUntranslatedBracket(pass *audit.Pass) {
	doc := pass.Doc
	t := doc.Text
	detected := map[string]string{} // lingua's answers, by bracket content
	for _, ln := range doc.Lines {
		for i := ln.Start; i < ln.End; i++ {
			open := t[i]
			if open != '[' && open != '(' {
				continue
			}
			closer := byte(']')
			if open == '(' {
				closer = ')'
			}
			j := bracketCloser(t, i, ln.End, open, closer)
			if j < 0 {
				continue
			}
			if conf, ok := englishBracket(t, i, j, detected); ok {
				pass.Report(audit.Diagnostic{
					Start: i, End: j + 1, Confidence: conf,
					Message: "English left in brackets inside the French text",
				})
			}
			i = j
		}
	}
}

// bracketCloser returns the index of the closer matching t[i] within the
// line (nesting counted), or -1.
func bracketCloser(t string, i, end int, open, closer byte) int {
	depth := 0
	for j := i; j < end && j-i <= maxBracketBytes; j++ {
		switch t[j] {
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// englishBracket decides whether the bracket t[i..j] holds English text and
// with what confidence.
func englishBracket(t string, i, j int, detected map[string]string) (float64, bool) {
	detect := func(s string) string {
		l, ok := detected[s]
		if !ok {
			l = lang.Lingua(s)
			detected[s] = l
		}
		return l
	}
	inner := t[i+1 : j]
	if strings.TrimSpace(inner) == "" || txIsCredit(inner) || txHasWebToken(inner) {
		return 0, false
	}
	// The original wording given on purpose: "(en anglais : …)", "… (en
	// anglais)", or a quoted term after its translation: `rebond ("recovery gap")`.
	before := t[max(0, i-40):i]
	if strings.Contains(strings.ToLower(inner), "anglais") || strings.Contains(strings.ToLower(before), "anglais") || bracketQuoted(inner) {
		return 0, false
	}
	words := txScanWords(t, i+1, j)
	if len(words) < 2 || latinLocution(inner) {
		return 0, false
	}
	ev := txEvidenceOf(words)
	if ev.French > 0 && ev.French >= ev.English {
		return 0, false
	}
	startsWithNumber := false
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(inner)); unicode.IsDigit(r) {
		startsWithNumber = true
	}
	if ev.English > 0 {
		if startsWithNumber && ev.English < 2 {
			return 0, false // "(5 miles of road)"-like measures
		}
		// Every word capitalised, function words too: a title or a name
		// ("The Guardian", "The New York Times").
		if ev.LowerWords == 0 {
			return 0, false
		}
		if ev.Capitals > 0 && txCapitalised(words[0].Text) && bracketTitleCase(t, words) {
			// An English proper name with lower-case function words inside.
			// Flagged only in square brackets, as the expansion of the
			// acronym just before it ("l'OCDE [Organisation for Economic
			// and Co-operation in Europe]"): square brackets are an editor's
			// insertion passed through by MT, while French news itself
			// expands English acronyms in parentheses ("la NOAA (National
			// Oceanic and Atmospheric Administration)"). Elsewhere it is a
			// campaign, book or film name.
			if ev.Words < 3 || t[i] != '[' || !acronymBefore(t, i) {
				return 0, false
			}
			return 0.8, true
		}
		if ev.English >= 2 {
			return 0.95, true
		}
		return 0.85, true
	}
	// No function words of either language: a title-case expansion of the
	// acronym before it in English ("l'AIEA [International Atomic Energy
	// Agency]") is flagged, other names stay; lower-case words go to the
	// language detector.
	if ev.LowerWords == 0 {
		if ev.Words >= 3 && t[i] == '[' && acronymBefore(t, i) && detect(inner) == "en" {
			return 0.7, true
		}
		return 0, false
	}
	if ev.LowerWords < 2 || startsWithNumber || ev.French > 0 || bracketAllLoanwords(words) {
		return 0, false
	}
	if detect(inner) == "en" {
		return 0.7, true
	}
	return 0, false
}

// bracketTitleCase reports whether every word is capitalised
// except English function words and the inner parts of hyphenated
// compounds ("Co-operation").
func bracketTitleCase(t string, words []txWord) bool {
	for _, w := range words {
		if txCapitalised(w.Text) || txAllCaps(w.Text) {
			continue
		}
		if txEnglishWords[w.Text] || w.Text == "in" || w.Text == "on" || w.Text == "a" || w.Text == "an" {
			continue
		}
		if w.Start > 0 && t[w.Start-1] == '-' {
			continue
		}
		return false
	}
	return true
}

// bracketQuoted reports whether the bracket's content is one quotation.
func bracketQuoted(inner string) bool {
	in := strings.TrimFunc(inner, txIsSpace)
	first, _ := utf8.DecodeRuneInString(in)
	last, _ := utf8.DecodeLastRuneInString(in)
	return len(in) > 2 && strings.ContainsRune("«\"“‘'", first) && strings.ContainsRune("»\"”’'", last)
}

// acronymBefore reports whether the word just before offset i is an acronym
// in capitals ("OSCE", "l'ONU").
func acronymBefore(t string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:j])
		if !txIsSpace(r) {
			break
		}
		j -= n
	}
	k := j
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= n
	}
	w := t[k:j]
	return len(w) >= 2 && txAllCaps(w)
}

// bracketLoanwords are English words French news writes on purpose, often
// as a gloss in brackets after the French term: "fonds spéculatifs (hedge
// funds)", "groupe de réflexion (think tank)".
var bracketLoanwords = txSetOf(
	"fake", "news", "think", "tank", "tanks", "hedge", "fund", "funds", "start", "up", "startup",
	"soft", "hard", "power", "big", "data", "cloud", "smart", "black", "friday", "dark", "web",
	"deep", "lockdown", "shutdown", "cluster", "tracking", "leadership", "lobbying", "lobby",
	"crowdfunding", "fact", "checking", "brainstorming", "burn", "out", "coming", "prime", "time",
	"best", "of", "mainstream", "swing", "state", "states", "impeachment", "hashtag", "nation",
	"stop", "and", "go", "click", "collect", "drive", "home", "office", "cancel", "culture", "woke",
	"made", "in", "low", "cost", "open", "source", "live", "show", "business", "job", "jobs",
	"self", "made", "man", "remake", "spin", "doctor", "doctors", "story", "telling", "storytelling",
	"pure", "player", "players", "speed", "dating", "trading", "trader", "traders", "happy", "few",
)

// bracketAllLoanwords reports whether every word is a loanword French news uses.
func bracketAllLoanwords(words []txWord) bool {
	for _, w := range words {
		if !bracketLoanwords[strings.ToLower(w.Text)] {
			return false
		}
	}
	return true
}

// latinLocutions are Latin phrases French news uses as they are; a language
// detector trained on modern languages may take them for English.
var latinLocutions = txSetOf("in extremis", "a priori", "a posteriori", "de facto", "de jure",
	"in fine", "ad hoc", "sine die", "mea culpa", "statu quo", "status quo", "in situ", "in vitro",
	"in vivo", "ex nihilo", "ad vitam aeternam", "urbi et orbi", "manu militari", "grosso modo",
	"intra-muros", "extra-muros", "ex aequo", "vice versa", "persona non grata", "post mortem",
	"et cetera", "ipso facto", "in memoriam", "honoris causa", "ad interim", "sui generis")

func latinLocution(s string) bool {
	return latinLocutions[strings.ToLower(strings.Join(strings.Fields(s), " "))]
}
