package httpapi

import (
	"context"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

// nullDate renders a calendar day, or null for the zero Date.
func nullDate(d cert.Date) nullable.Nullable[cert.Date] {
	if d.IsZero() {
		return nullable.NewNullNullable[cert.Date]()
	}
	return nullable.NewNullableWithValue(d)
}

func nullString(s string) nullable.Nullable[string] {
	if s == "" {
		return nullable.NewNullNullable[string]()
	}
	return nullable.NewNullableWithValue(s)
}

func contingentOut(c cert.Contingent) api.Contingent {
	return api.Contingent{Id: c.ID, Version: c.Version, YouthOfficeId: c.YouthOfficeID, KindergartenYear: c.Year,
		Places: c.Places, CarriedOver: c.CarriedOver, Used: c.Used, Free: c.Free(), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

// ListContingents implements api.StrictServerInterface.
func (s *Server) ListContingents(ctx context.Context, r api.ListContingentsRequestObject) (api.ListContingentsResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, nil)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Contingents(ctx, cert.ContingentFilter{Page: p, YouthOfficeID: r.Params.YouthOfficeId, Year: r.Params.KindergartenYear})
	if err != nil {
		return nil, err
	}
	out := api.ListContingents200JSONResponse{Items: make([]api.Contingent, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, c := range list.Items {
		out.Items[i] = contingentOut(c)
	}
	return out, nil
}

// CreateContingent implements api.StrictServerInterface.
func (s *Server) CreateContingent(ctx context.Context, r api.CreateContingentRequestObject) (api.CreateContingentResponseObject, error) {
	c, err := s.svc.CreateContingent(ctx, cert.Contingent{YouthOfficeID: r.Body.YouthOfficeId, Year: r.Body.KindergartenYear, Places: r.Body.Places})
	if err != nil {
		return nil, err
	}
	return api.CreateContingent201JSONResponse{Body: contingentOut(c),
		Headers: api.CreateContingent201ResponseHeaders{ETag: etag(c.Version), Location: "/api/v1/contingents/" + c.ID.String()}}, nil
}

// GetContingent implements api.StrictServerInterface.
func (s *Server) GetContingent(ctx context.Context, r api.GetContingentRequestObject) (api.GetContingentResponseObject, error) {
	c, err := s.svc.Contingent(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetContingent200JSONResponse{Body: contingentOut(c), Headers: api.GetContingent200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// UpdateContingent implements api.StrictServerInterface.
func (s *Server) UpdateContingent(ctx context.Context, r api.UpdateContingentRequestObject) (api.UpdateContingentResponseObject, error) {
	c, err := s.svc.UpdateContingent(ctx, r.Id, ifMatch(r.Params.IfMatch), r.Body.Places)
	if err != nil {
		return nil, err
	}
	return api.UpdateContingent200JSONResponse{Body: contingentOut(c), Headers: api.UpdateContingent200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

func (s *Server) procedureOut(ctx context.Context, p cert.Procedure) api.Procedure {
	allowed := s.svc.AllowedFor(ctx, p)
	acts := make([]api.ProcedureAction, len(allowed))
	for i, a := range allowed {
		acts[i] = api.ProcedureAction(a)
	}
	sites := p.VisitSites
	if sites == nil {
		sites = []uuid.UUID{}
	}
	return api.Procedure{Id: p.ID, Version: p.Version, CenterId: p.CenterID, YouthOfficeId: p.YouthOfficeID,
		Kind: api.ProcedureKind(p.Kind), KindergartenYear: p.Year, CatalogueVersion: p.CatalogueVersion,
		AssessorId: nullOf(p.AssessorID), CertificationNumber: nullString(p.CertificationNumber),
		State: api.ProcedureState(p.State), Open: p.State.Open(), EvidenceDueOn: nullDate(p.EvidenceDueOn),
		VisitOn: nullDate(p.VisitOn), VisitSites: sites, DecidedOn: nullDate(p.DecidedOn), OutcomeReason: p.OutcomeReason,
		SealId: nullOf(p.SealID), DeferredFromId: nullOf(p.DeferredFromID), DeferredToId: nullOf(p.DeferredToID),
		AllowedActions: acts, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// ListProcedures implements api.StrictServerInterface.
func (s *Server) ListProcedures(ctx context.Context, r api.ListProceduresRequestObject) (api.ListProceduresResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, nil)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Procedures(ctx, cert.ProcedureFilter{Page: p, CenterID: r.Params.CenterId,
		State: cert.State(deref(r.Params.State)), Kind: cert.ProcedureKind(deref(r.Params.Kind)), Year: r.Params.KindergartenYear,
		AssessorID: r.Params.AssessorId, YouthOfficeID: r.Params.YouthOfficeId, Open: r.Params.Open, Q: deref(r.Params.Q)})
	if err != nil {
		return nil, err
	}
	out := api.ListProcedures200JSONResponse{Items: make([]api.Procedure, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, p := range list.Items {
		out.Items[i] = s.procedureOut(ctx, p)
	}
	return out, nil
}

// CreateProcedure implements api.StrictServerInterface.
func (s *Server) CreateProcedure(ctx context.Context, r api.CreateProcedureRequestObject) (api.CreateProcedureResponseObject, error) {
	b := r.Body
	p, err := s.svc.CreateProcedure(ctx, cert.NewProcedure{CenterID: b.CenterId, Kind: cert.ProcedureKind(b.Kind),
		Year: b.KindergartenYear, CatalogueVersion: deref(b.CatalogueVersion), Comment: deref(b.Comment)})
	if err != nil {
		return nil, err
	}
	return api.CreateProcedure201JSONResponse{Body: s.procedureOut(ctx, p),
		Headers: api.CreateProcedure201ResponseHeaders{ETag: etag(p.Version), Location: "/api/v1/procedures/" + p.ID.String()}}, nil
}

// GetProcedure implements api.StrictServerInterface.
func (s *Server) GetProcedure(ctx context.Context, r api.GetProcedureRequestObject) (api.GetProcedureResponseObject, error) {
	p, err := s.svc.Procedure(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetProcedure200JSONResponse{Body: s.procedureOut(ctx, p), Headers: api.GetProcedure200ResponseHeaders{ETag: etag(p.Version)}}, nil
}

// TransitionProcedure implements api.StrictServerInterface.
func (s *Server) TransitionProcedure(ctx context.Context, r api.TransitionProcedureRequestObject) (api.TransitionProcedureResponseObject, error) {
	b := r.Body
	p, err := s.svc.Transition(ctx, r.Id, ifMatch(r.Params.IfMatch), cert.TransitionInput{Action: cert.Action(b.Action),
		Comment: deref(b.Comment), EvidenceDueOn: deref(b.EvidenceDueOn), Missing: deref(b.Missing), VisitOn: deref(b.VisitOn),
		VisitSites: deref(b.VisitSites), DecidedOn: deref(b.DecidedOn), ValidFrom: deref(b.ValidFrom), Reason: deref(b.Reason)})
	if err != nil {
		return nil, err
	}
	return api.TransitionProcedure200JSONResponse{Body: s.procedureOut(ctx, p), Headers: api.TransitionProcedure200ResponseHeaders{ETag: etag(p.Version)}}, nil
}

// ListProcedureEvents implements api.StrictServerInterface.
func (s *Server) ListProcedureEvents(ctx context.Context, r api.ListProcedureEventsRequestObject) (api.ListProcedureEventsResponseObject, error) {
	es, err := s.svc.Events(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	out := api.ListProcedureEvents200JSONResponse{Items: make([]api.Event, len(es))}
	for i, e := range es {
		out.Items[i] = api.Event{Id: e.ID, At: e.At, ActorId: nullOf(e.ActorID), ActorRole: e.ActorRole, Action: e.Action,
			From: string(e.From), To: string(e.To), Comment: e.Comment, Fields: e.Fields}
	}
	return out, nil
}

// GetCenterStatus implements api.StrictServerInterface.
func (s *Server) GetCenterStatus(ctx context.Context, r api.GetCenterStatusRequestObject) (api.GetCenterStatusResponseObject, error) {
	st, err := s.status.CenterStatus(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetCenterStatus200JSONResponse(statusOut(st)), nil
}

// GetKitaStatus implements api.StrictServerInterface.
func (s *Server) GetKitaStatus(ctx context.Context, r api.GetKitaStatusRequestObject) (api.GetKitaStatusResponseObject, error) {
	st, err := s.status.KitaStatus(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetKitaStatus200JSONResponse(statusOut(st)), nil
}

func statusOut(r cert.StatusReport) api.Status {
	out := api.Status{AsOf: r.AsOf, NextStep: r.NextStep, Kitas: []api.StatusKita{},
		CenterId: nullable.NewNullNullable[uuid.UUID](), CenterName: nullable.NewNullNullable[string](),
		CenterKind: nullable.NewNullNullable[api.CenterKind](), Seal: nullable.NewNullNullable[api.StatusSeal](),
		NextSeal:      nullable.NewNullNullable[api.StatusSeal](),
		OpenProcedure: nullable.NewNullNullable[api.StatusProcedure](), RecertificationYear: nullable.NewNullNullable[cert.KindergartenYear](),
		RenewalWindowOpensOn: nullDate(r.WindowOpens)}
	if c := r.Center; c != nil {
		out.CenterId.Set(c.ID)
		out.CenterName.Set(c.Name)
		out.CenterKind.Set(api.CenterKind(c.Kind))
		for _, m := range c.Members {
			out.Kitas = append(out.Kitas, api.StatusKita{Id: m.KitaID, Name: m.KitaName, Role: api.MemberRole(m.Role)})
		}
	}
	if sl := r.Seal; sl != nil {
		out.Seal.Set(api.StatusSeal{Id: sl.ID, CertificationNumber: sl.CertificationNumber, ValidFrom: sl.ValidFrom,
			ValidUntil: sl.ValidUntil, Status: api.SealStatus(r.SealStatus), DaysRemaining: r.DaysRemaining})
	}
	if n := r.Next; n != nil {
		out.NextSeal.Set(api.StatusSeal{Id: n.ID, CertificationNumber: n.CertificationNumber, ValidFrom: n.ValidFrom,
			ValidUntil: n.ValidUntil, Status: api.SealStatus(r.NextState.Status), DaysRemaining: r.NextState.DaysRemaining})
	}
	if r.RecertYear != nil {
		out.RecertificationYear.Set(*r.RecertYear)
	}
	if p := r.Open; p != nil {
		acts := make([]api.ProcedureAction, len(r.OpenAllowed))
		for i, a := range r.OpenAllowed {
			acts[i] = api.ProcedureAction(a)
		}
		out.OpenProcedure.Set(api.StatusProcedure{Id: p.ID, Kind: api.ProcedureKind(p.Kind), KindergartenYear: p.Year,
			State: api.ProcedureState(p.State), AllowedActions: acts, EvidenceDueOn: nullDate(p.EvidenceDueOn), VisitOn: nullDate(p.VisitOn),
			Missing: append([]string{}, r.OpenMissing...)})
	}
	return out
}
