package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/mtaudit/mtaudit/audit/suppress"
)

// On the serve page, Dismiss with a reason sends the dismissal to the
// server (--suppressions FILE), and the next audit of the article leaves
// the finding out.
//
//	go test ./services/server -run BrowserDismiss -v
func TestBrowserDismissOnServePage(t *testing.T) {
	ctx := newBrowser(t)
	tctx, cancel := context.WithTimeout(ctx, browserHangGuard)
	defer cancel()
	path := filepath.Join(t.TempDir(), "suppressions.json")
	s, err := New(Options{Engine: testEngine(t), Registry: testRegistry(), Tool: testTool, Suppressions: path})
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	defer stop()
	url, _ := startServe(t, sctx, s, Timeouts{})

	finding := `li.fi[data-k-rule="untranslated.test-bracket"]`
	ok(t, chromedp.Do(tctx,
		chromedp.Navigate(url+"/?messages=en"),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SetValue(chromedp.ID("text"), sampleArticle),
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.CSS(finding+" button.dismiss")),
		chromedp.Click(chromedp.CSS(finding+" button.dismiss")),
		chromedp.WaitVisible(chromedp.CSS(finding+" form.dismiss-form input")),
		chromedp.SendKeys(chromedp.CSS(finding+" form.dismiss-form input"), "house style keeps it"),
		chromedp.Click(chromedp.CSS(finding+" form.dismiss-form button.dismiss-ok")),
	))
	// The server answered: the note is marked saved.
	waitFor(t, tctx, "the server has the dismissal", `!!document.querySelector('`+finding+` .dismissed-note.saved')`)
	f, err := suppress.Load(path)
	if err != nil || len(f.Entries) != 1 || f.Entries[0].Reason != "house style keeps it" || f.Entries[0].Rule != "untranslated.test-bracket" {
		t.Fatalf("suppressions file: %v %+v", err, f)
	}
	// Audit again from the page: the finding is gone.
	ok(t, chromedp.Do(tctx,
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.CSS("li.fi")),
	))
	waitFor(t, tctx, "the report is replaced", `!document.querySelector('`+finding+`')`)
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), `"kind": "suppressions"`) {
		t.Errorf("file: %s", data)
	}
}
