package schedule_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
)

// publicURL is the KITACERT_PUBLIC_URL of the delivery in the sweep tests.
const publicURL = "https://kitacert.example.org"

// deliver runs the delivery worker until the outbox has nothing due, sending over a real
// SMTP conversation to a fresh test server, and returns the messages that server received.
func (w *world) deliver(t *testing.T) []smtptest.Message {
	t.Helper()
	sink := smtptest.New(t, smtptest.Options{})
	cfg, err := notify.ParseSMTPURL(sink.URL())
	if err != nil {
		t.Fatal(err)
	}
	cfg.Timeout = 5 * time.Second // the package has no default; cmd/kitacert's config passes one
	sender, err := notify.NewSMTPSender(cfg, "kitacert <noreply@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	r, err := notify.NewTemplateRenderer("", publicURL)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := notify.ParseSignature("Servicestelle Familienzentren NRW", "Musterstraße 1| 44135 Dortmund", "0231 123456", "servicestelle@example.org")
	if err != nil {
		t.Fatal(err)
	}
	r.SetSignature(sig)
	wk := &notify.Worker{Store: w.db, Renderer: r, Senders: map[notify.Channel]notify.Sender{notify.ChannelEmail: sender},
		Clock: w.clock, Batch: 200, Lease: 5 * time.Minute, MaxAttempts: 8, Backoff: notify.ExponentialBackoff(10*time.Minute, 12*time.Hour, 0.2, nil)}
	if _, _, failed, err := wk.RunOnce(context.Background()); err != nil || failed != 0 {
		t.Fatalf("delivery: %d failed, %v", failed, err)
	}
	return sink.Messages()
}

// withSubject returns the messages whose subject contains s.
func withSubject(msgs []smtptest.Message, s string) []smtptest.Message {
	var out []smtptest.Message
	for _, m := range msgs {
		if strings.Contains(m.Subject, s) {
			out = append(out, m)
		}
	}
	return out
}

// openProcedure returns the open procedure of a center the demo put in state st.
func (w *world) openProcedure(t *testing.T, kind cert.ProcedureKind, st cert.State) cert.Procedure {
	t.Helper()
	ps, err := w.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 100}, Kind: kind, State: st})
	if err != nil || len(ps.Items) == 0 {
		t.Fatalf("no %s procedure in state %s: %v", kind, st, err)
	}
	return ps.Items[0]
}

// step takes steps of a procedure as the system.
func (w *world) step(t *testing.T, p cert.Procedure, steps ...cert.TransitionInput) cert.Procedure {
	t.Helper()
	for _, st := range steps {
		var err error
		if p, err = w.svc.Procedures.Transition(sys, p.ID, cert.Expect(p.Version), st); err != nil {
			t.Fatalf("%s: %v", st.Action, err)
		}
	}
	return p
}
