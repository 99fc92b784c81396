package notify

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// Status is where a notification stands in the outbox.
type Status string

// The statuses of a notification.
const (
	StatusPending   Status = "pending"   // waiting to be sent (again)
	StatusSent      Status = "sent"      //
	StatusFailed    Status = "failed"    // gave up: permanent error or too many attempts
	StatusSkipped   Status = "skipped"   // an earlier reminder of a series, superseded by a later one
	StatusCancelled Status = "cancelled" // no longer applies (the seal was renewed)
)

// Channel is how a notification travels.
type Channel string

// The channels.
const (
	ChannelEmail   Channel = "email"
	ChannelWebhook Channel = "webhook"
)

// Role is why a recipient gets a notification.
type Role string

// The recipient roles.
const (
	ToKitaLeader         Role = "kita_leader"
	ToProviderContact    Role = "provider_contact"
	ToYouthOfficePlanner Role = "youth_office_planner"
	ToAssessor           Role = "assessor"
	ToCoordinator        Role = "coordinator"
	ToWebhook            Role = "webhook"
)

// Notification is one row of the outbox: one message to one recipient.
type Notification struct {
	ID            uuid.UUID
	CreatedAt     time.Time
	DedupKey      string // unique: subject, reminder, due key and recipient; makes inserts idempotent
	SubjectType   string // "seal", "procedure" or "digest"
	SubjectID     *uuid.UUID
	CenterID      *uuid.UUID
	Reminder      Reminder
	DueOn         cert.Date // the day the reminder became due
	ValidityEnd   cert.Date // for seal reminders: the valid_until it is about
	Channel       Channel
	Recipient     string // an e-mail address, or the webhook's name
	RecipientName string
	RecipientRole Role
	Status        Status
	Attempts      int
	NextAttemptAt time.Time
	LeaseUntil    *time.Time
	LastError     string      // the last failure in German, for people (Failure.Text)
	FailureKind   FailureKind // the kind of the last failure; "" for none
	ReplyCode     string      // the server's reply code of the last failure ("550"); "" for none
	SentAt        *time.Time
	MessageID     string
	Payload       Payload // what the message says: SealPayload, ProcedurePayload or DigestPayload
}

// Filter selects notifications for the API.
type Filter struct {
	cert.Page
	Status   Status
	CenterID *uuid.UUID
	Reminder Reminder
	// Q is part of the center's name (compared as every search) or of the recipient's
	// address or name (as typed, or with LOWER(), which folds only ASCII on SQLite).
	Q string
}

// Store is the outbox; pkg/store implements it.
type Store interface {
	cert.TxRunner
	// InsertNotifications inserts the rows whose DedupKey is new and ignores the others;
	// it returns how many were inserted. Safe under concurrent sweeps.
	InsertNotifications(ctx context.Context, ns []Notification) (int, error)
	// CancelPending cancels the pending rows of a subject, except the given reminders.
	CancelPending(ctx context.Context, subjectType string, subjectID uuid.UUID, keep []Reminder) (int, error)
	// ClaimDue leases up to limit pending rows whose next attempt has come and whose lease
	// (if any) has run out, so that no other worker takes them until lease ends.
	ClaimDue(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Notification, error)
	// RenewLease extends to now+lease the lease of those of ids that are still pending and
	// leased past now (and so still held by the caller: nobody else can claim them), and
	// returns those ids. A row whose lease ran out may have been claimed by another worker
	// and is not returned.
	RenewLease(ctx context.Context, ids []uuid.UUID, now time.Time, lease time.Duration) ([]uuid.UUID, error)
	// MarkSent records a delivery.
	MarkSent(ctx context.Context, id uuid.UUID, at time.Time, messageID string) error
	// MarkRetry records a temporary failure and when to try again.
	MarkRetry(ctx context.Context, id uuid.UUID, attempts int, next time.Time, f Failure) error
	// MarkFailed records that kitacert gave up after failure f.
	MarkFailed(ctx context.Context, id uuid.UUID, attempts int, f Failure) error
	Notification(ctx context.Context, id uuid.UUID) (Notification, error)
	Notifications(ctx context.Context, f Filter) (cert.List[Notification], error)
	// Requeue sets a failed notification pending again with a fresh attempt count.
	Requeue(ctx context.Context, id uuid.UUID, now time.Time) error
	// CountByStatus counts the notifications per status, for metrics.
	CountByStatus(ctx context.Context) (map[Status]int64, error)
}
