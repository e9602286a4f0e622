package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.number-format",
		Category: audit.Typography,
		Severity: audit.Minor,
		Title:    "Number written in the source language's format",
		Doc: `Flags a number written the English way in a language that writes a
decimal comma: a decimal point before a unit or a percent (*3.2 %*, *3.5
Prozent*, *2.7 millones*) and a comma between thousands (*25,000 habitants*,
*1,200,000 Einwohner*). Machine translation copies the source's digits as
they are.

What it looks at: the article's number format and the source language's,
from the profiles (numbers.decimal, numbers.group); a decimal point counts
only before one of the profile's number_units (percent, scale, currency and
measure words) or a percent, per-mille or currency sign, so that times
(*18.30 Uhr*), dates (*3.12.2024*), versions (*iOS 17.2*), references
(*article 3.2*), scores and addresses are left alone. Three digits after the
point are a thousands group in German, Spanish, Italian and Portuguese
(*25.000*) and ambiguous in French: never flagged. A single comma group is
flagged unless it may be the target's own decimal comma with three decimals
(*3,125 %*: one digit before the comma, a last digit other than 0, a unit
after); a leading zero (*0,125*) is a decimal.

Not flagged: numbers glued to a letter, a slash or a colon before them
(web addresses, ratios, versions *v3.5*), sentences in the source language
(an English quotation).

Where a region of the language writes the source's format (the profile's
numbers.decimal_alternates: Spanish *2.5* and *25,000* in Mexico, which the
Academy accepts), such numbers are flagged only in an article that also
writes a decimal comma: mixing the two is the artefact. An article that
groups thousands with a point (*1.200 millones*) has its comma groups
(*250,000*) flagged too, but not its decimal points: human translators
write *9.4 por ciento* beside *1.800 millones*.

Where it fails: an English number without a unit after it (*a score of
3.5*) is missed, and a three-decimal figure such as an exchange rate with a
round last digit (*1,250 dollar*) is read as thousands.

**What to do**: write the number the target way (*3,2 %*, *25 000*, *25.000*).`,
		Examples: []audit.Example{
			{Lang: "fr", Text: "Le chômage recule\n\nLe taux de chômage est tombé à 7.1 % au deuxième trimestre, et 48,000 emplois ont été créés.\n", Trigger: true, Note: "decimal point and thousands comma"},
			{Lang: "fr", Text: "Le chômage recule\n\nLe taux de chômage est tombé à 7,1 % au deuxième trimestre. Apple a publié iOS 17.2, et l’article 3.2 du règlement s’applique dès le 3.12.2024.\n", Note: "a French decimal, a version, a reference, a date"},
			{Lang: "de", Text: "Inflation sinkt\n\nDie Inflationsrate fiel im Mai auf 2.4 Prozent. In der Stadt leben 61,000 Menschen.\n", Trigger: true},
			{Lang: "de", Text: "Inflation sinkt\n\nDie Inflationsrate fiel im Mai auf 2,4 Prozent. Die Sitzung beginnt um 18.30 Uhr, in der Stadt leben 61.000 Menschen.\n", Note: "German decimal comma, a time, a thousands point"},
			{Lang: "es", Text: "La economía crece\n\nEl PIB creció un 0,8 % en el primer trimestre y el paro afecta a 2.7 millones de personas.\n", Trigger: true, Note: "a decimal point in an article that writes the decimal comma"},
			{Lang: "es", Text: "La economía crece\n\nEl PIB creció un 0.8 % en el primer trimestre y el paro afecta a 2.7 millones de personas, unas 27,000 más que en marzo.\n", Note: "the point and comma of Mexico, used throughout"},
			{Lang: "es", Text: "La economía crece\n\nEl PIB creció un 0,8 % en el primer trimestre y el paro afecta a 2,7 millones de personas, unas 27.000 más que en marzo.\n"},
			{Lang: "it", Text: "Cresce il turismo\n\nLe presenze sono aumentate del 4.5 per cento, con 12,000 visitatori in più.\n", Trigger: true},
			{Lang: "it", Text: "Cresce il turismo\n\nLe presenze sono aumentate del 4,5 per cento, con 12.000 visitatori in più. Il museo apre alle 9.30.\n"},
			{Lang: "pt", Text: "Desemprego recua\n\nA taxa de desemprego caiu para 6.3% e foram criados 35,000 empregos.\n", Trigger: true},
			{Lang: "pt", Text: "Desemprego recua\n\nA taxa de desemprego caiu para 6,3% e foram criados 35.000 empregos, segundo o relatório 2.1 do instituto.\n"},
		},
		Origin: "rules/typography_number_format.go",
		Run:    runNumberFormat,
	})
}

