package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// ContactsStore is what Contacts needs from persistence: the contacts and their owners.
type ContactsStore interface {
	ContactStore
	Kita(ctx context.Context, id uuid.UUID) (Kita, error)
	Provider(ctx context.Context, id uuid.UUID) (Provider, error)
	YouthOffice(ctx context.Context, id uuid.UUID) (YouthOffice, error)
}

// Contacts keeps the contact persons of Kitas, providers and youth offices.
type Contacts struct {
	core
	store ContactsStore
}

func newContacts(c core, store ContactsStore) *Contacts {
	return &Contacts{core: c, store: store}
}

// contactRelated uses the owner's youth office that the store derived when it loaded c.
func contactRelated(c Contact) access.Related {
	var r access.Related
	if c.OwnerYouthOfficeID != nil {
		r.YouthOfficeIDs = []uuid.UUID{*c.OwnerYouthOfficeID}
	}
	if c.KitaID != nil {
		r.KitaIDs = []uuid.UUID{*c.KitaID}
	}
	return r
}

// ownerField names the owner field that places a contact.
func ownerField(c Contact) string {
	switch {
	case c.ProviderID != nil:
		return "provider_id"
	case c.YouthOfficeID != nil:
		return "youth_office_id"
	}
	return "kita_id"
}

// Create validates and stores a new contact; its owner must exist and, for roles
// limited to their own scope, lie inside it.
func (s *Contacts) Create(ctx context.Context, c Contact) (Contact, error) {
	if err := mayCreateAny(ctx, access.ContactWrite); err != nil {
		return Contact{}, err
	}
	c.normalize()
	if err := c.Validate(); err != nil {
		return Contact{}, err
	}
	c.Meta = s.newMeta()
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkContactOwner(ctx, &c); err != nil {
			return err
		}
		if err := stayInScope(ctx, access.ContactWrite, contactRelated(c), ownerField(c)); err != nil {
			return err
		}
		if err := s.store.CreateContact(ctx, &c); err != nil {
			return err
		}
		return s.audit(ctx, "create", "contact", c.ID, nil, c.auditFields())
	})
	return s.redact(ctx, c), err
}

// checkContactOwner checks that the one owner of c exists and is not archived, and sets
// the derived OwnerYouthOfficeID.
func (s *Contacts) checkContactOwner(ctx context.Context, c *Contact) error {
	c.OwnerYouthOfficeID = nil
	switch {
	case c.KitaID != nil:
		k, err := s.store.Kita(ctx, *c.KitaID)
		c.OwnerYouthOfficeID = &k.YouthOfficeID
		return requireActive(err, k.Archived(), "kita_id", "Die Kita")
	case c.ProviderID != nil:
		p, err := s.store.Provider(ctx, *c.ProviderID)
		return requireActive(err, p.Archived(), "provider_id", "Der Träger")
	case c.YouthOfficeID != nil:
		o, err := s.store.YouthOffice(ctx, *c.YouthOfficeID)
		c.OwnerYouthOfficeID = c.YouthOfficeID
		return requireActive(err, o.Archived(), "youth_office_id", "Das Jugendamt")
	}
	return nil
}

// redact hides e-mail and phone from roles that do not need them.
func (s *Contacts) redact(ctx context.Context, c Contact) Contact {
	p, _ := access.From(ctx)
	if !p.Can(access.ContactPersonal, contactRelated(c)) {
		c.Email, c.Phone, c.PersonalHidden = "", "", true
	}
	return c
}

// Get returns one contact; e-mail and phone only for roles that need them.
func (s *Contacts) Get(ctx context.Context, id uuid.UUID) (Contact, error) {
	c, err := s.store.Contact(ctx, id)
	if err != nil {
		return Contact{}, err
	}
	if err := mayRead(ctx, access.ContactRead, contactRelated(c)); err != nil {
		return Contact{}, err
	}
	return s.redact(ctx, c), nil
}

// List lists the contacts the caller may see.
func (s *Contacts) List(ctx context.Context, f ContactFilter) (List[Contact], error) {
	scope, err := listFilter(ctx, access.ContactRead)
	if err != nil || scope.Nothing {
		return List[Contact]{}, err
	}
	f.Scope = scope
	list, err := s.store.Contacts(ctx, f)
	for i := range list.Items {
		list.Items[i] = s.redact(ctx, list.Items[i])
	}
	return list, err
}

// selfServiceFields are what a Kita leader may change of their own Kita's contacts.
func (p ContactPatch) nonSelfServiceFields() []string {
	var out []string
	if p.Function != nil {
		out = append(out, "function")
	}
	if p.KitaID.Set {
		out = append(out, "kita_id")
	}
	if p.ProviderID.Set {
		out = append(out, "provider_id")
	}
	if p.YouthOfficeID.Set {
		out = append(out, "youth_office_id")
	}
	return out
}

func (s *Contacts) op(action string, guard func(context.Context, Contact) error, mutate func(context.Context, Contact) (Contact, error)) op[Contact] {
	return op[Contact]{kind: "contact", action: action, load: s.store.Contact, save: s.store.UpdateContact,
		fields: Contact.auditFields, mutate: mutate, guard: guard}
}

// Update applies a patch; m must name the current version. Roles with self-service
// only (Kita leaders) may change name, e-mail and phone; other fields are refused by name.
func (s *Contacts) Update(ctx context.Context, id uuid.UUID, m IfMatch, p ContactPatch) (Contact, error) {
	guard := func(ctx context.Context, cur Contact) error {
		r := contactRelated(cur)
		if err := mayRead(ctx, access.ContactRead, r); err != nil {
			return err
		}
		pr, _ := principal(ctx)
		switch {
		case pr.Can(access.ContactWrite, r):
			return nil
		case pr.Can(access.ContactSelfService, r):
			var v Validation
			for _, f := range p.nonSelfServiceFields() {
				v.Add(f, "Dieses Feld dürfen Sie nicht ändern.")
			}
			return v.Err()
		}
		return ErrForbidden
	}
	c, err := change(ctx, &s.core, id, m, true, s.op("update", guard, func(ctx context.Context, cur Contact) (Contact, error) {
		if cur.Archived() {
			return cur, errArchived("Die Ansprechperson")
		}
		next := p.Apply(cur)
		next.normalize()
		if err := next.Validate(); err != nil {
			return cur, err
		}
		if p.KitaID.Set || p.ProviderID.Set || p.YouthOfficeID.Set {
			if err := s.checkContactOwner(ctx, &next); err != nil {
				return cur, err
			}
			if err := stayInScope(ctx, access.ContactWrite, contactRelated(next), ownerField(next)); err != nil {
				return cur, err
			}
		}
		return next, nil
	}))
	return s.redact(ctx, c), err
}

// Archive archives a contact.
func (s *Contacts) Archive(ctx context.Context, id uuid.UUID, m IfMatch) (Contact, error) {
	guard := func(ctx context.Context, cur Contact) error {
		return mayWrite(ctx, access.ContactRead, access.ContactWrite, contactRelated(cur))
	}
	c, err := change(ctx, &s.core, id, m, false, s.op("archive", guard, func(_ context.Context, cur Contact) (Contact, error) {
		return cur, s.archive(&cur.Meta)
	}))
	return s.redact(ctx, c), err
}
