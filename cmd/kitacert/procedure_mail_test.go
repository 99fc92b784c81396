package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestSweepDeliversProcedureReminder runs it as an operator would: a procedure registered
// with its evidence due in 9 days, `kitacert sweep`, and the delivery worker of `kitacert
// serve` sends the 14-day reminder to the Kita leader in a real SMTP conversation; on both
// databases.
func TestSweepDeliversProcedureReminder(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			url, db := demoDatabase(t, d)
			berlin, _ := time.LoadLocation("Europe/Berlin")
			svc := cert.New(db, cert.SystemClock{}, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
			sys := access.WithPrincipal(context.Background(), access.System)
			ps, err := svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 100}, State: cert.StateRegistered})
			if err != nil || len(ps.Items) == 0 {
				t.Fatalf("no registered procedure in the demo: %v", err)
			}
			old := ps.Items[0]
			if _, err := svc.Procedures.Transition(sys, old.ID, cert.Expect(old.Version), cert.TransitionInput{Action: cert.ActWithdraw, Reason: "Neu registriert für den Test."}); err != nil {
				t.Fatal(err)
			}
			p, err := svc.Procedures.Create(sys, cert.NewProcedure{CenterID: old.CenterID, Kind: old.Kind, Year: old.Year})
			if err != nil {
				t.Fatal(err)
			}
			due := svc.Today().AddDays(9)
			if _, err := svc.Procedures.Transition(sys, p.ID, cert.Expect(p.Version), cert.TransitionInput{Action: cert.ActRegister, EvidenceDueOn: due}); err != nil {
				t.Fatal(err)
			}
			c, err := svc.Centers.Get(sys, p.CenterID)
			if err != nil {
				t.Fatal(err)
			}

			sink := smtptest.New(t, smtptest.Options{TLS: smtptest.Plain})
			kv := map[string]string{"KITACERT_DATABASE_URL": url, "KITACERT_SMTP_URL": sink.URL(),
				"KITACERT_SMTP_FROM": "kitacert <noreply@example.org>", "KITACERT_DELIVERY_INTERVAL": "100ms"}
			out := cli(t, kv, "", "sweep")
			if !strings.Contains(out, "procedure.evidence_due_14_days") {
				t.Fatalf("sweep printed:\n%s", out)
			}
			s := startServe(t, kv)
			subject := "Frist für Fragebogen und Belege endet am " + due.German() + " – " + c.Name
			hasSubject := func(msgs []smtptest.Message) bool {
				return slices.ContainsFunc(msgs, func(m smtptest.Message) bool { return m.Subject == subject })
			}
			msgs, ok := sink.Await(20*time.Second, hasSubject)
			if !ok {
				t.Fatalf("no mail %q among %d delivered\n%s", subject, len(msgs), s.logs)
			}
			m := msgs[slices.IndexFunc(msgs, func(m smtptest.Message) bool { return m.Subject == subject })]
			if b := m.Body(); !strings.Contains(b, due.German()) || !strings.Contains(b, "noch 9 Tage") {
				t.Errorf("reminder lacks the deadline or the days left:\n%s", b)
			}
		})
	}
}
