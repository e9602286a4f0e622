package rules

import (
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Language knowledge is data: the profiles (audit/profile/data) and the
// packs hold the words, the Go code the mechanisms. TestNoWordListsInGo
// reads the Go sources of rules/ and audit/ (tests and audit/profile
// aside) and fails on a word list written in Go:
//
//   - a call of a set-building helper (wordSet, txSetOf, …SetOf, …Set(`…`));
//   - a composite literal (slice, array or map) or a call with at least
//     minListWords string literals that read as lower-case words or
//     endings ("le", "qu’", "iser");
//   - a raw string of at least minListWords space-separated lower-case
//     words and nothing else.
//
// wordListExceptions names the few literals that are not language data,
// or that belong to work elsewhere, each with its reason.

const minListWords = 4

// wordListExceptions maps "path: identifier" (the variable or function the
// literal sits in) to why it stays in Go.
var wordListExceptions = map[string]string{
	// Transliteration equivalences between spelling systems (sh/ch,
	// tsch/ch, kh/h): the name comparison's folding, the same for every
	// language, not one language's words.
	"rules/name_similar.go: nameKeyReplacer": "transliteration folding, language-independent",
	// Slavic romanisation classes (kh/h/ch, ts/z/c, y/j/i) and the letter
	// groups that mark a romanised Slavic name: the same for every language.
	"rules/name_translit.go: translitReplacer": "transliteration folding, language-independent",
	"rules/name_translit.go: slavicMarks":      "romanisation letter groups, language-independent",
	// Accented letters by their plain letter: the lexicon's spelling
	// variants, an alphabet table, not a language's words.
	"audit/lexicon/lexicon.go: accented": "letter table",
	// Codes and names the program speaks in, not words of a language.
	"cmd/mtaudit/serve_cmd.go: runServe":           "structured log keys",
	"services/server/middleware.go: recoverPanics": "structured log keys",
	"internal/corpusgen/corpusgen.go: Categories":  "the spec's category names",
	"reports/i18n/load.go: topKeys":                "the catalog file's keys",
	"reports/markdown.go: writeArticleMarkdown":    "a label's placeholder names",
	"audit/severity.go: severityNames":             "severity names",
	"audit/llm/prompt.go: responseSchema":          "JSON field names of the LLM's answer",
	"rules/pack_kinds_view.go: latinBase":          "base letters of Latin-1 and Latin Extended-A, by code point",
}

// proseFields are the fields of rules and examples that hold prose.
var proseFields = map[string]bool{"Doc": true, "Title": true, "Note": true, "Text": true, "Message": true, "Suggestion": true}

var (
	lowerWord   = regexp.MustCompile(`^[\p{Ll}][\p{Ll}\p{Mn}’'\-]*$`)
	setHelper   = regexp.MustCompile(`(?i)^(wordSet|\w*SetOf|\w*Words)$`)
	rawWordList = regexp.MustCompile(`^[\s\p{Ll}\p{Mn}’'\-]+$`)
)

func TestNoWordListsInGo(t *testing.T) {
	root := filepath.Join("..")
	var found []string
	for _, dir := range []string{"rules", "audit", "services", "reports", "cmd", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if rel == "audit/profile" || d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			found = append(found, wordListsIn(t, path, rel, nil)...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(found)
	for _, f := range found {
		t.Errorf("word list in Go (move it to a profile or a pack): %s", f)
	}
}

// wordListsIn returns the word lists of one file (read from path unless
// src is given), as "path:line: identifier: what", less the exceptions.
func wordListsIn(t *testing.T, path, rel string, src any) []string {
	fset := gotoken.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	report := func(n ast.Node, owner, what string) {
		key := rel + ": " + owner
		if _, ok := wordListExceptions[key]; ok {
			return
		}
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", rel, fset.Position(n.Pos()).Line, owner, what))
	}
	for _, decl := range f.Decls {
		owner := declName(decl)
		ast.Inspect(decl, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if name := calleeName(n.Fun); setHelper.MatchString(name) && hasStringArg(n.Args) {
					report(n, owner, "call of "+name)
					return false
				}
				if k := wordLiterals(n.Args); k >= minListWords {
					report(n, owner, fmt.Sprintf("call with %d word literals", k))
					return false
				}
			case *ast.KeyValueExpr:
				// A rule's prose and examples are text, not lists.
				if id, ok := n.Key.(*ast.Ident); ok && proseFields[id.Name] {
					return false
				}
			case *ast.CompositeLit:
				// Slices and arrays of words, and sets (map keys whose
				// values are true); a map to other values (names by code,
				// JSON objects) keys it by something else.
				var elts []ast.Expr
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if v, ok := kv.Value.(*ast.Ident); !ok || v.Name != "true" {
							continue
						}
						e = kv.Key
					}
					elts = append(elts, e)
				}
				if k := wordLiterals(elts); k >= minListWords {
					report(n, owner, fmt.Sprintf("literal with %d words", k))
					return false
				}
			case *ast.BasicLit:
				if n.Kind == gotoken.STRING && strings.HasPrefix(n.Value, "`") {
					s := strings.Trim(n.Value, "`")
					if rawWordList.MatchString(s) && len(strings.Fields(s)) >= minListWords {
						report(n, owner, fmt.Sprintf("raw string of %d words", len(strings.Fields(s))))
					}
				}
			}
			return true
		})
	}
	return out
}

// wordLiterals counts the string literals among es that read as lower-case words.
func wordLiterals(es []ast.Expr) int {
	k := 0
	for _, e := range es {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != gotoken.STRING {
			continue
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			continue
		}
		if lowerWord.MatchString(s) {
			k++
		}
	}
	return k
}

func hasStringArg(args []ast.Expr) bool {
	for _, a := range args {
		if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == gotoken.STRING {
			return true
		}
	}
	return false
}

func calleeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// declName names a top-level declaration: its function or first variable.
func declName(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Name.Name
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				return s.Names[0].Name
			case *ast.TypeSpec:
				return s.Name.Name
			}
		}
	}
	return "?"
}

// The guard finds each kind of list, and leaves prose, codes mapped to
// names and punctuation alone.
func TestWordListGuardCatches(t *testing.T) {
	src := "package x\n" +
		"var a = wordSet(`le la`)\n" +
		"var b = []string{\"le\", \"la\", \"les\", \"qu’\"}\n" +
		"var c = map[string]bool{\"iser\": true, \"ifier\": true, \"uire\": true, \"ettre\": true}\n" +
		"var d = \"x\" + `le la les des du`\n" +
		"var e = strings.NewReplacer(\"ou\", \"u\", \"sh\", \"ch\")\n" +
		"var ok1 = map[string]string{\"fr\": \"French\", \"de\": \"German\", \"es\": \"Spanish\", \"it\": \"Italian\"}\n" +
		"var ok2 = []string{\",\", \".\", \"!\", \"?\", \"«\"}\n" +
		"var ok3 = Rule{Doc: `flags a word and a word`}\n"
	got := wordListsIn(t, "x.go", "x.go", src)
	var owners []string
	for _, g := range got {
		owners = append(owners, strings.SplitN(g, ": ", 3)[1])
	}
	if strings.Join(owners, " ") != "a b c d e" {
		t.Errorf("found %q, want the lists a b c d e", got)
	}
}
