package notify_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// t0 is when the tests' clocks start: a Monday morning, whole seconds (PostgreSQL keeps
// microseconds, SQLite what it is given).
var t0 = time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)

// renderError opens the next step of a payload that testRenderer refuses to render.
const renderError = "render_error: "

// testRenderer renders a notification trivially; a payload whose next step begins with
// renderError fails with the rest of it.
type testRenderer struct{}

func (testRenderer) Render(n notify.Notification) (notify.Message, error) {
	p, _ := n.Payload.(notify.SealPayload)
	if msg, ok := strings.CutPrefix(p.NextStep, renderError); ok {
		return notify.Message{}, errors.New(msg)
	}
	center := p.CenterName
	return notify.Message{
		To:      n.Recipient,
		ToName:  n.RecipientName,
		Subject: fmt.Sprintf("Erinnerung %s: %s", n.Reminder, center),
		Text:    "Das Gütesiegel von " + center + " läuft ab.",
		HTML:    "<p>Das Gütesiegel von " + center + " läuft ab.</p>",
		Payload: n.Payload,
	}, nil
}

// rowOpt changes a test row before it is inserted.
type rowOpt func(*notify.Notification)

func withChannel(ch notify.Channel, recipient string) rowOpt {
	return func(n *notify.Notification) { n.Channel, n.Recipient = ch, recipient }
}

// withRenderError makes testRenderer fail on the row with msg.
func withRenderError(msg string) rowOpt {
	return func(n *notify.Notification) {
		p := n.Payload.(notify.SealPayload)
		p.NextStep = renderError + msg
		n.Payload = p
	}
}

// insertRows inserts count pending e-mail notifications due a minute before now.
func insertRows(t testing.TB, db *store.DB, now time.Time, count int, opts ...rowOpt) []notify.Notification {
	t.Helper()
	ns := make([]notify.Notification, count)
	for i := range ns {
		id, subject, center := cert.NewID(), cert.NewID(), cert.NewID()
		n := notify.Notification{
			ID:            id,
			CreatedAt:     now.Add(-time.Hour),
			DedupKey:      "test:" + id.String(),
			SubjectType:   "seal",
			SubjectID:     &subject,
			CenterID:      &center,
			Reminder:      notify.SealMonths3,
			DueOn:         cert.DateOf(now),
			ValidityEnd:   cert.DateOf(now).AddDays(92),
			Channel:       notify.ChannelEmail,
			Recipient:     fmt.Sprintf("leitung-%d@example.org", i),
			RecipientName: "Kita-Leitung Sonnenschein",
			RecipientRole: notify.ToKitaLeader,
			Status:        notify.StatusPending,
			NextAttemptAt: now.Add(-time.Minute),
			Payload: notify.SealPayload{CenterFacts: notify.CenterFacts{CenterID: center, CenterName: "Familienzentrum Sonnenschein",
				ValidUntil: cert.DateOf(now).AddDays(92), NextStep: "Vertrauliche Notiz"}},
		}
		for _, o := range opts {
			o(&n)
		}
		ns[i] = n
	}
	inserted, err := db.InsertNotifications(context.Background(), ns)
	if err != nil || inserted != count {
		t.Fatalf("InsertNotifications: %d, %v; want %d", inserted, err, count)
	}
	return ns
}

func get(t *testing.T, db *store.DB, id uuid.UUID) notify.Notification {
	t.Helper()
	n, err := db.Notification(context.Background(), id)
	if err != nil {
		t.Fatalf("Notification(%s): %v", id, err)
	}
	return n
}

