package web

import (
	"context"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// sealView is the seal page: validity, center, procedure, neighbours, coverage per Kita,
// the recorded acts and the forms of the acts the role may take.
type sealView struct {
	Seal                     cert.Seal
	State                    cert.SealState
	Today                    cert.Date // the day the state is of
	CenterName               string
	Procedure                *cert.Procedure // nil: not readable
	Predecessor, Successor   *cert.Seal      // nil: none, or not readable
	Coverage                 []coverageRow
	Acts                     []sealAct
	CanExtend, CanRevoke     bool
	Extend                   sealExtendForm
	Revoke                   sealRevokeForm
	ExtendForm, RevokeForm   formState
	ExtendOpen, RevokeClosed bool // whether the seal can still be extended / revoked
}

// coverageRow is one Kita's time under the seal.
type coverageRow struct {
	KitaID   uuid.UUID
	KitaName string // "": not readable for the caller
	cert.SealCoverage
}

// sealAct is an extension or the revocation of a seal, as recorded.
type sealAct struct {
	Kind               string    // "Verlängerung" or "Widerruf"
	At                 time.Time // when it was recorded (zero: unknown to the caller)
	Who                string
	EffectiveOn        cert.Date // revocation: the day it takes effect
	PreviousValidUntil cert.Date // extension
	NewValidUntil      cert.Date // extension
	Reason, LegalBasis string
}

// sealExtendForm holds what the extend form sent.
type sealExtendForm struct {
	NewValidUntil, Reason, LegalBasis string
}

// sealRevokeForm holds what the revoke form sent.
type sealRevokeForm struct {
	EffectiveOn, Reason string
}

// sealID reads the seal id of the path; a malformed one is "not found".
func sealID(r *request) (uuid.UUID, error) {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return uuid.Nil, cert.ErrNotFound
	}
	return id, nil
}

// sealPage shows one seal.
func (p *Pages) sealPage(r *request) error {
	id, err := sealID(r)
	if err != nil {
		return err
	}
	seal, err := p.svc.Seals.Get(r.ctx(), id)
	if err != nil {
		return err
	}
	v, err := p.sealView(r, seal)
	if err != nil {
		return err
	}
	return p.renderSeal(r, http.StatusOK, v)
}

func (p *Pages) renderSeal(r *request, status int, v *sealView) error {
	return r.render(status, "seal", "Gütesiegel "+v.Seal.CertificationNumber, v)
}

// sealView gathers what the seal page shows. Objects the caller may not read (another
// Kita of the network, a predecessor that did not cover the caller's Kita) are shown
// without name or link.
func (p *Pages) sealView(r *request, seal cert.Seal) (*sealView, error) {
	ctx := r.ctx()
	v := &sealView{Seal: seal, State: p.svc.Seals.State(seal), Today: p.svc.Today(), CanExtend: r.can(access.SealExtend), CanRevoke: r.can(access.SealRevoke),
		ExtendOpen: seal.RevokedOn.IsZero() && seal.SuccessorID == nil, RevokeClosed: !seal.RevokedOn.IsZero()}
	var err error
	if v.CenterName, err = p.centerNames().of(ctx, seal.CenterID); err != nil {
		return nil, err
	}
	if pr, err := p.svc.Procedures.Get(ctx, seal.ProcedureID); err == nil {
		v.Procedure = &pr
	} else if !hidden(err) {
		return nil, err
	}
	if v.Predecessor, err = p.neighbour(ctx, seal.PredecessorID); err != nil {
		return nil, err
	}
	if v.Successor, err = p.neighbour(ctx, seal.SuccessorID); err != nil {
		return nil, err
	}
	if v.Coverage, err = p.coverage(ctx, seal); err != nil {
		return nil, err
	}
	if v.Acts, err = p.sealActs(r, seal); err != nil {
		return nil, err
	}
	return v, nil
}

// hidden reports whether err only says that the caller may not see an object.
func hidden(err error) bool {
	c := cert.ErrorCode(err)
	return c == cert.ENOTFOUND || c == cert.EFORBIDDEN
}

// neighbour loads a predecessor or successor seal; nil when there is none or the caller
// may not read it.
func (p *Pages) neighbour(ctx context.Context, id *uuid.UUID) (*cert.Seal, error) {
	if id == nil {
		return nil, nil
	}
	s, err := p.svc.Seals.Get(ctx, *id)
	if err != nil {
		if hidden(err) {
			return nil, nil
		}
		return nil, err
	}
	return &s, nil
}

// coverage names the Kitas of the seal's coverage: from the center's memberships (past
// ones too), else from the Kita itself.
func (p *Pages) coverage(ctx context.Context, seal cert.Seal) ([]coverageRow, error) {
	known := map[uuid.UUID]string{}
	if _, ms, err := p.svc.Centers.Memberships(ctx, seal.CenterID, true); err == nil {
		for _, m := range ms {
			known[m.KitaID] = m.KitaName
		}
	} else if !hidden(err) {
		return nil, err
	}
	kitas := newNames(func(ctx context.Context, id uuid.UUID) (string, error) {
		if n, ok := known[id]; ok {
			return n, nil
		}
		k, err := p.svc.Kitas.Get(ctx, id)
		return k.Name, err
	})
	out := make([]coverageRow, len(seal.Coverage))
	for i, c := range seal.Coverage {
		name, err := kitas.of(ctx, c.KitaID)
		if err != nil {
			return nil, err
		}
		out[i] = coverageRow{KitaID: c.KitaID, KitaName: name, SealCoverage: c}
	}
	return out, nil
}
