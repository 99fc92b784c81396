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
	Extra      map[string]any // payload entries of this reminder only
}

// For returns the pending e-mail row of r for person to, created at now.
func (r ProcedureRow) For(to Person, now time.Time) Notification {
	p := r.Procedure
	id, center := p.ID, p.CenterID
	payload := map[string]any{KeyCenterName: r.CenterName, KeyCenterID: p.CenterID.String(),
		KeyCertificationNumber: p.CertificationNumber, KeyKindergartenYear: p.Year.String(), KeyProcedureID: p.ID.String(),
		KeyEvidenceDueOn: p.EvidenceDueOn.String(), KeyDaysLeft: r.DaysLeft}
	for k, v := range r.Extra {
		payload[k] = v
	}
	now = now.UTC()
	return Notification{ID: cert.NewID(), CreatedAt: now, SubjectType: "procedure", SubjectID: &id, CenterID: &center,
		DedupKey: strings.Join([]string{"procedure", p.ID.String(), string(r.Reminder), r.Key, strings.ToLower(to.Email)}, ":"),
		Reminder: r.Reminder, DueOn: r.DueOn, Channel: ChannelEmail, Recipient: to.Email, RecipientName: to.Name,
		RecipientRole: to.Role, Status: StatusPending, NextAttemptAt: now, Payload: WithRecipient(payload, to)}
}
