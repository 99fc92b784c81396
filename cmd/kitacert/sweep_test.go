package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

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
	db, err := store.Open(context.Background(), url, store.Options{MaxOpenConns: 4, ConnMaxIdle: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	svc := cert.New(db, cert.SystemClock{}, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
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

// TestSweepOpensRecertificationOnWindowDay: `kitacert sweep --as-of <the day the window
// opens>` opens the re-certification and registers it with evidence due on 15 January of
// the seal's last year, even when that day is more than twelve months ahead: the twelve
// months bound people's typing, not kitacert's own work. With the default window and with
// one moved twelve months earlier, on both databases.
func TestSweepOpensRecertificationOnWindowDay(t *testing.T) {
	for _, offset := range []int{0, -12} {
		for _, d := range storetest.Dialects(t) {
			t.Run(fmt.Sprintf("%s/offset%d", d, offset), func(t *testing.T) {
				url, db := demoDatabase(t, d)
				ctx := access.WithPrincipal(context.Background(), access.System)
				today := cert.Today(cert.SystemClock{}, time.UTC)
				seals, err := db.Seals(ctx, cert.SealFilter{AsOf: today, Page: cert.Page{Limit: 100}})
				if err != nil {
					t.Fatal(err)
				}
				var last cert.Seal
				for _, s := range seals.Items {
					if s.ValidUntil.After(last.ValidUntil) {
						last = s
					}
				}
				window := cert.RenewalWindowOpens(last.ValidUntil, offset)
				due := cert.NewDate(last.ValidUntil.Year(), time.January, 15)
				if !due.After(today.AddDate(0, cert.MaxMonthsAhead, 0)) {
					t.Fatalf("the demo's latest seal (until %s) does not test the twelve months bound", last.ValidUntil)
				}
				kv := map[string]string{"KITACERT_DATABASE_URL": url, "KITACERT_RENEWAL_WINDOW_OFFSET_MONTHS": strconv.Itoa(offset)}
				out := cli(t, kv, "", "sweep", "--as-of", window.String(), "--force")
				if strings.Contains(out, "  !") || strings.Contains(out, "Rezertifizierungen eröffnet: 0") {
					t.Fatalf("sweep --as-of %s printed:\n%s", window, out)
				}
				open, err := db.OpenProceduresOf(ctx, []uuid.UUID{last.CenterID})
				if err != nil {
					t.Fatal(err)
				}
				p, ok := open[last.CenterID]
				if !ok || p.Kind != cert.KindRecertification || p.State != cert.StateRegistered || p.EvidenceDueOn != due {
					t.Fatalf("open procedure of the center: %+v (found %v), want a registered re-certification due %s", p, ok, due)
				}
			})
		}
	}
}
