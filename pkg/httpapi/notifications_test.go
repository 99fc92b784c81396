package httpapi_test

import (
	"context"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// failedNotification puts a failed notification into the outbox.
func failedNotification(a *env) notify.Notification {
	a.t.Helper()
	center := cert.NewID()
	n := notify.Notification{ID: cert.NewID(), CreatedAt: a.clock.Now(), DedupKey: "test:" + cert.NewID().String(), SubjectType: "seal",
		CenterID: &center, Reminder: notify.SealMonths3, DueOn: cert.MustParseDate("2026-11-22"), Channel: notify.ChannelEmail,
		Recipient: "leitung@example.org", RecipientName: "Leitung", RecipientRole: notify.ToKitaLeader, Status: notify.StatusFailed,
		Attempts: 8, NextAttemptAt: a.clock.Now(), LastError: "550 5.1.1 mailbox unavailable"}
	if _, err := a.db.InsertNotifications(context.Background(), []notify.Notification{n}); err != nil {
		a.t.Fatal(err)
	}
	return n
}

func TestNotificationsOutbox(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		n := failedNotification(a)
		list := a.get("/api/v1/notifications?status=failed")
		items := list["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["last_error"] != "550 5.1.1 mailbox unavailable" {
			t.Fatalf("failed notifications: %v", items)
		}
		got := a.must(200, "POST", "/api/v1/notifications/"+n.ID.String()+"/retry", nil)
		if got["status"] != "pending" || got["attempts"] != float64(0) {
			t.Fatalf("retried: %v", got)
		}
		a.must(409, "POST", "/api/v1/notifications/"+n.ID.String()+"/retry", nil) // only failed ones
		a.must(404, "POST", "/api/v1/notifications/"+cert.NewID().String()+"/retry", nil)
		if l := a.get("/api/v1/notifications?status=failed"); len(l["items"].([]any)) != 0 {
			t.Errorf("still failed: %v", l)
		}
		_, assessor := a.newUser(access.RoleAssessor, nil, nil)
		a.must(403, "GET", "/api/v1/notifications", nil, "Authorization", "Bearer "+assessor)
	})
}

// TestNotificationFailureColumns: a failed delivery stores its kind and reply code in
// columns of their own (failure_kind, reply_code), and the API's error_kind and reply_code
// come from them, not from the text of last_error: here the text names a different kind
// and code than the columns.
func TestNotificationFailureColumns(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		ctx := context.Background()
		n := failedNotification(a)
		f := notify.Failure{Kind: notify.FailureTemporary, Code: "451", Text: "Dauerhafter Zustellfehler: 550 5.1.1 Mailbox unbekannt"}
		if err := a.db.MarkFailed(ctx, n.ID, 8, f); err != nil {
			t.Fatal(err)
		}
		var col struct {
			FailureKind *string
			ReplyCode   string
		}
		if err := a.db.Gorm().Raw("SELECT failure_kind, reply_code FROM notifications WHERE id = ?", n.ID).Scan(&col).Error; err != nil {
			t.Fatal(err)
		}
		if col.FailureKind == nil || *col.FailureKind != "temporary" || col.ReplyCode != "451" {
			t.Fatalf("columns failure_kind %v, reply_code %q; want temporary, 451", col.FailureKind, col.ReplyCode)
		}
		got := notificationByID(t, a, n.ID.String())
		if got["error_kind"] != "temporary" || got["reply_code"] != "451" || got["last_error"] != f.Text {
			t.Errorf("error_kind %v, reply_code %v, last_error %v; want the columns and the text as stored", got["error_kind"], got["reply_code"], got["last_error"])
		}

		// A render failure has no reply code; a row without failure shows null and "".
		if err := a.db.MarkFailed(ctx, n.ID, 8, notify.Failure{Kind: notify.FailureRender, Text: "Nachricht nicht darstellbar: x"}); err != nil {
			t.Fatal(err)
		}
		if got := notificationByID(t, a, n.ID.String()); got["error_kind"] != "render" || got["reply_code"] != "" {
			t.Errorf("render failure: error_kind %v, reply_code %v", got["error_kind"], got["reply_code"])
		}
		if err := a.db.MarkSent(ctx, n.ID, a.clock.Now(), notify.MessageIDFor(n.ID)); err != nil {
			t.Fatal(err)
		}
		if got := notificationByID(t, a, n.ID.String()); got["error_kind"] != nil || got["reply_code"] != "" || got["last_error"] != "" {
			t.Errorf("sent: error_kind %v, reply_code %v, last_error %v; want null, \"\", \"\"", got["error_kind"], got["reply_code"], got["last_error"])
		}
	})
}

// notificationByID finds a notification in the API's list.
func notificationByID(t *testing.T, a *env, id string) obj {
	t.Helper()
	for _, it := range items(t, a.get("/api/v1/notifications?limit=200")) {
		if it["id"] == id {
			return it
		}
	}
	t.Fatalf("notification %s is not in the list", id)
	return nil
}
