package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/docstore"
	"github.com/kitacert/kitacert/pkg/documents"
	"github.com/kitacert/kitacert/pkg/httpapi"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// testNow is the injected "now" of the HTTP tests: 22 Nov 2026, 10:00 in Berlin.
var testNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// testEvidenceLimits are small, so that the tests reach them: 1 MB a file, 3 MB a procedure;
// evidence is kept a year after the seal ends, as by default.
var testEvidenceLimits = cert.EvidenceSettings{MaxFileBytes: 1_000_000, MaxTotalBytes: 3_000_000, RetentionMonths: 12}

// env is one API under test on a fresh database. Requests carry the coordinator's token
// unless they name an Authorization header themselves ("" sends none).
type env struct {
	t        *testing.T
	e        *echo.Echo
	db       *store.DB
	clock    *cert.FixedClock
	logs     *bytes.Buffer
	svc      *cert.Services
	accounts *auth.Service
	token    string // the coordinator's bearer token
}

// sys is the context of kitacert's own work, for setting up fixtures behind the API.
var sys = access.WithPrincipal(context.Background(), access.System)

// newUser creates an account with an API token and returns the token.
func (a *env) newUser(role access.Role, yo, kita *uuid.UUID) (auth.User, string) {
	a.t.Helper()
	u, err := a.accounts.CreateUser(sys, auth.NewUser{Email: fmt.Sprintf("%s-%s@example.org", role, cert.NewID()),
		DisplayName: "Test " + string(role), Role: role, YouthOfficeID: yo, KitaID: kita})
	if err != nil {
		a.t.Fatal(err)
	}
	tok, err := a.accounts.IssueToken(sys, u.ID, "test", time.Time{})
	if err != nil {
		a.t.Fatal(err)
	}
	return u, tok.Secret
}

// eachDB runs fn against a fresh API on every test database.
func eachDB(t *testing.T, fn func(t *testing.T, a *env)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fn(t, newEnv(t, db))
	})
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	clock := cert.NewFixedClock(testNow)
	bucket, err := docstore.Open(context.Background(), "mem://")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = bucket.Close() })
	blobs := docstore.ForCert(bucket)
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	svc := cert.New(db, clock, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"}).SetStepNotifier(&notify.StepMailer{Store: db, Routing: notify.DefaultRouting(), Clock: clock, Location: berlin}).
		SetEvidence(db, blobs, testEvidenceLimits).SetIssuer(db, blobs, quickDocuments{})
	accounts := auth.NewService(db, clock, authtest.Settings())
	e, err := httpapi.New(httpapi.Config{Log: log, Service: svc, Accounts: accounts, DB: db, Location: berlin,
		Outbox: &notify.Service{Store: db, Clock: clock}, RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	a := &env{t: t, e: e, db: db, clock: clock, logs: logs, svc: svc, accounts: accounts}
	_, a.token = a.newUser(access.RoleCoordinator, nil, nil)
	return a
}

// response is a recorded answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic map.
func (r response) JSON(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.Body)
	}
	return m
}

// do sends a request through the real router. body may be a string (sent raw) or any
// value (sent as JSON); headers come in pairs.
func (a *env) do(method, path string, body any, headers ...string) response {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
		if headers[i] == "Authorization" && headers[i+1] == "" {
			req.Header.Del("Authorization")
		}
	}
	rec := httptest.NewRecorder()
	a.e.ServeHTTP(rec, req)
	r := response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	checkContract(a.t, req, r)
	return r
}

// must sends a request and fails the test unless the status is want; it returns the body.
func (a *env) must(want int, method, path string, body any, headers ...string) map[string]any {
	a.t.Helper()
	r := a.do(method, path, body, headers...)
	if r.Status != want {
		a.t.Fatalf("%s %s: status %d, want %d\n%s\nlog:\n%s", method, path, r.Status, want, r.Body, a.logs)
	}
	if len(r.Body) == 0 {
		return nil
	}
	return r.JSON(a.t)
}

// lockedWriter makes a bytes.Buffer safe for concurrent log writes.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// quickDocuments renders the issued documents as tiny PDFs: most tests certify without
// reading the documents, and the real renderer costs ~150 ms per document under -race. The
// tests that read the documents switch to pkg/documents with realDocuments.
type quickDocuments struct{}

func (quickDocuments) Profile(d cert.ProfileData) ([]byte, error) {
	return []byte("%PDF-1.4\n% Qualitaetsprofil " + d.Procedure.ID.String() + "\n%%EOF\n"), nil
}

func (quickDocuments) Certificate(d cert.ProfileData) ([]byte, error) {
	return []byte("%PDF-1.4\n% Urkunde " + d.Procedure.ID.String() + "\n%%EOF\n"), nil
}

// realDocuments makes certify and reject issue the real PDFs (pkg/documents, pkg/pdfdoc).
func (a *env) realDocuments() {
	a.svc.SetIssuer(a.db, a.svc.Evidence.Blobs(), documents.Renderer{})
}
