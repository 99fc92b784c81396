package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// SealsStore is what Seals needs from persistence: the seals with their coverage and
// extensions.
type SealsStore interface {
	// CreateSeal stores s with its coverage.
	CreateSeal(ctx context.Context, s *Seal) error
	// Seal returns one seal with coverage and extensions.
	Seal(ctx context.Context, id uuid.UUID) (Seal, error)
	Seals(ctx context.Context, f SealFilter) (List[Seal], error)
	// LatestSeal returns the center's seal with the latest valid_until, or ErrNotFound.
	LatestSeal(ctx context.Context, centerID uuid.UUID) (Seal, error)
	// UpdateSeal stores valid_until, successor, revocation, review flag and coverage
	// changes if the stored version still is s.Version, then bumps it.
	UpdateSeal(ctx context.Context, s *Seal) error
	AddExtension(ctx context.Context, e *SealExtension) error
	AddCoverage(ctx context.Context, sealID uuid.UUID, c SealCoverage) error
	// EndCoverage sets covered_until of the Kita's open coverage under the seal.
	EndCoverage(ctx context.Context, sealID, kitaID uuid.UUID, until Date) error
}

// Seals keeps the quality seals: issued by a positive decision (Procedures), extended or
// revoked by decree, following their center's members.
type Seals struct {
	core
	store        SealsStore
	windowOffset int // Settings.RenewalWindowOffsetMonths
}

func newSeals(c core, store SealsStore, windowOffset int) *Seals {
	return &Seals{core: c, store: store, windowOffset: windowOffset}
}

// Limits of the free texts of seal acts (the same as api/openapi.yaml).
const (
	maxSealReason     = 2000
	maxSealLegalBasis = 500
)

// Valid reports whether st is a known status.
func (st SealStatus) Valid() bool {
	switch st {
	case SealPending, SealActive, SealRenewalDue, SealSuperseded, SealExpired, SealRevoked:
		return true
	}
	return false
}

// State returns the seal's status, days remaining and window opening today, under
// the service's settings.
func (s *Seals) State(seal Seal) SealState {
	return seal.StateOn(s.Today(), s.windowOffset)
}

// Get returns one seal with its coverage and extensions.
func (s *Seals) Get(ctx context.Context, id uuid.UUID) (Seal, error) {
	seal, err := s.store.Seal(ctx, id)
	if err != nil {
		return Seal{}, err
	}
	return seal, mayRead(ctx, access.SealRead, seal.Related)
}

// List lists the seals the caller may see; statuses are computed for f.AsOf (zero:
// today) under the service's renewal window setting.
func (s *Seals) List(ctx context.Context, f SealFilter) (List[Seal], error) {
	if f.Status != "" && !f.Status.Valid() {
		return List[Seal]{}, &Error{Code: EINVALID, Message: "Unbekannter Status.", Fields: []FieldError{{Field: "status", Message: "Unbekannter Status."}}}
	}
	scope, err := listFilter(ctx, access.SealRead)
	if err != nil || scope.Nothing {
		return List[Seal]{Items: []Seal{}}, err
	}
	f.Scope = scope
	if f.AsOf.IsZero() {
		f.AsOf = s.Today()
	}
	f.WindowOffsetMonths = s.windowOffset
	return s.store.Seals(ctx, f)
}

// latest returns the center's seal with the latest valid_until, or ErrNotFound; it
// checks no access.
func (s *Seals) latest(ctx context.Context, centerID uuid.UUID) (Seal, error) {
	return s.store.LatestSeal(ctx, centerID)
}

// auditFields of a seal: its dates, links and flags, and each coverage period.
func (s Seal) auditFields() map[string]any {
	m := map[string]any{"center_id": s.CenterID.String(), "procedure_id": s.ProcedureID.String(),
		"certification_number": s.CertificationNumber, "valid_from": s.ValidFrom.String(), "valid_until": s.ValidUntil.String(),
		"predecessor_id": idOrNil(s.PredecessorID), "successor_id": idOrNil(s.SuccessorID),
		"revoked_on": s.RevokedOn.String(), "revocation_reason": s.RevocationReason,
		"review_required": s.ReviewRequired, "certified_kitas": s.CertifiedKitas}
	for _, c := range s.Coverage {
		m["coverage."+c.KitaID.String()+"."+c.CoveredFrom.String()] = c.CoveredUntil.String()
		if c.Awarded {
			m["awarded."+c.KitaID.String()] = true
		}
	}
	return m
}
