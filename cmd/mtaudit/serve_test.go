package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/mtaudit/mtaudit/reports"
)

// lockedBuffer is a stderr the server's goroutines write while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// servedCmd is `mtaudit serve` running in the test process.
type servedCmd struct {
	url    string
	stderr *lockedBuffer
	done   chan int // the exit code, once the command returns
}

var listeningRe = regexp.MustCompile(`"msg":"listening","addr":"([^"]+)"`)

// startServe runs `mtaudit serve --addr 127.0.0.1:0 ARGS…` until ctx is done.
func startServe(t testing.TB, ctx context.Context, args ...string) *servedCmd {
	t.Helper()
	s := &servedCmd{stderr: &lockedBuffer{}, done: make(chan int, 1)}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: s.stderr, getenv: func(string) string { return "" }}
	root := newRoot(e)
	root.SetArgs(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	go func() {
		err := root.ExecuteContext(ctx)
		code := exitOK
		if err != nil {
			code = exitError
			if ce, ok := err.(*exitCodeError); ok {
				code = ce.code
			}
			fmt.Fprintf(s.stderr, "error: %v\n", err)
		}
		s.done <- code
	}()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := listeningRe.FindStringSubmatch(s.stderr.String()); m != nil {
			s.url = "http://" + m[1]
			return s
		}
		select {
		case code := <-s.done:
			t.Fatalf("serve exited %d before listening:\n%s", code, s.stderr.String())
		default:
		}
	}
	t.Fatalf("serve did not start:\n%s", s.stderr.String())
	return nil
}

func (s *servedCmd) wait(t testing.TB) int {
	t.Helper()
	select {
	case code := <-s.done:
		return code
	case <-time.After(3 * time.Minute): // a hang guard
		t.Fatalf("serve did not stop:\n%s", s.stderr.String())
	}
	return -1
}

// serveArticle is written for these tests, with artifacts the project's
// rules flag (a bracketed English phrase, share buttons, a read-more line).
const serveArticle = `Le gouvernement prépare une réforme des retraites

Le ministre du Travail a promis mardi des [job guarantees] aux syndicats lors d'une conférence de presse suivie par de nombreux journalistes venus de toute la région.

Partager: Facebook Twitter

Selon le porte-parole, la réforme sera présentée au Parlement en janvier. Les syndicats demandent des [binding commitments] avant toute négociation sur l'âge de départ.

LIRE AUSSI  Les prix de l'énergie au plus haut depuis dix ans

Les discussions reprendront la semaine prochaine avec les représentants des régions.
`

