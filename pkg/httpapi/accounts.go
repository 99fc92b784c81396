package httpapi

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

func meOut(u auth.User) api.Me {
	perms := map[string]api.MePermissions{}
	p := u.Principal()
	for _, a := range access.Actions {
		if sc := p.ScopeOf(a); sc != access.None {
			perms[string(a)] = api.MePermissions(sc.String())
		}
	}
	return api.Me{Id: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: api.Role(u.Role),
		YouthOfficeId: nullOf(u.YouthOfficeID), KitaId: nullOf(u.KitaID), Permissions: perms}
}

// sessionCookie renders the session cookie for the request of ctx; maxAge < 0 deletes it.
func (s *Server) sessionCookie(ctx context.Context, value string, maxAge int) string {
	return s.cookies.SessionCookieHeader(httpRequest(ctx), value, maxAge)
}

// CreateSession implements api.StrictServerInterface: the browser login.
func (s *Server) CreateSession(ctx context.Context, r api.CreateSessionRequestObject) (api.CreateSessionResponseObject, error) {
	l, err := s.accounts.Login(ctx, r.Body.Email, r.Body.Password, clientAddr(ctx))
	if err != nil {
		return nil, err
	}
	maxAge := int(s.accounts.SessionLifetime() / time.Second)
	return api.CreateSession201JSONResponse{
		Body:    api.LoginResponse{User: meOut(l.User), CsrfToken: l.CSRF, ExpiresAt: l.Session.ExpiresAt},
		Headers: api.CreateSession201ResponseHeaders{SetCookie: s.sessionCookie(ctx, l.Secret, maxAge)},
	}, nil
}

// DeleteSession implements api.StrictServerInterface: the logout.
func (s *Server) DeleteSession(ctx context.Context, _ api.DeleteSessionRequestObject) (api.DeleteSessionResponseObject, error) {
	if secret := sessionSecret(ctx); secret != "" {
		if err := s.accounts.Logout(ctx, secret); err != nil {
			return nil, err
		}
	}
	return api.DeleteSession204Response{Headers: api.DeleteSession204ResponseHeaders{SetCookie: s.sessionCookie(ctx, "", -1)}}, nil
}

// callerUser loads the account of the caller.
func (s *Server) callerUser(ctx context.Context) (auth.User, error) {
	p, ok := access.From(ctx)
	if !ok || p.UserID == uuid.Nil {
		return auth.User{}, cert.ErrUnauthenticated
	}
	return s.accounts.Self(ctx)
}

// GetMe implements api.StrictServerInterface.
func (s *Server) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	u, err := s.callerUser(ctx)
	if err != nil {
		return nil, err
	}
	return api.GetMe200JSONResponse(meOut(u)), nil
}

func tokenOut(t auth.Token) api.Token {
	return api.Token{Id: t.ID, Name: t.Name, Hint: t.Hint, CreatedAt: t.CreatedAt, ExpiresAt: nullOf(t.ExpiresAt),
		LastUsedAt: nullOf(t.LastUsedAt), RevokedAt: nullOf(t.RevokedAt)}
}

