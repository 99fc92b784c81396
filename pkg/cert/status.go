package cert

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// StatusReport answers "where do we stand?" for a center (or a Kita) in one call.
type StatusReport struct {
	AsOf          Date
	Center        *Center // nil: the Kita is in no center
	Seal          *Seal   // the seal in force, else the latest one that ended (nil: none)
	SealStatus    SealStatus
	DaysRemaining int
	Next          *Seal // the coming seal, awarded but not yet begun (nil: none)
	NextState     SealState
	Open          *Procedure
	OpenAllowed   []Action
	OpenMissing   []string          // evidence_requested: what the certification body asked for
	RecertYear    *KindergartenYear // the kindergarten year that ends on the newest seal's valid_until; nil once it ended
	WindowOpens   Date              // when that re-certification window opens
	NextStep      string            // German sentences: what to do next, by when
}

// StatusStore reads the facts of one status answer, each in one statement. Both return
// ErrNotFound when the Kita or center does not exist.
type StatusStore interface {
	KitaStatusFacts(ctx context.Context, kitaID uuid.UUID) (StatusFacts, error)
	CenterStatusFacts(ctx context.Context, centerID uuid.UUID) (StatusFacts, error)
}

// StatusReader answers the status reads (GET …/status). It is a read service of its own:
// one statement for the facts, and the rules of statusFrom to turn them into the answer.
type StatusReader struct {
	store  StatusStore
	clock  Clock
	loc    *time.Location
	offset int // Settings.RenewalWindowOffsetMonths
}

// NewStatus returns the status reader: facts from store, "today" from clock in loc, the
// re-certification window moved by offsetMonths (Settings.RenewalWindowOffsetMonths).
func NewStatus(store StatusStore, clock Clock, loc *time.Location, offsetMonths int) *StatusReader {
	return &StatusReader{store: store, clock: clock, loc: loc, offset: offsetMonths}
}

// Today returns the current calendar day in the reader's time zone.
func (r *StatusReader) Today() Date { return Today(r.clock, r.loc) }

// CenterStatus reports on a center the caller may see.
func (r *StatusReader) CenterStatus(ctx context.Context, centerID uuid.UUID) (StatusReport, error) {
	pr, err := principal(ctx)
	if err != nil {
		return StatusReport{}, err
	}
	f, err := r.store.CenterStatusFacts(ctx, centerID)
	if err != nil {
		return StatusReport{}, err
	}
	return statusFrom(pr, r.Today(), r.offset, f)
}

// KitaStatus reports on the center of a Kita the caller may see.
func (r *StatusReader) KitaStatus(ctx context.Context, kitaID uuid.UUID) (StatusReport, error) {
	pr, err := principal(ctx)
	if err != nil {
		return StatusReport{}, err
	}
	f, err := r.store.KitaStatusFacts(ctx, kitaID)
	if err != nil {
		return StatusReport{}, err
	}
	if f.Kita == nil {
		return StatusReport{}, Errorf(EINTERNAL, "status: the facts of a Kita status name no Kita")
	}
	return statusFrom(pr, r.Today(), r.offset, f)
}
