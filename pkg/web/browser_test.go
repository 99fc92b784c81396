package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's chromium over the DevTools protocol (chromedp) against
// the whole server under httptest: every page they open is checked with axe-core (WCAG
// 2.1 A/AA), for console errors and CSP violations, for its HTTP status and for its weight
// as transferred (page + assets, cold cache). docs/ui.md, "Tests in a real browser".

// maxPageWeight is the most a page may weigh with its assets, as transferred.
const maxPageWeight = 200 * 1000

// axeTags are the rule sets axe runs: WCAG 2.0 and 2.1, levels A and AA.
const axeTags = `['wcag2a','wcag2aa','wcag21a','wcag21aa']`

// weightJS adds up the bytes transferred for the page and every resource it loaded.
const weightJS = `performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
	.reduce((n, e) => n + e.transferSize, 0)`

// chromiumPath finds the browser: missing, the test is skipped, but fails under CI=true.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is missing: the browser tests must run in CI (apt-get install chromium)")
	}
	t.Skip("chromium is missing: browser tests skipped (apt-get install chromium)")
	return ""
}

// chrome is one headless chromium for one test; each person gets a tab of their own
// (own browser context: own cookies, cold cache).
type chrome struct {
	t       *testing.T
	browser context.Context
	axe     string

	mu         sync.Mutex
	pages      int    // pages axe checked
	violations int    // axe violations found
	heaviest   string // the heaviest page and its weight
	weight     int64
	quiet      bool // no axe line (the self-test of the checks)
}

// newChrome starts the browser; it stops, and the test prints its axe line, at cleanup.
func newChrome(t *testing.T) *chrome {
	t.Helper()
	path := chromiumPath(t)
	axe, err := os.ReadFile("testdata/axe-core/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core is missing (make assets): %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	c := &chrome{t: t, browser: browser, axe: string(axe)}
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		if c.quiet {
			return
		}
		fmt.Printf("axe: %d pages checked, %d violations (WCAG 2.1 A/AA) [%s]\n", c.pages, c.violations, t.Name())
		if c.heaviest != "" {
			t.Logf("weight: heaviest page %s, %d bytes as transferred (limit %d)", c.heaviest, c.weight, maxPageWeight)
		}
	})
	return c
}

// listen runs the site's router on a loopback port for the browser.
func listen(t *testing.T, s *site) string {
	t.Helper()
	srv := httptest.NewServer(s.e)
	t.Cleanup(srv.Close)
	return srv.URL
}

// tab is one person's tab: its own browser context, and the console messages so far.
type tab struct {
	c    *chrome
	t    *testing.T
	ctx  context.Context
	base string
	name string

	// noAxe leaves out axe and the weight (the crawl's second database: same markup).
	noAxe bool

	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

// tab opens a tab at base (the site's URL) for the person name (used in file names).
func (c *chrome) tab(t *testing.T, base, name string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(c.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{c: c, t: t, ctx: ctx, base: base, name: name}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.msgs = append(tb.msgs, m)
			tb.mu.Unlock()
		}
	}()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatalf("turn the cache off: %v", err)
	}
	return tb
}

// run runs actions in the tab with a time limit and fails the test on an error.
func (tb *tab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.name, what, err)
	}
}

// eval evaluates a JavaScript expression (promises awaited) into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: evaluate %.60q: %v", tb.name, expr, err)
	}
	return v
}

// path is the path (and query) of the page the tab shows.
func (tb *tab) path() string {
	return eval[string](tb, `location.pathname + location.search`)
}

// open navigates to path and checks the page: want is its HTTP status.
func (tb *tab) open(path string, want int) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("%s: open %s: %v", tb.name, path, err)
	}
	tb.checkResponse(path, resp, want)
}

// submit runs an action that sends a form or follows a link (a click, Enter) and waits
// for the new page, which must have status want; then checks it.
func (tb *tab) submit(what string, want int, action chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, action)
	if err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.name, what, err)
	}
	tb.checkResponse(what, resp, want)
}

func (tb *tab) checkResponse(what string, resp *network.Response, want int) {
	tb.t.Helper()
	if resp == nil {
		tb.t.Fatalf("%s: %s: no response", tb.name, what)
	}
	if int(resp.Status) != want {
		tb.t.Errorf("%s: %s: status %d, want %d (%s)", tb.name, what, resp.Status, want, resp.URL)
	}
	tb.check(want >= 400)
}

// check runs the checks of the page the tab shows: the console (no error, no CSP
// violation), axe-core, and the weight. expectError allows the network's own report of
// the page's error status.
func (tb *tab) check(expectError bool) {
	tb.t.Helper()
	page := tb.path()
	eval[bool](tb, `document.fonts.ready.then(() => true)`)
	if !tb.noAxe {
		tb.axeCheck(page)
		tb.weigh(page)
	}
	tb.consoleCheck(page, expectError)
}

