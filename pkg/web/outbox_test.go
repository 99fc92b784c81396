package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// failedNotification puts a notification into the outbox that kitacert gave up on: the
// server refused the address for good (550).
func failedNotification(t *testing.T, s *site) notify.Notification {
	t.Helper()
	now := s.clock.Now()
	n := notify.Notification{ID: cert.NewID(), CreatedAt: now, DedupKey: "test:" + cert.NewID().String(), SubjectType: "seal",
		Reminder: notify.SealMonths3, DueOn: cert.MustParseDate("2026-11-22"), Channel: notify.ChannelEmail,
		Recipient: "leitung@kita-unbekannt.example.org", RecipientName: "Erika Leitung", RecipientRole: notify.ToKitaLeader,
		Status: notify.StatusPending, NextAttemptAt: now}
	if _, err := s.db.InsertNotifications(context.Background(), []notify.Notification{n}); err != nil {
		t.Fatal(err)
	}
	f := notify.Failure{Kind: notify.FailurePermanent, Code: "550", Text: "Dauerhafter Zustellfehler: 550 5.1.1 Mailbox unbekannt"}
	if err := s.db.MarkFailed(context.Background(), n.ID, 8, f); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestNotificationsRetry: the coordinator sees a failed notification with its failure
// kind, reply code and German error, sends it again (303 back to the failed ones with the
// confirmation), after which it is pending and gone from the failed list; a second retry
// is refused with the reason (409); back never leads off the site.
func TestNotificationsRetry(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		n := failedNotification(t, s)
		b := s.as(t, access.RoleCoordinator)
		b.get("/notifications?status=failed").mustSee(t, http.StatusOK, "leitung@kita-unbekannt.example.org", "Erika Leitung",
			"Fehlgeschlagen", "Dauerhafter Fehler", "Antwortcode 550", "550 5.1.1 Mailbox unbekannt",
			"Gütesiegel läuft in drei Monaten ab", "Kita-Leitung", `action="/notifications/`+n.ID.String()+`/retry"`, "Erneut senden")
		b.get("/notifications?status=sent").mustSee(t, http.StatusOK, "Keine Benachrichtigungen gefunden.")

		r := b.post("/notifications/"+n.ID.String()+"/retry", url.Values{"back": {"/notifications?status=failed"}})
		if r.Status != http.StatusSeeOther || r.Location() != "/notifications?status=failed&hinweis=erneut" {
			t.Fatalf("retry: %d to %q", r.Status, r.Location())
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Die Nachricht wird erneut versendet.", "Keine Benachrichtigungen gefunden.")
		b.get("/notifications?status=pending&q=kita-unbekannt").mustSee(t, http.StatusOK, "leitung@kita-unbekannt.example.org", "Wartet auf Versand")

		b.post("/notifications/"+n.ID.String()+"/retry", nil).mustSee(t, http.StatusConflict, "Nur fehlgeschlagene Benachrichtigungen können erneut versendet werden.")
		b.post("/notifications/"+cert.NewID().String()+"/retry", nil).mustSee(t, http.StatusNotFound)

		other := failedNotification(t, s)
		if r := b.post("/notifications/"+other.ID.String()+"/retry", url.Values{"back": {"https://evil.example.org/"}}); r.Location() != "/?hinweis=erneut" {
			t.Errorf("retry with a foreign back: to %q", r.Location())
		}
		third := failedNotification(t, s)
		if r := b.post("/notifications/"+third.ID.String()+"/retry", nil); r.Location() != "/notifications?status=failed&hinweis=erneut" {
			t.Errorf("retry without back: to %q", r.Location())
		}
	})
}

// TestNotificationsAccess: only roles with notification.read open the outbox; the
// assessor gets 403, and a filter value that is not offered is reported (422).
func TestNotificationsAccess(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		n := failedNotification(t, s)
		s.as(t, access.RoleAssessor).get("/notifications").mustSee(t, http.StatusForbidden)
		s.as(t, access.RoleAssessor).post("/notifications/"+n.ID.String()+"/retry", nil).mustSee(t, http.StatusForbidden)
		b := s.as(t, access.RoleCoordinator)
		b.get("/notifications?status=verloren").mustSee(t, http.StatusUnprocessableEntity, "Bitte wählen Sie einen Wert aus der Liste.")
		frag := b.do(http.MethodGet, "/notifications?status=failed", nil, "HX-Request", "true", "HX-Target", "notification-results")
		frag.mustSee(t, http.StatusOK, "leitung@kita-unbekannt.example.org")
		if strings.Contains(frag.Body, "<html") {
			t.Errorf("htmx asked for the results only, got the whole page")
		}
	})
}
