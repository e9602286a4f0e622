package rules

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.clock",
		Category: audit.Typography,
		Severity: audit.Minor,
		Title:    "12-hour time in a language that writes the 24-hour clock",
		Doc: `Flags a time with the source language's 12-hour markers — *3 p.m.*,
*10:30 AM*, *4pm* — in an article whose language writes the 24-hour clock
(*15 h*, *15 Uhr*, *las 15.00*). Machine translation keeps the source's
clock.

What it looks at: an hour from 1 to 12, with minutes after a colon or a
point or none, followed by one of the source profile's meridiem markers
(words.meridiem: *a.m.*, *p.m.*, *am*, *pm*), written with or without dots
and spaces, glued to the number or not; the article's profile says its
clock (numbers.clock).

Not flagged: a bare lower-case *am* or *pm* after a space and before a word
(German *um 10 am Bahnhof*), hours above 12, sentences in the source
language (an English quotation).

Where it fails: a house style that writes the 12-hour clock on purpose
(Latin American Spanish *a las 3 p. m.*) is flagged: such an outlet needs a
profile whose clock is 12h.

**What to do**: write the 24-hour time in the article's style (*15 h*,
*15 Uhr*, *15.00*).`,
		Examples: []audit.Example{
			{Lang: "fr", Text: "Le sommet est reporté\n\nLes dirigeants se retrouveront jeudi à 3 p.m., heure de Washington.\n", Trigger: true},
			{Lang: "fr", Text: "Le sommet est reporté\n\nLes dirigeants se retrouveront jeudi à 15 h, heure de Washington, pour 3 heures de discussions.\n"},
			{Lang: "de", Text: "Gipfel verschoben\n\nDie Pressekonferenz beginnt am Donnerstag um 10:30 AM Ortszeit.\n", Trigger: true},
			{Lang: "de", Text: "Gipfel verschoben\n\nDie Delegationen treffen sich um 10 am Bahnhof und fahren um 10.30 Uhr weiter.\n", Note: "German am, a 24-hour time"},
			{Lang: "es", Text: "Aplazada la cumbre\n\nLa votación se celebrará el jueves a las 4pm, hora local.\n", Trigger: true},
			{Lang: "es", Text: "Aplazada la cumbre\n\nLa votación se celebrará el jueves a las 16.00, hora local.\n"},
			{Lang: "it", Text: "Vertice rinviato\n\nL’incontro è fissato per giovedì alle 9 a.m. ora di Washington.\n", Trigger: true},
			{Lang: "it", Text: "Vertice rinviato\n\nL’incontro è fissato per giovedì alle 9, ora di Washington, e durerà 3 ore.\n"},
			{Lang: "pt", Text: "Cimeira adiada\n\nA votação está marcada para quinta-feira às 11 PM, hora de Lisboa.\n", Trigger: true},
			{Lang: "pt", Text: "Cimeira adiada\n\nA votação está marcada para quinta-feira às 23h, hora de Lisboa.\n"},
		},
		Origin: "rules/typography_clock.go",
		Run:    runClock,
	})
}

func runClock(pass *audit.Pass) {
	c := conventionsOf(pass)
	if !c.clock24 || len(c.meridiem) == 0 {
		return
	}
	s := shapeOf(pass)
	next := 0 // past the last time reported
	for _, ni := range numTokensOf(pass) {
		i := int(ni)
		t := &s.toks[i]
		if i < next || !numberStandsAlone(s, i) {
			continue
		}
		hour, minute, last, suffix, ok := clockTime(s, i)
		if !ok {
			continue
		}
		end, marker, spaced, ok := meridiemAfter(s, c, last, suffix)
		if !ok {
			continue
		}
		// "um 10 am Bahnhof": a bare lower-case marker after a space,
		// before a word, is a word of the language.
		if spaced && !strings.Contains(marker, ".") && isLowerInitial(marker) {
			if n := s.tok(end + 1); n != nil && s.sameLine(end, end+1) && n.Kind == tokWord {
				continue
			}
		}
		if from, to := sentenceBounds(s, i); sourceLanguageStretch(s, from, to) {
			continue
		}
		h := hour % 12
		if strings.HasPrefix(strings.ToLower(marker), "p") {
			h += 12
		}
		sug := fmt.Sprintf("%d:%02d", h, minute)
		e := &s.toks[end]
		pass.Report(audit.Diagnostic{
			Start: int(t.Start), End: int(e.End),
			Message:    fmt.Sprintf("12-hour time “%s”: %s writes the 24-hour clock (%s)", s.doc.Text[t.Start:e.End], s.lex.target.Name, sug),
			Suggestion: sug, Confidence: 0.8,
		})
		next = end + 1
	}
}

