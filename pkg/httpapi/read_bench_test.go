package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/httpapi"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// benchAPI is the real router on the demo data set, as `serve --demo` builds it (access
// log at level info, here into io.Discard), with the coordinator's bearer token.
type benchAPI struct {
	e     *echo.Echo
	token string
	kitas []string
}

func newBenchAPI(b *testing.B, d store.Dialect) *benchAPI {
	b.Helper()
	db := storetest.Open(b, d)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	clock := cert.SystemClock{}
	svc := cert.New(db, clock, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
	accounts := auth.NewService(db, clock, authtest.Settings())
	if _, err := demo.Load(sys, svc); err != nil {
		b.Fatal(err)
	}
	if err := demo.LoadCatalogue(sys, svc); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.LoadLifecycle(sys, svc); err != nil {
		b.Fatal(err)
	}
	users, err := demo.LoadUsers(sys, svc, accounts)
	if err != nil {
		b.Fatal(err)
	}
	var coordinator auth.User
	for _, u := range users {
		if u.Email == "koordination@example.org" {
			coordinator = u
		}
	}
	tok, err := accounts.IssueToken(sys, coordinator.ID, "bench", time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	e, err := httpapi.New(httpapi.Config{Log: log, Service: svc, Accounts: accounts, DB: db, Location: berlin,
		Outbox: &notify.Service{Store: db, Clock: clock}, RequestTimeout: 5 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	ks, err := svc.Kitas.List(sys, cert.KitaFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		b.Fatal(err)
	}
	api := &benchAPI{e: e, token: tok.Secret}
	for _, k := range ks.Items {
		api.kitas = append(api.kitas, k.ID.String())
	}
	if len(api.kitas) == 0 {
		b.Fatal("no demo Kitas")
	}
	return api
}

// run sends b.N GETs of path(i) through the router and fails on any status but 200.
func (a *benchAPI) run(b *testing.B, path func(i int) string) {
	b.Helper()
	get := func(i int) {
		req := httptest.NewRequest(http.MethodGet, path(i), nil)
		req.Header.Set("Authorization", "Bearer "+a.token)
		rec := httptest.NewRecorder()
		a.e.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d %s", path(i), rec.Code, rec.Body)
		}
	}
	for i := range a.kitas { // warm-up: token cache, prepared statements
		get(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	before := processCPU(b)
	for i := 0; i < b.N; i++ {
		get(i)
	}
	b.StopTimer()
	// ns/op includes waiting for PostgreSQL; cpu-ns/op is the CPU time of this process
	// alone (handler, driver, garbage collection), the server's share under load.
	b.ReportMetric(float64(processCPU(b)-before)/float64(b.N), "cpu-ns/op")
}

// processCPU returns the user and system CPU time this process has used so far.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// eachBenchDB runs fn on the demo data set per test database (SQLite; PostgreSQL too with
// KITACERT_TEST_POSTGRES).
func eachBenchDB(b *testing.B, fn func(b *testing.B, a *benchAPI)) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) { fn(b, newBenchAPI(b, d)) })
	}
}

// BenchmarkStatusRead measures GET /api/v1/kitas/{id}/status through the real router, per
// request: CPU time and allocations of the server (validation, authentication from the
// token cache, the status statement, rules, encoding, access log, metrics).
func BenchmarkStatusRead(b *testing.B) {
	eachBenchDB(b, func(b *testing.B, a *benchAPI) {
		a.run(b, func(i int) string { return "/api/v1/kitas/" + a.kitas[i%len(a.kitas)] + "/status" })
	})
}

// BenchmarkKitaRead measures GET /api/v1/kitas/{id} the same way.
func BenchmarkKitaRead(b *testing.B) {
	eachBenchDB(b, func(b *testing.B, a *benchAPI) {
		a.run(b, func(i int) string { return "/api/v1/kitas/" + a.kitas[i%len(a.kitas)] })
	})
}
