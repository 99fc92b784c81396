package httpapi

import (
	"context"

	"github.com/oapi-codegen/nullable"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

func contactOut(c cert.Contact) api.Contact {
	created, updated, archived := timestamps(c.Meta)
	out := api.Contact{Id: c.ID, Version: c.Version, CreatedAt: created, UpdatedAt: updated, ArchivedAt: archived,
		Name: c.Name, Function: api.ContactFunction(c.Function), Salutation: salutationOut(c.Salutation), Title: c.Title,
		Email: nullable.NewNullNullable[openapi_types.Email](), Phone: nullable.NewNullNullable[string](),
		KitaId: nullOf(c.KitaID), ProviderId: nullOf(c.ProviderID), YouthOfficeId: nullOf(c.YouthOfficeID)}
	if !c.PersonalHidden {
		out.Email.Set(openapi_types.Email(c.Email))
		out.Phone.Set(c.Phone)
	}
	return out
}

// ListContacts implements api.StrictServerInterface.
func (s *Server) ListContacts(ctx context.Context, r api.ListContactsRequestObject) (api.ListContactsResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, r.Params.IncludeArchived)
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Contacts.List(ctx, cert.ContactFilter{Page: p, Q: deref(r.Params.Q), KitaID: r.Params.KitaId,
		ProviderID: r.Params.ProviderId, YouthOfficeID: r.Params.YouthOfficeId, Function: cert.ContactFunction(deref(r.Params.Function))})
	if err != nil {
		return nil, err
	}
	out := api.ListContacts200JSONResponse{Items: make([]api.Contact, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, c := range list.Items {
		out.Items[i] = contactOut(c)
	}
	return out, nil
}

// CreateContact implements api.StrictServerInterface.
func (s *Server) CreateContact(ctx context.Context, r api.CreateContactRequestObject) (api.CreateContactResponseObject, error) {
	b := r.Body
	c, err := s.svc.Contacts.Create(ctx, cert.Contact{Name: b.Name, Email: string(b.Email), Phone: deref(b.Phone),
		Function: cert.ContactFunction(b.Function), Salutation: salutationIn(optional(b.Salutation)), Title: deref(b.Title),
		KitaID: b.KitaId, ProviderID: b.ProviderId, YouthOfficeID: b.YouthOfficeId})
	if err != nil {
		return nil, err
	}
	return api.CreateContact201JSONResponse{Body: contactOut(c),
		Headers: api.CreateContact201ResponseHeaders{ETag: etag(c.Version), Location: "/api/v1/contacts/" + c.ID.String()}}, nil
}

// GetContact implements api.StrictServerInterface.
func (s *Server) GetContact(ctx context.Context, r api.GetContactRequestObject) (api.GetContactResponseObject, error) {
	c, err := s.svc.Contacts.Get(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetContact200JSONResponse{Body: contactOut(c), Headers: api.GetContact200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// UpdateContact implements api.StrictServerInterface.
func (s *Server) UpdateContact(ctx context.Context, r api.UpdateContactRequestObject) (api.UpdateContactResponseObject, error) {
	b := r.Body
	c, err := s.svc.Contacts.Update(ctx, r.Id, ifMatch(r.Params.IfMatch), cert.ContactPatch{
		Name: b.Name, Email: mapPtr[openapi_types.Email, string](b.Email), Phone: b.Phone,
		Function: mapPtr[api.ContactFunction, cert.ContactFunction](b.Function), Title: b.Title,
		Salutation: salutationPatch(optional(b.Salutation)),
		KitaID:     optional(b.KitaId), ProviderID: optional(b.ProviderId), YouthOfficeID: optional(b.YouthOfficeId)})
	if err != nil {
		return nil, err
	}
	return api.UpdateContact200JSONResponse{Body: contactOut(c), Headers: api.UpdateContact200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// ArchiveContact implements api.StrictServerInterface.
func (s *Server) ArchiveContact(ctx context.Context, r api.ArchiveContactRequestObject) (api.ArchiveContactResponseObject, error) {
	c, err := s.svc.Contacts.Archive(ctx, r.Id, ifMatch(r.Params.IfMatch))
	if err != nil {
		return nil, err
	}
	return api.ArchiveContact200JSONResponse{Body: contactOut(c), Headers: api.ArchiveContact200ResponseHeaders{ETag: etag(c.Version)}}, nil
}

// salutationOut is a contact's salutation in the API: null for none.
func salutationOut(s cert.Salutation) nullable.Nullable[api.Salutation] {
	out := nullable.NewNullNullable[api.Salutation]()
	if s != cert.SalutationNone {
		out.Set(api.Salutation(s))
	}
	return out
}

// salutationIn reads a salutation sent on create; absent or null is none.
func salutationIn(o cert.Optional[api.Salutation]) cert.Salutation {
	if o.Value == nil {
		return cert.SalutationNone
	}
	return cert.Salutation(*o.Value)
}

// salutationPatch reads a salutation sent in a PATCH; null sets none.
func salutationPatch(o cert.Optional[api.Salutation]) cert.Optional[cert.Salutation] {
	if !o.Set || o.Value == nil {
		return cert.Optional[cert.Salutation]{Set: o.Set}
	}
	v := cert.Salutation(*o.Value)
	return cert.Optional[cert.Salutation]{Set: true, Value: &v}
}
