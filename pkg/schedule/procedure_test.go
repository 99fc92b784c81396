package schedule_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// leaders returns the e-mail addresses of the Kita leaders of a center, sorted.
func (w *world) leaders(t *testing.T, centerID uuid.UUID) []string {
	t.Helper()
	c, err := w.svc.Center(sys, centerID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range c.Members {
		id := m.KitaID
		cs, err := w.svc.Contacts(sys, cert.ContactFilter{Page: cert.Page{Limit: 100}, KitaID: &id, Function: cert.FunctionKitaLeader})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range cs.Items {
			out = append(out, strings.ToLower(k.Email))
		}
	}
	slices.Sort(out)
	if len(out) == 0 {
		t.Fatalf("center %s has no Kita leader", c.Name)
	}
	return out
}

// recipients returns the sorted recipients of messages.
func recipients(msgs []smtptest.Message) []string {
	var out []string
	for _, m := range msgs {
		for _, to := range m.To {
			out = append(out, strings.ToLower(to))
		}
	}
	slices.Sort(out)
	return out
}

// expectMail checks that the messages whose subject contains subject went to want, each
// naming the center and carrying every text in has.
func expectMail(t *testing.T, msgs []smtptest.Message, subject string, want []string, has ...string) {
	t.Helper()
	got := withSubject(msgs, subject)
	if !slices.Equal(recipients(got), want) {
		t.Fatalf("%q went to %v, want %v (of %d messages)", subject, recipients(got), want, len(msgs))
	}
	for _, m := range got {
		b := m.Body()
		for _, h := range has {
			if !strings.Contains(b, h) {
				t.Errorf("%q to %v lacks %q:\n%s", subject, m.To, h, b)
			}
		}
	}
}

// TestSweepEvidenceDueSoon: a registered procedure whose evidence is due in 9 days gets
// the 14-day reminder, delivered to the Kita leaders with the deadline; only once.
func TestSweepEvidenceDueSoon(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.openProcedure(t, cert.KindInitial, cert.StateRegistered) // evidence due 2027-01-21
		c, _ := w.svc.Center(sys, p.CenterID)
		w.sweep(t, "2026-11-22")
		w.deliver(t)
		day := p.EvidenceDueOn.AddDays(-9).String()
		w.clock.Set(cert.MustParseDate(day).Time(time.UTC).Add(6 * time.Hour))
		r := w.sweep(t, day)
		if r.Created["procedure.evidence_due_14_days"] == 0 {
			t.Fatalf("sweep %s created no evidence reminder: %+v", day, r)
		}
		msgs := w.deliver(t)
		expectMail(t, msgs, "Frist für Fragebogen und Belege endet am 21.01.2027 – "+c.Name, w.leaders(t, c.ID),
			"21.01.2027", "noch 9 Tage", p.CertificationNumber,
			"Mit freundlichen Grüßen\nServicestelle Familienzentren NRW\nMusterstraße 1\n44135 Dortmund\nTelefon: 0231 123456\nE-Mail: servicestelle@example.org",
			`<a href="mailto:servicestelle@example.org">servicestelle@example.org</a>`)
		if again := w.sweep(t, day); again.Counts.Created != 0 {
			t.Errorf("second sweep created %+v", again.Counts)
		}
	})
}

// at sets the clock to 06:00 UTC of day and sweeps that day.
func (w *world) at(t *testing.T, day cert.Date) {
	t.Helper()
	w.clock.Set(day.Time(time.UTC).Add(6 * time.Hour))
}

// TestSweepEvidenceOverdue: the day after the deadline, still registered, the Kita leaders
// hear that the deadline has passed.
func TestSweepEvidenceOverdue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.openProcedure(t, cert.KindInitial, cert.StateRegistered)
		c, _ := w.svc.Center(sys, p.CenterID)
		w.sweep(t, "2026-11-22")
		w.deliver(t)
		day := p.EvidenceDueOn.AddDays(3)
		w.at(t, day)
		if r := w.sweep(t, day.String()); r.Created["procedure.evidence_overdue"] == 0 {
			t.Fatalf("no overdue reminder: %+v", r)
		}
		expectMail(t, w.deliver(t), "Frist für Fragebogen und Belege überschritten – "+c.Name, w.leaders(t, c.ID),
			"21.01.2027", "seit 3 Tagen überschritten")
	})
}

