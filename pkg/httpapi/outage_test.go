package httpapi_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/httpapi"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// envWithTimeout is an API like newEnv's with a short request deadline.
func envWithTimeout(t *testing.T, db *store.DB, timeout time.Duration) *env {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	clock := cert.NewFixedClock(testNow)
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	svc := cert.New(db, clock, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
	accounts := auth.NewService(db, clock, authtest.Settings())
	e, err := httpapi.New(httpapi.Config{Log: log, Service: svc, Accounts: accounts, DB: db, Location: berlin, RequestTimeout: timeout,
		Outbox: &notify.Service{Store: db, Clock: clock}})
	if err != nil {
		t.Fatal(err)
	}
	a := &env{t: t, e: e, db: db, clock: clock, logs: logs, svc: svc, accounts: accounts}
	_, a.token = a.newUser(access.RoleCoordinator, nil, nil)
	return a
}

// wantUnavailable checks a 503 problem with Retry-After.
func wantUnavailable(t *testing.T, r response) {
	t.Helper()
	if r.Status != 503 || r.Header.Get("Retry-After") != "5" ||
		r.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(r.Body), "urn:kitacert:problem:unavailable") {
		t.Fatalf("status %d, Retry-After %q, Content-Type %q: %s", r.Status, r.Header.Get("Retry-After"), r.Header.Get("Content-Type"), r.Body)
	}
}

// TestDatabaseOutage: with PostgreSQL behind a proxy that falls silent or refuses, API
// requests end at their deadline (the test would hang otherwise) with 503 problem+json
// and Retry-After; the outage is logged once, and its end once; afterwards requests work.
func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	u, err := url.Parse(storetest.URL(t, store.Postgres)) // a fresh schema, skipped without PostgreSQL
	if err != nil {
		t.Fatal(err)
	}
	px := newDBProxy(t, u.Host)
	u.Host = px.addr()
	db, err := store.Open(context.Background(), u.String(), store.Options{MaxOpenConns: 4, ConnMaxIdle: time.Minute, StatementTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(context.Background(), testNow); err != nil {
		t.Fatal(err)
	}
	a := envWithTimeout(t, db, 300*time.Millisecond)
	a.must(200, "GET", kitasPath, nil)

	for _, mode := range []int32{proxySilent, proxyRefuse} {
		px.set(mode)
		for range 3 {
			wantUnavailable(t, a.do("GET", kitasPath, nil))
			wantUnavailable(t, a.do("PATCH", kitasPath+"/"+unknownID, obj{"district": "X"}, "If-Match", "*"))
		}
	}
	px.set(proxyPass)
	a.must(200, "GET", kitasPath, nil)

	logs := a.logs.String()
	if n := strings.Count(logs, "database unreachable"); n != 1 {
		t.Errorf("outage logged %d times, want once:\n%s", n, logs)
	}
	if n := strings.Count(logs, "database reachable again"); n != 1 {
		t.Errorf("end of the outage logged %d times, want once:\n%s", n, logs)
	}
	if strings.Contains(logs, `"level":"ERROR","msg":"request"`) {
		t.Errorf("a 503 was logged as an error:\n%s", logs)
	}
}

// TestDatabaseBusySQLite: on SQLite the database is a file and cannot be cut off; what
// does happen is a write lock held longer than a request's deadline. The request ends at
// its deadline with 503 and Retry-After (the driver ends its busy wait when the context
// does), and works once the lock is gone.
func TestDatabaseBusySQLite(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.SQLite)
	a := envWithTimeout(t, db, 300*time.Millisecond)
	k := a.kita(a.youthOffice(), a.provider())
	path := kitasPath + "/" + idOf(k)

	locked := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- db.InTx(context.Background(), func(context.Context) error {
			// BEGIN IMMEDIATE holds the write lock from here on.
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	wantUnavailable(t, a.do("PATCH", path, obj{"district": "Mitte"}, "If-Match", "*"))
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	a.must(200, "PATCH", path, obj{"district": "Mitte"}, "If-Match", "*")
}