func postArticle(t *testing.T, url, contentType, body string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", url+"/v1/audit", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// The real command with the real registry: health, an audit, the rules,
// and a clean stop when its context ends.
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := startServe(t, ctx, "--max-body", "4096", "--fail-on", "major")

	resp, err := http.Get(s.url + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()

	resp, body := postArticle(t, s.url, "application/json", `{"text": `+jsonQuote(serveArticle)+`, "title": "Retraites"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("audit: %d %s", resp.StatusCode, body)
	}
	var art reports.ArticleJSON
	if err := json.Unmarshal(body, &art); err != nil {
		t.Fatal(err)
	}
	cats := map[string]int{}
	for _, f := range art.Findings {
		cats[f.Category]++
		if serveArticle[f.Start:f.End] != f.Quote {
			t.Errorf("quote %q is not the text at its offsets", f.Quote)
		}
	}
	if cats["untranslated"] < 2 || cats["scraped"] < 2 {
		t.Errorf("the registry's rules did not run: %v", cats)
	}
	// --fail-on major reached the server's engine.
	if art.Verdict != "fail" || resp.Header.Get("X-Mtaudit-Verdict") != "fail" {
		t.Errorf("verdict %q", art.Verdict)
	}
	// --max-body reached the server.
	if resp, _ := postArticle(t, s.url, "text/plain", strings.Repeat("a", 5000)); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("5000 bytes past --max-body 4096: %d", resp.StatusCode)
	}
	rr, err := http.Get(s.url + "/v1/rules")
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Rules []struct {
			ID string `json:"id"`
		} `json:"rules"`
	}
	if err := json.NewDecoder(rr.Body).Decode(&rules); err != nil || len(rules.Rules) == 0 {
		t.Errorf("rules: %v, %d", err, len(rules.Rules))
	}
	rr.Body.Close()

	cancel()
	if code := s.wait(t); code != exitOK {
		t.Errorf("exit %d after a clean stop:\n%s", code, s.stderr.String())
	}
	logs := s.stderr.String()
	if !strings.Contains(logs, `"path":"/v1/audit","status":200`) || !strings.Contains(logs, `"msg":"stopped"`) {
		t.Errorf("logs lack the request line or the stop:\n%s", logs)
	}
	if strings.Contains(logs, "job guarantees") {
		t.Errorf("article text in the logs")
	}
}

// SIGTERM stops the server gracefully with exit 0.
func TestServeSIGTERM(t *testing.T) {
	s := startServe(t, context.Background())
	// The signal handler is installed before the listener opens, so the
	// signal cannot reach the default action (which would end the test binary).
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := s.wait(t); code != exitOK {
		t.Errorf("exit %d on SIGTERM:\n%s", code, s.stderr.String())
	}
	if !strings.Contains(s.stderr.String(), "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", s.stderr.String())
	}
}

func TestServeTokenFile(t *testing.T) {
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte("  tok-3a9f1c\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := startServe(t, ctx, "--token-file", tokenFile)
	if resp, _ := postArticle(t, s.url, "text/plain", serveArticle); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	if resp, b := postArticle(t, s.url, "text/plain", serveArticle, "Authorization", "Bearer tok-3a9f1c"); resp.StatusCode != 200 {
		t.Errorf("right token: %d %s", resp.StatusCode, b)
	}
	cancel()
	s.wait(t)
	if strings.Contains(s.stderr.String(), "tok-3a9f1c") {
		t.Errorf("the token reached the log")
	}

	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := mtaudit(t, "serve", "--addr", "127.0.0.1:0", "--token-file", empty)
	o.expect(t, exitError)
	if !strings.Contains(o.stderr, "is empty") {
		t.Errorf("empty token file: %s", o.stderr)
	}
	mtaudit(t, "serve", "--addr", "127.0.0.1:0", "--token-file", filepath.Join(dir, "absent")).expect(t, exitError)
}

func TestServeUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--log-format", "xml"},
		{"serve", "--max-body", "0"},
		{"serve", "--addr", "127.0.0.1:99999"},
		{"serve", "--rules", "no.such-rule"},
		{"serve", "extra-argument"},
	} {
		o := mtaudit(t, args...)
		if o.code != exitError {
			t.Errorf("%v: exit %d, want %d\n%s", args, o.code, exitError, o.stderr)
		}
	}
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// loadArticle is a longer article (about 600 words) for the load test.
func loadArticle() string {
	var b strings.Builder
	b.WriteString(serveArticle)
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "\nLors de la séance numéro %d, les élus régionaux ont examiné le budget des transports, la rénovation des gares et le calendrier des travaux prévus dans les communes rurales du département.\n", i)
	}
	return b.String()
}

// loadRun sends n audits, c at a time, and returns the requests per second.
func loadRun(url, body string, n, c int) (float64, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: c}, Timeout: time.Minute}
	defer client.CloseIdleConnections()
	jobs := make(chan int)
	errs := make(chan error, c)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := loadOne(client, url, body, i); err != nil {
					errs <- err
					for range jobs {
					}
					return
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return float64(n) / elapsed.Seconds(), nil
}

// loadOne sends one audit, as JSON or plain text in turn, and checks the
// answer. A 503 is the server shedding load, which a busy machine makes
// happen at any rate: it must carry Retry-After, and the client retries
// (a bounded number of times), as a CMS would.
func loadOne(client *http.Client, url, body string, i int) error {
	ct, payload := "text/plain; charset=utf-8", body
	if i%2 == 1 {
		ct, payload = "application/json", `{"text": `+jsonQuote(body)+`, "title": "charge `+fmt.Sprint(i)+`"}`
	}
	const maxShed = 200
	for shed := 0; ; shed++ {
		resp, err := client.Post(url+"/v1/audit", ct, strings.NewReader(payload))
		if err != nil {
			return fmt.Errorf("request %d: %w", i, err)
		}
		if resp.StatusCode == http.StatusServiceUnavailable && shed < maxShed {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.Header.Get("Retry-After") == "" {
				return fmt.Errorf("request %d: 503 without Retry-After: %s", i, b)
			}
			time.Sleep(50 * time.Millisecond)
			continue
		}
		defer resp.Body.Close()
		var art reports.ArticleJSON
		if resp.StatusCode != http.StatusOK {
			b, _ := io.ReadAll(resp.Body)
			return fmt.Errorf("request %d: status %d: %s", i, resp.StatusCode, b)
		}
		if err := json.NewDecoder(resp.Body).Decode(&art); err != nil || art.Verdict == "" || len(art.Findings) == 0 {
			return fmt.Errorf("request %d: answer %v, %d findings", i, err, len(art.Findings))
		}
		return nil
	}
}

// A bounded load on loopback: 2,000 audits, 32 at a time, against the
// real command and registry, all answered 200 with findings in the end
// (load shed with 503 and Retry-After is retried: how much is shed depends
// on the machine, not on the code). The rate is logged, not asserted;
// BenchmarkServeAudit measures it.
func TestServeLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := startServe(t, ctx, "--log-format", "json")
	rps, err := loadRun(s.url, loadArticle(), 2000, 32)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("2000 audits of a %d-byte article, 32 at a time: %.0f requests/s", len(loadArticle()), rps)
	cancel()
	if code := s.wait(t); code != exitOK {
		t.Errorf("exit %d", code)
	}
	if n := strings.Count(s.stderr.String(), `"path":"/v1/audit","status":200`); n != 2000 {
		t.Errorf("%d request lines logged with status 200, want 2000", n)
	}
}

// BenchmarkServeAudit: go test ./cmd/mtaudit -run XXX -bench ServeAudit
func BenchmarkServeAudit(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := startServe(b, ctx)
	body := loadArticle()
	b.ResetTimer()
	rps, err := loadRun(s.url, body, b.N, 32)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(rps, "req/s")
}

var screenshotFlag = flag.String("screenshot", "", "write a screenshot of an article's HTML report (real rules) to this PNG, relative to the repository root")

// TestScreenshotReport makes the README's screenshot with the real rules:
//
//	go test ./cmd/mtaudit -run ScreenshotReport -screenshot docs/screenshot-report.png
func TestScreenshotReport(t *testing.T) {
	if *screenshotFlag == "" {
		t.Skip("run with -screenshot PATH to write the README screenshot")
	}
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no Chromium binary on PATH (chromium, chromium-browser or google-chrome)")
	}
	out := *screenshotFlag
	if !filepath.IsAbs(out) {
		out = repoPath(t, out)
	}
	dir := t.TempDir()
	t.Chdir(dir) // the report names the article by the path it was given
	if err := os.Mkdir("articles", 0o755); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join("articles", "reforme-retraites.txt")
	if err := os.WriteFile(article, []byte(screenshotArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	o := mtaudit(t, "audit", "--format", "html", article)
	if o.code != exitOK && o.code != exitFail {
		t.Fatalf("audit: exit %d\n%s", o.code, o.stderr)
	}
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, []byte(o.stdout), 0o644); err != nil {
		t.Fatal(err)
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("hide-scrollbars", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 860))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 860),
		chromedp.Navigate("file://"+page),
		chromedp.WaitVisible(chromedp.CSS("li.fi")),
		chromedp.KeyEvent("j"),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.querySelector('li.fi.active') !== null`,
		chromedp.WithPollingTimeout(3*time.Minute))); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", out)
}

