package cert

import (
	"context"

	"github.com/google/uuid"
)

// StatusStore is what Status reads: the center of a Kita, the open procedure with its
// history, and the seals.
type StatusStore interface {
	ActiveMembership(ctx context.Context, kitaID uuid.UUID) (Membership, error)
	Center(ctx context.Context, id uuid.UUID) (Center, error)
	OpenProcedure(ctx context.Context, centerID uuid.UUID) (Procedure, error)
	Events(ctx context.Context, procedureID uuid.UUID) ([]Event, error)
	LatestSeal(ctx context.Context, centerID uuid.UUID) (Seal, error)
	Seal(ctx context.Context, id uuid.UUID) (Seal, error)
}

// Status answers "where do we stand?" for a center or a Kita (status.go).
type Status struct {
	core
	store   StatusStore
	centers *Centers
	kitas   *Kitas
	cfg     Settings
}

func newStatus(c core, store StatusStore, centers *Centers, kitas *Kitas, cfg Settings) *Status {
	return &Status{core: c, store: store, centers: centers, kitas: kitas, cfg: cfg}
}

// Center returns a center the caller may see.
func (s *Status) Center(ctx context.Context, id uuid.UUID) (Center, error) {
	return s.centers.Get(ctx, id)
}

// Kita returns a Kita the caller may see.
func (s *Status) Kita(ctx context.Context, id uuid.UUID) (Kita, error) {
	return s.kitas.Get(ctx, id)
}