// newWorker returns a worker delivering e-mail to srv, logging into logs (if not nil).
func newWorker(t testing.TB, db *store.DB, srv *smtptest.Server, clock cert.Clock, logs *bytes.Buffer) *notify.Worker {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	if logs != nil {
		log = slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return &notify.Worker{
		Store:       db,
		Renderer:    testRenderer{},
		Senders:     map[notify.Channel]notify.Sender{notify.ChannelEmail: sender(t, srv)},
		Clock:       clock,
		Lease:       testLease,
		Batch:       testBatch,
		MaxAttempts: testMaxAttempts,
		Backoff:     testBackoff(),
		Log:         log,
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func runOnce(t *testing.T, w *notify.Worker) (sent, retried, failed int) {
	t.Helper()
	sent, retried, failed, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	return sent, retried, failed
}

func TestWorkerSends(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		var logs bytes.Buffer
		w := newWorker(t, db, srv, clock, &logs)
		rows := insertRows(t, db, t0, 3)
		// Not yet due: stays.
		later := insertRows(t, db, t0, 1, func(n *notify.Notification) { n.NextAttemptAt = t0.Add(time.Hour) })[0]

		if s, r, f := runOnce(t, w); s != 3 || r != 0 || f != 0 {
			t.Fatalf("RunOnce = %d sent, %d retried, %d failed; want 3, 0, 0", s, r, f)
		}
		got := map[string]smtptest.Message{}
		for _, m := range srv.Messages() {
			got[m.MessageID] = m
		}
		for _, row := range rows {
			n := get(t, db, row.ID)
			if n.Status != notify.StatusSent || n.Attempts != 1 || n.LeaseUntil != nil || n.SentAt == nil || !n.SentAt.Equal(t0) {
				t.Errorf("row %s: status %s, attempts %d, lease %v, sent at %v", n.ID, n.Status, n.Attempts, n.LeaseUntil, n.SentAt)
			}
			if want := "<" + row.ID.String() + "@kitacert>"; n.MessageID != want || notify.MessageIDFor(row.ID) != want {
				t.Errorf("row %s: Message-ID %q, want %q", n.ID, n.MessageID, want)
			}
			m, ok := got[n.MessageID]
			if !ok {
				t.Errorf("row %s: no message with Message-ID %s at the server", n.ID, n.MessageID)
				continue
			}
			if len(m.To) != 1 || m.To[0] != row.Recipient || m.Subject != "Erinnerung seal.3_months: Familienzentrum Sonnenschein" {
				t.Errorf("row %s: message to %v, subject %q", n.ID, m.To, m.Subject)
			}
		}
		if n := get(t, db, later.ID); n.Status != notify.StatusPending || n.Attempts != 0 || n.LeaseUntil != nil {
			t.Errorf("row not yet due: status %s, attempts %d, lease %v", n.Status, n.Attempts, n.LeaseUntil)
		}
		// Nothing more is due: a second run does nothing.
		if s, r, f := runOnce(t, w); s+r+f != 0 || srv.Count() != 3 {
			t.Errorf("second RunOnce = %d, %d, %d; server has %d messages", s, r, f, srv.Count())
		}
		checkLogs(t, logs.String(), rows)
	})
}

// checkLogs fails if the logs show an address, a name, a subject or payload contents, and
// checks that they name the notifications.
func checkLogs(t *testing.T, logs string, rows []notify.Notification) {
	t.Helper()
	for _, leak := range []string{"@example.org", "example.org", "Sonnenschein", "Vertrauliche", "Kita-Leitung", "Erinnerung", "Gütesiegel", "Mailbox"} {
		if strings.Contains(logs, leak) {
			t.Errorf("logs contain %q:\n%s", leak, logs)
		}
	}
	for _, row := range rows {
		if !strings.Contains(logs, row.ID.String()) {
			t.Errorf("logs do not name notification %s:\n%s", row.ID, logs)
		}
	}
}

func TestWorkerRetriesTemporaryFailure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		var logs bytes.Buffer
		w := newWorker(t, db, srv, clock, &logs)
		row := insertRows(t, db, t0, 1)[0]

		srv.FailNext(smtptest.Data, 1, 451, "4.3.0 Bitte später erneut versuchen")
		if s, r, f := runOnce(t, w); s != 0 || r != 1 || f != 0 {
			t.Fatalf("RunOnce = %d sent, %d retried, %d failed; want 0, 1, 0", s, r, f)
		}
		n := get(t, db, row.ID)
		if n.Status != notify.StatusPending || n.Attempts != 1 || n.LeaseUntil != nil {
			t.Errorf("after 451: status %s, attempts %d, lease %v", n.Status, n.Attempts, n.LeaseUntil)
		}
		if wait := n.NextAttemptAt.Sub(t0); wait < 8*time.Minute || wait > 12*time.Minute {
			t.Errorf("after 451 the next attempt is %v later, want 10 minutes ± 20 %%", wait)
		}
		if !strings.Contains(n.LastError, "451 4.3.0 Bitte später erneut versuchen") {
			t.Errorf("last error %q does not keep the reply", n.LastError)
		}
		if n.FailureKind != notify.FailureTemporary || n.ReplyCode != "451" {
			t.Errorf("after 451: failure kind %q, reply code %q; want temporary, 451", n.FailureKind, n.ReplyCode)
		}

		// Not before the next attempt is due.
		clock.Advance(7 * time.Minute)
		if s, r, f := runOnce(t, w); s+r+f != 0 {
			t.Fatalf("RunOnce before the next attempt = %d, %d, %d", s, r, f)
		}
		clock.Set(n.NextAttemptAt)
		if s, r, f := runOnce(t, w); s != 1 || r != 0 || f != 0 {
			t.Fatalf("RunOnce after the backoff = %d sent, %d retried, %d failed; want 1, 0, 0", s, r, f)
		}
		n = get(t, db, row.ID)
		if n.Status != notify.StatusSent || n.Attempts != 2 || n.LastError != "" || n.FailureKind != "" || n.ReplyCode != "" {
			t.Errorf("after the retry: status %s, attempts %d, last error %q, failure kind %q, reply code %q",
				n.Status, n.Attempts, n.LastError, n.FailureKind, n.ReplyCode)
		}
		refused, accepted := srv.Refused(), srv.Messages()
		if len(refused) != 1 || len(accepted) != 1 {
			t.Fatalf("server refused %d and accepted %d messages, want 1 and 1", len(refused), len(accepted))
		}
		want := notify.MessageIDFor(row.ID)
		if refused[0].MessageID != want || accepted[0].MessageID != want || n.MessageID != want {
			t.Errorf("Message-IDs: refused %q, accepted %q, recorded %q; want %q throughout",
				refused[0].MessageID, accepted[0].MessageID, n.MessageID, want)
		}
		checkLogs(t, logs.String(), []notify.Notification{row})
		if !strings.Contains(logs.String(), `"code":"451"`) {
			t.Errorf("logs lack the reply code:\n%s", logs.String())
		}
	})
}

