package notify

import (
	"strings"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
)

// ProcedureRow describes a notification about a procedure; For makes its outbox row for
// one person. The sweep's deadline reminders and the mail of a procedure step share it,
// so both carry the same payload and the same kind of deduplication key.
type ProcedureRow struct {
	Procedure  cert.Procedure
	CenterName string
	Reminder   Reminder
	Key        string // besides procedure, reminder and recipient, what makes the row unique (a deadline, a version)
	DueOn      cert.Date
	DaysLeft   int
	VisitOn    cert.Date // the deadline reminders name the visit day (zero: none)
	Missing    []string  // procedure.evidence_requested: what is missing
}

// For returns the pending e-mail row of r for person to, created at now.
func (r ProcedureRow) For(to Person, now time.Time) Notification {
	p := r.Procedure
	id, center := p.ID, p.CenterID
	payload := ProcedurePayload{CenterFacts: CenterFacts{CenterID: p.CenterID, CenterName: r.CenterName,
		CertificationNumber: p.CertificationNumber, KindergartenYear: p.Year.String(), ProcedureID: p.ID,
		EvidenceDueOn: p.EvidenceDueOn, VisitOn: r.VisitOn, DaysLeft: r.DaysLeft}, Missing: r.Missing, Addressee: AddresseeOf(to)}
	now = now.UTC()
	return Notification{ID: cert.NewID(), CreatedAt: now, SubjectType: "procedure", SubjectID: &id, CenterID: &center,
		DedupKey: strings.Join([]string{"procedure", p.ID.String(), string(r.Reminder), r.Key, strings.ToLower(to.Email)}, ":"),
		Reminder: r.Reminder, DueOn: r.DueOn, Channel: ChannelEmail, Recipient: to.Email, RecipientName: to.Name,
		RecipientRole: to.Role, Status: StatusPending, NextAttemptAt: now, Payload: payload}
}