// axeViolation is one failed axe rule, with the elements that fail it.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axeCheck runs axe on the page; each violation fails the test.
func (tb *tab) axeCheck(page string) {
	tb.t.Helper()
	for _, v := range tb.axeRun() {
		tb.t.Errorf("%s: axe on %s: %s (%s): %s; at %s", tb.name, page, v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
	}
}

// axeRun injects axe-core (Runtime.evaluate is not subject to the page's CSP), runs the
// WCAG 2.1 A/AA rules and counts the page and its violations.
func (tb *tab) axeRun() []axeViolation {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe !== 'undefined'`) {
		eval[bool](tb, tb.c.axe+"\n;true")
	}
	vs := eval[[]axeViolation](tb, `axe.run(document, {runOnly: {type: 'tag', values: `+axeTags+`}}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
			targets: v.nodes.map(n => n.target.join(' '))})))`)
	tb.c.mu.Lock()
	tb.c.pages++
	tb.c.violations += len(vs)
	tb.c.mu.Unlock()
	return vs
}

// weigh adds up what the page and its assets weighed as transferred (the cache is off)
// and fails above maxPageWeight.
func (tb *tab) weigh(page string) {
	tb.t.Helper()
	w := eval[int64](tb, weightJS)
	tb.c.mu.Lock()
	if w > tb.c.weight {
		tb.c.weight, tb.c.heaviest = w, page
	}
	tb.c.mu.Unlock()
	if w > maxPageWeight {
		tb.t.Errorf("%s: %s weighs %d bytes as transferred, more than %d", tb.name, page, w, maxPageWeight)
	}
}

// consoleCheck fails on every console error, exception or browser log error since the
// last check (a CSP violation is one); with expectError, the network's report of the
// page's own error status is no failure.
func (tb *tab) consoleCheck(page string, expectError bool) {
	tb.t.Helper()
	for _, m := range tb.consoleErrors() {
		if expectError && m.Source == "network" && strings.HasSuffix(m.URL, page) {
			continue
		}
		tb.t.Errorf("%s: console on %s: %s (%s %s)", tb.name, page, m, m.Source, m.URL)
	}
}

// consoleErrors returns the errors and exceptions the console got since the last call.
func (tb *tab) consoleErrors() []chromedp.ConsoleMessage {
	tb.t.Helper()
	eval[bool](tb, `new Promise(r => setTimeout(() => r(true), 20))`) // let the last events arrive
	tb.mu.Lock()
	msgs := tb.msgs
	tb.msgs = nil
	tb.mu.Unlock()
	var out []chromedp.ConsoleMessage
	for _, m := range msgs {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
			out = append(out, m)
		}
	}
	return out
}

// links returns the same-site links (path and query) of the elements matching sel, in
// document order, without /logout and without duplicates.
func (tb *tab) links(sel string) []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...new Set([...document.querySelectorAll(`+jsString(sel)+`)]
		.map(a => new URL(a.getAttribute('href'), location.href))
		.filter(u => u.origin === location.origin && u.pathname !== '/logout')
		.map(u => u.pathname + u.search))]`)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// login signs in through the login form (the tab shows it), typing like a person.
func (tb *tab) login(email, password string) {
	tb.t.Helper()
	tb.run("type the credentials",
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), password))
	tb.submit("login", http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
}

// logout presses "Abmelden" and checks the login page says so.
func (tb *tab) logout() {
	tb.t.Helper()
	tb.submit("logout", http.StatusOK, chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	if p := tb.path(); !strings.HasPrefix(p, "/login") {
		tb.t.Errorf("%s: after Abmelden at %s, want the login page", tb.name, p)
	}
	tb.mustSee("Anmeldung")
}

// mustSee fails unless the page's visible text contains every text.
func (tb *tab) mustSee(texts ...string) {
	tb.t.Helper()
	body := eval[string](tb, `document.body.innerText`)
	for _, s := range texts {
		if !strings.Contains(body, s) {
			tb.t.Errorf("%s: %s lacks %q:\n%s", tb.name, tb.path(), s, body)
		}
	}
}

// screenshot saves a full-page PNG as NAME.png: under $KITACERT_SCREENSHOTS (relative to
// the repository root, e.g. docs/ui) when set, else in the test's temp dir.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("KITACERT_SCREENSHOTS")
	switch {
	case dir == "":
		dir = tb.t.TempDir()
	case !filepath.IsAbs(dir):
		dir = filepath.Join("..", "..", dir)
	}
	file := filepath.Join(dir, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot: %s", file)
}
