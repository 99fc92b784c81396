package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
)

// ListCatalogues implements api.StrictServerInterface.
func (s *Server) ListCatalogues(ctx context.Context, r api.ListCataloguesRequestObject) (api.ListCataloguesResponseObject, error) {
	return nil, errNotYet
}

// GetCatalogue implements api.StrictServerInterface.
func (s *Server) GetCatalogue(ctx context.Context, r api.GetCatalogueRequestObject) (api.GetCatalogueResponseObject, error) {
	return nil, errNotYet
}

// PutCatalogue implements api.StrictServerInterface.
func (s *Server) PutCatalogue(ctx context.Context, r api.PutCatalogueRequestObject) (api.PutCatalogueResponseObject, error) {
	return nil, errNotYet
}

// GetAssessment implements api.StrictServerInterface.
func (s *Server) GetAssessment(ctx context.Context, r api.GetAssessmentRequestObject) (api.GetAssessmentResponseObject, error) {
	return nil, errNotYet
}

// PutAssessment implements api.StrictServerInterface.
func (s *Server) PutAssessment(ctx context.Context, r api.PutAssessmentRequestObject) (api.PutAssessmentResponseObject, error) {
	return nil, errNotYet
}