func TestWorkerFailsPermanently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		var logs bytes.Buffer
		w := newWorker(t, db, srv, clock, &logs)
		row := insertRows(t, db, t0, 1)[0]

		srv.FailNext(smtptest.Rcpt, 1, 550, "5.1.1 Mailbox unbekannt")
		if s, r, f := runOnce(t, w); s != 0 || r != 0 || f != 1 {
			t.Fatalf("RunOnce = %d sent, %d retried, %d failed; want 0, 0, 1", s, r, f)
		}
		n := get(t, db, row.ID)
		if n.Status != notify.StatusFailed || n.Attempts != 1 || n.LeaseUntil != nil || n.SentAt != nil {
			t.Errorf("after 550: status %s, attempts %d, lease %v, sent at %v", n.Status, n.Attempts, n.LeaseUntil, n.SentAt)
		}
		if !strings.Contains(n.LastError, "550 5.1.1 Mailbox unbekannt") {
			t.Errorf("last error %q does not keep the reply", n.LastError)
		}
		if n.FailureKind != notify.FailurePermanent || n.ReplyCode != "550" {
			t.Errorf("after 550: failure kind %q, reply code %q; want permanent, 550", n.FailureKind, n.ReplyCode)
		}
		clock.Advance(48 * time.Hour)
		if s, r, f := runOnce(t, w); s+r+f != 0 || srv.Count() != 0 {
			t.Errorf("a failed row was tried again: %d, %d, %d", s, r, f)
		}
		checkLogs(t, logs.String(), []notify.Notification{row})
	})
}

