package web

import (
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// sealActs lists the extensions and the revocation of a seal. When and by whom a
// revocation was recorded, and the role behind an extension, come from the audit trail,
// which only roles with audit.read see; others see the acts without them.
func (p *Pages) sealActs(r *request, seal cert.Seal) ([]sealAct, error) {
	roles := map[string]string{} // extension id → actor role
	var revoked *cert.AuditEntry
	if r.can(access.AuditRead) {
		list, err := p.svc.Audit.List(r.ctx(), cert.AuditFilter{Page: cert.Page{Limit: cert.MaxLimit}, ResourceType: "seal",
			ResourceID: seal.ID.String(), NewestFirst: true})
		if err != nil {
			return nil, err
		}
		for i, e := range list.Items {
			switch e.Action {
			case "seal.extend":
				if id, ok := e.After["extension.id"].(string); ok {
					roles[id] = e.ActorRole
				}
			case "seal.revoke":
				if revoked == nil {
					revoked = &list.Items[i]
				}
			}
		}
	}
	var acts []sealAct
	for _, e := range seal.Extensions {
		role := roles[e.ID.String()]
		if e.ActorID == nil {
			role = string(access.RoleSystem)
		}
		acts = append(acts, sealAct{Kind: "Verlängerung", At: e.At, Who: r.actor(e.ActorID, role),
			PreviousValidUntil: e.PreviousValidUntil, NewValidUntil: e.NewValidUntil, Reason: e.Reason, LegalBasis: e.LegalBasis})
	}
	if !seal.RevokedOn.IsZero() {
		a := sealAct{Kind: "Widerruf", EffectiveOn: seal.RevokedOn, Reason: seal.RevocationReason}
		if revoked != nil {
			a.At, a.Who = revoked.At, r.actor(revoked.ActorID, revoked.ActorRole)
		}
		acts = append(acts, a)
	}
	return acts, nil
}

// actor says who did something: the caller themself, kitacert, or the role that did it
// ("" when the caller may not know it).
func (r *request) actor(id *uuid.UUID, role string) string {
	if id != nil && *id == r.who.UserID {
		return "Sie"
	}
	switch role {
	case "":
		return "–"
	case string(access.RoleSystem):
		return "kitacert (automatisch)"
	case "anonymous":
		return "nicht angemeldet"
	}
	if l, ok := RoleLabels[access.Role(role)]; ok {
		return l
	}
	return role
}

// sealFormDate reads a date field of a form (YYYY-MM-DD); empty is the zero date.
func sealFormDate(r *request, field string) (cert.Date, error) {
	s := strings.TrimSpace(r.FormValue(field))
	if s == "" {
		return cert.Date{}, nil
	}
	d, err := cert.ParseDate(s)
	if err != nil {
		return cert.Date{}, &cert.Error{Code: cert.EINVALID, Message: "Bitte prüfen Sie das Datum.",
			Fields: []cert.FieldError{{Field: field, Message: "Bitte geben Sie ein Datum an (TT.MM.JJJJ)."}}}
	}
	return d, nil
}

// sealExtend extends a seal by decree (new end, reason, legal basis).
func (p *Pages) sealExtend(r *request) error {
	form := sealExtendForm{NewValidUntil: r.FormValue("new_valid_until"), Reason: r.FormValue("reason"), LegalBasis: r.FormValue("legal_basis")}
	return p.sealAct(r, func(v *sealView, st formState) { v.Extend, v.ExtendForm = form, st }, func(id uuid.UUID) error {
		d, err := sealFormDate(r, "new_valid_until")
		if err != nil {
			return err
		}
		_, err = p.svc.Seals.Extend(r.ctx(), id, d, form.Reason, form.LegalBasis)
		return err
	})
}

// sealRevoke revokes a seal from a day (empty: today) for a reason (field revocation_reason).
func (p *Pages) sealRevoke(r *request) error {
	form := sealRevokeForm{EffectiveOn: r.FormValue("effective_on"), Reason: r.FormValue("revocation_reason")}
	keep := func(v *sealView, st formState) {
		v.Revoke, v.RevokeForm = form, st.rename("reason", "revocation_reason") // the extend form has a "reason" too
	}
	return p.sealAct(r, keep, func(id uuid.UUID) error {
		d, err := sealFormDate(r, "effective_on")
		if err != nil {
			return err
		}
		_, err = p.svc.Seals.Revoke(r.ctx(), id, d, form.Reason)
		return err
	})
}

// sealAct runs one act on the seal of the path. The form carries the version of the seal
// it was shown with: when the seal changed meanwhile, the page comes back with the new
// state (409) and the act is not taken, so that nobody extends or revokes a seal they did
// not see. The service checks the act's rules; a refusal shows the page again with the
// German reason at the form (422 or 409).
func (p *Pages) sealAct(r *request, keep func(v *sealView, st formState), act func(id uuid.UUID) error) error {
	id, err := sealID(r)
	if err != nil {
		return err
	}
	cur, err := p.svc.Seals.Get(r.ctx(), id)
	if err != nil {
		return err
	}
	m, err := r.versionOf()
	if err == nil && m.Version != cur.Version {
		err = cert.ErrStale
	}
	if err == nil {
		if err = act(id); err == nil {
			return r.redirect("/seals/"+id.String(), "gespeichert")
		}
		if fresh, gerr := p.svc.Seals.Get(r.ctx(), id); gerr == nil {
			cur = fresh // show the state the refusal is about
		}
	}
	return p.sealRefused(r, cur, err, keep)
}

// sealRefused shows the seal page again with the refused form.
func (p *Pages) sealRefused(r *request, cur cert.Seal, err error, keep func(v *sealView, st formState)) error {
	st, ok := formError(err)
	if !ok {
		return err
	}
	v, verr := p.sealView(r, cur)
	if verr != nil {
		return verr
	}
	keep(v, st)
	return p.renderSeal(r, st.formStatus(), v)
}
