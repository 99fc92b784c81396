package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// demoDatabase returns the URL of a fresh database with the demo data set (relative to
// the real today, as `serve --demo` loads it) and the open database.
func demoDatabase(t *testing.T, d store.Dialect) (string, *store.DB) {
	t.Helper()
	url := storetest.URL(t, d)
	db, err := store.Open(context.Background(), url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	svc := cert.NewService(db, cert.SystemClock{}, berlin)
	sys := access.WithPrincipal(context.Background(), access.System)
	if _, err := demo.Load(sys, svc); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadCatalogue(sys, svc); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadLifecycle(sys, svc); err != nil {
		t.Fatal(err)
	}
	return url, db
}

// TestSweepFutureDayIsDryRunUnlessForced: `kitacert sweep --as-of <a future day>` writes
// nothing and says why; with --force it writes the notifications.
func TestSweepFutureDayIsDryRunUnlessForced(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			url, db := demoDatabase(t, d)
			kv := map[string]string{"KITACERT_DATABASE_URL": url}
			futureDay := cert.Today(cert.SystemClock{}, time.UTC).AddDays(400)
			future := futureDay.String()
			written := func() int64 {
				n, err := db.CountByStatus(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return n[notify.StatusPending] + n[notify.StatusSkipped]
			}
			out := cli(t, kv, "", "sweep", "--as-of", future)
			if !strings.Contains(out, "Probelauf: --as-of "+future+" liegt nach dem heutigen Tag") ||
				!strings.Contains(out, "Benachrichtigungen würden angelegt") || strings.Contains(out, "would") || !strings.Contains(out, "mit --force") {
				t.Fatalf("future sweep without --force printed:\n%s", out)
			}
			if n := written(); n != 0 {
				t.Fatalf("future sweep without --force wrote %d notifications", n)
			}
			out = cli(t, kv, "", "sweep", "--as-of", future, "--force")
			if strings.Contains(out, "Probelauf") || !strings.Contains(out, "Erinnerungslauf zum "+futureDay.German()+": Benachrichtigungen angelegt") {
				t.Fatalf("forced future sweep printed:\n%s", out)
			}
			if written() == 0 {
				t.Fatal("forced future sweep wrote nothing")
			}
		})
	}
}