// clockTime reads an hour at number token i: "3", "10.30", "10:30" (three
// tokens), "4pm" (a letter suffix). It returns the hour, the minutes, the
// last token of the time and the letters glued to it.
func clockTime(s *shape, i int) (hour, minute, last int, suffix string, ok bool) {
	digits, suffix := splitNumberSuffix(s.text(&s.toks[i]))
	last = i
	h, m, found := strings.Cut(digits, ".")
	if !found {
		h, m = digits, ""
		// "10:30": a colon and minutes glued to the hour.
		if suffix == "" {
			if colon, mins := s.tok(i+1), s.tok(i+2); colon != nil && mins != nil && s.sameLine(i, i+2) &&
				colon.Kind == tokPunct && s.text(colon) == ":" && colon.Start == s.toks[i].End && mins.Start == colon.End && mins.Kind == tokNum {
				md, msuf := splitNumberSuffix(s.text(mins))
				m, suffix, last = md, msuf, i+2
			}
		}
	}
	hour, err := strconv.Atoi(h)
	if err != nil || len(h) > 2 || hour < 1 || hour > 12 {
		return 0, 0, 0, "", false
	}
	if m != "" {
		if len(m) != 2 {
			return 0, 0, 0, "", false
		}
		if minute, err = strconv.Atoi(m); err != nil || minute > 59 {
			return 0, 0, 0, "", false
		}
	}
	return hour, minute, last, suffix, true
}

// meridiemAfter reads a 12-hour marker glued to the time (its letter
// suffix) or after it: letters and dots, at most one blank between them
// ("p.m.", "a. m.", "PM"). It returns the marker's last token, its text,
// and whether a blank separates it from the time.
func meridiemAfter(s *shape, c *conventions, last int, suffix string) (int, string, bool, bool) {
	marker := suffix
	end, found := -1, false
	spaced := false
	if c.meridiem[normMeridiem(marker)] {
		end, found = last, true
	}
	prevEnd := int(s.toks[last].End)
	for j := last + 1; j < len(s.toks) && j <= last+4 && s.sameLine(last, j); j++ {
		t := &s.toks[j]
		gap := s.doc.Text[prevEnd:t.Start]
		if utf8.RuneCountInString(gap) > 1 || strings.TrimFunc(gap, isBlank) != "" {
			break
		}
		if gap != "" && marker == "" {
			spaced = true
		}
		w := s.text(t)
		switch {
		case t.Kind == tokPunct && w == ".":
		case t.Kind == tokWord && utf8.RuneCountInString(w) <= 2 && allLetters(w):
		default:
			j = len(s.toks)
			continue
		}
		marker += gap + w
		prevEnd = int(t.End)
		if t.Kind == tokWord && c.meridiem[normMeridiem(marker)] {
			end, found = j, true
			// Take the final dot of "p.m." in, not the full stop after "pm".
			if n := s.tok(j + 1); n != nil && s.sameLine(j, j+1) && n.Start == t.End && s.text(n) == "." && strings.Contains(marker, ".") {
				end = j + 1
			}
		}
	}
	if !found {
		return 0, "", false, false
	}
	if end == last {
		return end, suffix, false, true
	}
	return end, suffix + strings.TrimLeftFunc(s.doc.Text[s.toks[last].End:s.toks[end].End], isBlank), spaced, true
}

// normMeridiem folds a marker for lookup: lower case, no dots, no blanks.
func normMeridiem(m string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || isBlank(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, m)
}

func allLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}
