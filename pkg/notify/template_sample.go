package notify

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// sampleNotification returns a realistic notification of reminder r, as the sweep would
// create it; full adds the optional values (next_step, kindergarten year, the recipient's
// name, digest items). The renderer checks its templates against it.
func sampleNotification(r Reminder, full bool) Notification {
	validUntil := cert.MustParseDate("2030-07-31")
	due := map[Reminder]cert.Date{
		SealWindowOpen: cert.MustParseDate("2029-08-01"), SealMonths12: cert.MustParseDate("2029-08-01"),
		SealMonths6: cert.MustParseDate("2030-02-01"), SealMonths3: cert.MustParseDate("2030-05-01"),
		SealMonths1: cert.MustParseDate("2030-07-01"), SealExpired: cert.MustParseDate("2030-08-01"),
		EvidenceDueSoon: cert.MustParseDate("2030-01-01"), EvidenceOverdue: cert.MustParseDate("2030-01-16"),
		VisitSoon: cert.MustParseDate("2030-02-05"), NoDecision: cert.MustParseDate("2030-04-09"),
		EvidenceRequested: cert.MustParseDate("2029-12-15"),
		DigestReminder:    cert.MustParseDate("2030-05-06"),
	}[r]
	f := CenterFacts{
		CenterName:          "Familienzentrum Sonnenblume",
		CenterID:            uuid.MustParse("0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b"),
		CertificationNumber: "FZ-2022-0137",
		ValidUntil:          validUntil,
		DaysLeft:            due.DaysUntil(validUntil),
		EvidenceDueOn:       cert.MustParseDate("2030-01-15"),
		VisitOn:             cert.MustParseDate("2030-02-12"),
		ProcedureID:         uuid.MustParse("0192f5e4-9a10-7b2c-8d3e-1f2a3b4c5d6e"),
	}
	var missing []string
	switch r {
	case EvidenceRequested:
		f.DaysLeft = due.DaysUntil(f.EvidenceDueOn)
		missing = []string{"Kooperationsvereinbarung mit der Erziehungsberatungsstelle", "Nachweis der Fortbildung zu 1.3 (30 Stunden)"}
	case EvidenceDueSoon, EvidenceOverdue:
		f.DaysLeft = due.DaysUntil(f.EvidenceDueOn)
	case VisitSoon, NoDecision:
		f.DaysLeft = due.DaysUntil(f.VisitOn)
	}
	if !full && kindOf(r) == "procedure" { // an initial certification: no seal yet
		f.ValidUntil, f.CertificationNumber = cert.Date{}, ""
	}
	if full {
		f.KindergartenYear = "2029/30"
		f.NextStep = "Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2030 ein."
		if strings.HasPrefix(string(r), "seal.") {
			f.NextStep = "Ihr Gütesiegel läuft am 31.07.2030 ab. Die Rezertifizierung ist fällig: " +
				"Bitte stimmen Sie die nächsten Schritte mit der Zertifizierungsstelle ab."
		}
	}
	n := Notification{
		ID: uuid.MustParse("0192f5e4-0000-7000-8000-000000000001"), CreatedAt: due.Time(time.UTC),
		SubjectType: "seal", Reminder: r, DueOn: due, ValidityEnd: validUntil,
		Channel: ChannelEmail, Recipient: "leitung@kita-sonnenblume.example",
		RecipientName: "Maria Schneider", RecipientRole: ToKitaLeader, Status: StatusPending,
		Payload: SealPayload{CenterFacts: f},
	}
	switch kindOf(r) {
	case "procedure":
		n.SubjectType, n.ValidityEnd = "procedure", cert.Date{}
		n.Payload = ProcedurePayload{CenterFacts: f, Missing: missing}
	case "digest":
		n.SubjectType = "digest"
		n.ValidityEnd = cert.Date{}
		n.Recipient, n.RecipientName, n.RecipientRole = "servicestelle@isa.example", "Jonas Weber", ToCoordinator
		items := []DigestItem{}
		for i, ir := range []Reminder{SealMonths3, SealExpired, SealMonths3, NoDecision} {
			it := DigestItem{Reminder: ir, DueOn: cert.NewDate(2030, time.May, i+1), CenterFacts: f}
			it.CenterID = uuid.MustParse(fmt.Sprintf("0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a%02d", i))
			if ir == SealExpired {
				it.CenterName, it.CertificationNumber = "Verbund-Familienzentrum Am Park", "FZ-2021-0042"
				it.ValidUntil, it.DaysLeft = cert.MustParseDate("2030-04-30"), -3
			}
			items = append(items, it)
		}
		if !full {
			items = items[:0]
		}
		n.Payload = DigestPayload{Week: "2030-W19", Items: items}
	}
	return n
}