// ListMyTokens implements api.StrictServerInterface.
func (s *Server) ListMyTokens(ctx context.Context, _ api.ListMyTokensRequestObject) (api.ListMyTokensResponseObject, error) {
	p, _ := access.From(ctx)
	ts, err := s.accounts.Tokens(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	out := api.ListMyTokens200JSONResponse{Items: make([]api.Token, len(ts))}
	for i, t := range ts {
		out.Items[i] = tokenOut(t)
	}
	return out, nil
}

// CreateMyToken implements api.StrictServerInterface.
func (s *Server) CreateMyToken(ctx context.Context, r api.CreateMyTokenRequestObject) (api.CreateMyTokenResponseObject, error) {
	p, _ := access.From(ctx)
	t, err := s.accounts.IssueToken(ctx, p.UserID, r.Body.Name, deref(r.Body.ExpiresAt))
	if err != nil {
		return nil, err
	}
	return api.CreateMyToken201JSONResponse{Token: tokenOut(t.Token), Secret: t.Secret}, nil
}

// RevokeMyToken implements api.StrictServerInterface.
func (s *Server) RevokeMyToken(ctx context.Context, r api.RevokeMyTokenRequestObject) (api.RevokeMyTokenResponseObject, error) {
	p, _ := access.From(ctx)
	t, err := s.accounts.RevokeToken(ctx, p.UserID, r.Id)
	if err != nil {
		return nil, err
	}
	return api.RevokeMyToken200JSONResponse(tokenOut(t)), nil
}

func userOut(u auth.User) api.User {
	return api.User{Id: u.ID, Version: u.Version, Email: u.Email, DisplayName: u.DisplayName, Role: api.Role(u.Role),
		YouthOfficeId: nullOf(u.YouthOfficeID), KitaId: nullOf(u.KitaID), Disabled: u.Disabled(),
		HasPassword: u.PasswordHash != "", CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// ListUsers implements api.StrictServerInterface.
func (s *Server) ListUsers(ctx context.Context, r api.ListUsersRequestObject) (api.ListUsersResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, nil)
	if err != nil {
		return nil, err
	}
	list, err := s.accounts.Users(ctx, auth.UserFilter{Page: p, Q: deref(r.Params.Q), Role: access.Role(deref(r.Params.Role))})
	if err != nil {
		return nil, err
	}
	out := api.ListUsers200JSONResponse{Items: make([]api.User, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, u := range list.Items {
		out.Items[i] = userOut(u)
	}
	return out, nil
}

// CreateUser implements api.StrictServerInterface.
func (s *Server) CreateUser(ctx context.Context, r api.CreateUserRequestObject) (api.CreateUserResponseObject, error) {
	b := r.Body
	u, err := s.accounts.CreateUser(ctx, auth.NewUser{Email: string(b.Email), DisplayName: b.DisplayName, Role: access.Role(b.Role),
		YouthOfficeID: b.YouthOfficeId, KitaID: b.KitaId, Password: deref(b.Password)})
	if err != nil {
		return nil, err
	}
	return api.CreateUser201JSONResponse{Body: userOut(u),
		Headers: api.CreateUser201ResponseHeaders{ETag: etag(u.Version), Location: "/api/v1/users/" + u.ID.String()}}, nil
}

// GetUser implements api.StrictServerInterface.
func (s *Server) GetUser(ctx context.Context, r api.GetUserRequestObject) (api.GetUserResponseObject, error) {
	u, err := s.accounts.User(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetUser200JSONResponse{Body: userOut(u), Headers: api.GetUser200ResponseHeaders{ETag: etag(u.Version)}}, nil
}

// UpdateUser implements api.StrictServerInterface.
func (s *Server) UpdateUser(ctx context.Context, r api.UpdateUserRequestObject) (api.UpdateUserResponseObject, error) {
	b := r.Body
	u, err := s.accounts.UpdateUser(ctx, r.Id, ifMatch(r.Params.IfMatch), auth.UserPatch{DisplayName: b.DisplayName,
		Role: mapPtr[api.Role, access.Role](b.Role), YouthOfficeID: optional(b.YouthOfficeId), KitaID: optional(b.KitaId),
		Disabled: b.Disabled, Password: b.Password})
	if err != nil {
		return nil, err
	}
	return api.UpdateUser200JSONResponse{Body: userOut(u), Headers: api.UpdateUser200ResponseHeaders{ETag: etag(u.Version)}}, nil
}

// ListAudit implements api.StrictServerInterface.
func (s *Server) ListAudit(ctx context.Context, r api.ListAuditRequestObject) (api.ListAuditResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, nil)
	if err != nil {
		return nil, err
	}
	f := cert.AuditFilter{Page: p, Q: deref(r.Params.Q), ResourceType: string(deref(r.Params.ResourceType)),
		ResourceID: deref(r.Params.ResourceId), ActorID: r.Params.ActorId,
		NewestFirst: deref(r.Params.Order) == api.NewestFirst}
	f.From, f.FromDay = dayOrTime(r.Params.From)
	f.To, f.ToDay = dayOrTime(r.Params.To)
	list, err := s.svc.Audit.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := api.ListAudit200JSONResponse{Items: make([]api.AuditEntry, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, e := range list.Items {
		out.Items[i] = api.AuditEntry{Id: e.ID, At: e.At, ActorId: nullOf(e.ActorID), ActorRole: e.ActorRole, Action: e.Action,
			ResourceType: e.ResourceType, ResourceId: e.ResourceID, RequestId: e.RequestID,
			Before: nullMap(e.Before), After: nullMap(e.After)}
	}
	return out, nil
}

func nullMap(m map[string]any) nullable.Nullable[map[string]interface{}] {
	if m == nil {
		return nullable.NewNullNullable[map[string]interface{}]()
	}
	return nullable.NewNullableWithValue(m)
}
