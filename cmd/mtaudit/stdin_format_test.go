package main

import (
	"strings"
	"testing"
)

// A --stdin-format no reader has is a usage error naming the accepted
// formats, never text audited as plain; help writes them as the README does.
func TestStdinFormatChecked(t *testing.T) {
	for _, f := range []string{"docx", "pdf", ".doc"} {
		o := cli{stdin: plainArticle}.run(t, "audit", "--stdin-format", f, "-")
		o.expect(t, 2)
		if !strings.Contains(o.stderr, "txt, ") || !strings.Contains(o.stderr, "html") || strings.Contains(o.stdout, "pass") {
			t.Errorf("--stdin-format %s: stderr %q stdout %q", f, o.stderr, o.stdout)
		}
	}
	for _, f := range []string{"html", ".html", "HTML", "txt"} {
		cli{stdin: "<p>" + plainArticle + "</p>"}.run(t, "audit", "--stdin-format", f, "-").expect(t, 0)
	}
	help := mtaudit(t, "audit", "--help")
	if !strings.Contains(help.stdout, "standard input holds: atom, ") || !strings.Contains(help.stdout, "html, jsonl, md") || strings.Contains(help.stdout, ".atom") {
		t.Errorf("help lists formats:\n%s", help.stdout)
	}
}
