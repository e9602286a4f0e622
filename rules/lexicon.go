package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// lexicon is what the Go rules know of an article's language and of the
// source language whose traces they look for: the sets they read, taken
// from the two profiles' lists and built once per pair of profiles (kept
// with the target profile, see profile.Derived). Every set is keyed by
// folded words (profile.Fold); a list a profile leaves empty gives an empty
// set, and a check that needs it finds nothing.
type lexicon struct {
	target, source *profile.Profile

	// Function words that tell the target from the source language, each
	// side's words that are not the other side's: the evidence of the
	// untranslated checks. functionMaxLen is the longest, in bytes.
	function, sourceFunction profile.Set
	functionMaxLen           int
	// evidenceWords holds both sides' evidence words, each with its side,
	// so that a word is looked up once (a Table: every word of every
	// candidate sentence is looked up).
	evidenceWords *wordlists.Table[evidenceSide]
	// distinctive lists the target's letters English does not write;
	// distinctiveASCII is set when one of them is ASCII (a word in ASCII
	// may then hold one).
	distinctive      string
	distinctiveASCII bool
	// distinctiveLow marks the distinctive letters below U+0800 (the
	// Latin, Greek and Cyrillic ones): hasDistinctive reads a bit per
	// rune instead of searching distinctive.
	distinctiveLow [distinctiveLowRunes / 64]uint64
	// nounsCapitalised: every noun takes a capital (German), months and
	// days included.
	nounsCapitalised bool

	// lowerFunction holds the function words running text writes in lower
	// case: determiners, pronouns, conjunctions and the lower_case list.
	lowerFunction profile.Set
	// readerAddress holds the polite forms of address a capital does not
	// betray (German Sie, Ihre).
	readerAddress                                    profile.Set
	determiners, articles, definiteArticles          profile.Set
	prepositions, auxiliaries, clauseOpeners         profile.Set
	days, months, timeWords, dayWords, dateLeads     profile.Set
	monthLeads, dayFeasts, ambiguousMonths           profile.Set
	subjects, pluralSubjects                         profile.Set
	subjectRelatives                                 profile.Set
	reportingVerbs, reportingParticiples, passives   profile.Set
	agentPrepositions, complementPrepositions        profile.Set
	complementizers, infinitiveOpeners, timeNouns    profile.Set
	personTitles, speakingBodies, titleIntroducers   profile.Set
	interjections, nameParticles, articleNames       profile.Set
	capitalisedPhrases, infinitiveLeads              profile.Set
	indirectQuestionVerbs, finiteMarkers, lookalikes profile.Set
	lowerAbbreviations, agencyTags, furnitureLabels  profile.Set
	nameStopwords, nameEndings                       profile.Set
	glossedLoanwords, foreignLocutions, sourceMinor  profile.Set
	infinitiveEndings, verbEndings, nameVerbEndings  []string
	futureEndings, finiteEndings, commonNounEndings  []string
	sourceLanguageNames, creditMarkers               []string
	participleAuxiliaries, objectRelatives           []string
	exonyms                                          [][2]string
	// futureStems pair an infinitive ending with its future stem (are/er).
	futureStems                                     [][2]string
	elidedStems                                     map[string]bool // "l", "qu": elided forms without the apostrophe
	elidedMaxLen                                    int
	elidedShort                                     []uint64    // elidedKey of each stem of seven bytes or fewer
	quotes                                          []quotePair // the target's pairs: primary, secondary, alternates
	openQuotes, closeQuotes                         string      // every opening and closing mark, the source's too
	targetOpenQuotes, targetCloseQuotes, quoteMarks string      // the target's opening, closing, all marks
}

// evidenceSide is the side an evidence word tells of.
type evidenceSide uint8

const (
	evidenceNone evidenceSide = iota
	evidenceSource
	evidenceTarget
)

// quotePair is an opening and a closing quotation mark.
type quotePair struct{ open, close string }

// noProfile stands for a language without a profile: every set is empty.
var noProfile = &profile.Profile{}

// lexiconKey keys a lexicon in its target profile by source profile.
type lexiconKey struct{ source *profile.Profile }

// lexOf returns the lexicon of a pass's target and source languages.
func lexOf(pass *audit.Pass) *lexicon { return lexiconFor(pass.Profile, pass.Source) }

