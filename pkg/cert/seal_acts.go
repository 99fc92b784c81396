package cert

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

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

// sealActor returns the user behind ctx, or nil for the system.
func sealActor(ctx context.Context) *uuid.UUID {
	p, ok := access.From(ctx)
	if !ok || p.UserID == uuid.Nil {
		return nil
	}
	id := p.UserID
	return &id
}
