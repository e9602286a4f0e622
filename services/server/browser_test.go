package server

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
)

// The end-to-end test drives the page in a real headless Chromium: paste,
// submit, see the highlights and the list, click a finding and find its
// span on screen, step with the keys, filter, upload a file, and check that
// article text never runs as script.
//
//	go test ./audit/server -run Browser -v
//
// Screenshots go to $MTAUDIT_TEST_ARTIFACTS when set, else to a temporary
// directory the test log names. (The README's screenshot, with the real
// rules, comes from cmd/mtaudit: see TestScreenshotReport there.)

func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a fresh headless Chromium for the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no Chromium binary on PATH (chromium, chromium-browser or google-chrome); install one to run the browser test")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first action starts the browser; it lives as long as ctx.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 860)); err != nil {
		t.Fatalf("start Chromium (%s): %v", path, err)
	}
	return ctx
}

// artifactDir is where screenshots go.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("MTAUDIT_TEST_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func saveScreenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// browserHangGuard bounds a browser test so that a hang ends it; it is not
// a timing check (a fresh Chromium on a busy CI machine can be slow).
const browserHangGuard = 4 * time.Minute

// waitFor polls a JavaScript predicate until it holds or ctx ends.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(0))); err != nil {
		t.Fatalf("waiting until %s: %v", what, err)
	}
}

// longArticle puts one artifact far below the first screen, so that
// choosing it in the list must scroll the text.
func longArticle() string {
	var b strings.Builder
	b.WriteString(sampleArticle)
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "\nLors de la séance numéro %d, les élus régionaux ont examiné le budget des transports et la rénovation des gares.\n", i)
	}
	b.WriteString("\nLe président conclut sur des [closing remarks] avant de lever la séance.\n")
	return b.String()
}

type rect struct {
	Top, Bottom, Height float64
	Active              bool
}

func spanRect(t *testing.T, ctx context.Context, id string) rect {
	return js[rect](t, ctx, fmt.Sprintf(`(() => {
		const s = document.querySelector('.text .hl[data-f=%q]');
		const r = s.getBoundingClientRect();
		return {Top: r.top, Bottom: r.bottom, Height: window.innerHeight, Active: s.classList.contains('active')};
	})()`, id))
}

