package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kitacert/kitacert/pkg/store"
)

// badPage breaks the rules the browser tests check: an image without alt text (axe) and
// an inline script and style (the CSP blocks both and says so in the console), and it is
// heavy (a 250 KB script).
const badPage = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Kaputt</title>
<script src="/heavy.js"></script></head>
<body><main><h1>Kaputt</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><script>document.title = 'x'</script>
<p style="color: red">rot</p></main></body></html>`

// TestBrowserChecksCanFail: the checks of the browser tests catch what they are for. A page
// served with kitacert's own Content-Security-Policy that breaks the rules gets an axe
// violation, a CSP violation in the console and a weight over the limit.
func TestBrowserChecksCanFail(t *testing.T) {
	c := newChrome(t)
	c.quiet = true // its violations are wanted: they stay out of the axe line
	s := demoSite(t, store.SQLite)
	csp := s.anonymous(t).get("/login").Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") {
		t.Fatalf("the login page has no strict CSP: %q", csp)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/heavy.js" {
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write([]byte("var heavy = '" + strings.Repeat("x", 250*1000) + "';"))
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(badPage))
	}))
	defer srv.Close()
	tb := c.tab(t, srv.URL, "checks")
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/bad")); err != nil {
		t.Fatal(err)
	}
	if vs := tb.axeRun(); len(vs) == 0 || !strings.Contains(vs[0].ID, "image-alt") {
		t.Errorf("axe found %v, want image-alt", vs)
	}
	var csps int
	for _, m := range tb.consoleErrors() {
		if strings.Contains(m.Text, "Content Security Policy") {
			csps++
		}
	}
	if csps < 2 {
		t.Errorf("%d CSP violations in the console, want the inline script and the inline style", csps)
	}
	if w := eval[int64](tb, weightJS); w <= maxPageWeight {
		t.Errorf("the heavy page weighs %d bytes, want more than %d", w, maxPageWeight)
	}
}
