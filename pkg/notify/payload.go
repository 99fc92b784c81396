package notify

import (
	"encoding/json"
	"fmt"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// Payload is what the message of a notification says besides its row, one type per kind
// of reminder: SealPayload, ProcedurePayload and DigestPayload. The outbox stores it as
// JSON (the keys below, unchanged since the payload was a map) and DecodePayload reads it
// back into its type.
type Payload interface {
	// SubjectType is the kind of reminder the payload belongs to: "seal", "procedure" or
	// "digest", as the notification's SubjectType.
	SubjectType() string
}

// Addressee is what the greeting needs of the recipient besides the name.
type Addressee struct {
	Salutation string `json:"recipient_salutation,omitempty"` // "frau", "herr" or ""
	Title      string `json:"recipient_title,omitempty"`      // e.g. "Dr."
}

// AddresseeOf returns what the greeting needs of p.
func AddresseeOf(p Person) Addressee { return Addressee{Salutation: p.Salutation, Title: p.Title} }

// CenterFacts are what a reminder says about a center and where it stands; seal and
// procedure payloads and the items of the digest share them.
type CenterFacts struct {
	CenterID            uuid.UUID `json:"center_id"`
	CenterName          string    `json:"center_name"`
	CertificationNumber string    `json:"certification_number,omitempty"`
	KindergartenYear    string    `json:"kindergarten_year,omitempty"` // "2029/30"
	ValidUntil          cert.Date `json:"valid_until,omitzero"`        // the seal's last valid day
	// DaysLeft counts from the sweep day to the day the reminder is about: valid_until for
	// seal reminders, evidence_due_on for the evidence reminders, visit_on for the visit and
	// no-decision reminders; negative when that day has passed.
	DaysLeft      int       `json:"days_left"`
	ProcedureID   uuid.UUID `json:"procedure_id,omitzero"` // the open procedure, if any
	EvidenceDueOn cert.Date `json:"evidence_due_on,omitzero"`
	VisitOn       cert.Date `json:"visit_on,omitzero"`
	NextStep      string    `json:"next_step,omitempty"` // one German sentence; templates have a default
}

// WithProcedure adds an open procedure to the facts: its id, deadline, visit day and next
// step. The zero Procedure (none open) adds nothing.
func (f CenterFacts) WithProcedure(p cert.Procedure) CenterFacts {
	if p.ID == uuid.Nil {
		return f
	}
	f.ProcedureID, f.EvidenceDueOn, f.VisitOn = p.ID, p.EvidenceDueOn, p.VisitOn
	if step := cert.ProcedureNextStep(p); step != "" {
		f.NextStep = step
	}
	return f
}

// SealPayload is the payload of a seal reminder (seal.*); ValidUntil is required.
type SealPayload struct {
	CenterFacts
	Addressee
}

// SubjectType implements Payload.
func (SealPayload) SubjectType() string { return "seal" }

// ProcedurePayload is the payload of a procedure reminder (procedure.*).
type ProcedurePayload struct {
	CenterFacts
	Missing []string `json:"missing,omitempty"` // procedure.evidence_requested: what is missing, one item each
	Addressee
}

// SubjectType implements Payload.
func (ProcedurePayload) SubjectType() string { return "procedure" }

// DigestPayload is the payload of the weekly coordinator digest.
type DigestPayload struct {
	Week  string       `json:"week"` // "2026-W48"
	Items []DigestItem `json:"items"`
}

// SubjectType implements Payload.
func (DigestPayload) SubjectType() string { return "digest" }

// DigestItem is one reminder of the week in the digest.
type DigestItem struct {
	Reminder Reminder  `json:"reminder"`
	DueOn    cert.Date `json:"due_on"`
	CenterFacts
	Missing []string `json:"missing,omitempty"`
}

// ItemOf is the digest item of a notification: its reminder, due day and facts. ok is
// false for a notification whose payload names no center (an unreadable one): the digest
// leaves it out rather than list an item without a name.
func ItemOf(n Notification) (it DigestItem, ok bool) {
	it = DigestItem{Reminder: n.Reminder, DueOn: n.DueOn}
	switch p := n.Payload.(type) {
	case SealPayload:
		it.CenterFacts = p.CenterFacts
	case ProcedurePayload:
		it.CenterFacts, it.Missing = p.CenterFacts, p.Missing
	default:
		return it, false
	}
	return it, true
}

// DecodePayload reads a stored payload into the type of subjectType ("seal", "procedure"
// or "digest"). An empty payload ("" or "{}") gives the zero value of the type.
func DecodePayload(subjectType string, raw []byte) (Payload, error) {
	switch subjectType {
	case "seal":
		return decodeInto[SealPayload](raw)
	case "procedure":
		return decodeInto[ProcedurePayload](raw)
	case "digest":
		return decodeInto[DigestPayload](raw)
	}
	return nil, fmt.Errorf("notify: no payload type for subject type %q", subjectType)
}

func decodeInto[P Payload](raw []byte) (Payload, error) {
	var p P
	if len(raw) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, fmt.Errorf("notify: %s payload: %w", p.SubjectType(), err)
	}
	return p, nil
}

// UnreadablePayload stands for a stored payload that does not decode into its type (the
// store reads it so); rendering it fails with Err, and the row fails as not renderable.
type UnreadablePayload struct {
	Kind string // the notification's subject type
	Err  string
}

// SubjectType implements Payload.
func (p UnreadablePayload) SubjectType() string { return p.Kind }
