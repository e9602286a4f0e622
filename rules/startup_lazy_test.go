package rules

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// startupChildEnv marks the process TestAuditLoadsItsLanguagesOnly starts.
const startupChildEnv = "MTAUDIT_STARTUP_CHILD"

// An audit with a given language decodes that language's data and the
// source language's only: the French profile and English, the French,
// English and pivot word lists; never another language's. It runs in a
// fresh process, since the data stays loaded for the process's life.
func TestAuditLoadsItsLanguagesOnly(t *testing.T) {
	if os.Getenv(startupChildEnv) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAuditLoadsItsLanguagesOnly$", "-test.count=1")
		cmd.Env = append(os.Environ(), startupChildEnv+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// A paragraph of no particular article: a few ordinary French words,
	// a name, an English word.
	text := "Le conseil régional a présenté mardi son budget, a déclaré Marie Dupont devant la presse, sans détailler le \"timing\" des travaux prévus.\n"
	var doc *audit.Document
	for _, in := range audit.ReadText("para.txt", []byte(text)) {
		doc = in.Doc
	}
	if doc == nil {
		t.Fatal("no document")
	}
	if res := eng.Audit(context.Background(), doc); res.Err != nil {
		t.Fatal(res.Err)
	}
	fr := wordlists.Get("fr")
	want := append([]string{"en", "en.names", "fr"}, fr.Pivots()...)
	slices.Sort(want)
	if got := wordlists.Loaded(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("word lists loaded: %v, want %v", got, want)
	}
	if got := profile.MustBuiltin().Decoded(); strings.Join(got, " ") != "en fr" {
		t.Errorf("profiles decoded: %v, want [en fr]", got)
	}
	// The registry came from pack_meta.txt, and only French entries were
	// read.
	if builtinMeta() == nil {
		t.Errorf("%s does not match the packs: every pack was decoded", PackMetaFile)
	}
	files := decodedBuiltinFiles()
	for _, f := range files {
		if !strings.HasPrefix(f, builtinPackName+"/fr/") {
			t.Errorf("pack file %s read for a French audit", f)
		}
	}
	if len(files) == 0 {
		t.Error("no French pack file read")
	}
}

// Documents of every language at once, on a fresh registry: each
// language's pack files are read and its checks built by whichever
// document comes first, the others waiting (run it under -race). The
// findings match those of the same documents audited one by one.
func TestLazyLanguagesConcurrently(t *testing.T) {
	const env = "MTAUDIT_LAZY_CONCURRENT_CHILD"
	if os.Getenv(env) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLazyLanguagesConcurrently$", "-test.count=1")
		cmd.Env = append(os.Environ(), env+"=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	// A few trigger examples of each language, pack rules' first.
	var docs []*audit.Document
	perLang := map[string]int{}
	for _, r := range rs {
		for _, x := range r.Examples {
			if x.Trigger && x.Lang != "" && perLang[x.Lang] < 6 {
				perLang[x.Lang]++
				docs = append(docs, &audit.Document{Path: r.ID, Text: x.Text + "\n", Lang: x.Lang})
			}
		}
	}
	audit1 := func(doc *audit.Document) string {
		cfg := audit.DefaultConfig()
		cfg.Lang = doc.Lang
		eng, err := audit.NewEngine(rs, cfg)
		if err != nil {
			t.Error(err)
			return ""
		}
		d := *doc
		res := eng.Audit(context.Background(), &d)
		if res.Err != nil || len(res.Warnings) > 0 {
			t.Errorf("%s (%s): %v %v", doc.Path, doc.Lang, res.Err, res.Warnings)
		}
		var ids []string
		for _, f := range res.Findings {
			ids = append(ids, f.Rule)
		}
		return strings.Join(ids, " ")
	}
	got := make([]string, len(docs))
	done := make(chan struct{})
	for w := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := w; i < len(docs); i += 4 {
				got[i] = audit1(docs[i])
			}
		}()
	}
	for range 4 {
		<-done
	}
	for i, doc := range docs {
		if want := audit1(doc); got[i] != want {
			t.Errorf("%s (%s): %q at once, %q alone", doc.Path, doc.Lang, got[i], want)
		}
	}
}