// lexiconFor returns the lexicon of a target and a source profile (either
// may be nil). A source-only profile (English) is no target: an article
// detected in it gets the empty lexicon, as a language without a profile.
func lexiconFor(target, source *profile.Profile) *lexicon {
	if target == nil || !target.Target {
		target = noProfile
	}
	if source == nil {
		source = noProfile
	}
	return target.Derived(lexiconKey{source}, func(p *profile.Profile) any { return buildLexicon(p, source) }).(*lexicon)
}

func buildLexicon(t, src *profile.Profile) *lexicon {
	w := &t.Words
	set := func(l *[]string) profile.Set { return t.Set(l) }
	lx := &lexicon{target: t, source: src}

	// Evidence words belong to one side only.
	lx.function = minus(set(&w.Function), src.Set(&src.Words.Function))
	lx.sourceFunction = minus(src.Set(&src.Words.Function), set(&w.Function))
	for _, s := range []profile.Set{lx.function, lx.sourceFunction} {
		for k := range s {
			lx.functionMaxLen = max(lx.functionMaxLen, len(k))
		}
	}
	evidence := make(map[string]evidenceSide, len(lx.function)+len(lx.sourceFunction))
	for k := range lx.function {
		evidence[k] = evidenceTarget
	}
	for k := range lx.sourceFunction { // (the sets are disjoint)
		evidence[k] = evidenceSource
	}
	lx.evidenceWords = wordlists.NewTable(evidence)
	lx.distinctive = strings.Join(w.DistinctiveLetters, "")
	lx.distinctiveASCII = strings.IndexFunc(lx.distinctive, func(r rune) bool { return r < utf8.RuneSelf }) >= 0
	for _, r := range lx.distinctive {
		if r < distinctiveLowRunes {
			lx.distinctiveLow[r/64] |= 1 << (r % 64)
		}
	}
	lx.nounsCapitalised = t.Typography.NounsCapitalised

	lx.determiners, lx.articles, lx.definiteArticles = set(&w.Determiners), set(&w.Articles), set(&w.DefiniteArticles)
	lx.lowerFunction = union(lx.determiners, set(&w.Pronouns), set(&w.Conjunctions), set(&w.LowerCase))
	lx.readerAddress = set(&w.ReaderAddressCased) // the polite address, folded: no link text
	lx.prepositions, lx.auxiliaries, lx.clauseOpeners = set(&w.Prepositions), set(&w.Auxiliaries), set(&w.ClauseOpeners)
	lx.days, lx.months, lx.timeWords, lx.dayWords = set(&w.Days), set(&w.Months), set(&w.TimeWords), set(&w.DayWords)
	lx.dateLeads, lx.monthLeads, lx.dayFeasts = set(&w.DateLeads), set(&w.MonthLeads), set(&w.DayFeasts)
	lx.ambiguousMonths = set(&w.AmbiguousMonths)
	lx.pluralSubjects = set(&w.ThirdPersonPlural)
	lx.subjects = union(set(&w.ThirdPersonSingular), lx.pluralSubjects)
	lx.subjectRelatives = set(&w.SubjectRelatives)
	lx.reportingVerbs, lx.reportingParticiples = set(&w.ReportingVerbs), set(&w.ReportingParticiples)
	lx.passives = set(&w.PassiveParticiples)
	lx.agentPrepositions, lx.complementPrepositions = set(&w.AgentPrepositions), set(&w.ComplementPrepositions)
	lx.complementizers, lx.infinitiveOpeners, lx.timeNouns = set(&w.Complementizers), set(&w.InfinitiveOpeners), set(&w.TimeNouns)
	lx.personTitles, lx.speakingBodies, lx.titleIntroducers = set(&w.PersonTitles), set(&w.SpeakingBodies), set(&w.TitleIntroducers)
	lx.interjections, lx.nameParticles, lx.articleNames = set(&w.Interjections), set(&w.NameParticles), set(&w.ArticleNames)
	lx.capitalisedPhrases, lx.infinitiveLeads = set(&w.CapitalisedPhrases), set(&w.InfinitiveLeads)
	lx.indirectQuestionVerbs, lx.finiteMarkers, lx.lookalikes = set(&w.IndirectQuestionVerbs), set(&w.FiniteMarkers), set(&w.FiniteLookalikes)
	// A full stop after an abbreviation of either list may be followed by
	// a lower-case word.
	lx.lowerAbbreviations = union(set(&w.LowercaseAbbreviations), set(&w.Abbreviations))
	lx.agencyTags = set(&w.AgencyTags)
	lx.furnitureLabels = union(set(&w.FurnitureLabels), src.Set(&src.Words.FurnitureLabels))
	lx.nameStopwords = set(&w.NameStopwords)
	// The bare stem is always one of its forms.
	lx.nameEndings = union(set(&w.NameEndings), profile.Set{"": true})
	lx.glossedLoanwords, lx.foreignLocutions = set(&w.GlossedLoanwords), set(&w.ForeignLocutions)
	lx.sourceMinor = src.Set(&src.Words.TitleLowercase)

	lx.infinitiveEndings = folded(w.InfinitiveEndings)
	lx.verbEndings, lx.nameVerbEndings = folded(w.DistinctiveInfinitiveEndings), folded(w.NameLikeVerbEndings)
	lx.futureEndings, lx.finiteEndings = folded(w.FutureEndings), folded(w.FiniteEndings)
	lx.commonNounEndings = folded(w.CommonNounEndings)
	lx.sourceLanguageNames = folded(w.SourceLanguageNames)
	lx.creditMarkers = folded(append(append([]string{}, w.CreditMarkers...), src.Words.CreditMarkers...))
	lx.participleAuxiliaries = w.ParticipleAuxiliaries
	lx.objectRelatives = w.ObjectRelatives
	lx.exonyms = t.ExonymPairs()
	lx.futureStems = t.FutureStemPairs()

	lx.elidedStems = map[string]bool{}
	for _, e := range t.Elision {
		stem := strings.TrimSuffix(profile.Fold(e), "’")
		if stem != "" {
			lx.elidedStems[stem] = true
			lx.elidedMaxLen = max(lx.elidedMaxLen, len(stem))
			if len(stem) <= 7 {
				lx.elidedShort = append(lx.elidedShort, elidedKey(stem))
			}
		}
	}

	pairs := func(p *profile.Profile) []quotePair {
		var out []quotePair
		q := p.Quotes
		for _, pr := range append([][]string{q.Primary, q.Secondary}, q.Alternates...) {
			if len(pr) == 2 {
				out = append(out, quotePair{pr[0], pr[1]})
			}
		}
		return out
	}
	lx.quotes = pairs(t)
	for _, q := range lx.quotes {
		lx.targetOpenQuotes += q.open
		lx.targetCloseQuotes += q.close
		lx.quoteMarks += q.open + q.close
	}
	for _, q := range append(pairs(t), pairs(src)...) {
		lx.openQuotes += q.open
		lx.closeQuotes += q.close
	}
	return lx
}