// screenshotArticle is the README's example, written for it.
const screenshotArticle = `Le gouvernement prépare une réforme des retraites

Le ministre du Travail a promis mardi des [job guarantees] aux syndicats lors de la réunion syndicale. syndicale un rendez-vous suivi par de nombreux journalistes venus de toute la région.

Partager: Facebook Twitter

Selon le porte-parole, la réforme sera présentée au Parlement en janvier. Les syndicats demandent des [binding commitments] avant toute négociation sur l'âge de départ. La ministre Claire Dufresne a reçu les délégués ; Claire Dufrene s'est dite « confiante ».

LIRE AUSSI  Les prix de l'énergie au plus haut depuis dix ans

La première ministre a rappelé que le texte restait ouvert aux amendements. Les discussions reprendront la semaine prochaine avec les représentants des régions.
`

// The audit command's html and sarif formats, and --out with html: a page
// per article plus index.html linking them.
func TestAuditHTMLAndSARIF(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for name, text := range map[string]string{
		"retraites.txt": serveArticle,
		"propre.txt":    "Les producteurs de lait ont obtenu une hausse de leurs prix après trois semaines de négociations.\n",
		"hostile.txt":   "Avis <script>window.__pwned = 1</script> des [job guarantees] fin.\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := filepath.Join(dir, "out")
	o := mtaudit(t, append([]string{"audit", "--format", "html", "--out", out}, paths...)...)
	if o.code != exitFail {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	if n := strings.Count(o.stdout, `<section class="article"`); n != 3 {
		t.Errorf("stdout page has %d article sections", n)
	}
	if strings.Contains(o.stdout, "<script>window.__pwned") || !strings.Contains(o.stdout, "&lt;script&gt;window.__pwned") {
		t.Errorf("article text not escaped in the page")
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`<a href="([^"]+\.html)">`).FindAllStringSubmatch(string(index), -1)
	if len(links) != 3 {
		t.Fatalf("index links %d reports, want 3", len(links))
	}
	for _, l := range links {
		page, err := os.ReadFile(filepath.Join(out, l[1]))
		if err != nil {
			t.Errorf("index links a missing report: %v", err)
			continue
		}
		if strings.Count(string(page), `<section class="article"`) != 1 {
			t.Errorf("%s is not a one-article page", l[1])
		}
	}

	o = mtaudit(t, append([]string{"audit", "--format", "sarif"}, paths...)...)
	log, err := sarif.FromString(o.stdout)
	if err != nil {
		t.Fatalf("sarif output: %v", err)
	}
	run := log.Runs[0]
	titles := map[string]string{}
	for _, r := range run.Tool.Driver.Rules {
		if r.ShortDescription != nil && r.ShortDescription.Text != nil {
			titles[r.ID] = *r.ShortDescription.Text
		}
	}
	if len(run.Results) == 0 {
		t.Fatal("no SARIF results")
	}
	for _, res := range run.Results {
		if title := titles[*res.RuleID]; title == "" || title == *res.RuleID {
			t.Errorf("result rule %s has no registry title", *res.RuleID)
		}
	}
}