func TestBrowserServePage(t *testing.T) {
	ctx := newBrowser(t)
	tctx, cancel := context.WithTimeout(ctx, browserHangGuard)
	defer cancel()
	s, err := New(Options{Engine: testEngine(t), Registry: testRegistry(), Tool: testTool})
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	defer stop()
	url, _ := startServe(t, sctx, s, Timeouts{})
	art := longArticle()
	dir := artifactDir(t)

	// Paste and submit, on the page in French (its messages choice set to French).
	if err := chromedp.Do(tctx,
		chromedp.Navigate(url+"/?messages=fr"),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SetValue(chromedp.ID("text"), art),
		chromedp.SendKeys(chromedp.ID("title"), "Réforme des retraites"),
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.CSS("section.article .text .hl")),
		chromedp.WaitVisible(chromedp.CSS("li.fi")),
	); err != nil {
		t.Fatal(err)
	}
	type item struct{ ID, Cat, Sev, Quote string }
	items := js[[]item](t, tctx, `[...document.querySelectorAll('li.fi')].map(li => ({
		ID: li.dataset.f, Cat: li.dataset.cat, Sev: li.dataset.sev, Quote: li.querySelector('q.quote').textContent}))`)
	if len(items) != 5 {
		t.Fatalf("%d findings listed, want 5: %+v", len(items), items)
	}
	if n := js[int](t, tctx, `document.querySelectorAll('.text .hl').length`); n < 5 {
		t.Errorf("%d highlighted spans", n)
	}
	if got := js[string](t, tctx, `document.querySelector('section.article .text').textContent`); got != art {
		t.Errorf("the report does not show the article as pasted")
	}
	v := js[string](t, tctx, `document.querySelector('.head .verdict').textContent`)
	if v != "CONFORME" && v != "NON CONFORME" {
		t.Errorf("verdict %q", v)
	}
	if st := js[string](t, tctx, `document.getElementById('status').textContent`); !strings.HasPrefix(st, v) || !strings.Contains(st, "5 signalements") {
		t.Errorf("status line %q", st)
	}

	// The finding far down: off screen, then clicked in the list, on screen.
	var late item
	for _, it := range items {
		if it.Quote == "[closing remarks]" {
			late = it
		}
	}
	if late.ID == "" {
		t.Fatalf("the late finding is not listed: %+v", items)
	}
	if r := spanRect(t, tctx, late.ID); r.Top >= 0 && r.Bottom <= r.Height {
		t.Fatalf("the late span is on screen before the click (%+v): the test proves nothing", r)
	}
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`li.fi[data-f=%q]`, late.ID)))))
	waitFor(t, tctx, "the clicked finding's span is on screen", fmt.Sprintf(`(() => {
		const r = document.querySelector('.text .hl[data-f=%q]').getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight;
	})()`, late.ID))
	if r := spanRect(t, tctx, late.ID); !r.Active {
		t.Errorf("the clicked finding's span is not marked active")
	}
	if d := js[string](t, tctx, `document.querySelector('.detail:not([hidden])')?.textContent || ''`); !strings.Contains(d, "Passage en anglais resté entre crochets") {
		t.Errorf("detail panel shows %q", d)
	}
	saveScreenshot(t, tctx, filepath.Join(dir, "serve-clicked.png"))

	// Keys: j moves to the next finding in list order, k back.
	pos := -1
	for i, it := range items {
		if it.ID == late.ID {
			pos = i
		}
	}
	next := items[(pos+1)%len(items)]
	ok(t, chromedp.Do(tctx, chromedp.KeyEvent("j")))
	waitFor(t, tctx, "j selects the next finding", fmt.Sprintf(`document.querySelector('li.fi.active')?.dataset.f === %q`, next.ID))
	waitFor(t, tctx, "its span is on screen", fmt.Sprintf(`(() => {
		const r = document.querySelector('.text .hl[data-f=%q]').getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight;
	})()`, next.ID))
	ok(t, chromedp.Do(tctx, chromedp.KeyEvent("k")))
	waitFor(t, tctx, "k goes back", fmt.Sprintf(`document.querySelector('li.fi.active')?.dataset.f === %q`, late.ID))

	// Filter out a category: its list items and highlights go.
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`input[data-filter="cat"][value="scraped"]`))))
	waitFor(t, tctx, "the scraped finding is filtered", `[...document.querySelectorAll('li.fi[data-cat="scraped"]')].every(li => li.classList.contains('filtered') && getComputedStyle(li).display === 'none')`)
	if n := js[int](t, tctx, `[...document.querySelectorAll('.text .hl.c-scraped')].filter(s => !s.classList.contains('off')).length`); n != 0 {
		t.Errorf("%d scraped highlights still shown", n)
	}
	if n := js[int](t, tctx, `[...document.querySelectorAll('li.fi')].filter(li => getComputedStyle(li).display !== 'none').length`); n != 4 {
		t.Errorf("%d findings shown after filtering one out, want 4", n)
	}

	// Upload a hostile article: the file fills the text area, and nothing in
	// it runs once audited.
	hostile := "Titre <script>window.__pwned = 1</script>\n\nLe texte cite <img src=x onerror=\"window.__pwned = 2\"> et des [raw words].\n"
	file := filepath.Join(t.TempDir(), "hostile-article.txt")
	if err := os.WriteFile(file, []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById('title').value = ''`),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tctx, "the upload fills the text area", `document.getElementById('text').value.includes('window.__pwned = 1')`)
	if title := js[string](t, tctx, `document.getElementById('title').value`); title != "hostile-article" {
		t.Errorf("title from the file name: %q", title)
	}
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.ID("submit"))))
	waitFor(t, tctx, "the hostile article's report", `document.querySelector('section.article h2')?.textContent === 'hostile-article'`)
	if got := js[string](t, tctx, `document.querySelector('section.article .text').textContent`); got != hostile {
		t.Errorf("hostile text shown as %q", got)
	}
	if pwned := js[string](t, tctx, `String(window.__pwned)`); pwned != "undefined" {
		t.Errorf("article text ran as script: window.__pwned = %s", pwned)
	}
	if n := js[int](t, tctx, `document.querySelectorAll('#report script, #report img').length`); n != 0 {
		t.Errorf("article text became %d elements", n)
	}
	saveScreenshot(t, tctx, filepath.Join(dir, "serve-hostile.png"))

	// An uploaded web page is read as the command line reads it: the
	// article's text is audited and shown, never its tags.
	page := "<html><head><title>Page HTML</title></head><body><nav>Accueil</nav><article><h1>Le conseil vote</h1>" +
		"<p>Le conseil municipal s’est réuni mardi soir pour voter le budget de l’année prochaine.</p>" +
		"<p>Les élus ont approuvé la rénovation de deux écoles.</p></article></body></html>"
	pageFile := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(pageFile, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ok(t, chromedp.Do(tctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById('title').value = ''`),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{pageFile}),
	))
	waitFor(t, tctx, "the page fills the text area", `document.getElementById('text').value.includes('<article>')`)
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.ID("submit"))))
	waitFor(t, tctx, "the page's report", `document.querySelector('section.article h2')?.textContent === 'Page HTML'`)
	if got := js[string](t, tctx, `document.querySelector('section.article .text').textContent`); strings.Contains(got, "<p>") || !strings.Contains(got, "conseil municipal") {
		t.Errorf("the HTML page was shown as %q", got)
	}

	// An error is shown, not swallowed.
	if err := chromedp.Do(tctx, chromedp.SetValue(chromedp.ID("text"), " \n "), chromedp.Click(chromedp.ID("submit"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tctx, "an empty article is refused", `document.getElementById('status').classList.contains('bad')`)
}

// The static report (--format html) works from a file: its one script runs
// under its own CSP (keys select findings), article text never runs, and
// the README screenshot is taken from it.
func TestBrowserStaticReport(t *testing.T) {
	ctx := newBrowser(t)
	tctx, cancel := context.WithTimeout(ctx, browserHangGuard)
	defer cancel()
	eng := testEngine(t)
	doc, err := audit.NewDocument("articles/reforme-retraites.txt", []byte(screenshotArticle))
	if err != nil {
		t.Fatal(err)
	}
	doc.Title = "Le gouvernement prépare une réforme des retraites"
	res := eng.Audit(context.Background(), doc)
	hostile := "Avis <script>window.__pwned = 1</script> fin\n\n<img src=x onerror=\"window.__pwned = 2\"> [left over]\n"
	hdoc, err := audit.NewDocument("hostile.txt", []byte(hostile))
	if err != nil {
		t.Fatal(err)
	}
	hres := eng.Audit(context.Background(), hdoc)

	var reportPage bytes.Buffer
	p, err := reports.New("html", reports.Options{Tool: testTool, Rules: testRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	sum := reports.NewSummary(testTool)
	sum.Add(res)
	if err := p.Start(&reportPage); err != nil {
		t.Fatal(err)
	}
	if err := p.Article(&reportPage, res); err != nil {
		t.Fatal(err)
	}
	if err := p.End(&reportPage, sum); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, reportPage.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	ok(t, chromedp.Do(tctx, chromedp.Navigate("file://"+path), chromedp.WaitVisible(chromedp.CSS("li.fi"))))
	first := js[string](t, tctx, `document.querySelector('li.fi').dataset.f`)
	ok(t, chromedp.Do(tctx, chromedp.KeyEvent("j")))
	waitFor(t, tctx, "j selects the first finding (the report's script runs under its CSP)",
		fmt.Sprintf(`document.querySelector('li.fi.active')?.dataset.f === %q && !document.querySelector('.detail').hidden`, first))

	// Clicking a highlight in the text selects it in the list.
	last := js[string](t, tctx, `[...document.querySelectorAll('li.fi')].pop().dataset.f`)
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.text .hl[data-f=%q] .tx`, last)))))
	waitFor(t, tctx, "a click in the text selects the finding", fmt.Sprintf(`document.querySelector('li.fi.active')?.dataset.f === %q`, last))

	ok(t, chromedp.Do(tctx, chromedp.KeyEvent(kb.Escape)))
	waitFor(t, tctx, "Escape clears the selection", `!document.querySelector('.active') && document.querySelector('.detail').hidden`)

	// The README screenshot: the report with its first finding selected.
	ok(t, chromedp.Do(tctx, chromedp.KeyEvent("j"), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)))
	waitFor(t, tctx, "j selects the first finding again", fmt.Sprintf(`document.querySelector('li.fi.active')?.dataset.f === %q`, first))
	saveScreenshot(t, tctx, filepath.Join(artifactDir(t), "report.png"))

	// Printed, the page drops the controls and shows every finding's
	// details, filtered ones included, after the text.
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`input[data-filter="cat"][value="scraped"]`))))
	waitFor(t, tctx, "a filter hides the scraped findings", `document.querySelector('li.fi.filtered') !== null`)
	if _, err := chromedp.Run(tctx, func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	}); err != nil {
		t.Fatal(err)
	}
	type printed struct {
		Filters, Side   string
		Items, Detailed int
		Highlighted     bool
	}
	pr := js[printed](t, tctx, `(() => {
		const items = [...document.querySelectorAll('li.fi')];
		return {
			Filters: getComputedStyle(document.querySelector('.filters')).display,
			Side: getComputedStyle(document.querySelector('.side')).position,
			Items: items.length,
			Detailed: items.filter(li => getComputedStyle(li).display !== 'none' && getComputedStyle(li.querySelector('.fd')).display !== 'none').length,
			Highlighted: [...document.querySelectorAll('.text .hl')].every(s => getComputedStyle(s).borderBottomStyle !== 'none'),
		};
	})()`)
	if pr.Filters != "none" || pr.Side != "static" || pr.Detailed != pr.Items || !pr.Highlighted {
		t.Errorf("print layout: %+v", pr)
	}
	ok(t, chromedp.Do(tctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)))
	saveScreenshot(t, tctx, filepath.Join(artifactDir(t), "report-print.png"))
	pdf, err := chromedp.Run(tctx, func(ctx context.Context, tg *chromedp.Target) (page.PrintToPDFResult, error) {
		return cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{})
	})
	if err != nil || !bytes.HasPrefix(pdf.Data, []byte("%PDF")) {
		t.Fatalf("print to PDF: %v", err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), "report.pdf"), pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}

	// The batch index sorts its table by any column.
	cleanDoc, err := audit.NewDocument("propre.txt", []byte("Les producteurs de lait ont signé l'accord à Rennes.\n"))
	if err != nil {
		t.Fatal(err)
	}
	batch := reports.NewSummary(testTool)
	for _, r := range []*audit.Result{hres, res, eng.Audit(context.Background(), cleanDoc)} {
		batch.Add(r)
	}
	var index bytes.Buffer
	if err := reports.WriteIndexHTML(&index, batch, reports.Options{Tool: testTool}); err != nil {
		t.Fatal(err)
	}
	ipath := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(ipath, index.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	column := func(n int) string {
		return js[string](t, tctx, fmt.Sprintf(`[...document.querySelectorAll('table.articles tbody tr')].map(r => r.cells[%d].textContent.trim()).join(' | ')`, n))
	}
	ok(t, chromedp.Do(tctx, chromedp.Navigate("file://"+ipath), chromedp.WaitVisible(chromedp.CSS("table.articles"))))
	penalties := func() []float64 {
		return js[[]float64](t, tctx, `[...document.querySelectorAll('table.articles tbody tr')].map(r => parseFloat(r.cells[2].textContent))`)
	}
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`table.articles th:nth-child(3) button`))))
	if p := penalties(); len(p) != 3 || !(p[0] >= p[1] && p[1] >= p[2]) || p[0] == p[2] {
		t.Errorf("by penalty, highest first: %v", p)
	}
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`table.articles th:nth-child(3) button`))))
	if p := penalties(); len(p) != 3 || !(p[0] <= p[1] && p[1] <= p[2]) || p[0] == p[2] {
		t.Errorf("by penalty, lowest first: %v", p)
	}
	ok(t, chromedp.Do(tctx, chromedp.Click(chromedp.CSS(`table.articles th:nth-child(1) button`))))
	if got, want := column(0), "articles/reforme-retraites.txt | hostile.txt | propre.txt"; got != want {
		t.Errorf("by name: %s, want %s", got, want)
	}
	if s := js[string](t, tctx, `document.querySelector('table.articles th:nth-child(1)').getAttribute('aria-sort')`); s != "ascending" {
		t.Errorf("aria-sort %q", s)
	}

	// A hostile article in a static report.
	var hpage bytes.Buffer
	p, _ = reports.New("html", reports.Options{Tool: testTool})
	one := reports.NewSummary(testTool)
	one.Add(hres)
	_ = p.Start(&hpage)
	_ = p.Article(&hpage, hres)
	_ = p.End(&hpage, one)
	hpath := filepath.Join(t.TempDir(), "hostile.html")
	if err := os.WriteFile(hpath, hpage.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ok(t, chromedp.Do(tctx, chromedp.Navigate("file://"+hpath), chromedp.WaitVisible(chromedp.CSS(".text"))))
	if pwned := js[string](t, tctx, `String(window.__pwned)`); pwned != "undefined" {
		t.Errorf("article text ran as script: window.__pwned = %s", pwned)
	}
	if got := js[string](t, tctx, `document.querySelector('.text').textContent`); got != hostile {
		t.Errorf("hostile text shown as %q", got)
	}
}

// screenshotArticle is the README's example: written for it, with the
// artifacts machine translation leaves behind.
const screenshotArticle = `Le gouvernement prépare une réforme des retraites

Le ministre du Travail a promis mardi des [job guarantees] aux syndicats lors de la réunion syndicale. syndicale un rendez-vous suivi par de nombreux journalistes venus de toute la région.

Partager: Facebook Twitter

Selon le porte-parole, la réforme sera présentée au Parlement en janvier. Les syndicats demandent des [binding commitments] avant toute négociation sur l'âge de départ.

LIRE AUSSI  Les prix de l'énergie au plus haut depuis dix ans

La première ministre a rappelé que le texte restait ouvert aux amendements: les discussions reprendront la semaine prochaine avec les représentants des régions.
`
