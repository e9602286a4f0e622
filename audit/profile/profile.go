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
	"sync"
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
	Grammar    Grammar    `yaml:"grammar"`

	// Source is where the profile was read from ("data/fr.yaml").
	Source string `yaml:"-"`

	sets    map[*[]string]Set
	derived sync.Map // Derived's values, by key
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

	// The lists below feed one check or two each; a check whose lists are
	// empty for a language does nothing for it.

	// LowerCase holds the words besides determiners, pronouns and
	// conjunctions that running text writes in lower case (prepositions,
	// adverbs): together they are the function words a capital betrays as
	// link text in mid-sentence.
	LowerCase []string `yaml:"lower_case"`
	// DistinctiveLetters are letters the language writes and English does not (é, ç, ñ).
	DistinctiveLetters []string `yaml:"distinctive_letters"`
	// SourceLanguageNames name the source language (anglais): a bracket announced by one quotes it on purpose.
	SourceLanguageNames []string `yaml:"source_language_names"`
	// GlossedLoanwords are source-language words news glosses in brackets on purpose (hedge, funds, think, tank).
	GlossedLoanwords []string `yaml:"glossed_loanwords"`
	// ForeignLocutions are foreign set phrases written as they are (in extremis, a priori).
	ForeignLocutions []string `yaml:"foreign_locutions"`
	// TitleLowercase are words title case leaves in lower case besides function words (English: in, on, a, an).
	TitleLowercase []string `yaml:"title_lowercase"`
	// NameStopwords are capitalised words that open sentences and are no names (cependant, notamment).
	NameStopwords []string `yaml:"name_stopwords"`
	// NameEndings are inflection endings: words that differ only by them are one stem (Russe, Russie), not a name's variants.
	NameEndings []string `yaml:"name_endings"`
	// ExonymEndings pair endings as "exonym/local" by which the language's place names differ from local ones (bourg/burg).
	ExonymEndings []string `yaml:"exonym_endings"`
	// ThirdPersonSingular and ThirdPersonPlural are subject pronouns of a reporting verb (il, on; ils).
	ThirdPersonSingular []string `yaml:"third_person_singular"`
	ThirdPersonPlural   []string `yaml:"third_person_plural"`
	// SubjectRelatives and ObjectRelatives are relative pronouns (qui; que).
	SubjectRelatives []string `yaml:"subject_relatives"`
	ObjectRelatives  []string `yaml:"object_relatives"`
	// DayWords are time words that stand for a day on their own (hier).
	DayWords []string `yaml:"day_words"`
	// AgentPrepositions introduce the agent of a passive (par).
	AgentPrepositions []string `yaml:"agent_prepositions"`
	// ComplementPrepositions introduce a noun or an infinitive complement (de, d’).
	ComplementPrepositions []string `yaml:"complement_prepositions"`
	// Complementizers open a reported clause (que).
	Complementizers []string `yaml:"complementizers"`
	// InfinitiveOpeners open an infinitive clause (avoir, se, ne).
	InfinitiveOpeners []string `yaml:"infinitive_openers"`
	// InfinitiveEndings end infinitives (er, ir, re).
	InfinitiveEndings []string `yaml:"infinitive_endings"`
	// DistinctiveInfinitiveEndings end infinitives and almost no name (iser, uire).
	DistinctiveInfinitiveEndings []string `yaml:"distinctive_infinitive_endings"`
	// NameLikeVerbEndings end names that look like verb forms (Kaiser: aiser).
	NameLikeVerbEndings []string `yaml:"name_like_verb_endings"`
	// FutureEndings make a future or conditional from an infinitive less its final e (construir-a).
	FutureEndings []string `yaml:"future_endings"`
	// FutureStems pair an infinitive ending with the stem its future and
	// conditional are made on, as "infinitive/stem" (Italian are/er:
	// organizzare, organizzerà); without a pair the stem is the infinitive
	// less its final e.
	FutureStems []string `yaml:"future_stems"`
	// InfinitiveLeads govern an infinitive: prepositions, modals, near-future verbs (pour, doit).
	InfinitiveLeads []string `yaml:"infinitive_leads"`
	// ParticipleAuxiliaries make a reporting verb's perfect, singular then plural (a, ont).
	ParticipleAuxiliaries []string `yaml:"participle_auxiliaries"`
	// TimeNouns head a time phrase after a participle (veille, semaine).
	TimeNouns []string `yaml:"time_nouns"`
	// CapitalisedPhrases are two-word phrases whose second word keeps its capital (la une).
	CapitalisedPhrases []string `yaml:"capitalised_phrases"`
	// MonthLeads come before a month in a date (début, fin).
	MonthLeads []string `yaml:"month_leads"`
	// DayFeasts follow a day or month inside a name (Mardi gras).
	DayFeasts []string `yaml:"day_feasts"`
	// AmbiguousMonths are months that are also names (Mars, Mai 68).
	AmbiguousMonths []string `yaml:"ambiguous_months"`
	// ArticleNames are names written after an elided article, given without it (L’Oréal: oréal).
	ArticleNames []string `yaml:"article_names"`
	// DefiniteArticles are the definite articles (le, la).
	DefiniteArticles []string `yaml:"definite_articles"`
	// ClauseOpeners open a new clause's subject (le, il, ces).
	ClauseOpeners []string `yaml:"clause_openers"`
	// DateLeads open a date (le 12 mars, en 2021).
	DateLeads []string `yaml:"date_leads"`
	// IndirectQuestionVerbs take a relative as an object pronoun (savoir qui X nommera).
	IndirectQuestionVerbs []string `yaml:"indirect_question_verbs"`
	// FiniteMarkers open or make a finite verb group (ne, se, a, doit).
	FiniteMarkers []string `yaml:"finite_markers"`
	// FiniteEndings end finite verbs: future, conditional, imperfect (ra, ait).
	FiniteEndings []string `yaml:"finite_endings"`
	// FiniteLookalikes are nouns with a finite verb's ending (portrait).
	FiniteLookalikes []string `yaml:"finite_lookalikes"`
	// CommonNounEndings end common nouns, the words of section heads (tion, ment).
	CommonNounEndings []string `yaml:"common_noun_endings"`
	// AgencyTags are news agencies credited in lower case (dpa, afp).
	AgencyTags []string `yaml:"agency_tags"`
	// FurnitureLabels head a line of page furniture (lire, vidéo).
	FurnitureLabels []string `yaml:"furniture_labels"`
	// ReaderAddress are the second-person pronouns and possessives a web
	// page addresses its reader with (vous, votre, dein), matched folded.
	ReaderAddress []string `yaml:"reader_address"`
	// ReaderAddressCased are polite forms of address told from another
	// pronoun by their capital in mid-sentence (German Sie, Ihr), matched
	// as written.
	ReaderAddressCased []string `yaml:"reader_address_cased"`
	// PublisherAddress are the first-person plural words a site uses of
	// itself (notre, nos, unser): "notre newsletter".
	PublisherAddress []string `yaml:"publisher_address"`
	// SocialNetworks name the networks and share targets of a share bar
	// (facebook, whatsapp); the source profile lists the international
	// ones, a target adds its own.
	SocialNetworks []string `yaml:"social_networks"`
	// ImperativeEndings end the polite or plural imperative of any verb
	// (French -ez: "Activez", Italian -tevi: "Iscrivetevi"): a word with
	// one opening a line before its object is a call to the reader. In a
	// language with ReaderAddressCased forms, the polite pronoun must
	// follow instead ("Unterstützen Sie").
	ImperativeEndings []string `yaml:"imperative_endings"`
	// LowercaseAbbreviations are abbreviations and unit symbols matched on
	// the folded word (etc, env, km): after one, a full stop then a
	// lower-case word is no broken sentence. Unlike Abbreviations, they may
	// end a sentence.
	LowercaseAbbreviations []string `yaml:"lowercase_abbreviations"`
	// PlaceNames pair the source language's (English) names of countries,
	// capitals, regions and major places with the language's own, as
	// "English/own" ("Turkey/Türkei", "Türkiye/Türkei"), where the two
	// differ: the English name in an article of the language was left
	// untranslated. Leave out English names the language writes too.
	PlaceNames []string `yaml:"place_names"`
	// BodyHeads are the English nouns that head names of bodies and events
	// (council, ministry, championships) that the language's press always
	// translates: an English name ending in one, in an article of the
	// language, was left untranslated. Leave out the heads its press keeps
	// in English names (German: court, cup, league, office).
	BodyHeads []string `yaml:"body_heads"`

	// The lists below feed the locale, polarity and truncation checks
	// (typography.number-format, negation.*, garbled.truncated-sentence).

	// NumberUnits follow a quantity: percent words, scale words, currency
	// names, units of measure (prozent, millions, euros, km). A number in
	// the source language's format is flagged only before one of them, or
	// before a percent or currency sign; multi-word units are written whole
	// ("pour cent") and matched on their first two words.
	NumberUnits []string `yaml:"number_units"`
	// CurrencyPrefixes are currency signs the language writes before the
	// amount although its profile sets currency_after (pt-BR "R$ 5",
	// Italian "€ 12"), prefix letters included.
	CurrencyPrefixes []string `yaml:"currency_prefixes"`
	// Meridiem lists the markers of a 12-hour clock ("a.m.", "pm"); the
	// source language's, looked for in articles whose clock is 24h.
	Meridiem []string `yaml:"meridiem"`
	// Negators negate a verb on their own (pas, nicht, no, non, não), as
	// opposed to the clitic ne and to negative quantifiers.
	Negators []string `yaml:"negators"`
	// NegativeQuantifiers are the negative pronouns, determiners and
	// adverbs of the negation list (rien, aucun, jamais; kein, nichts, nie).
	NegativeQuantifiers []string `yaml:"negative_quantifiers"`
	// NegationClitics stand before each negated verb beside the negator
	// (French ne, n’): a second one opens another negation.
	NegationClitics []string `yaml:"negation_clitics"`
	// Nothing are the pronouns meaning "nothing" (rien, nichts, nada).
	Nothing []string `yaml:"nothing"`
	// NegationIdioms are phrases in which a negator or a negative word
	// negates no clause (pas rien, faux pas, nicht nur, no obstante): a
	// clause holding one is no double negative.
	NegationIdioms []string `yaml:"negation_idioms"`
	// OnTheTable are the phrases of "on the table" (sur la table, auf dem
	// Tisch): with a negative quantifier, the inverse of "nothing is off the table".
	OnTheTable []string `yaml:"on_the_table"`
	// ChoiceNouns name what may be "on the table" (option, possibilité, scénario).
	ChoiceNouns []string `yaml:"choice_nouns"`
	// SentenceFinal are the words of the determiner, preposition and
	// conjunction lists that may end a sentence as pronouns, adverbs or
	// verb particles (contre, tout, ainsi; an, auf, das; así, todos).
	SentenceFinal []string `yaml:"sentence_final"`
}

