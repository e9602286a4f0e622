package rules

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
)

// TestLinguaLoadsOnlyWhenAsked: lingua-go's models (about 40 MB of heap)
// load when a check asks lingua-go, not before. Audited with every rule
// and the language given, a plain French article (no bracket, no doubtful
// sentence) never builds a detector, nor does one with an English bracket
// the word lists settle; one with a bracket of words they do not know
// does.
// Each case runs in a process of its own: a detector, once built, stays.
func TestLinguaLoadsOnlyWhenAsked(t *testing.T) {
	if text := os.Getenv("MTAUDIT_LINGUA_PROBE"); text != "" {
		all, err := All()
		if err != nil {
			t.Fatal(err)
		}
		cfg := audit.DefaultConfig()
		cfg.Lang = "fr"
		eng, err := audit.NewEngine(all, cfg)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := audit.NewDocument("a.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		eng.Audit(context.Background(), doc)
		if lang.LinguaLoaded() {
			os.Exit(3)
		}
		return
	}
	plain := "Le conseil municipal a voté le budget lundi soir après un long débat.\n\nLes travaux du pont commenceront au printemps, a indiqué la mairie.\n"
	settled := "Le conseil municipal a voté le budget lundi soir [security guarantees].\n\nLes travaux du pont commenceront au printemps, a indiqué la mairie.\n"
	unknown := "Le conseil municipal a voté le budget lundi soir [crowdfunded microgrants].\n\nLes travaux du pont commenceront au printemps, a indiqué la mairie.\n"
	for _, c := range []struct {
		text   string
		loaded bool
	}{{plain, false}, {settled, false}, {unknown, true}} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLinguaLoadsOnlyWhenAsked$")
		cmd.Env = append(os.Environ(), "MTAUDIT_LINGUA_PROBE="+c.text)
		err := cmd.Run()
		var ee *exec.ExitError
		loaded := false
		switch {
		case err == nil:
		case errors.As(err, &ee) && ee.ExitCode() == 3:
			loaded = true
		default:
			t.Fatalf("probe: %v", err)
		}
		if loaded != c.loaded {
			t.Errorf("lingua-go loaded %v, want %v, auditing %q", loaded, c.loaded, c.text)
		}
	}
}
