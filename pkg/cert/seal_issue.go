package cert

import (
	"context"
)

// issue awards the seal of a positively decided procedure p to its center c. The certify
// step calls it inside its transaction and has checked the caller's right; issue checks
// none.
//
// The predecessor is the center's latest seal (by valid_until) when the new seal
// continues it: it is not revoked by decidedOn, has no successor yet, and either is still
// valid on decidedOn or p is a re-certification (decided late: the record keeps the
// chain, the gap shows in the dates). A first certification after an old seal ran out
// starts a new chain. valid_from follows SealValidFrom; a given valid_from may not lie
// inside the predecessor's validity (seals of a center never overlap).
//
// The seal is awarded to the center's active members: it covers each from valid_from, or
// from the day it joined when that is later, and marks the coverage as awarded;
// CertifiedKitas is their number. The predecessor gets the new seal as successor.
func (s *Seals) issue(ctx context.Context, p Procedure, c Center, decidedOn, validFrom Date) (Seal, error) {
	if len(c.Members) == 0 {
		return Seal{}, Conflict("center_id", "Das Familienzentrum hat keine aktiven Mitglieder; ein Siegel braucht mindestens eine Kita.")
	}
	if p.CertificationNumber == "" {
		return Seal{}, Errorf(ECONFLICT, "Das Verfahren hat noch keine Zertifizierungsnummer.")
	}
	var pred *Seal
	switch latest, err := s.store.LatestSeal(ctx, p.CenterID); ErrorCode(err) {
	case ENOTFOUND:
	case "":
		if continues(latest, p, decidedOn) {
			pred = &latest
		}
	default:
		return Seal{}, err
	}
	if !validFrom.IsZero() {
		if err := checkValidFrom(validFrom, decidedOn, pred); err != nil {
			return Seal{}, err
		}
	}
	from := SealValidFrom(validFrom, decidedOn, pred)
	if pred != nil && !from.After(pred.ValidUntil) {
		msg := "Das neue Siegel darf erst nach dem Ende des bisherigen Siegels (" + pred.ValidUntil.German() + ") beginnen."
		return Seal{}, &Error{Code: EINVALID, Message: msg, Fields: []FieldError{{Field: "valid_from", Message: msg}}}
	}
	now := s.now()
	seal := Seal{ID: NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: p.CenterID, ProcedureID: p.ID,
		CertificationNumber: p.CertificationNumber, ValidFrom: from, ValidUntil: SealValidUntil(from),
		CertifiedKitas: len(c.Members), Coverage: make([]SealCoverage, len(c.Members))}
	for i, m := range c.Members { // the Kitas awarded the seal; none covered before it joined
		seal.Coverage[i] = SealCoverage{KitaID: m.KitaID, CoveredFrom: maxDate(from, m.JoinedOn), Awarded: true}
	}
	if pred != nil {
		seal.PredecessorID = &pred.ID
	}
	if err := s.store.CreateSeal(ctx, &seal); err != nil {
		return Seal{}, err
	}
	if pred != nil {
		before := pred.auditFields()
		pred.SuccessorID, pred.UpdatedAt = &seal.ID, now
		if err := s.store.UpdateSeal(ctx, pred); err != nil {
			return Seal{}, err
		}
		if err := s.audit(ctx, "seal.succeed", "seal", pred.ID, before, pred.auditFields()); err != nil {
			return Seal{}, err
		}
	}
	seal, err := s.store.Seal(ctx, seal.ID)
	if err != nil {
		return Seal{}, err
	}
	return seal, s.audit(ctx, "seal.issue", "seal", seal.ID, nil, seal.auditFields())
}

// continues reports whether a new seal of p, decided on decidedOn, continues latest.
func continues(latest Seal, p Procedure, decidedOn Date) bool {
	if latest.SuccessorID != nil || (!latest.RevokedOn.IsZero() && !decidedOn.Before(latest.RevokedOn)) {
		return false
	}
	return !decidedOn.After(latest.ValidUntil) || p.Kind == KindRecertification
}