func TestWorkerGivesUpAfterMaxAttempts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		w := newWorker(t, db, srv, clock, nil)
		row := insertRows(t, db, t0, 1)[0]
		srv.FailNext(smtptest.Rcpt, 100, 451, "4.2.1 Postfach vorübergehend nicht erreichbar")

		var retried, failed int
		var waited time.Duration
		for attempt := 1; attempt <= testMaxAttempts; attempt++ {
			s, r, f := runOnce(t, w)
			if s != 0 || r+f != 1 {
				t.Fatalf("attempt %d: RunOnce = %d, %d, %d", attempt, s, r, f)
			}
			retried, failed = retried+r, failed+f
			n := get(t, db, row.ID)
			if n.Attempts != attempt {
				t.Fatalf("attempt %d: the row counts %d attempts", attempt, n.Attempts)
			}
			if attempt < testMaxAttempts {
				if n.Status != notify.StatusPending {
					t.Fatalf("attempt %d: status %s, want pending", attempt, n.Status)
				}
				waited += n.NextAttemptAt.Sub(clock.Now())
				clock.Set(n.NextAttemptAt)
			} else if n.Status != notify.StatusFailed || !strings.Contains(n.LastError, "451 4.2.1") ||
				n.FailureKind != notify.FailureTemporary || n.ReplyCode != "451" {
				t.Fatalf("attempt %d: status %s, last error %q, failure kind %q, reply code %q; want failed with the reply, temporary, 451",
					attempt, n.Status, n.LastError, n.FailureKind, n.ReplyCode)
			}
		}
		if retried != 7 || failed != 1 {
			t.Errorf("retried %d times and failed %d times, want 7 and 1", retried, failed)
		}
		if waited < 16*time.Hour || waited > 26*time.Hour {
			t.Errorf("the 8 attempts spanned %v, want about a day", waited)
		}
		if srv.Rejected() != 8 || srv.Count() != 0 {
			t.Errorf("server rejected %d and accepted %d, want 8 and 0", srv.Rejected(), srv.Count())
		}
	})
}

// TestWorkerCrashLosesNothing: a worker claims a batch and dies before recording anything
// (it had even handed its first message to the server). When the lease runs out another
// worker sends the whole batch: each row once, the one in flight a second time, every
// message with the Message-ID of its notification.
func TestWorkerCrashLosesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		w := newWorker(t, db, srv, clock, nil)
		rows := insertRows(t, db, t0, 6)

		// The crashed worker: claims, sends the first message, dies.
		claimed, err := db.ClaimDue(ctx, t0, w.Lease, 10)
		if err != nil || len(claimed) != 6 {
			t.Fatalf("ClaimDue = %d rows, %v", len(claimed), err)
		}
		first, _ := testRenderer{}.Render(claimed[0])
		first.NotificationID, first.MessageID = claimed[0].ID.String(), notify.MessageIDFor(claimed[0].ID)
		if err := sender(t, srv).Send(ctx, first); err != nil {
			t.Fatal(err)
		}

		// While the lease holds, nobody touches the rows.
		clock.Advance(w.Lease - time.Second)
		if s, r, f := runOnce(t, w); s+r+f != 0 {
			t.Fatalf("RunOnce during the lease = %d, %d, %d", s, r, f)
		}
		clock.Advance(time.Second)
		if s, r, f := runOnce(t, w); s != 6 || r+f != 0 {
			t.Fatalf("RunOnce after the lease = %d sent, %d retried, %d failed; want 6, 0, 0", s, r, f)
		}
		perID := map[string]int{}
		for _, m := range srv.Messages() {
			perID[m.MessageID]++
		}
		for _, row := range rows {
			want := 1
			if row.ID == claimed[0].ID {
				want = 2 // the one in flight when the worker died
			}
			if got := perID[notify.MessageIDFor(row.ID)]; got != want {
				t.Errorf("row %s: %d messages with its Message-ID, want %d", row.ID, got, want)
			}
			if n := get(t, db, row.ID); n.Status != notify.StatusSent || n.MessageID != notify.MessageIDFor(row.ID) {
				t.Errorf("row %s: status %s, Message-ID %q", row.ID, n.Status, n.MessageID)
			}
		}
		if len(perID) != len(rows) || srv.Count() != len(rows)+1 {
			t.Errorf("server got %d messages with %d Message-IDs, want %d with %d", srv.Count(), len(perID), len(rows)+1, len(rows))
		}
	})
}

