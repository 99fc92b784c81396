package cert

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// SealsStore is what Seals needs from persistence: the seals with their coverage and
// extensions.
type SealsStore interface {
	// CreateSeal stores s with its coverage.
	CreateSeal(ctx context.Context, s *Seal) error
	// Get returns one seal with coverage and extensions.
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

// issue awards the seal of a positively decided procedure. The certify step calls it
// inside its transaction and has checked the caller's right; issue checks none. c is the procedure's center.
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

// Extend moves a seal's end to newValidUntil by decree, recorded as its own act with
// reason and legal basis. The end only moves forward; revoked seals and seals that a
// successor took over cannot be extended.
func (s *Seals) Extend(ctx context.Context, id uuid.UUID, newValidUntil Date, reason, legalBasis string) (Seal, error) {
	reason, legalBasis = clean(reason), clean(legalBasis)
	var v Validation
	v.Check(!newValidUntil.IsZero(), "new_valid_until", "Darf nicht leer sein.")
	checkName(&v, "reason", reason, maxSealReason)
	checkName(&v, "legal_basis", legalBasis, maxSealLegalBasis)
	if err := v.Err(); err != nil {
		return Seal{}, err
	}
	return s.changeSeal(ctx, id, access.SealExtend, "seal.extend", func(ctx context.Context, cur Seal) (Seal, map[string]any, error) {
		switch {
		case !cur.RevokedOn.IsZero():
			return cur, nil, Errorf(ECONFLICT, "Das Siegel ist widerrufen (zum %s) und kann nicht verlängert werden.", cur.RevokedOn.German())
		case cur.SuccessorID != nil:
			return cur, nil, Errorf(ECONFLICT, "Das Siegel wurde bereits durch ein Folgesiegel abgelöst und kann nicht verlängert werden.")
		case !newValidUntil.After(cur.ValidUntil):
			msg := "Muss nach dem bisherigen Ende der Gültigkeit (" + cur.ValidUntil.German() + ") liegen."
			return cur, nil, &Error{Code: EINVALID, Message: "Eine Verlängerung verschiebt das Ende nur nach hinten.",
				Fields: []FieldError{{Field: "new_valid_until", Message: msg}}}
		}
		e := SealExtension{ID: NewID(), SealID: cur.ID, At: s.now(), ActorID: sealActor(ctx),
			PreviousValidUntil: cur.ValidUntil, NewValidUntil: newValidUntil, Reason: reason, LegalBasis: legalBasis}
		if err := s.store.AddExtension(ctx, &e); err != nil {
			return cur, nil, err
		}
		next := cur
		next.ValidUntil = newValidUntil
		return next, map[string]any{"extension.id": e.ID.String(), "extension.reason": reason, "extension.legal_basis": legalBasis}, nil
	})
}

// Revoke revokes a seal from effectiveOn (zero: today) for reason. A seal is revoked
// once; the day may lie in the past or the future, but not after the seal's end.
func (s *Seals) Revoke(ctx context.Context, id uuid.UUID, effectiveOn Date, reason string) (Seal, error) {
	reason = clean(reason)
	var v Validation
	checkName(&v, "reason", reason, maxSealReason)
	if err := v.Err(); err != nil {
		return Seal{}, err
	}
	if effectiveOn.IsZero() {
		effectiveOn = s.Today()
	}
	return s.changeSeal(ctx, id, access.SealRevoke, "seal.revoke", func(ctx context.Context, cur Seal) (Seal, map[string]any, error) {
		switch {
		case !cur.RevokedOn.IsZero():
			return cur, nil, Errorf(ECONFLICT, "Das Siegel ist bereits widerrufen (zum %s).", cur.RevokedOn.German())
		case effectiveOn.After(cur.ValidUntil):
			msg := "Darf nicht nach dem Ende der Gültigkeit (" + cur.ValidUntil.German() + ") liegen."
			return cur, nil, &Error{Code: EINVALID, Message: msg, Fields: []FieldError{{Field: "effective_on", Message: msg}}}
		}
		next := cur
		next.RevokedOn, next.RevocationReason = effectiveOn, reason
		return next, nil, nil
	})
}

// changeSeal runs one change of a seal in a transaction: load, check access (read, then
// write), mutate, store with the version check, audit. The API sends no If-Match for
// seal acts, so when a concurrent change moved the version the act is tried again on
// the new state, where its rules are checked afresh.
func (s *Seals) changeSeal(ctx context.Context, id uuid.UUID, write access.Action, action string,
	mutate func(ctx context.Context, cur Seal) (Seal, map[string]any, error)) (Seal, error) {
	const attempts = 5
	for i := 1; ; i++ {
		var out Seal
		err := s.tx.InTx(ctx, func(ctx context.Context) error {
			cur, err := s.store.Seal(ctx, id)
			if err != nil {
				return err
			}
			if err := mayWrite(ctx, access.SealRead, write, cur.Related); err != nil {
				return err
			}
			next, extra, err := mutate(ctx, cur)
			if err != nil {
				return err
			}
			next.UpdatedAt = s.now()
			if err := s.store.UpdateSeal(ctx, &next); err != nil {
				return err
			}
			if out, err = s.store.Seal(ctx, id); err != nil {
				return err
			}
			after := out.auditFields()
			for k, v := range extra {
				after[k] = v
			}
			return s.audit(ctx, action, "seal", id, cur.auditFields(), after)
		})
		if errors.Is(err, ErrStale) && i < attempts {
			continue
		}
		return out, err
	}
}

// latest returns the center's seal with the latest valid_until, or ErrNotFound; it
// checks no access.
func (s *Seals) latest(ctx context.Context, centerID uuid.UUID) (Seal, error) {
	return s.store.LatestSeal(ctx, centerID)
}

// sealActor returns the user behind ctx, or nil for the system.
func sealActor(ctx context.Context) *uuid.UUID {
	p, ok := access.From(ctx)
	if !ok || p.UserID == uuid.Nil {
		return nil
	}
	id := p.UserID
	return &id
}

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
