package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/docstore"
	"github.com/kitacert/kitacert/pkg/documents"
	"github.com/kitacert/kitacert/pkg/httpapi"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
	"github.com/kitacert/kitacert/pkg/web"
)

// testNow is the injected "now" of the page tests: 22 Nov 2026, 10:00 in Berlin.
var testNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// sys is the context of kitacert's own work, for fixtures behind the pages.
var sys = access.WithPrincipal(context.Background(), access.System)

// testEvidenceLimits are the page tests' evidence limits, as in pkg/httpapi's tests: small,
// so that the tests reach them (1 MB a file, 3 MB a procedure).
var testEvidenceLimits = cert.EvidenceSettings{MaxFileBytes: 1_000_000, MaxTotalBytes: 3_000_000}

// site is kitacert under test on a fresh database, loaded with the demo data set: the
// whole server (API and pages) as `serve --demo` builds it, with the clock injected.
type site struct {
	t        testing.TB
	e        *echo.Echo
	db       *store.DB
	clock    *cert.FixedClock
	svc      *cert.Services
	accounts *auth.Service
	pages    *web.Pages
	users    map[access.Role]auth.User // the demo user of each role
	logs     *lockedBuffer
}

// demoSnapshot is the demo data set, loaded once per test process and database; every
// test gets a copy of its own (storetest.Snapshot), closed in TestMain.
var demoSnapshot = storetest.NewSnapshot(func(t testing.TB, db *store.DB) { wireSite(t, db).loadDemo() })

// TestMain removes the demo snapshots after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := demoSnapshot.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "remove the demo snapshots:", err)
	}
	os.Exit(code)
}

// eachDB runs fn against a fresh demo site on every test database (a copy of the snapshot).
func eachDB(t *testing.T, fn func(t *testing.T, s *site)) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) { fn(t, demoSite(t, d)) })
	}
}

// demoSite is a site on a copy of the demo snapshot of dialect d.
func demoSite(t testing.TB, d store.Dialect) *site {
	t.Helper()
	s := wireSite(t, demoSnapshot.Open(t, d))
	s.findUsers()
	return s
}

// wireSite builds the whole server on db as `serve` does, with the clock injected; the
// database is used as it is.
func wireSite(t testing.TB, db *store.DB) *site {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	clock := cert.NewFixedClock(testNow)
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	bucket, err := docstore.Open(context.Background(), "mem://")
	if err != nil {
		t.Fatal(err)
	}
	blobs := docstore.ForCert(bucket) // closed with the process; mem:// holds nothing else
	svc := cert.New(db, clock, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"}).
		SetStepNotifier(&notify.StepMailer{Store: db, Routing: notify.DefaultRouting(), Clock: clock, Location: berlin}).
		SetEvidence(db, blobs, testEvidenceLimits).SetIssuer(db, blobs, documents.Renderer{})
	accounts := auth.NewService(db, clock, authtest.Settings())
	cfg := httpapi.Config{Log: log, Service: svc, Accounts: accounts, DB: db, Location: berlin,
		Outbox: &notify.Service{Store: db, Clock: clock}, RequestTimeout: 5 * time.Second,
		Site: web.Site{Operator: "ISA e.V., Servicestelle Familienzentren", FeedbackEmail: "barrierefreiheit@example.org",
			Imprint: "Angaben gemäß § 5 DDG.\n\nVerantwortlich: Demo.", Privacy: "Wir verarbeiten nur, was das Verfahren braucht."}}
	e, err := httpapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := web.New(web.Config{Log: log, Service: svc, Accounts: accounts, Outbox: cfg.Outbox, Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	return &site{t: t, e: e, db: db, clock: clock, svc: svc, accounts: accounts, pages: pages, logs: logs, users: map[access.Role]auth.User{}}
}

// loadDemo loads the demo data set as `serve --demo` does: master data, catalogue,
// procedures and seals, one user per role.
func (s *site) loadDemo() {
	s.t.Helper()
	if _, err := demo.Load(sys, s.svc); err != nil {
		s.t.Fatal(err)
	}
	if err := demo.LoadCatalogue(sys, s.svc); err != nil {
		s.t.Fatal(err)
	}
	if _, err := demo.LoadLifecycle(sys, s.svc); err != nil {
		s.t.Fatal(err)
	}
	s.findUsers()
}

// findUsers creates the demo users, or finds them when they are there (a snapshot's copy).
func (s *site) findUsers() {
	s.t.Helper()
	us, err := demo.LoadUsers(sys, s.svc, s.accounts)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, u := range us {
		s.users[u.Role] = u
	}
}

// lockedBuffer collects the log of a site.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// browser is one person at the site: a cookie jar and the CSRF token of the last page.
type browser struct {
	s       *site
	t       testing.TB
	cookies map[string]string
	csrf    string
}

// anonymous returns a browser that has not signed in.
func (s *site) anonymous(t testing.TB) *browser {
	return &browser{s: s, t: t, cookies: map[string]string{}}
}

// as returns a browser signed in as the demo user of role, through the login page.
func (s *site) as(t testing.TB, role access.Role) *browser {
	t.Helper()
	u, ok := s.users[role]
	if !ok {
		t.Fatalf("no demo user of role %s", role)
	}
	return s.login(t, u.Email, demo.Password)
}

// login signs in through the login form and fails the test unless it worked.
func (s *site) login(t testing.TB, email, password string) *browser {
	t.Helper()
	b := s.anonymous(t)
	b.get("/login")
	r := b.post("/login", url.Values{"email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther || b.cookies[web.SessionCookie] == "" {
		t.Fatalf("login as %s: %d %s", email, r.Status, r.Body)
	}
	b.get("/") // picks up the CSRF token
	return b
}

// page is one answer the browser got.
type page struct {
	Status int
	Header http.Header
	Body   string
}

// Location is where a redirect points.
func (p page) Location() string { return p.Header.Get("Location") }

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// do sends a request through the real router with the browser's cookies.
func (b *browser) do(method, path string, body io.Reader, headers ...string) page {
	b.t.Helper()
	req := httptest.NewRequest(method, path, body)
	req.Host = "kitacert.example.org"
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for name, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: v})
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	b.s.e.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	p := page{Status: rec.Code, Header: rec.Header(), Body: rec.Body.String()}
	if m := csrfField.FindStringSubmatch(p.Body); m != nil {
		b.csrf = m[1]
	}
	if rec.Code >= 500 {
		b.t.Errorf("%s %s: %d\n%s\nlog:\n%s", method, path, rec.Code, p.Body, b.s.logs.String())
	}
	return p
}

// get opens a page.
func (b *browser) get(path string) page {
	b.t.Helper()
	return b.do(http.MethodGet, path, nil)
}

// post sends a form with the browser's CSRF token (unless form sets "csrf" itself).
func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok && b.csrf != "" {
		form.Set("csrf", b.csrf)
	}
	return b.do(http.MethodPost, path, strings.NewReader(form.Encode()))
}

// mustSee fails unless the page has status and contains every text.
func (p page) mustSee(t *testing.T, status int, texts ...string) {
	t.Helper()
	if p.Status != status {
		t.Fatalf("status %d, want %d\n%s", p.Status, status, p.Body)
	}
	for _, s := range texts {
		if !strings.Contains(p.Body, s) {
			t.Errorf("page lacks %q\n%s", s, p.Body)
		}
	}
}
