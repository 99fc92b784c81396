package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestFailureKindBackfill: rows written before the migration failure_kind carry their
// failure only as German text in last_error; the migration fills failure_kind and
// reply_code from it once, on both databases, and leaves other texts without kind.
func TestFailureKindBackfill(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			db := storetest.OpenEmpty(t, d)
			migrateBefore(t, db, d, "failure_kind")
			g := db.Gorm()
			cases := []struct {
				lastError string
				kind      *string
				code      string
			}{
				{"Dauerhafter Zustellfehler: 550 5.1.1 Mailbox unbekannt", ptr("permanent"), "550"},
				{"Dauerhafter Zustellfehler: invalid recipient address", ptr("permanent"), ""},
				{"Vorübergehender Zustellfehler: 451 4.3.0 Bitte später", ptr("temporary"), "451"},
				{"Vorübergehender Zustellfehler: 421-4.4.5 Zu viele", ptr("temporary"), "421"},
				{"Vorübergehender Zustellfehler: HTTP 503 Service Unavailable: x", ptr("temporary"), "503"},
				{"Vorübergehender Zustellfehler: RCPT: keine Antwort (Zeitüberschreitung)", ptr("temporary"), ""},
				{"Vorübergehender Zustellfehler: 4511 kein Code", ptr("temporary"), ""},
				{"Nachricht nicht darstellbar: template: missing key", ptr("render"), ""},
				{"Keine Empfänger hinterlegt.", nil, ""},
				{"sender panicked: 550", nil, ""},
				{"", nil, ""},
			}
			ids := make([]string, len(cases))
			for i, c := range cases {
				ids[i] = cert.NewID().String()
				if err := g.Exec(`INSERT INTO notifications (id, created_at, dedup_key, subject_type, reminder, due_on, channel, recipient,
					recipient_role, status, next_attempt_at, last_error) VALUES (?, ?, ?, 'seal', 'seal.3_months', '2026-11-22', 'email', 'a@example.org',
					'kita_leader', 'failed', ?, ?)`, ids[i], time.Now().UTC(), "k"+ids[i], time.Now().UTC(), c.lastError).Error; err != nil {
					t.Fatal(err)
				}
			}
			applied, err := db.Migrate(context.Background(), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if len(applied) == 0 || applied[0].Name != "failure_kind" {
				t.Fatalf("Migrate applied %v, want failure_kind first", applied)
			}
			for i, c := range cases {
				var col struct {
					FailureKind *string
					ReplyCode   string
				}
				if err := g.Raw("SELECT failure_kind, reply_code FROM notifications WHERE id = ?", ids[i]).Scan(&col).Error; err != nil {
					t.Fatal(err)
				}
				if str(col.FailureKind) != str(c.kind) || col.ReplyCode != c.code {
					t.Errorf("%q: failure_kind %q, reply_code %q; want %q, %q", c.lastError, str(col.FailureKind), col.ReplyCode, str(c.kind), c.code)
				}
			}
		})
	}
}

func ptr(s string) *string { return &s }

func str(p *string) string {
	if p == nil {
		return "<null>"
	}
	return *p
}