// visitScheduled moves the demo's re-certification with submitted evidence to a visit on
// visitOn and returns it.
func (w *world) visitScheduled(t *testing.T, visitOn cert.Date) cert.Procedure {
	t.Helper()
	p := w.openProcedure(t, cert.KindRecertification, cert.StateEvidenceSubmitted)
	p = w.step(t, p, cert.TransitionInput{Action: cert.ActStartReview})
	c, _ := w.svc.Center(sys, p.CenterID)
	var sites []uuid.UUID
	if c.Kind == cert.CenterNetwork {
		sites = []uuid.UUID{c.Members[0].KitaID, c.Members[1].KitaID}
		for _, m := range c.Members[1:] {
			if c.Members[0].Role != cert.RoleGrantRecipient && m.Role == cert.RoleGrantRecipient {
				sites[1] = m.KitaID
			}
		}
	}
	return w.step(t, p, cert.TransitionInput{Action: cert.ActScheduleVisit, VisitOn: visitOn, VisitSites: sites})
}

// TestSweepVisitSoon: seven days before the visit the Kita leaders are reminded of it.
func TestSweepVisitSoon(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.visitScheduled(t, cert.MustParseDate("2026-12-10"))
		c, _ := w.svc.Center(sys, p.CenterID)
		w.sweep(t, "2026-11-22")
		w.deliver(t)
		day := cert.MustParseDate("2026-12-04")
		w.at(t, day)
		if r := w.sweep(t, day.String()); r.Created["procedure.visit_7_days"] == 0 {
			t.Fatalf("no visit reminder: %+v", r)
		}
		expectMail(t, w.deliver(t), "Begehung am 10.12.2026 – "+c.Name, w.leaders(t, c.ID), "10.12.2026", "in 6 Tagen")
	})
}

// TestSweepNoDecision: eight weeks after the visit without a decision the coordinators
// get an escalation at once.
func TestSweepNoDecision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		visit := cert.MustParseDate("2026-12-10")
		p := w.visitScheduled(t, visit)
		c, _ := w.svc.Center(sys, p.CenterID)
		w.at(t, visit)
		w.step(t, p, cert.TransitionInput{Action: cert.ActRecordVisit})
		w.sweep(t, visit.String())
		w.deliver(t)
		day := visit.AddDays(7 * 8)
		w.at(t, day)
		if r := w.sweep(t, day.String()); r.Created["procedure.no_decision_8_weeks"] == 0 {
			t.Fatalf("no escalation: %+v", r)
		}
		expectMail(t, w.deliver(t), "Keine Entscheidung acht Wochen nach der Begehung – "+c.Name,
			[]string{"koordination@example.org"}, "10.12.2026")
	})
}

// TestWindowOpenMailFollowsProcedure: the window-open mail says where each center's
// re-certification stands: registered by this very sweep or before (with the deadline),
// or evidence submitted; none is told to wait for an invitation to register.
func TestWindowOpenMailFollowsProcedure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		submitted := w.openProcedure(t, cert.KindRecertification, cert.StateEvidenceSubmitted)
		registered := w.openProcedure(t, cert.KindRecertification, cert.StateRegistered)
		r := w.sweep(t, "2026-11-22")
		if r.Counts.Opened != 1 {
			t.Fatalf("opened %d", r.Counts.Opened)
		}
		opened := w.openProcedure(t, cert.KindRecertification, cert.StateRegistered)
		if opened.ID == registered.ID {
			ps, _ := w.svc.Procedures(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 100}, Kind: cert.KindRecertification, State: cert.StateRegistered})
			opened = ps.Items[1]
		}
		msgs := withSubject(w.deliver(t), "Rezertifizierung")
		want := map[uuid.UUID][]string{
			submitted.CenterID: {"Ihre Unterlagen liegen der Zertifizierungsstelle vor."},
			registered.CenterID: {"Bitte reichen Sie Fragebogen und Belege bis zum " + registered.EvidenceDueOn.German() + " ein.",
				"Frist für Belege:       " + registered.EvidenceDueOn.German()},
			opened.CenterID: {"Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2027 ein.", "Frist für Belege:       15.01.2027"},
		}
		for center, has := range want {
			c, _ := w.svc.Center(sys, center)
			// the mail and the status answer say the same next step (one source of the
			// sentences: cert.ProcedureNextStep)
			st, err := w.svc.StatusReader(w.db).CenterStatus(sys, center)
			if err != nil || st.Open == nil || !strings.HasSuffix(st.NextStep, cert.ProcedureNextStep(*st.Open)) {
				t.Fatalf("%s: status next_step %q (%v)", c.Name, st.NextStep, err)
			}
			has = append(has, cert.ProcedureNextStep(*st.Open))
			got := withSubject(msgs, c.Name)
			if len(got) == 0 {
				t.Errorf("no window-open mail for %s", c.Name)
			}
			for _, m := range got {
				b := m.Body()
				if strings.Contains(b, "zur Registrierung ein") {
					t.Errorf("%s is told to wait for an invitation:\n%s", c.Name, b)
				}
				for _, h := range has {
					if !strings.Contains(b, h) {
						t.Errorf("%s: mail lacks %q:\n%s", c.Name, h, b)
					}
				}
			}
		}
	})
}

