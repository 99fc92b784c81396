package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

func providerOut(p cert.Provider) api.Provider {
	created, updated, archived := timestamps(p.Meta)
	return api.Provider{Id: p.ID, Version: p.Version, CreatedAt: created, UpdatedAt: updated, ArchivedAt: archived,
		Name: p.Name, Kind: api.ProviderKind(p.Kind)}
}

// ListProviders implements api.StrictServerInterface.
func (s *Server) ListProviders(ctx context.Context, r api.ListProvidersRequestObject) (api.ListProvidersResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, r.Params.IncludeArchived)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Providers.List(ctx, cert.ProviderFilter{Page: p, Q: deref(r.Params.Q), Kind: cert.ProviderKind(deref(r.Params.Kind))})
	if err != nil {
		return nil, err
	}
	out := api.ListProviders200JSONResponse{Items: make([]api.Provider, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, p := range list.Items {
		out.Items[i] = providerOut(p)
	}
	return out, nil
}

// CreateProvider implements api.StrictServerInterface.
func (s *Server) CreateProvider(ctx context.Context, r api.CreateProviderRequestObject) (api.CreateProviderResponseObject, error) {
	p, err := s.svc.Providers.Create(ctx, cert.Provider{Name: r.Body.Name, Kind: cert.ProviderKind(r.Body.Kind)})
	if err != nil {
		return nil, err
	}
	return api.CreateProvider201JSONResponse{Body: providerOut(p),
		Headers: api.CreateProvider201ResponseHeaders{ETag: etag(p.Version), Location: "/api/v1/providers/" + p.ID.String()}}, nil
}

// GetProvider implements api.StrictServerInterface.
func (s *Server) GetProvider(ctx context.Context, r api.GetProviderRequestObject) (api.GetProviderResponseObject, error) {
	p, err := s.svc.Providers.Get(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetProvider200JSONResponse{Body: providerOut(p), Headers: api.GetProvider200ResponseHeaders{ETag: etag(p.Version)}}, nil
}

// UpdateProvider implements api.StrictServerInterface.
func (s *Server) UpdateProvider(ctx context.Context, r api.UpdateProviderRequestObject) (api.UpdateProviderResponseObject, error) {
	p, err := s.svc.Providers.Update(ctx, r.Id, ifMatch(r.Params.IfMatch), cert.ProviderPatch{
		Name: r.Body.Name, Kind: mapPtr[api.ProviderKind, cert.ProviderKind](r.Body.Kind)})
	if err != nil {
		return nil, err
	}
	return api.UpdateProvider200JSONResponse{Body: providerOut(p), Headers: api.UpdateProvider200ResponseHeaders{ETag: etag(p.Version)}}, nil
}

// ArchiveProvider implements api.StrictServerInterface.
func (s *Server) ArchiveProvider(ctx context.Context, r api.ArchiveProviderRequestObject) (api.ArchiveProviderResponseObject, error) {
	p, err := s.svc.Providers.Archive(ctx, r.Id, ifMatch(r.Params.IfMatch))
	if err != nil {
		return nil, err
	}
	return api.ArchiveProvider200JSONResponse{Body: providerOut(p), Headers: api.ArchiveProvider200ResponseHeaders{ETag: etag(p.Version)}}, nil
}
