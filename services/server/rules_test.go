package server

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
)

// The server's tests audit with a small registry of their own, so what they
// see depends on the server alone, not on the project's rules as they grow.

var (
	bracketRe = regexp.MustCompile(`\[[A-Za-z][A-Za-z ,'-]*\]`)
	shareRe   = regexp.MustCompile(`(?m)^(?:Partager|LIRE AUSSI|CLIQUEZ ICI)\b.*$`)
	wordRe    = regexp.MustCompile(`\p{L}+`)
	colonRe   = regexp.MustCompile(`\p{L}:`)
)

func regexRule(id string, cat audit.Category, sev audit.Severity, title string, re *regexp.Regexp, msg, yes, no string) *audit.Rule {
	return &audit.Rule{
		ID: id, Category: cat, Severity: sev, Title: title, Doc: title + ".",
		Examples: []audit.Example{{Text: yes, Trigger: true}, {Text: no}},
		Run: func(p *audit.Pass) {
			for _, m := range re.FindAllStringIndex(p.Doc.Text, -1) {
				p.Report(audit.Diagnostic{Start: m[0], End: m[1], Message: msg})
			}
		},
	}
}

func testRegistry() []*audit.Rule {
	repeat := &audit.Rule{
		ID: "garbled.test-repeat", Category: audit.Garbled, Severity: audit.Minor, Title: "Word repeated",
		Doc: "Word repeated.", Examples: []audit.Example{{Text: "la réunion. réunion", Trigger: true}, {Text: "la réunion"}},
		Run: func(p *audit.Pass) {
			words := wordRe.FindAllStringIndex(p.Doc.Text, -1)
			for i := 0; i+1 < len(words); i++ {
				a, b := words[i], words[i+1]
				gap := p.Doc.Text[a[1]:b[0]]
				if b[1]-b[0] > 3 && strings.EqualFold(p.Doc.Text[a[0]:a[1]], p.Doc.Text[b[0]:b[1]]) && (gap == " " || gap == ". ") {
					p.Report(audit.Diagnostic{Start: a[0], End: b[1], Message: "Word repeated across a boundary",
						Suggestion: p.Doc.Text[a[0]:a[1]]})
				}
			}
		},
	}
	share := regexRule("scraped.test-furniture", audit.Scraped, audit.Major, "Page furniture in the body", shareRe,
		"Page furniture swept into the article", "Partager : Facebook", "Il faut partager les frais.")
	share.Fixable = true
	share.Run = func(p *audit.Pass) {
		for _, m := range shareRe.FindAllStringIndex(p.Doc.Text, -1) {
			end := m[1]
			if end < len(p.Doc.Text) {
				end++
			}
			p.Report(audit.Diagnostic{Start: m[0], End: m[1], Message: "Page furniture swept into the article",
				Fixes: []audit.Fix{{Message: "Remove the scraped line", Edits: []audit.Edit{{Start: m[0], End: end}}}}})
		}
	}
	return []*audit.Rule{
		regexRule("untranslated.test-bracket", audit.Untranslated, audit.Major, "English left in brackets", bracketRe,
			"English left in brackets inside the French text", "les [job guarantees]", "les garanties"),
		share,
		repeat,
		regexRule("typography.test-colon", audit.Typography, audit.Minor, "No space before a colon", colonRe,
			"French typography wants a space before a colon", "Partager:", "Partager :"),
	}
}

func testEngine(t testing.TB, extra ...*audit.Rule) *audit.Engine {
	t.Helper()
	eng, err := audit.NewEngine(append(testRegistry(), extra...), audit.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

var testTool = reports.Tool{Name: "mtaudit", Version: "test"}

// blockingRule holds every audit until release is closed, telling started
// each time one begins: the tests use it to keep audits in flight.
func blockingRule(started chan<- struct{}, release <-chan struct{}) *audit.Rule {
	return &audit.Rule{
		ID: "garbled.test-block", Category: audit.Garbled, Severity: audit.Info, Title: "Blocks", Doc: "Blocks.",
		Examples: []audit.Example{{Text: "x", Trigger: true}, {Text: "y"}},
		Run: func(*audit.Pass) {
			started <- struct{}{}
			<-release
		},
	}
}

// failingPass is an LLM pass that always fails and is required.
type failingPass struct{}

func (failingPass) Check(context.Context, *audit.Document) ([]audit.Finding, *audit.LLMStats, error) {
	return nil, nil, errors.New("upstream said 500")
}
func (failingPass) Required() bool { return true }

// sampleArticle is written for these tests: each paragraph carries one
// kind of artifact the test registry flags.
const sampleArticle = `Le gouvernement prépare une réforme des retraites

Le ministre a promis des [job guarantees] aux syndicats lors de la réunion syndicale. syndicale un rendez-vous suivi par de nombreux journalistes.

Partager: Facebook Twitter

La réforme sera présentée au Parlement en janvier, a précisé le porte-parole: le calendrier est fixé.
`
