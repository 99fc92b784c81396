package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/httpapi"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// testNow is the injected "now" of the HTTP tests: 22 Nov 2026, 10:00 in Berlin.
var testNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// env is one API under test on a fresh database.
type env struct {
	t     *testing.T
	e     *echo.Echo
	db    *store.DB
	clock *cert.FixedClock
	logs  *bytes.Buffer
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
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e, err := httpapi.New(httpapi.Config{Log: log, Service: cert.NewService(db, clock, berlin), DB: db})
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, e: e, db: db, clock: clock, logs: logs}
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
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	a.e.ServeHTTP(rec, req)
	return response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
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
