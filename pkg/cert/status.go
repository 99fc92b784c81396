package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
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

// CenterStatus reports on a center the caller may see.
func (s *Status) CenterStatus(ctx context.Context, centerID uuid.UUID) (StatusReport, error) {
	c, err := s.Center(ctx, centerID)
	if err != nil {
		return StatusReport{}, err
	}
	return s.statusOf(ctx, &c)
}

// KitaStatus reports on the center of a Kita the caller may see.
func (s *Status) KitaStatus(ctx context.Context, kitaID uuid.UUID) (StatusReport, error) {
	if _, err := s.Kita(ctx, kitaID); err != nil {
		return StatusReport{}, err
	}
	m, err := s.store.ActiveMembership(ctx, kitaID)
	switch ErrorCode(err) {
	case ENOTFOUND:
		return StatusReport{AsOf: s.Today(), NextStep: "Die Kita gehört zu keinem Familienzentrum. " +
			"Ob sie Familienzentrum werden kann, entscheidet das Jugendamt im Rahmen seines Kontingents."}, nil
	case "":
	default:
		return StatusReport{}, err
	}
	c, err := s.store.Center(ctx, m.CenterID)
	if err != nil {
		return StatusReport{}, err
	}
	return s.statusOf(ctx, &c)
}

func (s *Status) statusOf(ctx context.Context, c *Center) (StatusReport, error) {
	r := StatusReport{AsOf: s.Today(), Center: c}
	if err := s.statusSeals(ctx, &r); err != nil {
		return r, err
	}
	open, err := s.store.OpenProcedure(ctx, c.ID)
	switch ErrorCode(err) {
	case "":
		if pr, _ := access.From(ctx); pr.Can(access.ProcedureRead, open.Related) {
			r.Open = &open
			r.OpenAllowed = AllowedActions(pr, open)
			if open.State == StateEvidenceRequested {
				ev, err := s.store.Events(ctx, open.ID)
				if err != nil {
					return r, err
				}
				r.OpenMissing = lastMissing(ev)
			}
		}
	case ENOTFOUND:
	default:
		return r, err
	}
	r.NextStep = nextStep(r)
	return r, nil
}

// statusSeals fills the seal part of r: the seal in force (or the latest one that ended)
// and the coming one. A re-certification decided in spring gives a successor from
// 1 August while the old seal is still in force until 31 July: both are shown. Seals the
// caller may not read are left out.
func (s *Status) statusSeals(ctx context.Context, r *StatusReport) error {
	latest, err := s.store.LatestSeal(ctx, r.Center.ID)
	switch ErrorCode(err) {
	case "":
	case ENOTFOUND:
		return nil
	default:
		return err
	}
	offset := s.cfg.RenewalWindowOffsetMonths
	cur := &latest
	if latest.Status(r.AsOf, offset) == SealPending {
		next := latest
		r.Next, r.NextState, cur = &next, next.StateOn(r.AsOf, offset), nil
		if latest.PredecessorID != nil {
			pred, err := s.store.Seal(ctx, *latest.PredecessorID)
			if err != nil {
				return err
			}
			cur = &pred
		}
	}
	pr, _ := access.From(ctx)
	if r.Next != nil && !pr.Can(access.SealRead, r.Next.Related) {
		r.Next = nil
	}
	if cur != nil && pr.Can(access.SealRead, cur.Related) {
		r.Seal = cur
		r.SealStatus = cur.Status(r.AsOf, offset)
		r.DaysRemaining = cur.DaysRemaining(r.AsOf)
	}
	newest := r.Next
	if newest == nil && r.Seal != nil {
		switch r.SealStatus {
		case SealActive, SealRenewalDue:
			newest = r.Seal
		}
	}
	if newest != nil {
		y := KindergartenYearOf(newest.ValidUntil)
		r.RecertYear = &y
		r.WindowOpens = RenewalWindowOpens(newest.ValidUntil, offset)
	}
	return nil
}