// TestWorkersNeverSendTwice runs two workers at once over the same outbox; the SMTP server
// must see every notification exactly once. On PostgreSQL the claims race through
// FOR UPDATE SKIP LOCKED; SQLite serialises them.
func TestWorkersNeverSendTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		const total = 120
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		rows := insertRows(t, db, t0, total)
		workers := []*notify.Worker{newWorker(t, db, srv, clock, nil), newWorker(t, db, srv, clock, nil)}
		for _, w := range workers {
			w.Batch = 5
		}
		var wg sync.WaitGroup
		sent := make([]int, len(workers))
		errs := make([]error, len(workers))
		start := make(chan struct{})
		for i, w := range workers {
			wg.Go(func() {
				<-start
				for range 100 { // until nothing is left
					s, r, f, err := w.RunOnce(context.Background())
					sent[i] += s
					if err != nil || r+f != 0 {
						errs[i] = fmt.Errorf("RunOnce: %d retried, %d failed, %v", r, f, err)
						return
					}
					if s == 0 {
						return
					}
				}
			})
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if sent[0]+sent[1] != total {
			t.Errorf("workers sent %d + %d, want %d in all", sent[0], sent[1], total)
		}
		t.Logf("worker 1 sent %d, worker 2 sent %d", sent[0], sent[1])
		perID := map[string]int{}
		for _, m := range srv.Messages() {
			perID[m.MessageID]++
		}
		for _, row := range rows {
			if got := perID[notify.MessageIDFor(row.ID)]; got != 1 {
				t.Errorf("row %s reached the server %d times", row.ID, got)
			}
		}
		if srv.Count() != total {
			t.Errorf("server got %d messages, want %d", srv.Count(), total)
		}
	})
}

func TestWorkerWithoutSendersLeavesOutboxAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := cert.NewFixedClock(t0)
		row := insertRows(t, db, t0, 1)[0]
		w := &notify.Worker{Store: db, Renderer: testRenderer{}, Clock: clock, Lease: testLease, Batch: testBatch,
			MaxAttempts: testMaxAttempts, Backoff: testBackoff()}
		if s, r, f := runOnce(t, w); s+r+f != 0 {
			t.Fatalf("RunOnce without senders = %d, %d, %d", s, r, f)
		}
		n := get(t, db, row.ID)
		if n.Status != notify.StatusPending || n.Attempts != 0 || n.LeaseUntil != nil || !n.NextAttemptAt.Equal(row.NextAttemptAt) {
			t.Errorf("row touched: status %s, attempts %d, lease %v, next %v", n.Status, n.Attempts, n.LeaseUntil, n.NextAttemptAt)
		}
		// Run returns when its context ends.
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if err := w.Run(ctx, 10*time.Millisecond); err != nil {
			t.Errorf("Run = %v", err)
		}
	})
}

func TestWorkerLeavesChannelWithoutSender(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		w := newWorker(t, db, srv, clock, nil)
		hook := insertRows(t, db, t0, 1, withChannel(notify.ChannelWebhook, "jugendamt-system"))[0]
		mail := insertRows(t, db, t0, 1)[0]

		if s, r, f := runOnce(t, w); s != 1 || r+f != 0 {
			t.Fatalf("RunOnce = %d, %d, %d; want the e-mail sent", s, r, f)
		}
		if n := get(t, db, mail.ID); n.Status != notify.StatusSent {
			t.Errorf("e-mail row: %s", n.Status)
		}
		n := get(t, db, hook.ID)
		if n.Status != notify.StatusPending || n.Attempts != 0 || n.LastError != "" || !n.NextAttemptAt.Equal(hook.NextAttemptAt) {
			t.Errorf("webhook row changed: status %s, attempts %d, last error %q, next %v", n.Status, n.Attempts, n.LastError, n.NextAttemptAt)
		}

		// Once the channel has a sender (and the lease ended), the row goes out.
		recv := newWebhookReceiver(t)
		hs, err := notify.NewWebhookSender(recv.URL, webhookSecret, webhookClient())
		if err != nil {
			t.Fatal(err)
		}
		w.Senders[notify.ChannelWebhook] = hs
		clock.Advance(w.Lease)
		if s, r, f := runOnce(t, w); s != 1 || r+f != 0 {
			t.Fatalf("RunOnce with a webhook sender = %d, %d, %d", s, r, f)
		}
		reqs := recv.requests()
		if len(reqs) != 1 || !reqs[0].validMAC || reqs[0].payload.ID != hook.ID.String() || reqs[0].payload.Reminder != string(hook.Reminder) ||
			reqs[0].header.Get(notify.HeaderDelivery) != hook.ID.String() {
			t.Fatalf("webhook requests: %+v", reqs)
		}
		if n := get(t, db, hook.ID); n.Status != notify.StatusSent || n.MessageID != notify.MessageIDFor(hook.ID) {
			t.Errorf("webhook row: status %s, Message-ID %q", n.Status, n.MessageID)
		}
	})
}

