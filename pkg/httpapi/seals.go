package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

// sealOut renders a seal with its status, days remaining and window opening today.
func (s *Server) sealOut(seal cert.Seal) api.Seal {
	st := s.svc.Seals.State(seal)
	var revoked *cert.Date
	if !seal.RevokedOn.IsZero() {
		revoked = &seal.RevokedOn
	}
	out := api.Seal{Id: seal.ID, Version: seal.Version, CreatedAt: seal.CreatedAt.UTC(), CenterId: seal.CenterID,
		ProcedureId: seal.ProcedureID, CertificationNumber: seal.CertificationNumber,
		ValidFrom: seal.ValidFrom, ValidUntil: seal.ValidUntil, Status: api.SealStatus(st.Status),
		DaysRemaining: st.DaysRemaining, RenewalWindowOpensOn: st.RenewalWindowOpens,
		PredecessorId: nullOf(seal.PredecessorID), SuccessorId: nullOf(seal.SuccessorID), RevokedOn: nullOf(revoked),
		RevocationReason: seal.RevocationReason, ReviewRequired: seal.ReviewRequired, CertifiedKitas: seal.CertifiedKitas,
		Coverage: make([]api.SealCoverage, len(seal.Coverage)), Extensions: make([]api.SealExtension, len(seal.Extensions))}
	for i, c := range seal.Coverage {
		var until *cert.Date
		if !c.CoveredUntil.IsZero() {
			until = &c.CoveredUntil
		}
		out.Coverage[i] = api.SealCoverage{KitaId: c.KitaID, CoveredFrom: c.CoveredFrom, CoveredUntil: nullOf(until), Awarded: c.Awarded}
	}
	for i, e := range seal.Extensions {
		out.Extensions[i] = api.SealExtension{Id: e.ID, At: e.At.UTC(), ActorId: nullOf(e.ActorID),
			PreviousValidUntil: e.PreviousValidUntil, NewValidUntil: e.NewValidUntil, Reason: e.Reason, LegalBasis: e.LegalBasis}
	}
	return out
}

// ListSeals implements api.StrictServerInterface. Statuses are those of today.
func (s *Server) ListSeals(ctx context.Context, r api.ListSealsRequestObject) (api.ListSealsResponseObject, error) {
	q := r.Params
	p, err := page(q.Limit, q.Cursor, nil)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Seals.List(ctx, cert.SealFilter{Page: p, Status: cert.SealStatus(deref(q.Status)),
		ExpiresBefore: q.ExpiresBefore, ExpiresAfter: q.ExpiresAfter, CenterID: q.CenterId,
		YouthOfficeID: q.YouthOfficeId, ProviderID: q.ProviderId, Q: deref(q.Q)})
	if err != nil {
		return nil, err
	}
	out := api.ListSeals200JSONResponse{Items: make([]api.Seal, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, seal := range list.Items {
		out.Items[i] = s.sealOut(seal)
	}
	return out, nil
}

// GetSeal implements api.StrictServerInterface.
func (s *Server) GetSeal(ctx context.Context, r api.GetSealRequestObject) (api.GetSealResponseObject, error) {
	seal, err := s.svc.Seals.Get(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetSeal200JSONResponse{Body: s.sealOut(seal), Headers: api.GetSeal200ResponseHeaders{ETag: etag(seal.Version)}}, nil
}

// ExtendSeal implements api.StrictServerInterface.
func (s *Server) ExtendSeal(ctx context.Context, r api.ExtendSealRequestObject) (api.ExtendSealResponseObject, error) {
	seal, err := s.svc.Seals.Extend(ctx, r.Id, r.Body.NewValidUntil, r.Body.Reason, r.Body.LegalBasis)
	if err != nil {
		return nil, err
	}
	return api.ExtendSeal201JSONResponse{Body: s.sealOut(seal), Headers: api.ExtendSeal201ResponseHeaders{ETag: etag(seal.Version)}}, nil
}

// RevokeSeal implements api.StrictServerInterface.
func (s *Server) RevokeSeal(ctx context.Context, r api.RevokeSealRequestObject) (api.RevokeSealResponseObject, error) {
	seal, err := s.svc.Seals.Revoke(ctx, r.Id, r.Body.EffectiveOn, r.Body.Reason)
	if err != nil {
		return nil, err
	}
	return api.RevokeSeal201JSONResponse{Body: s.sealOut(seal), Headers: api.RevokeSeal201ResponseHeaders{ETag: etag(seal.Version)}}, nil
}