// Quotes are the language's quotation marks.
type Quotes struct {
	Primary    []string   `yaml:"primary"`    // opening and closing: ["«", "»"]
	Secondary  []string   `yaml:"secondary"`  // nested quotes: ["“", "”"]
	Alternates [][]string `yaml:"alternates"` // other pairs house styles use correctly
	Apostrophe string     `yaml:"apostrophe"` // the typographic apostrophe: "’"
	// Spaced says the primary marks take a (no-break) space inside: « … ».
	Spaced bool `yaml:"spaced"`
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
	// DecimalAlternates are decimal marks some of the language's regions
	// write, with the matching thousands separator (Spanish ".": 2.5 and
	// 25,000 in Mexico): a number in that format is a convention only out
	// of place in an article that also writes the primary format.
	DecimalAlternates []string `yaml:"decimal_alternates"`
}

// Typography holds spacing and punctuation conventions.
type Typography struct {
	// SpaceBefore lists punctuation preceded by a (no-break) space (French ": ; ! ?").
	SpaceBefore string `yaml:"space_before"`
	// InvertedMarks says questions and exclamations open with ¿ and ¡ (Spanish).
	InvertedMarks bool `yaml:"inverted_marks"`
	// NounsCapitalised says every noun takes a capital, months and days
	// included (German): a capital mid-sentence is no sign of a name or of link text.
	NounsCapitalised bool `yaml:"nouns_capitalised"`
}

