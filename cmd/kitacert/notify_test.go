package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestSweepAndDeliverEndToEnd runs the binary the way an operator would: serve --demo with
// mail to a local SMTP server, `kitacert sweep`, and the delivery worker sends the mails in
// a real SMTP conversation. A second sweep of the same day sends nothing more.
func TestSweepAndDeliverEndToEnd(t *testing.T) {
	sink := smtptest.New(t, smtptest.Options{TLS: smtptest.Plain})
	url := storetest.URL(t, store.SQLite)
	kv := map[string]string{"KITACERT_DATABASE_URL": url, "KITACERT_SMTP_URL": sink.URL(),
		"KITACERT_SMTP_FROM": "kitacert <noreply@example.org>", "KITACERT_DELIVERY_INTERVAL": "100ms",
		"KITACERT_PUBLIC_URL": "https://kitacert.example.org"}
	s := startServe(t, kv, "--demo")

	dry := cli(t, kv, "", "sweep", "--dry-run")
	if !strings.Contains(dry, "Benachrichtigungen würden angelegt") || !strings.Contains(dry, "seal.window_open") {
		t.Fatalf("dry run printed:\n%s", dry)
	}
	out := cli(t, kv, "", "sweep")
	if !strings.Contains(out, "seal.expired") || !strings.Contains(out, "Rezertifizierungen eröffnet: 1") {
		t.Fatalf("sweep printed:\n%s", out)
	}
	// Every e-mail row the outbox holds now (pending, or sent already) is one message the
	// worker of serve delivers; wait for the sink to have received them all.
	want := deliverable(t, url)
	msgs, ok := sink.Await(20*time.Second, func(m []smtptest.Message) bool { return len(m) >= want })
	if !ok {
		t.Fatalf("%d of %d mails delivered\n%s", len(msgs), want, s.logs)
	}
	if len(msgs) != want {
		t.Errorf("%d mails delivered for %d notifications", len(msgs), want)
	}
	var expired bool
	ids := map[string]bool{}
	for _, m := range msgs {
		if ids[m.MessageID] {
			t.Errorf("Message-ID %s delivered twice", m.MessageID)
		}
		ids[m.MessageID] = true
		body := string(m.Data)
		if strings.Contains(m.Subject, "abgelaufen") || strings.Contains(body, "abgelaufen") {
			expired = true
			if !strings.Contains(body, "https://kitacert.example.org/centers/") || !strings.Contains(body, "31.07.2026") {
				t.Errorf("expiry mail lacks the link or the German date:\n%s", body)
			}
		}
	}
	if !expired {
		t.Errorf("no expiry mail among %d messages", len(msgs))
	}
	again := cli(t, kv, "", "sweep")
	if !strings.Contains(again, "Benachrichtigungen angelegt: 0") {
		t.Errorf("second sweep of the day:\n%s", again)
	}
	// Demo mode prints its demo logins on purpose; nothing else may name an address.
	for _, line := range strings.Split(s.logs.String(), "\n") {
		if strings.Contains(line, "@example.") && !strings.Contains(line, "demo login") {
			t.Errorf("an e-mail address reached the log: %s", line)
		}
	}
}

// deliverable counts the e-mail notifications of the database at url that are sent or
// still to send: what a worker whose server accepts everything delivers in the end.
func deliverable(t *testing.T, url string) int {
	t.Helper()
	db, err := store.Open(context.Background(), url, store.Options{MaxOpenConns: 4, ConnMaxIdle: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.Gorm().Table("notifications").Where("channel = ? AND status IN ?", string(notify.ChannelEmail),
		[]string{string(notify.StatusPending), string(notify.StatusSent)}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("the outbox has no e-mail notification to deliver")
	}
	return int(n)
}
