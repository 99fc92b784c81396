package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

func kitaOut(k cert.Kita) api.Kita {
	created, updated, archived := timestamps(k.Meta)
	return api.Kita{Id: k.ID, Version: k.Version, CreatedAt: created, UpdatedAt: updated, ArchivedAt: archived,
		Name: k.Name, ProviderId: k.ProviderID, YouthOfficeId: k.YouthOfficeID,
		Address:  api.Address{Street: k.Address.Street, PostalCode: k.Address.PostalCode, City: k.Address.City},
		District: k.District, KibizId: nullOf(k.KibizID)}
}

// ListKitas implements api.StrictServerInterface.
func (s *Server) ListKitas(ctx context.Context, r api.ListKitasRequestObject) (api.ListKitasResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, r.Params.IncludeArchived)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Kitas.List(ctx, cert.KitaFilter{Page: p, Q: deref(r.Params.Q), City: deref(r.Params.City),
		YouthOfficeID: r.Params.YouthOfficeId, ProviderID: r.Params.ProviderId})
	if err != nil {
		return nil, err
	}
	out := api.ListKitas200JSONResponse{Items: make([]api.Kita, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, k := range list.Items {
		out.Items[i] = kitaOut(k)
	}
	return out, nil
}

// CreateKita implements api.StrictServerInterface.
func (s *Server) CreateKita(ctx context.Context, r api.CreateKitaRequestObject) (api.CreateKitaResponseObject, error) {
	b := r.Body
	k, err := s.svc.Kitas.Create(ctx, cert.Kita{Name: b.Name, ProviderID: b.ProviderId, YouthOfficeID: b.YouthOfficeId,
		Address:  cert.Address{Street: b.Address.Street, PostalCode: b.Address.PostalCode, City: b.Address.City},
		District: deref(b.District), KibizID: b.KibizId})
	if err != nil {
		return nil, err
	}
	return api.CreateKita201JSONResponse{Body: kitaOut(k),
		Headers: api.CreateKita201ResponseHeaders{ETag: etag(k.Version), Location: "/api/v1/kitas/" + k.ID.String()}}, nil
}

// GetKita implements api.StrictServerInterface.
func (s *Server) GetKita(ctx context.Context, r api.GetKitaRequestObject) (api.GetKitaResponseObject, error) {
	k, err := s.svc.Kitas.Get(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetKita200JSONResponse{Body: kitaOut(k), Headers: api.GetKita200ResponseHeaders{ETag: etag(k.Version)}}, nil
}

// UpdateKita implements api.StrictServerInterface.
func (s *Server) UpdateKita(ctx context.Context, r api.UpdateKitaRequestObject) (api.UpdateKitaResponseObject, error) {
	b := r.Body
	p := cert.KitaPatch{Name: b.Name, ProviderID: b.ProviderId, YouthOfficeID: b.YouthOfficeId, District: b.District,
		KibizID: optional(b.KibizId)}
	if b.Address != nil {
		p.Address = &cert.AddressPatch{Street: b.Address.Street, PostalCode: b.Address.PostalCode, City: b.Address.City}
	}
	k, err := s.svc.Kitas.Update(ctx, r.Id, ifMatch(r.Params.IfMatch), p)
	if err != nil {
		return nil, err
	}
	return api.UpdateKita200JSONResponse{Body: kitaOut(k), Headers: api.UpdateKita200ResponseHeaders{ETag: etag(k.Version)}}, nil
}

// ArchiveKita implements api.StrictServerInterface.
func (s *Server) ArchiveKita(ctx context.Context, r api.ArchiveKitaRequestObject) (api.ArchiveKitaResponseObject, error) {
	k, err := s.svc.Kitas.Archive(ctx, r.Id, ifMatch(r.Params.IfMatch))
	if err != nil {
		return nil, err
	}
	return api.ArchiveKita200JSONResponse{Body: kitaOut(k), Headers: api.ArchiveKita200ResponseHeaders{ETag: etag(k.Version)}}, nil
}