// Grammar holds syntactic settings the checks read.
type Grammar struct {
	// NegativeConcord says a negative word after the verb takes the
	// negator before it (Spanish "no dijo nada", Italian "non ha visto
	// nessuno"), while one before the verb stands alone ("nadie vino"):
	// only a negative word followed by the negator is a double negative.
	// Without concord (French "pas", German "nicht") the negator and a
	// negative word in one clause are a double negative in either order.
	NegativeConcord bool `yaml:"negative_concord"`
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

// Derived returns what build makes of p, built once per key and kept with
// the profile: checks that combine lists (a union of sets, a longest word)
// keep the result here rather than in a global. build must not call
// Derived with the same key.
func (p *Profile) Derived(key any, build func(*Profile) any) any {
	if v, ok := p.derived.Load(key); ok {
		return v
	}
	v, _ := p.derived.LoadOrStore(key, build(p))
	return v
}

// ExonymPairs returns ExonymEndings as [exonym, local] pairs.
func (p *Profile) ExonymPairs() [][2]string {
	var out [][2]string
	for _, e := range p.Words.ExonymEndings {
		if a, b, ok := strings.Cut(e, "/"); ok && a != "" && b != "" {
			out = append(out, [2]string{Fold(a), Fold(b)})
		}
	}
	return out
}

// FutureStemPairs returns FutureStems as folded [infinitive ending, stem] pairs.
func (p *Profile) FutureStemPairs() [][2]string {
	var out [][2]string
	for _, e := range p.Words.FutureStems {
		if a, b, ok := strings.Cut(e, "/"); ok && a != "" && b != "" {
			out = append(out, [2]string{Fold(a), Fold(b)})
		}
	}
	return out
}

// PlaceNamePairs returns PlaceNames as [English, own] pairs, the English
// name folded, the language's as written.
func (p *Profile) PlaceNamePairs() [][2]string {
	var out [][2]string
	for _, e := range p.Words.PlaceNames {
		if a, b, ok := strings.Cut(e, "/"); ok && strings.TrimSpace(a) != "" && strings.TrimSpace(b) != "" {
			out = append(out, [2]string{Fold(strings.TrimSpace(a)), strings.TrimSpace(b)})
		}
	}
	return out
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
		{"lower_case", &w.LowerCase},
		{"distinctive_letters", &w.DistinctiveLetters},
		{"source_language_names", &w.SourceLanguageNames}, {"glossed_loanwords", &w.GlossedLoanwords},
		{"foreign_locutions", &w.ForeignLocutions}, {"title_lowercase", &w.TitleLowercase},
		{"name_stopwords", &w.NameStopwords}, {"name_endings", &w.NameEndings},
		{"exonym_endings", &w.ExonymEndings}, {"third_person_singular", &w.ThirdPersonSingular},
		{"third_person_plural", &w.ThirdPersonPlural}, {"subject_relatives", &w.SubjectRelatives},
		{"object_relatives", &w.ObjectRelatives}, {"day_words", &w.DayWords},
		{"agent_prepositions", &w.AgentPrepositions}, {"complement_prepositions", &w.ComplementPrepositions},
		{"complementizers", &w.Complementizers}, {"infinitive_openers", &w.InfinitiveOpeners},
		{"infinitive_endings", &w.InfinitiveEndings},
		{"distinctive_infinitive_endings", &w.DistinctiveInfinitiveEndings},
		{"name_like_verb_endings", &w.NameLikeVerbEndings}, {"future_endings", &w.FutureEndings},
		{"future_stems", &w.FutureStems},
		{"infinitive_leads", &w.InfinitiveLeads}, {"participle_auxiliaries", &w.ParticipleAuxiliaries},
		{"time_nouns", &w.TimeNouns}, {"capitalised_phrases", &w.CapitalisedPhrases},
		{"month_leads", &w.MonthLeads}, {"day_feasts", &w.DayFeasts},
		{"ambiguous_months", &w.AmbiguousMonths}, {"article_names", &w.ArticleNames},
		{"definite_articles", &w.DefiniteArticles}, {"clause_openers", &w.ClauseOpeners},
		{"date_leads", &w.DateLeads}, {"indirect_question_verbs", &w.IndirectQuestionVerbs},
		{"finite_markers", &w.FiniteMarkers}, {"finite_endings", &w.FiniteEndings},
		{"finite_lookalikes", &w.FiniteLookalikes}, {"common_noun_endings", &w.CommonNounEndings},
		{"agency_tags", &w.AgencyTags}, {"furniture_labels", &w.FurnitureLabels},
		{"lowercase_abbreviations", &w.LowercaseAbbreviations},
		{"place_names", &w.PlaceNames}, {"body_heads", &w.BodyHeads},
		{"number_units", &w.NumberUnits}, {"currency_prefixes", &w.CurrencyPrefixes},
		{"meridiem", &w.Meridiem}, {"negators", &w.Negators},
		{"negative_quantifiers", &w.NegativeQuantifiers}, {"on_the_table", &w.OnTheTable},
		{"choice_nouns", &w.ChoiceNouns}, {"sentence_final", &w.SentenceFinal},
		{"nothing", &w.Nothing}, {"negation_idioms", &w.NegationIdioms},
		{"negation_clitics", &w.NegationClitics},
		{"reader_address", &w.ReaderAddress}, {"reader_address_cased", &w.ReaderAddressCased},
		{"publisher_address", &w.PublisherAddress}, {"social_networks", &w.SocialNetworks},
		{"imperative_endings", &w.ImperativeEndings},
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
