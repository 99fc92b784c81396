package cert

import (
	"context"

	"github.com/google/uuid"
)

// sealsFrom returns the center's seals that are not over before on: the latest seal and,
// while the one at hand begins after on, its predecessors (a re-certified center has a
// pending seal and the one still in force).
func (s *Seals) sealsFrom(ctx context.Context, centerID uuid.UUID, on Date) ([]Seal, error) {
	seal, err := s.store.LatestSeal(ctx, centerID)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return nil, nil
	case err != nil:
		return nil, err
	}
	var out []Seal
	for range 10 { // a chain is short; the bound guards against a broken link
		if seal.ValidUntil.Before(on) {
			break
		}
		out = append(out, seal)
		if seal.PredecessorID == nil || !on.Before(seal.ValidFrom) {
			break
		}
		if seal, err = s.store.Seal(ctx, *seal.PredecessorID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// memberJoined lets a Kita that joined a center on the given day take over the
// center's seal (domain: "a Kita joining takes over the network's seal"): every seal of
// the center in force or pending on that day covers it from that day, a pending seal
// from its first day. Seals that are revoked, expired or superseded by then do not.
func (s *Seals) memberJoined(ctx context.Context, centerID, kitaID uuid.UUID, on Date) error {
	seals, err := s.sealsFrom(ctx, centerID, on)
	if err != nil {
		return err
	}
	for _, seal := range seals {
		from := maxDate(on, seal.ValidFrom)
		switch seal.Status(from, s.windowOffset) {
		case SealRevoked, SealExpired, SealSuperseded:
			continue
		}
		if seal.openCoverage(kitaID) >= 0 {
			continue
		}
		before := seal.auditFields()
		if err := s.store.AddCoverage(ctx, seal.ID, SealCoverage{KitaID: kitaID, CoveredFrom: from}); err != nil {
			return err
		}
		seal.Coverage = append(seal.Coverage, SealCoverage{KitaID: kitaID, CoveredFrom: from})
		seal.UpdatedAt = s.now()
		if err := s.store.UpdateSeal(ctx, &seal); err != nil { // the version (ETag) covers the coverage
			return err
		}
		if err := s.audit(ctx, "seal.cover", "seal", seal.ID, before, seal.auditFields()); err != nil {
			return err
		}
	}
	return nil
}

// memberLeft ends the coverage of a Kita that left a center on the given day (domain:
// "a Kita leaving loses the right to use it") under every seal of the center not over by
// then. When no more than half of the Kitas a seal was awarded to remain covered, the seal
// is marked for review: the seal stays valid only while more than half remain, but
// whether it ends is for people to decide; it is never revoked here.
func (s *Seals) memberLeft(ctx context.Context, centerID, kitaID uuid.UUID, on Date) error {
	seals, err := s.sealsFrom(ctx, centerID, on)
	if err != nil {
		return err
	}
	for _, seal := range seals {
		i := seal.openCoverage(kitaID)
		if i < 0 {
			continue
		}
		before := seal.auditFields()
		if err := s.store.EndCoverage(ctx, seal.ID, kitaID, on); err != nil {
			return err
		}
		if seal.Coverage[i].CoveredFrom.After(on) { // never began: the store dropped it
			seal.Coverage = append(seal.Coverage[:i:i], seal.Coverage[i+1:]...)
		} else {
			seal.Coverage[i].CoveredUntil = on
		}
		if 2*seal.certifiedRemaining() <= seal.CertifiedKitas {
			seal.ReviewRequired = true
		}
		seal.UpdatedAt = s.now()
		if err := s.store.UpdateSeal(ctx, &seal); err != nil { // the version (ETag) covers the coverage
			return err
		}
		if err := s.audit(ctx, "seal.uncover", "seal", seal.ID, before, seal.auditFields()); err != nil {
			return err
		}
	}
	return nil
}

// openCoverage returns the index of the Kita's coverage that has not ended, or -1.
func (s Seal) openCoverage(kitaID uuid.UUID) int {
	for i, c := range s.Coverage {
		if c.KitaID == kitaID && c.CoveredUntil.IsZero() {
			return i
		}
	}
	return -1
}

// certifiedRemaining counts the Kitas the seal was awarded to (fixed at the decision:
// coverage marked Awarded) that it still covers with that awarded coverage. A Kita that
// joined later takes the seal over but never counts as certified with it, even when it
// joined on the seal's first day or between the decision and that day; nor does an
// awarded Kita that left and came back: its new coverage is not awarded.
func (s Seal) certifiedRemaining() int {
	n := 0
	for _, c := range s.Coverage {
		if c.Awarded && c.CoveredUntil.IsZero() {
			n++
		}
	}
	return n
}
