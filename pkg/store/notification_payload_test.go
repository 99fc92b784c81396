package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestNotificationPayloadTypes: a payload of every kind goes into the outbox and comes
// back in its type, equal to what went in; a stored payload that does not fit its type
// comes back as notify.UnreadablePayload saying why.
func TestNotificationPayloadTypes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
		facts := notify.CenterFacts{CenterID: cert.NewID(), CenterName: "Familienzentrum Sonnenblume", CertificationNumber: "FZ-2022-0137",
			KindergartenYear: "2029/30", ValidUntil: cert.MustParseDate("2030-07-31"), DaysLeft: -3, ProcedureID: cert.NewID(),
			EvidenceDueOn: cert.MustParseDate("2030-01-15"), NextStep: "Bitte reichen Sie die Belege ein."}
		payloads := map[string]notify.Payload{
			"seal": notify.SealPayload{CenterFacts: facts, Addressee: notify.Addressee{Salutation: "frau", Title: "Dr."}},
			"procedure": notify.ProcedurePayload{CenterFacts: facts, Missing: []string{"Kooperationsvereinbarung", "Fortbildung"},
				Addressee: notify.Addressee{Salutation: "herr"}},
			"digest": notify.DigestPayload{Week: "2026-W48", Items: []notify.DigestItem{
				{Reminder: notify.SealMonths3, DueOn: cert.MustParseDate("2026-11-20"), CenterFacts: facts},
				{Reminder: notify.EvidenceRequested, DueOn: cert.MustParseDate("2026-11-21"), CenterFacts: facts, Missing: []string{"Beleg"}}}},
		}
		ids := map[string]uuid.UUID{}
		var rows []notify.Notification
		for kind, p := range payloads {
			id := cert.NewID()
			ids[kind] = id
			rows = append(rows, notify.Notification{ID: id, CreatedAt: now, DedupKey: "test:" + id.String(), SubjectType: kind,
				Reminder: notify.SealMonths3, DueOn: cert.DateOf(now), Channel: notify.ChannelEmail, Recipient: "a@example.org",
				RecipientRole: notify.ToKitaLeader, Status: notify.StatusPending, NextAttemptAt: now, Payload: p})
		}
		if _, err := db.InsertNotifications(ctx, rows); err != nil {
			t.Fatal(err)
		}
		for kind, p := range payloads {
			n, err := db.Notification(ctx, ids[kind])
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(n.Payload, p) {
				t.Errorf("%s payload changed in the outbox:\n%#v\n%#v", kind, n.Payload, p)
			}
		}
		if err := db.Gorm().Exec("UPDATE notifications SET payload = ? WHERE id = ?", `{"days_left":"viele"}`, ids["seal"]).Error; err != nil {
			t.Fatal(err)
		}
		n, err := db.Notification(ctx, ids["seal"])
		if err != nil {
			t.Fatal(err)
		}
		if u, ok := n.Payload.(notify.UnreadablePayload); !ok || u.Kind != "seal" || !strings.Contains(u.Err, "days_left") {
			t.Errorf("a broken payload reads as %#v", n.Payload)
		}
	})
}
