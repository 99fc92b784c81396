package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
)

// ListContingents implements api.StrictServerInterface.
func (s *Server) ListContingents(ctx context.Context, r api.ListContingentsRequestObject) (api.ListContingentsResponseObject, error) {
	return nil, errNotYet
}

// CreateContingent implements api.StrictServerInterface.
func (s *Server) CreateContingent(ctx context.Context, r api.CreateContingentRequestObject) (api.CreateContingentResponseObject, error) {
	return nil, errNotYet
}

// GetContingent implements api.StrictServerInterface.
func (s *Server) GetContingent(ctx context.Context, r api.GetContingentRequestObject) (api.GetContingentResponseObject, error) {
	return nil, errNotYet
}

// UpdateContingent implements api.StrictServerInterface.
func (s *Server) UpdateContingent(ctx context.Context, r api.UpdateContingentRequestObject) (api.UpdateContingentResponseObject, error) {
	return nil, errNotYet
}

// ListProcedures implements api.StrictServerInterface.
func (s *Server) ListProcedures(ctx context.Context, r api.ListProceduresRequestObject) (api.ListProceduresResponseObject, error) {
	return nil, errNotYet
}

// CreateProcedure implements api.StrictServerInterface.
func (s *Server) CreateProcedure(ctx context.Context, r api.CreateProcedureRequestObject) (api.CreateProcedureResponseObject, error) {
	return nil, errNotYet
}

// GetProcedure implements api.StrictServerInterface.
func (s *Server) GetProcedure(ctx context.Context, r api.GetProcedureRequestObject) (api.GetProcedureResponseObject, error) {
	return nil, errNotYet
}

// ListProcedureEvents implements api.StrictServerInterface.
func (s *Server) ListProcedureEvents(ctx context.Context, r api.ListProcedureEventsRequestObject) (api.ListProcedureEventsResponseObject, error) {
	return nil, errNotYet
}

// TransitionProcedure implements api.StrictServerInterface.
func (s *Server) TransitionProcedure(ctx context.Context, r api.TransitionProcedureRequestObject) (api.TransitionProcedureResponseObject, error) {
	return nil, errNotYet
}

// GetCenterStatus implements api.StrictServerInterface.
func (s *Server) GetCenterStatus(ctx context.Context, r api.GetCenterStatusRequestObject) (api.GetCenterStatusResponseObject, error) {
	return nil, errNotYet
}

// GetKitaStatus implements api.StrictServerInterface.
func (s *Server) GetKitaStatus(ctx context.Context, r api.GetKitaStatusRequestObject) (api.GetKitaStatusResponseObject, error) {
	return nil, errNotYet
}