// folded folds every word of a list, dropping duplicates.
func folded(ws []string) []string {
	out := make([]string, 0, len(ws))
	seen := map[string]bool{}
	for _, w := range ws {
		if f := profile.Fold(w); !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// union returns a set holding the words of every set.
func union(sets ...profile.Set) profile.Set {
	n := 0
	for _, s := range sets {
		n += len(s)
	}
	out := make(profile.Set, n)
	for _, s := range sets {
		for w := range s {
			out[w] = true
		}
	}
	return out
}

// minus returns the words of a that are not in b.
func minus(a, b profile.Set) profile.Set {
	out := make(profile.Set, len(a))
	for w := range a {
		if !b[w] {
			out[w] = true
		}
	}
	return out
}

// hasSuffixIn reports whether w ends with one of the endings.
func hasSuffixIn(w string, endings []string) bool {
	for _, e := range endings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// isQuoteMark reports whether the one-rune string m is one of marks.
func isQuoteMark(m, marks string) bool {
	if m == "" {
		return false
	}
	r, n := utf8.DecodeRuneInString(m)
	return n == len(m) && strings.ContainsRune(marks, r)
}

// distinctiveLowRunes bounds lexicon.distinctiveLow.
const distinctiveLowRunes = 0x800

// hasDistinctive reports whether s holds one of the target's distinctive
// letters: strings.ContainsAny(s, lx.distinctive), a bit per rune below
// distinctiveLowRunes, the two-byte ones decoded in place (an invalid
// byte decodes as U+FFFD, above them, and is searched for as ContainsAny
// does).
func (lx *lexicon) hasDistinctive(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
			i++
		case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			i += 2
		default:
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
			if r >= distinctiveLowRunes {
				if strings.ContainsRune(lx.distinctive, r) {
					return true
				}
				continue
			}
		}
		if lx.distinctiveLow[r/64]&(1<<(r%64)) != 0 {
			return true
		}
	}
	return false
}
