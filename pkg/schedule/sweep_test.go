package schedule_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// today is the injected "today" of the sweep tests.
var today = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

var sys = access.WithPrincipal(context.Background(), access.System)

// world is a database with the demo data set: seals relative to today (three in the
// re-certification window, one expired, four active), contacts and a coordinator.
type world struct {
	db    *store.DB
	clock *cert.FixedClock
	svc   *cert.Services
	sw    *schedule.Sweeper
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	clock := cert.NewFixedClock(today)
	svc := cert.New(db, clock, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
	if _, err := demo.Load(sys, svc); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadCatalogue(sys, svc); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadLifecycle(sys, svc); err != nil {
		t.Fatal(err)
	}
	accounts := auth.NewService(db, clock, authtest.Settings())
	if _, err := accounts.CreateUser(sys, auth.NewUser{Email: "koordination@example.org", DisplayName: "Koordination", Role: access.RoleCoordinator}); err != nil {
		t.Fatal(err)
	}
	sw := &schedule.Sweeper{Store: db, Cert: svc, Routing: notify.DefaultRouting(), Clock: clock,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), DigestWeekday: time.Monday}
	return &world{db: db, clock: clock, svc: svc, sw: sw}
}

func (w *world) sweep(t *testing.T, day string) schedule.Report {
	t.Helper()
	r, err := w.sw.Sweep(context.Background(), cert.MustParseDate(day), false)
	if err != nil {
		t.Fatalf("sweep %s: %v", day, err)
	}
	if !r.Ran {
		t.Fatalf("sweep %s did not run", day)
	}
	return r
}

func (w *world) count(t *testing.T, st notify.Status) int {
	t.Helper()
	n, err := w.db.CountByStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n[st])
}

func TestSweepCreatesOnceAndOpensProcedures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		r := w.sweep(t, "2026-11-22")
		if r.Created[notify.SealWindowOpen] == 0 || r.Created[notify.SealExpired] == 0 || r.Skips[notify.SealMonths12] == 0 {
			t.Fatalf("first sweep: %+v", r)
		}
		if r.Counts.Opened != 1 { // the one center in the window without an open procedure
			t.Errorf("opened %d re-certifications, want 1 (%v)", r.Counts.Opened, r.Errors)
		}
		if len(r.Errors) != 0 { // centers in the window with an open procedure are no error (cert.ErrProcedureOpen)
			t.Errorf("sweep errors: %v", r.Errors)
		}
		pending := w.count(t, notify.StatusPending)
		again := w.sweep(t, "2026-11-22")
		if again.Counts.Created != 0 || again.Counts.Skipped != 0 || again.Counts.Opened != 0 || w.count(t, notify.StatusPending) != pending {
			t.Fatalf("second sweep of the same day: %+v", again)
		}
		// the opened procedure is registered, with the history saying the system did it
		open, err := w.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 100}, State: cert.StateRegistered, Kind: cert.KindRecertification})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range open.Items {
			ev, _ := w.svc.Procedures.Events(sys, p.ID)
			if len(ev) == 2 && ev[0].ActorRole == string(access.RoleSystem) && p.Year.String() == "2026/27" {
				found = true
			}
		}
		if !found {
			t.Error("no system-opened re-certification for 2026/27")
		}
	})
}

// TestSweepCatchUp: ten days without sweeps create each due reminder once, not ten times.
func TestSweepCatchUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.sweep(t, "2026-11-22")
		before := w.count(t, notify.StatusPending)
		// 2027-05-01: the 3-month reminders of the seals ending 2027-07-31; the 6-month ones
		// (2027-02-01) were missed and are recorded as skipped
		r := w.sweep(t, "2027-05-01")
		if r.Created[notify.SealMonths3] == 0 || r.Created[notify.SealMonths6] != 0 || r.Skips[notify.SealMonths6] == 0 {
			t.Fatalf("catch-up: %+v", r)
		}
		for day := 2; day <= 11; day++ {
			r := w.sweep(t, cert.MustParseDate("2027-05-01").AddDays(day).String())
			if r.Created[notify.SealMonths3] != 0 {
				t.Fatalf("3-month reminder created again on day %d", day)
			}
		}
		if w.count(t, notify.StatusPending) <= before {
			t.Error("nothing new pending after the catch-up")
		}
	})
}

// TestConcurrentSweeps: several sweeps at once create every notification exactly once.
func TestConcurrentSweeps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ref := newWorld(t, storetest.Open(t, db.Dialect()))
		want := ref.sweep(t, "2026-11-22").Counts.Created

		w := newWorld(t, db)
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = w.sw.Sweep(context.Background(), cert.MustParseDate("2026-11-22"), false)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := w.count(t, notify.StatusPending); got != want {
			t.Fatalf("three sweeps at once left %d pending notifications, one sweep %d", got, want)
		}
	})
}

