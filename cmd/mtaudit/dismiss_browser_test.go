package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"github.com/mtaudit/mtaudit/audit/suppress"
)

// An editor dismisses a finding in the HTML report, in a real headless
// Chromium: click Dismiss, give a reason, take the suppressions file the
// page offers (its text box, and the downloaded file); the next audit
// with --suppressions leaves the finding out and counts it as suppressed.
//
//	go test ./cmd/mtaudit -run DismissInBrowser -v
func TestDismissInBrowser(t *testing.T) {
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no Chromium binary on PATH (chromium, chromium-browser or google-chrome); install one to run the browser test")
	}
	dir := inTempDir(t)
	writeFile(t, filepath.Join("news", "retraites.txt"), ciArticle)
	o := mtaudit(t, "audit", "--lang", "fr", "--format", "html", "--output", "report.html", "news/retraites.txt")
	o.expect(t, exitFail)

	downloads := filepath.Join(dir, "downloads")
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 860))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// A hang guard, not a timing check: a freshly installed Chromium on a
	// busy CI machine can take most of a minute to start.
	ctx, cancelTime := context.WithTimeout(ctx, 4*time.Minute)
	defer cancelTime()

	finding := `li.fi[data-k-rule="untranslated.bracket"]`
	if _, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
	}); err != nil {
		t.Fatalf("set the download directory: %v", err)
	}
	for i, step := range []chromedp.Action[chromedp.Void]{
		chromedp.Navigate("file://" + filepath.Join(dir, "report.html")),
		chromedp.WaitVisible(chromedp.CSS(finding + " button.dismiss")),
		chromedp.Click(chromedp.CSS(finding + " button.dismiss")),
		chromedp.WaitVisible(chromedp.CSS(finding + " form.dismiss-form input")),
		chromedp.SendKeys(chromedp.CSS(finding+" form.dismiss-form input"), "quoted title of a report"),
		chromedp.Click(chromedp.CSS(finding + " form.dismiss-form button.dismiss-ok")),
		chromedp.WaitVisible(chromedp.ID("suppressions-json")),
	} {
		if err := chromedp.Do(ctx, step); err != nil {
			t.Fatalf("dismiss in the page, step %d: %v", i+1, err)
		}
	}
	if d := os.Getenv("MTAUDIT_TEST_ARTIFACTS"); d != "" {
		if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			_ = os.WriteFile(filepath.Join(d, "dismiss.png"), png, 0o644)
		}
	}
	file, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("suppressions-json")))
	if err != nil {
		t.Fatal(err)
	}
	got, err := suppress.Parse("page", []byte(file))
	if err != nil {
		t.Fatalf("the page's suppressions file does not decode strictly: %v\n%s", err, file)
	}
	if len(got.Entries) != 1 || got.Entries[0].Reason != "quoted title of a report" || got.Entries[0].Quote != "[pension funds]" || got.Entries[0].At == "" {
		t.Errorf("page's suppressions: %+v", got.Entries)
	}

	// The dismissal is marked, and kept across a reload. The page's script
	// marks it once the document has loaded, so the test waits for the
	// marks rather than reading them once.
	stored, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(localStorage.getItem('mtaudit.dismissals.v1') || '').includes('quoted title of a report')`))
	if err != nil || !stored {
		t.Fatalf("the page did not keep the dismissal in localStorage (%v)", err)
	}
	// Chromium hands localStorage writes to its storage service
	// asynchronously: on a loaded machine a reload can come before the
	// write has landed and show the page as it was. The dismissal must be
	// there on a later reload; until the hang guard, the test reloads again.
	for attempt := 1; ; attempt++ {
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(finding))); err != nil {
			t.Fatalf("reload %d: %v", attempt, err)
		}
		// "marked", or "not stored" (reload again); a dismissal stored but
		// never marked keeps it polling until the hang guard fails the test.
		state, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
			if (document.readyState !== 'complete') { return null; }
			if (document.querySelector('`+finding+`.dismissed') && document.querySelector('#dismissals:not([hidden]) #download-suppressions')) { return 'marked'; }
			if (localStorage.getItem('mtaudit.dismissals.v1') === null) { return 'not stored'; }
			return null;
		})()`, chromedp.WithPollingTimeout(0)))
		if err != nil {
			t.Fatalf("after reload %d the finding is not marked dismissed, or the dismissals panel is hidden: %v", attempt, err)
		}
		if state == "marked" {
			break
		}
		t.Logf("reload %d: the dismissal was not in localStorage yet", attempt)
		time.Sleep(time.Second)
	}

	// The Download button saves the same file.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("download-suppressions"))); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(downloads, "mtaudit-suppressions.json")
	var data []byte
	for ctx.Err() == nil {
		if data, err = os.ReadFile(saved); err == nil && len(data) > 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := suppress.Parse(saved, data); err != nil {
		t.Errorf("downloaded file: %v", err)
	}

	// The next run honours it.
	writeFile(t, "dismissed.json", file)
	o = mtaudit(t, "audit", "--lang", "fr", "--suppressions", "dismissed.json", "--messages", "en", "news/retraites.txt")
	o.expect(t, exitOK)
	if strings.Contains(o.stdout, "[pension funds]") || !strings.Contains(o.stdout, "1 suppressed") {
		t.Errorf("the dismissed finding is still reported, or not counted:\n%s", o.stdout)
	}
}
