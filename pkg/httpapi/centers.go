package httpapi

import (
	"context"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

func membershipOut(m cert.Membership) api.Membership {
	var left *cert.Date
	if !m.Active() {
		left = &m.LeftOn
	}
	return api.Membership{KitaId: m.KitaID, KitaName: m.KitaName, Role: api.MemberRole(m.Role), JoinedOn: m.JoinedOn, LeftOn: nullOf(left)}
}

func centerOut(c cert.Center) api.Center {
	created, updated, archived := timestamps(c.Meta)
	out := api.Center{Id: c.ID, Version: c.Version, CreatedAt: created, UpdatedAt: updated, ArchivedAt: archived,
		Kind: api.CenterKind(c.Kind), Name: c.Name, SizeExceptionReason: nullOf(c.SizeExceptionReason),
		Members: make([]api.Membership, len(c.Members))}
	for i, m := range c.Members {
		out.Members[i] = membershipOut(m)
	}
	return out
}

// ListCenters implements api.StrictServerInterface.
func (s *Server) ListCenters(ctx context.Context, r api.ListCentersRequestObject) (api.ListCentersResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, r.Params.IncludeArchived)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Centers.List(ctx, cert.CenterFilter{Page: p, Q: deref(r.Params.Q), Kind: cert.CenterKind(deref(r.Params.Kind)),
		KitaID: r.Params.KitaId, YouthOfficeID: r.Params.YouthOfficeId})
	if err != nil {
		return nil, err
	}
	out := api.ListCenters200JSONResponse{Items: make([]api.Center, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, c := range list.Items {
		out.Items[i] = centerOut(c)
	}
	return out, nil
}

// CreateCenter implements api.StrictServerInterface.
func (s *Server) CreateCenter(ctx context.Context, r api.CreateCenterRequestObject) (api.CreateCenterResponseObject, error) {
	b := r.Body
	members := make([]cert.MemberInput, len(b.Members))
	for i, m := range b.Members {
		members[i] = cert.MemberInput{KitaID: m.KitaId, Role: cert.MemberRole(m.Role), JoinedOn: deref(m.JoinedOn)}
	}
	c, err := s.svc.Centers.Create(ctx, cert.Center{Kind: cert.CenterKind(b.Kind), Name: b.Name, SizeExceptionReason: b.SizeExceptionReason}, members)
	if err != nil {
		return nil, err
	}
	return api.CreateCenter201JSONResponse{Body: centerOut(c),
		Headers: api.CreateCenter201ResponseHeaders{ETag: etag(c.Version), Location: "/api/v1/centers/" + c.ID.String()}}, nil
}

// GetCenter implements api.StrictServerInterface.
func (s *Server) GetCenter(ctx context.Context, r api.GetCenterRequestObject) (api.GetCenterResponseObject, error) {
	c, err := s.svc.Centers.Get(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetCenter200JSONResponse{Body: centerOut(c), Headers: api.GetCenter200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// UpdateCenter implements api.StrictServerInterface.
func (s *Server) UpdateCenter(ctx context.Context, r api.UpdateCenterRequestObject) (api.UpdateCenterResponseObject, error) {
	c, err := s.svc.Centers.Update(ctx, r.Id, ifMatch(r.Params.IfMatch), cert.CenterPatch{
		Name: r.Body.Name, SizeExceptionReason: optional(r.Body.SizeExceptionReason)})
	if err != nil {
		return nil, err
	}
	return api.UpdateCenter200JSONResponse{Body: centerOut(c), Headers: api.UpdateCenter200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// ArchiveCenter implements api.StrictServerInterface.
func (s *Server) ArchiveCenter(ctx context.Context, r api.ArchiveCenterRequestObject) (api.ArchiveCenterResponseObject, error) {
	c, err := s.svc.Centers.Archive(ctx, r.Id, ifMatch(r.Params.IfMatch))
	if err != nil {
		return nil, err
	}
	return api.ArchiveCenter200JSONResponse{Body: centerOut(c), Headers: api.ArchiveCenter200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// ListCenterMembers implements api.StrictServerInterface.
func (s *Server) ListCenterMembers(ctx context.Context, r api.ListCenterMembersRequestObject) (api.ListCenterMembersResponseObject, error) {
	c, ms, err := s.svc.Centers.Memberships(ctx, r.Id, deref(r.Params.IncludePast))
	if err != nil {
		return nil, err
	}
	out := api.ListCenterMembers200JSONResponse{Body: api.MembershipList{Items: make([]api.Membership, len(ms))},
		Headers: api.ListCenterMembers200ResponseHeaders{ETag: etag(c.Version)}}
	for i, m := range ms {
		out.Body.Items[i] = membershipOut(m)
	}
	return out, nil
}

// AddCenterMember implements api.StrictServerInterface.
func (s *Server) AddCenterMember(ctx context.Context, r api.AddCenterMemberRequestObject) (api.AddCenterMemberResponseObject, error) {
	b := r.Body
	c, err := s.svc.Centers.AddMember(ctx, r.Id, ifMatch(r.Params.IfMatch), cert.MemberInput{KitaID: b.KitaId, Role: cert.MemberRole(b.Role), JoinedOn: deref(b.JoinedOn)})
	if err != nil {
		return nil, err
	}
	return api.AddCenterMember201JSONResponse{Body: centerOut(c), Headers: api.AddCenterMember201ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// UpdateCenterMember implements api.StrictServerInterface.
func (s *Server) UpdateCenterMember(ctx context.Context, r api.UpdateCenterMemberRequestObject) (api.UpdateCenterMemberResponseObject, error) {
	c, err := s.svc.Centers.SetMemberRole(ctx, r.Id, r.KitaId, ifMatch(r.Params.IfMatch), cert.MemberRole(r.Body.Role))
	if err != nil {
		return nil, err
	}
	return api.UpdateCenterMember200JSONResponse{Body: centerOut(c), Headers: api.UpdateCenterMember200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// RemoveCenterMember implements api.StrictServerInterface.
func (s *Server) RemoveCenterMember(ctx context.Context, r api.RemoveCenterMemberRequestObject) (api.RemoveCenterMemberResponseObject, error) {
	c, err := s.svc.Centers.RemoveMember(ctx, r.Id, r.KitaId, ifMatch(r.Params.IfMatch), deref(r.Params.LeftOn))
	if err != nil {
		return nil, err
	}
	return api.RemoveCenterMember200JSONResponse{Body: centerOut(c), Headers: api.RemoveCenterMember200ResponseHeaders{ETag: etag(c.Version)}}, nil
}
