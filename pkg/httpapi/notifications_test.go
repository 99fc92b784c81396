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