// TestSweepSkipsProcedureChangedSinceRead: the sweep reads the due procedures, then the
// evidence is submitted (its cancellation finds no reminder yet), then the sweep's
// transaction for that procedure runs with the row it read: it writes no reminder for the
// old state.
func TestSweepSkipsProcedureChangedSinceRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.openProcedure(t, cert.KindInitial, cert.StateRegistered)
		day := p.EvidenceDueOn.AddDays(-9)
		w.at(t, day)
		ctx := context.Background()
		procs, err := db.ProceduresToSweep(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(procs, func(sp schedule.SweepProcedure) bool { return sp.ID == p.ID })
		if i < 0 {
			t.Fatalf("procedure %s not due on %s", p.ID, day)
		}
		w.step(t, p, cert.TransitionInput{Action: cert.ActSubmitEvidence})
		r, err := schedule.SweepOneProcedure(ctx, w.sw, procs[i], day)
		if err != nil {
			t.Fatal(err)
		}
		check := func(when string) {
			t.Helper()
			pending, err := db.Notifications(ctx, notify.Filter{Page: cert.Page{Limit: 100}, Status: notify.StatusPending, CenterID: &p.CenterID})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range pending.Items {
				if n.SubjectType == "procedure" && n.SubjectID != nil && *n.SubjectID == p.ID {
					t.Errorf("%s: stale reminder %s pending for %s after the evidence was submitted (report %+v)", when, n.Reminder, n.Recipient, r.Counts)
				}
			}
		}
		check("stale row")
		// The row as it is now gets nothing either: submitted evidence has no deadline reminder.
		w.sweep(t, day.String())
		check("next sweep")
	})
}

// TestStepMailerUsesServiceDay: a step taken through cert.Service.At (the demo's history,
// a replay) writes its evidence_requested row with the service's day, not the clock's of
// the mailer: due_on is that day and days_left counts from it.
func TestStepMailerUsesServiceDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		berlin, _ := time.LoadLocation("Europe/Berlin")
		svc := cert.NewService(db, w.clock, berlin).
			SetStepNotifier(&notify.StepMailer{Store: db, Routing: notify.DefaultRouting(), Clock: w.clock, Location: berlin})
		day := cert.Today(w.clock, berlin).AddDays(10)
		later := svc.At(cert.NewFixedClock(day.Time(time.UTC).Add(9 * time.Hour)))
		p := w.openProcedure(t, cert.KindInitial, cert.StateRegistered)
		for _, st := range []cert.TransitionInput{{Action: cert.ActSubmitEvidence}, {Action: cert.ActStartReview},
			{Action: cert.ActRequestEvidence, Missing: "Fragebogen", EvidenceDueOn: day.AddDays(30)}} {
			var err error
			if p, err = later.Transition(sys, p.ID, cert.Expect(p.Version), st); err != nil {
				t.Fatalf("%s: %v", st.Action, err)
			}
		}
		rows, err := db.Notifications(context.Background(), notify.Filter{Page: cert.Page{Limit: 100}, CenterID: &p.CenterID, Reminder: notify.EvidenceRequested})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows.Items) == 0 {
			t.Fatal("request_evidence wrote no notification")
		}
		for _, n := range rows.Items {
			if n.DueOn != day || fmt.Sprint(n.Payload[notify.KeyDaysLeft]) != "30" {
				t.Errorf("row for %s: due_on %s, days_left %v; want %s and 30", n.Recipient, n.DueOn, n.Payload[notify.KeyDaysLeft], day)
			}
		}
	})
}
