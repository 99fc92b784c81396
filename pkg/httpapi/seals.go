package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
)

// ListSeals implements api.StrictServerInterface.
func (s *Server) ListSeals(ctx context.Context, r api.ListSealsRequestObject) (api.ListSealsResponseObject, error) {
	return nil, errNotYet
}

// GetSeal implements api.StrictServerInterface.
func (s *Server) GetSeal(ctx context.Context, r api.GetSealRequestObject) (api.GetSealResponseObject, error) {
	return nil, errNotYet
}

// ExtendSeal implements api.StrictServerInterface.
func (s *Server) ExtendSeal(ctx context.Context, r api.ExtendSealRequestObject) (api.ExtendSealResponseObject, error) {
	return nil, errNotYet
}

// RevokeSeal implements api.StrictServerInterface.
func (s *Server) RevokeSeal(ctx context.Context, r api.RevokeSealRequestObject) (api.RevokeSealResponseObject, error) {
	return nil, errNotYet
}
