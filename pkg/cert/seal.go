package cert

import (
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// SealStatus is where a seal stands on a given day.
type SealStatus string

// The seal statuses.
const (
	SealPending    SealStatus = "pending"     // valid_from still ahead
	SealActive     SealStatus = "active"      //
	SealRenewalDue SealStatus = "renewal_due" // active, inside the re-certification window
	SealSuperseded SealStatus = "superseded"  // a successor seal took over
	SealExpired    SealStatus = "expired"     // ended without successor
	SealRevoked    SealStatus = "revoked"     //
)

// Seal is a Gütesiegel "Familienzentrum NRW" of a center.
type Seal struct {
	ID                  uuid.UUID
	Version             int
	CreatedAt           time.Time
	UpdatedAt           time.Time
	CenterID            uuid.UUID
	ProcedureID         uuid.UUID
	CertificationNumber string
	ValidFrom           Date
	ValidUntil          Date
	PredecessorID       *uuid.UUID
	SuccessorID         *uuid.UUID
	RevokedOn           Date // zero: not revoked
	RevocationReason    string
	ReviewRequired      bool // no more than half of the certified Kitas remain in the network
	CertifiedKitas      int  // number of Kitas covered when the seal was awarded
	Coverage            []SealCoverage
	Extensions          []SealExtension

	// Related is derived when loaded: the covered Kitas and their youth offices.
	Related access.Related
}

// SealCoverage is a Kita's time under a seal; CoveredUntil is zero while it lasts.
// Awarded marks the coverage the seal was awarded with at the decision; a Kita that joined
// later takes the seal over without it.
type SealCoverage struct {
	KitaID       uuid.UUID
	CoveredFrom  Date
	CoveredUntil Date
	Awarded      bool
}

// SealExtension is an extension of a seal by decree: its own recorded act.
type SealExtension struct {
	ID                 uuid.UUID
	SealID             uuid.UUID
	At                 time.Time
	ActorID            *uuid.UUID
	PreviousValidUntil Date
	NewValidUntil      Date
	Reason             string
	LegalBasis         string
}

// SealFilter selects seals.
type SealFilter struct {
	Page
	AsOf          Date // the day statuses are computed for
	Status        SealStatus
	ExpiresBefore *Date // valid_until < this
	ExpiresAfter  *Date // valid_until > this
	CenterID      *uuid.UUID
	YouthOfficeID *uuid.UUID // a covered Kita belongs to it
	ProviderID    *uuid.UUID // a covered Kita belongs to it
	Q             string     // part of the center's name or of the certification number
	Scope         access.Filter
	// WindowOffsetMonths moves the re-certification window for the status renewal_due
	// (the service sets it from its settings).
	WindowOffsetMonths int
}
