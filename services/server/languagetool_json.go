package server

import (
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// The answer of POST /v2/check, in LanguageTool's JSON
// (RuleMatchesAsJsonSerializer): the fields its clients read.
type ltCheckAnswer struct {
	Software ltSoftware `json:"software"`
	Warnings ltWarnings `json:"warnings"`
	Language ltLanguage `json:"language"`
	Matches  []ltMatch  `json:"matches"`
	// SentenceRanges are [from, to) of each sentence, in UTF-16 units.
	SentenceRanges [][2]int `json:"sentenceRanges"`
}

type ltSoftware struct {
	Name       string `json:"name"`
	Version    string `json:"version"`
	BuildDate  string `json:"buildDate"`
	APIVersion int    `json:"apiVersion"`
	Premium    bool   `json:"premium"`
	Status     string `json:"status"`
}

type ltWarnings struct {
	IncompleteResults       bool   `json:"incompleteResults"`
	IncompleteResultsReason string `json:"incompleteResultsReason,omitempty"`
}

type ltLanguage struct {
	Name             string             `json:"name"`
	Code             string             `json:"code"`
	DetectedLanguage ltDetectedLanguage `json:"detectedLanguage"`
}

type ltDetectedLanguage struct {
	Name       string  `json:"name"`
	Code       string  `json:"code"`
	Confidence float64 `json:"confidence"`
	Source     string  `json:"source,omitempty"`
}

type ltMatch struct {
	Message      string          `json:"message"`
	ShortMessage string          `json:"shortMessage"`
	Replacements []ltReplacement `json:"replacements"`
	Offset       int             `json:"offset"`
	Length       int             `json:"length"`
	Context      ltContext       `json:"context"`
	Sentence     string          `json:"sentence"`
	Type         ltType          `json:"type"`
	Rule         ltRule          `json:"rule"`
	// IgnoreForIncompleteSentence and ContextForSureMatch are what
	// LanguageTool sends for rules that need the whole sentence; clients
	// checking as one types read them.
	IgnoreForIncompleteSentence bool `json:"ignoreForIncompleteSentence"`
	ContextForSureMatch         int  `json:"contextForSureMatch"`
}

type ltReplacement struct {
	Value string `json:"value"`
}

type ltContext struct {
	Text   string `json:"text"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type ltType struct {
	TypeName string `json:"typeName"`
}

type ltRule struct {
	ID          string     `json:"id"`
	Description string     `json:"description"`
	IssueType   string     `json:"issueType"`
	Category    ltCategory `json:"category"`
}

type ltCategory struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ltLanguageEntry is one item of GET /v2/languages.
type ltLanguageEntry struct {
	Name     string `json:"name"`
	Code     string `json:"code"`
	LongCode string `json:"longCode"`
}

// ltIssueType maps a finding to the ITS 2.0 issue type LanguageTool
// clients colour by (ITSIssueType: "misspelling" red, "style" blue, the
// rest as grammar). A finding of severity info is a hint: "style",
// whatever its category.
func ltIssueType(cat audit.Category, sev audit.Severity) string {
	if sev == audit.Info {
		return "style"
	}
	switch cat {
	case audit.Untranslated:
		return "untranslated"
	case audit.Mistranslation, audit.Negation:
		return "mistranslation"
	case audit.Name:
		return "inconsistent-entities"
	case audit.Grammar, audit.Garbled:
		return "grammar"
	case audit.Scraped:
		return "addition"
	case audit.Duplicate:
		return "duplication"
	case audit.Typography:
		return "typographical"
	}
	return "uncategorized"
}

// ltTypeName is the match's type: LanguageTool says "Hint" for what only
// suggests, "Other" for the rest ("UnknownWord" is its spell checker's).
func ltTypeName(sev audit.Severity) string {
	if sev == audit.Info {
		return "Hint"
	}
	return "Other"
}

// ltCategoryID is a category as LanguageTool spells its ids (TYPOGRAPHY).
func ltCategoryID(cat audit.Category) string { return strings.ToUpper(string(cat)) }

// ltMatchOf converts one finding.
func (s *Server) ltMatchOf(t *ltText, doc *audit.Document, f audit.Finding, cat *i18n.Catalog) ltMatch {
	from, to := t.span(f.Start, f.End)
	title := f.Rule
	if r := s.opts.Engine.Rule(f.Rule); r != nil {
		title = cat.Message(r.Title)
	} else if s.opts.LLMEngine != nil {
		if r := s.opts.LLMEngine.Rule(f.Rule); r != nil {
			title = cat.Message(r.Title)
		}
	}
	msg := cat.Message(f.Message)
	m := ltMatch{
		Message:      msg,
		ShortMessage: title,
		Replacements: ltReplacements(doc.Text, f),
		Offset:       from,
		Length:       to - from,
		Context:      t.context(from, to),
		Sentence:     sentenceAt(doc, f.Start),
		Type:         ltType{TypeName: ltTypeName(f.Severity)},
		Rule: ltRule{
			ID: f.Rule, Description: title, IssueType: ltIssueType(f.Category, f.Severity),
			Category: ltCategory{ID: ltCategoryID(f.Category), Name: cat.Label("category." + string(f.Category))},
		},
		ContextForSureMatch: 0,
	}
	if f.Suggestion != "" && len(m.Replacements) == 0 {
		m.Message += " — " + cat.Message(f.Suggestion)
	}
	return m
}

// ltReplacements are the finding's fixes that stay inside its span,
// each as the span's text once the fix is made: what a client puts in
// place of the match. A fix reaching outside the span (removing a whole
// line with its line end) cannot be offered as a replacement of the match.
func ltReplacements(text string, f audit.Finding) []ltReplacement {
	out := []ltReplacement{}
	seen := map[string]bool{}
	for _, fix := range f.Fixes {
		var b strings.Builder
		pos, inside := f.Start, true
		for _, e := range fix.Edits {
			if e.Start < f.Start || e.End > f.End || e.Start < pos {
				inside = false
				break
			}
			b.WriteString(text[pos:e.Start])
			b.WriteString(e.New)
			pos = e.End
		}
		if !inside || len(fix.Edits) == 0 {
			continue
		}
		b.WriteString(text[pos:f.End])
		if v := b.String(); !seen[v] && v != text[f.Start:f.End] {
			seen[v] = true
			out = append(out, ltReplacement{Value: v})
		}
	}
	return out
}

// sentenceAt is the text of the sentence holding byte offset b, trimmed.
func sentenceAt(doc *audit.Document, b int) string {
	i := sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].End > b })
	if i == len(doc.Sentences) || doc.Sentences[i].Start > b {
		return ""
	}
	s := doc.Sentences[i]
	return strings.TrimSpace(doc.Text[s.Start:s.End])
}
