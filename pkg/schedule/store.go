// Package schedule runs kitacert's periodic work: the sweep that finds seals about to
// expire and procedures whose deadlines are near and writes the notifications into the
// outbox, and the cron wiring that runs it (and the delivery worker) in every replica.
package schedule

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// SweepSeal is what the sweep needs to know of a seal.
type SweepSeal struct {
	ID                  uuid.UUID
	CenterID            uuid.UUID
	CenterName          string
	CertificationNumber string
	ValidUntil          cert.Date
	HasSuccessor        bool
	RevokedOn           cert.Date
	// NextReminderOn is the bookmark of the last sweep: reminders before it were handled
	// then. Zero for a seal not swept since it was created or changed.
	NextReminderOn cert.Date
}

// SweepProcedure is an open procedure with a deadline near or past.
type SweepProcedure struct {
	cert.Procedure
	CenterName string
}

// Counts sums up what a sweep did.
type Counts struct {
	Created   int // notifications written (pending)
	Skipped   int // earlier reminders of a series recorded as skipped
	Cancelled int // pending reminders that no longer apply
	Opened    int // re-certification procedures opened
}

// Store is what the sweep needs from persistence; pkg/store implements it.
type Store interface {
	notify.Store
	SealsToSweep(ctx context.Context, asOf cert.Date, after uuid.UUID, limit int) ([]SweepSeal, error)
	// SetNextReminders stores the seals' bookmarks, by day; the zero Date means "nothing more".
	SetNextReminders(ctx context.Context, byDay map[cert.Date][]uuid.UUID) error
	ProceduresToSweep(ctx context.Context, asOf cert.Date) ([]SweepProcedure, error)
	// LockProcedure holds the procedure's row until the transaction ends (SELECT … FOR
	// UPDATE on PostgreSQL; SQLite's transactions hold the write lock from their start).
	LockProcedure(ctx context.Context, id uuid.UUID) error
	// Procedure reads one procedure as it is now.
	Procedure(ctx context.Context, id uuid.UUID) (cert.Procedure, error)
	// OpenProceduresOf returns the open procedure of each of the centers that has one.
	OpenProceduresOf(ctx context.Context, centerIDs []uuid.UUID) (map[uuid.UUID]cert.Procedure, error)
	// CentersPeople returns, per center, the contacts of its Kitas, their providers and
	// youth offices, and the assessor of its open procedure, in a fixed number of queries.
	CentersPeople(ctx context.Context, centerIDs []uuid.UUID) (map[uuid.UUID][]notify.Person, error)
	Coordinators(ctx context.Context) ([]notify.Person, error)
	RecentReminders(ctx context.Context, since, until time.Time) ([]notify.Notification, error)
	StartSweep(ctx context.Context, id uuid.UUID, at time.Time, asOf cert.Date) error
	FinishSweep(ctx context.Context, id uuid.UUID, at time.Time, c Counts, errText string) error
	LastSweepSuccess(ctx context.Context) (time.Time, bool, error)
	WithSweepLock(ctx context.Context, fn func(ctx context.Context) error) (bool, error)
	// Savepoint runs fn inside the current transaction so that its failure undoes only fn.
	Savepoint(ctx context.Context, fn func(ctx context.Context) error) error
}
