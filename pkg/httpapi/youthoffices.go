package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

func youthOfficeOut(o cert.YouthOffice) api.YouthOffice {
	created, updated, archived := timestamps(o.Meta)
	return api.YouthOffice{Id: o.ID, Version: o.Version, CreatedAt: created, UpdatedAt: updated, ArchivedAt: archived,
		Name: o.Name, Code: o.Code, Region: api.Region(o.Region)}
}

// ListYouthOffices implements api.StrictServerInterface.
func (s *Server) ListYouthOffices(ctx context.Context, r api.ListYouthOfficesRequestObject) (api.ListYouthOfficesResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, r.Params.IncludeArchived)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.YouthOffices.List(ctx, cert.YouthOfficeFilter{Page: p, Q: deref(r.Params.Q), Region: cert.Region(deref(r.Params.Region))})
	if err != nil {
		return nil, err
	}
	out := api.ListYouthOffices200JSONResponse{Items: make([]api.YouthOffice, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, o := range list.Items {
		out.Items[i] = youthOfficeOut(o)
	}
	return out, nil
}

// CreateYouthOffice implements api.StrictServerInterface.
func (s *Server) CreateYouthOffice(ctx context.Context, r api.CreateYouthOfficeRequestObject) (api.CreateYouthOfficeResponseObject, error) {
	b := r.Body
	o, err := s.svc.YouthOffices.Create(ctx, cert.YouthOffice{Name: b.Name, Code: b.Code, Region: cert.Region(b.Region)})
	if err != nil {
		return nil, err
	}
	return api.CreateYouthOffice201JSONResponse{Body: youthOfficeOut(o),
		Headers: api.CreateYouthOffice201ResponseHeaders{ETag: etag(o.Version), Location: "/api/v1/youth-offices/" + o.ID.String()}}, nil
}

// GetYouthOffice implements api.StrictServerInterface.
func (s *Server) GetYouthOffice(ctx context.Context, r api.GetYouthOfficeRequestObject) (api.GetYouthOfficeResponseObject, error) {
	o, err := s.svc.YouthOffices.Get(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetYouthOffice200JSONResponse{Body: youthOfficeOut(o), Headers: api.GetYouthOffice200ResponseHeaders{ETag: etag(o.Version)}}, nil
}

// UpdateYouthOffice implements api.StrictServerInterface.
func (s *Server) UpdateYouthOffice(ctx context.Context, r api.UpdateYouthOfficeRequestObject) (api.UpdateYouthOfficeResponseObject, error) {
	b := r.Body
	o, err := s.svc.YouthOffices.Update(ctx, r.Id, ifMatch(r.Params.IfMatch), cert.YouthOfficePatch{
		Name: b.Name, Code: b.Code, Region: mapPtr[api.Region, cert.Region](b.Region)})
	if err != nil {
		return nil, err
	}
	return api.UpdateYouthOffice200JSONResponse{Body: youthOfficeOut(o), Headers: api.UpdateYouthOffice200ResponseHeaders{ETag: etag(o.Version)}}, nil
}

// ArchiveYouthOffice implements api.StrictServerInterface.
func (s *Server) ArchiveYouthOffice(ctx context.Context, r api.ArchiveYouthOfficeRequestObject) (api.ArchiveYouthOfficeResponseObject, error) {
	o, err := s.svc.YouthOffices.Archive(ctx, r.Id, ifMatch(r.Params.IfMatch))
	if err != nil {
		return nil, err
	}
	return api.ArchiveYouthOffice200JSONResponse{Body: youthOfficeOut(o), Headers: api.ArchiveYouthOffice200ResponseHeaders{ETag: etag(o.Version)}}, nil
}