func runNumberFormat(pass *audit.Pass) {
	c := conventionsOf(pass)
	// The mechanism needs a target decimal comma where the source writes a
	// point and groups with commas.
	pointDecimal := c.sourceDecimal == "." && c.decimal == ","
	commaGroups := c.decimal == "," && slices.Contains(c.sourceGroups, ",")
	if !pointDecimal && !commaGroups {
		return
	}
	s := shapeOf(pass)
	// Where the source's format is a regional convention of the language,
	// only an article that also writes the primary format mixes them.
	// An article that groups thousands with a point (1.200) but writes no
	// decimal comma mixes only its groupings: human translators keep the
	// decimal point beside Spain's grouping ("9.4 por ciento", "1.800
	// millones"), so only the comma groups are flagged there.
	nums := numTokensOf(pass)
	onlyGroups := false
	if c.sourceFormatRegional && !writesDecimalComma(s, nums) {
		if c.group != "." || !writesPointGroups(s, nums) {
			return
		}
		onlyGroups = true
	}
	for _, ni := range nums {
		i := int(ni)
		t := &s.toks[i]
		digits, suffix := splitNumberSuffix(s.text(t))
		if !strings.ContainsAny(digits, ".,") || strings.Trim(digits, "0123456789.,") != "" || !numberStandsAlone(s, i) {
			continue
		}
		if suffix != "" && !c.numberUnits[strings.ToLower(suffix)] {
			continue // "19e", "4pm", "3.5bn" with no known unit
		}
		unit := suffix != "" || quantityAfter(s, c, i)
		var msg, sug string
		conf := 0.8
		switch kind := numberKind(digits); {
		case kind == numPointDecimal && pointDecimal && unit && !onlyGroups:
			sug = strings.Replace(digits, ".", c.decimal, 1)
			msg = fmt.Sprintf("Decimal point in “%s”: %s writes a decimal comma (%s)", digits, s.lex.target.Name, sug)
		case kind == numCommaGroups && commaGroups:
			sug = strings.ReplaceAll(digits, ",", c.group)
			msg = fmt.Sprintf("Comma between thousands in “%s”: %s groups thousands with %s (%s)", digits, s.lex.target.Name, groupName(c.group), sug)
			conf = 0.85
		case kind == numCommaGroup && commaGroups:
			if maybeThreeDecimals(digits) && unit {
				continue // 3,125 %: the target's own decimal comma
			}
			sug = strings.ReplaceAll(digits, ",", c.group)
			msg = fmt.Sprintf("Comma between thousands in “%s”: %s groups thousands with %s (%s)", digits, s.lex.target.Name, groupName(c.group), sug)
			conf = 0.7
		case kind == numEnglishFull && commaGroups && pointDecimal:
			sug = strings.NewReplacer(",", c.group, ".", c.decimal).Replace(digits)
			msg = fmt.Sprintf("Number in the English format “%s”: %s writes %s", digits, s.lex.target.Name, sug)
			conf = 0.85
		default:
			continue
		}
		if from, to := sentenceBounds(s, i); sourceLanguageStretch(s, from, to) {
			continue
		}
		pass.Report(audit.Diagnostic{
			Start: int(t.Start), End: int(t.Start) + len(digits),
			Message: msg, Suggestion: sug, Confidence: conf,
		})
	}
}

type numKind int

const (
	numOther        numKind = iota
	numPointDecimal         // 3.5, 0.25, 3.14159: one point, not three digits after it
	numCommaGroup           // 25,000: one comma group
	numCommaGroups          // 1,200,000
	numEnglishFull          // 1,200.50
)