func TestWorkerRenderErrorFails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		var logs bytes.Buffer
		w := newWorker(t, db, srv, cert.NewFixedClock(t0), &logs)
		row := insertRows(t, db, t0, 1, withRenderError("template: missing key next_step"))[0]
		if s, r, f := runOnce(t, w); s != 0 || r != 0 || f != 1 {
			t.Fatalf("RunOnce = %d, %d, %d; want 0, 0, 1", s, r, f)
		}
		n := get(t, db, row.ID)
		if n.Status != notify.StatusFailed || n.Attempts != 0 || !strings.Contains(n.LastError, "Nachricht nicht darstellbar: template: missing key next_step") ||
			n.FailureKind != notify.FailureRender || n.ReplyCode != "" {
			t.Errorf("status %s, attempts %d, last error %q, failure kind %q, reply code %q", n.Status, n.Attempts, n.LastError, n.FailureKind, n.ReplyCode)
		}
		if srv.Count() != 0 {
			t.Error("a message went out")
		}
		checkLogs(t, logs.String(), []notify.Notification{row})
	})
}

// TestWorkerShutdownReleasesRows: a cancelled context mid-batch records the message in
// flight if the server took it, gives the other claimed rows back unchanged and counts no
// attempt against them.
func TestWorkerShutdownReleasesRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		w := newWorker(t, db, srv, clock, nil)
		ctx, cancel := context.WithCancel(context.Background())
		w.Senders[notify.ChannelEmail] = cancelAfter{next: w.Senders[notify.ChannelEmail], cancel: cancel}
		rows := insertRows(t, db, t0, 4)

		s, r, f, err := w.RunOnce(ctx)
		if !errors.Is(err, context.Canceled) || s != 1 || r+f != 0 {
			t.Fatalf("RunOnce = %d, %d, %d, %v; want 1 sent and context.Canceled", s, r, f, err)
		}
		pending := 0
		for _, row := range rows {
			n := get(t, db, row.ID)
			switch n.Status {
			case notify.StatusSent:
			case notify.StatusPending:
				pending++
				if n.Attempts != 0 || n.LeaseUntil != nil || !n.NextAttemptAt.Equal(row.NextAttemptAt) {
					t.Errorf("released row %s: attempts %d, lease %v, next %v", n.ID, n.Attempts, n.LeaseUntil, n.NextAttemptAt)
				}
			default:
				t.Errorf("row %s: %s", n.ID, n.Status)
			}
		}
		if pending != 3 {
			t.Errorf("%d rows pending, want 3", pending)
		}
		// Released, not leased: the next run takes them at once.
		if s, r, f := runOnce(t, w); s != 3 || r+f != 0 {
			t.Errorf("next RunOnce = %d, %d, %d; want 3 sent", s, r, f)
		}
	})
}

// cancelAfter sends and then cancels the worker's context, as a shutdown during a batch.
type cancelAfter struct {
	next   notify.Sender
	cancel context.CancelFunc
}

func (c cancelAfter) Send(ctx context.Context, m notify.Message) error {
	defer c.cancel()
	return c.next.Send(ctx, m)
}
