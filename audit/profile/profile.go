// Package profile holds what mtaudit knows of each language as data: its
// function words, participles, months and days, abbreviations, elision,
// quotation marks, number format, spacing and web-interface vocabulary.
// A profile is a YAML file (data/LANG.yaml), embedded and decoded strictly:
// an unknown key or a value of the wrong type is an error naming file:line.
// Rules read their words from the profile of the article's language; none
// keeps a word list in Go.
package profile

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Profile is one language's data. Every word list is matched on its folded
// form (see Fold): lower case, NFC, apostrophes as ’.
type Profile struct {
	// Lang is the base BCP 47 subtag ("fr"); the file is data/<Lang>.yaml.
	Lang string `yaml:"lang"`
	// Name is the language's English name ("French"), NativeName its own ("français").
	Name       string `yaml:"name"`
	NativeName string `yaml:"native_name"`
	// Target says mtaudit audits articles in this language; a profile with
	// Target false (English) serves as a source language only: checks look
	// for its traces in other languages' articles.
	Target bool `yaml:"target"`

	Words      Words      `yaml:"words"`
	Elision    []string   `yaml:"elision"` // elided forms with their apostrophe: "l’", "qu’"
	Quotes     Quotes     `yaml:"quotes"`
	Numbers    Numbers    `yaml:"numbers"`
	Typography Typography `yaml:"typography"`

	// Source is where the profile was read from ("data/fr.yaml").
	Source string `yaml:"-"`

	sets map[*[]string]Set
}

// Words are the lexical lists. Each is optional: a check whose lists are
// empty for a language does not run for it.
type Words struct {
	// Function lists frequent function words that tell this language from
	// the others (ambiguous ones across languages may stay: evidence counts
	// words that belong to one side only).
	Function        []string `yaml:"function"`
	Determiners     []string `yaml:"determiners"`
	Articles        []string `yaml:"articles"` // articles that open a subject
	SubjectPronouns []string `yaml:"subject_pronouns"`
	Pronouns        []string `yaml:"pronouns"`
	Prepositions    []string `yaml:"prepositions"`
	Conjunctions    []string `yaml:"conjunctions"`
	Auxiliaries     []string `yaml:"auxiliaries"` // forms that carry a compound tense
	// Negation lists negation particles and negative quantifiers
	// ("ne", "pas", "aucun", "rien").
	Negation []string `yaml:"negation"`
	Days     []string `yaml:"days"`
	Months   []string `yaml:"months"`
	// TimeWords may follow a day or stand for one ("hier", "soir").
	TimeWords []string `yaml:"time_words"`
	// ReportingVerbs are finite forms of reporting verbs ("déclare").
	ReportingVerbs []string `yaml:"reporting_verbs"`
	// ReportingParticiples are past participles of reporting and speech
	// verbs, which MT leaves bare when it drops the auxiliary.
	ReportingParticiples []string `yaml:"reporting_participles"`
	// PassiveParticiples often stand as adjectives after a name.
	PassiveParticiples []string `yaml:"passive_participles"`
	// TitleIntroducers name a work or group whose capitalised title may follow.
	TitleIntroducers []string `yaml:"title_introducers"`
	PersonTitles     []string `yaml:"person_titles"`
	SpeakingBodies   []string `yaml:"speaking_bodies"` // agency, newspaper, ministry…
	Interjections    []string `yaml:"interjections"`
	// NameParticles join the parts of a name ("de", "von", "da").
	NameParticles []string `yaml:"name_particles"`
	// Abbreviations take a full stop without ending a sentence; matched
	// case-sensitively as written ("M", "Mme", "etc").
	Abbreviations []string `yaml:"abbreviations"`
	// Interface lists nouns of web-page interfaces (newsletter, comments, app).
	Interface []string `yaml:"interface"`
	// CallsToAction are imperative or infinitive verbs addressed to the
	// reader of a web page (subscribe, share, download).
	CallsToAction []string `yaml:"calls_to_action"`
	// Loanwords are source-language words the language uses as its own.
	Loanwords []string `yaml:"loanwords"`
	// CreditMarkers mark photo and agency credits ("getty images", "/afp").
	CreditMarkers []string `yaml:"credit_markers"`
}