// numberKind classifies a run of digits with separators.
func numberKind(d string) numKind {
	intPart, frac, hasPoint := strings.Cut(d, ".")
	if hasPoint && strings.ContainsAny(frac, ".,") {
		return numOther // 3.12.2024, 192.168.1.1
	}
	groups := strings.Split(intPart, ",")
	if len(groups) > 1 {
		if len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0][0] == '0' {
			return numOther
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return numOther
			}
		}
		switch {
		case hasPoint:
			return numEnglishFull
		case len(groups) > 2:
			return numCommaGroups
		}
		return numCommaGroup
	}
	if !hasPoint || frac == "" {
		return numOther
	}
	// Three digits after the point are a thousands group (25.000), or
	// ambiguous where the language does not group with points.
	if len(frac) == 3 {
		return numOther
	}
	return numPointDecimal
}

// maybeThreeDecimals reports whether a single comma group may be the
// target's decimal comma with three decimals (3,125): one digit before
// the comma and a last digit other than 0.
func maybeThreeDecimals(d string) bool {
	intPart, frac, _ := strings.Cut(d, ",")
	return len(intPart) == 1 && frac[len(frac)-1] != '0'
}

// splitNumberSuffix splits "3.5km" into "3.5" and "km".
func splitNumberSuffix(w string) (string, string) {
	end := len(w)
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(w[:end])
		if unicode.IsDigit(r) {
			break
		}
		end -= n
	}
	return w[:end], w[end:]
}

// numberStandsAlone reports whether number token i is not glued to a word,
// an address or a ratio before it (v3.5, /3.5, 2:3.5); a bracket, a sign
// or a quotation mark may touch it.
func numberStandsAlone(s *shape, i int) bool {
	t := &s.toks[i]
	p := s.prev(i)
	if p == nil || p.End < t.Start {
		return true
	}
	if p.Kind != tokPunct {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.text(p))
	return r == '(' || r == '+' || r == '-' || r == '−' || unicode.Is(unicode.Sc, r) || isQuoteMark(s.text(p), s.lex.openQuotes) || r == '"'
}

// quantityAfter reports whether number token i is followed by a unit of
// the profile, or by a percent, per-mille or currency sign.
func quantityAfter(s *shape, c *conventions, i int) bool {
	n := s.next(i)
	if n == nil || int(n.Start)-int(s.toks[i].End) > 3 {
		return false
	}
	if n.Kind == tokPunct {
		r, _ := utf8.DecodeRuneInString(s.text(n))
		return r == '%' || r == '‰' || unicode.Is(unicode.Sc, r)
	}
	if n.Kind != tokWord {
		return false
	}
	l := s.low(n)
	if c.numberUnits[l] {
		return true
	}
	if nn := s.next(i + 1); nn != nil && nn.Kind == tokWord {
		return c.unitPhrases[l+" "+s.low(nn)]
	}
	return false
}

// groupName names a group separator for a message.
func groupName(g string) string {
	switch g {
	case " ", "\u00a0", "\u202f", "\u2009":
		return "a space"
	}
	return "“" + g + "”"
}

// writesDecimalComma reports whether the article writes a decimal comma
// somewhere: a number with one comma and one, two or four or more digits
// after it. nums are its number tokens.
func writesDecimalComma(s *shape, nums []int32) bool {
	for _, ni := range nums {
		t := &s.toks[ni]
		digits, _ := splitNumberSuffix(s.text(t))
		intPart, frac, ok := strings.Cut(digits, ",")
		if ok && intPart != "" && frac != "" && len(frac) != 3 && strings.Trim(intPart+frac, "0123456789") == "" {
			return true
		}
	}
	return false
}

// writesPointGroups reports whether the article groups thousands with a
// point (1.200, 25.000, 3.400.000), which the regional convention of the
// source's format would read as a decimal point with three decimals.
// nums are its number tokens.
func writesPointGroups(s *shape, nums []int32) bool {
	for _, ni := range nums {
		i := int(ni)
		t := &s.toks[i]
		if !numberStandsAlone(s, i) {
			continue
		}
		digits, _ := splitNumberSuffix(s.text(t))
		groups := strings.Split(digits, ".")
		if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0][0] == '0' || strings.Trim(digits, "0123456789.") != "" {
			continue
		}
		ok := true
		for _, g := range groups[1:] {
			ok = ok && len(g) == 3
		}
		if ok {
			return true
		}
	}
	return false
}