// TestSweepDryRun changes nothing and reports what a sweep would do.
func TestSweepDryRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		r, err := w.sw.Sweep(context.Background(), cert.MustParseDate("2026-11-22"), true)
		if err != nil || !r.DryRun || r.Counts.Created == 0 {
			t.Fatalf("dry run: %+v %v", r, err)
		}
		if n := w.count(t, notify.StatusPending); n != 0 {
			t.Fatalf("dry run left %d notifications", n)
		}
		real := w.sweep(t, "2026-11-22")
		if real.Counts != r.Counts {
			t.Errorf("dry run said %+v, the sweep did %+v", r.Counts, real.Counts)
		}
	})
}

// TestRenewalCancelsPendingReminders: once a seal is renewed, its pending reminders are
// cancelled in the same transaction and never sent.
func TestRenewalCancelsPendingReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.sweep(t, "2026-11-22")
		// the center whose re-certification is already under way (registered) is renewed now
		ps, err := w.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 100}, Kind: cert.KindRecertification, State: cert.StateRegistered})
		if err != nil || len(ps.Items) == 0 {
			t.Fatalf("no registered re-certification: %v", err)
		}
		p := ps.Items[0]
		before, _ := db.Notifications(context.Background(), notify.Filter{Page: cert.Page{Limit: 500}, CenterID: &p.CenterID, Status: notify.StatusPending})
		if len(before.Items) == 0 {
			t.Fatal("the center has no pending reminder to cancel")
		}
		cat, err := w.svc.Catalogues.Get(sys, p.CatalogueVersion)
		if err != nil {
			t.Fatal(err)
		}
		var met []cert.AssessmentItem
		for _, a := range cat.Areas {
			for _, c := range a.Criteria {
				met = append(met, cert.AssessmentItem{Code: c.Code, Met: true})
			}
		}
		steps := []cert.TransitionInput{{Action: cert.ActSubmitEvidence}, {Action: cert.ActStartReview}}
		for _, st := range steps {
			if p, err = w.svc.Procedures.Transition(sys, p.ID, cert.Expect(p.Version), st); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.svc.Assessments.Put(sys, p.ID, met); err != nil {
			t.Fatal(err)
		}
		c, _ := w.svc.Centers.Get(sys, p.CenterID)
		var sites []uuid.UUID
		if c.Kind == cert.CenterNetwork {
			sites = []uuid.UUID{c.Members[0].KitaID, c.Members[1].KitaID}
		}
		for _, st := range []cert.TransitionInput{{Action: cert.ActScheduleVisit, VisitOn: w.svc.Today(), VisitSites: sites}, // visited today: a visit is recorded on or after its day
			{Action: cert.ActRecordVisit}, {Action: cert.ActCertify}} {
			if p, err = w.svc.Procedures.Transition(sys, p.ID, cert.Expect(p.Version), st); err != nil {
				t.Fatalf("%s: %v", st.Action, err)
			}
		}
		after, _ := db.Notifications(context.Background(), notify.Filter{Page: cert.Page{Limit: 500}, CenterID: &p.CenterID, Status: notify.StatusPending})
		for _, n := range after.Items {
			if n.SubjectType == "seal" {
				t.Errorf("seal reminder %s still pending after the renewal", n.Reminder)
			}
		}
		cancelled, _ := db.Notifications(context.Background(), notify.Filter{Page: cert.Page{Limit: 500}, CenterID: &p.CenterID, Status: notify.StatusCancelled})
		if len(cancelled.Items) == 0 {
			t.Error("nothing cancelled")
		}
	})
}

// TestSweepAsOfPastDayOpensValidProcedure: a sweep --as-of a day in the past opens the
// re-certification with a deadline that is not in the past (review finding: register
// failed after create and a half-opened procedure was committed).
func TestSweepAsOfPastDayOpensValidProcedure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.clock.Set(time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)) // the real today is later than the sweep's day
		r := w.sweep(t, "2026-11-22")
		if r.Counts.Opened != 1 || len(r.Errors) != 0 {
			t.Fatalf("opened %d, problems %v", r.Counts.Opened, r.Errors)
		}
		nominated, err := w.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 100}, Kind: cert.KindRecertification, State: cert.StateNominated})
		if err != nil || len(nominated.Items) != 0 {
			t.Fatalf("half-opened procedures left: %v %v", nominated.Items, err)
		}
	})
}