// Quotes are the language's quotation marks.
type Quotes struct {
	Primary    []string   `yaml:"primary"`    // opening and closing: ["«", "»"]
	Secondary  []string   `yaml:"secondary"`  // nested quotes: ["“", "”"]
	Alternates [][]string `yaml:"alternates"` // other pairs house styles use correctly
	Apostrophe string     `yaml:"apostrophe"` // the typographic apostrophe: "’"
}

// Numbers is the number format.
type Numbers struct {
	Decimal string `yaml:"decimal"` // "," in French
	// Group lists the thousands separators the language accepts (" ", " ", ".").
	Group []string `yaml:"group"`
	// Clock is "24h" or "12h".
	Clock string `yaml:"clock"`
	// CurrencyAfter says the currency symbol follows the amount ("12 €").
	CurrencyAfter bool `yaml:"currency_after"`
}

// Typography holds spacing and punctuation conventions.
type Typography struct {
	// SpaceBefore lists punctuation preceded by a (no-break) space (French ": ; ! ?").
	SpaceBefore string `yaml:"space_before"`
	// InvertedMarks says questions and exclamations open with ¿ and ¡ (Spanish).
	InvertedMarks bool `yaml:"inverted_marks"`
}

// Set is a folded word set.
type Set map[string]bool

// Has reports whether the folded form of w is in the set.
func (s Set) Has(w string) bool {
	if len(s) == 0 {
		return false
	}
	if s[w] {
		return true
	}
	return s[Fold(w)]
}

// Set returns the folded set of one of p's lists, built at load time:
// p.Set(&p.Words.Months).
func (p *Profile) Set(list *[]string) Set {
	if p == nil {
		return nil
	}
	if s, ok := p.sets[list]; ok {
		return s
	}
	return makeSet(*list)
}

func makeSet(words []string) Set {
	s := make(Set, len(words))
	for _, w := range words {
		s[Fold(w)] = true
	}
	return s
}

// index builds the folded sets of every list once.
func (p *Profile) index() {
	p.sets = map[*[]string]Set{}
	for _, l := range p.lists() {
		p.sets[l.list] = makeSet(*l.list)
	}
	p.sets[&p.Elision] = makeSet(p.Elision)
}

type namedList struct {
	key  string
	list *[]string
}

// lists names every word list, for validation and for tools that print them.
func (p *Profile) lists() []namedList {
	w := &p.Words
	return []namedList{
		{"function", &w.Function}, {"determiners", &w.Determiners}, {"articles", &w.Articles},
		{"subject_pronouns", &w.SubjectPronouns}, {"pronouns", &w.Pronouns},
		{"prepositions", &w.Prepositions}, {"conjunctions", &w.Conjunctions},
		{"auxiliaries", &w.Auxiliaries}, {"negation", &w.Negation}, {"days", &w.Days},
		{"months", &w.Months}, {"time_words", &w.TimeWords}, {"reporting_verbs", &w.ReportingVerbs},
		{"reporting_participles", &w.ReportingParticiples}, {"passive_participles", &w.PassiveParticiples},
		{"title_introducers", &w.TitleIntroducers}, {"person_titles", &w.PersonTitles},
		{"speaking_bodies", &w.SpeakingBodies}, {"interjections", &w.Interjections},
		{"name_particles", &w.NameParticles}, {"abbreviations", &w.Abbreviations},
		{"interface", &w.Interface}, {"calls_to_action", &w.CallsToAction},
		{"loanwords", &w.Loanwords}, {"credit_markers", &w.CreditMarkers},
	}
}

// Fold is the form word lists are matched on: NFC, lower case, every
// apostrophe as ’.
func Fold(w string) string {
	ascii := true
	lower := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if ('A' <= c && c <= 'Z') || c == '\'' {
			lower = false
		}
	}
	if ascii && lower {
		return w
	}
	if !ascii {
		w = norm.NFC.String(w)
	}
	w = strings.Map(func(r rune) rune {
		switch r {
		case '\'', 'ʼ', '‘', '`', '´':
			return '’'
		}
		return unicode.ToLower(r)
	}, w)
	return w
}
