package cert

import (
	"context"

	"github.com/google/uuid"
)

// Contingent is the number of new centers (initial procedures) a youth office may
// nominate in a kindergarten year.
type Contingent struct {
	Meta
	YouthOfficeID uuid.UUID
	Year          KindergartenYear
	Places        int // including CarriedOver
	CarriedOver   int // places moved here from the year before by deferrals
	Used          int // derived: initial procedures of this office and year that hold a place
}

// Free returns the places not yet used.
func (c Contingent) Free() int { return c.Places - c.Used }

// ContingentFilter selects contingents.
type ContingentFilter struct {
	Page
	YouthOfficeID *uuid.UUID
	Year          *KindergartenYear
	Scope         YouthOfficeScope
}

// YouthOfficeScope narrows a list to one youth office (nil: no narrowing).
type YouthOfficeScope = *uuid.UUID

// ContingentStore persists contingents.
type ContingentStore interface {
	CreateContingent(ctx context.Context, c *Contingent) error
	Contingent(ctx context.Context, id uuid.UUID) (Contingent, error)
	// ContingentFor returns the contingent of an office and year, locked for the rest of
	// the transaction, or ErrNotFound.
	ContingentFor(ctx context.Context, youthOfficeID uuid.UUID, year KindergartenYear) (Contingent, error)
	Contingents(ctx context.Context, f ContingentFilter) (List[Contingent], error)
	UpdateContingent(ctx context.Context, c *Contingent) error
}
