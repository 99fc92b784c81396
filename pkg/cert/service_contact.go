package cert

import (
	"context"

	"github.com/google/uuid"
)

// CreateContact validates and stores a new contact; its owner must exist.
func (s *Service) CreateContact(ctx context.Context, c Contact) (Contact, error) {
	c.normalize()
	if err := c.Validate(); err != nil {
		return Contact{}, err
	}
	c.Meta = s.newMeta()
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkContactOwner(ctx, c); err != nil {
			return err
		}
		return s.store.CreateContact(ctx, &c)
	})
	return c, err
}

// checkContactOwner checks that the one owner of c exists and is not archived.
func (s *Service) checkContactOwner(ctx context.Context, c Contact) error {
	switch {
	case c.KitaID != nil:
		k, err := s.store.Kita(ctx, *c.KitaID)
		return requireActive(err, k.Archived(), "kita_id", "Die Kita")
	case c.ProviderID != nil:
		p, err := s.store.Provider(ctx, *c.ProviderID)
		return requireActive(err, p.Archived(), "provider_id", "Der Träger")
	case c.YouthOfficeID != nil:
		o, err := s.store.YouthOffice(ctx, *c.YouthOfficeID)
		return requireActive(err, o.Archived(), "youth_office_id", "Das Jugendamt")
	}
	return nil
}

// Contact returns one contact.
func (s *Service) Contact(ctx context.Context, id uuid.UUID) (Contact, error) {
	return s.store.Contact(ctx, id)
}

// Contacts lists contacts.
func (s *Service) Contacts(ctx context.Context, f ContactFilter) (List[Contact], error) {
	return s.store.Contacts(ctx, f)
}

// UpdateContact applies a patch; m must name the current version.
func (s *Service) UpdateContact(ctx context.Context, id uuid.UUID, m IfMatch, p ContactPatch) (Contact, error) {
	return change(ctx, s, id, m, true, s.store.Contact, func(ctx context.Context, cur Contact) (Contact, error) {
		if cur.Archived() {
			return cur, errArchived("Die Ansprechperson")
		}
		next := p.Apply(cur)
		next.normalize()
		if err := next.Validate(); err != nil {
			return cur, err
		}
		if p.KitaID.Set || p.ProviderID.Set || p.YouthOfficeID.Set {
			return next, s.checkContactOwner(ctx, next)
		}
		return next, nil
	}, s.store.UpdateContact)
}

// ArchiveContact archives a contact.
func (s *Service) ArchiveContact(ctx context.Context, id uuid.UUID, m IfMatch) (Contact, error) {
	return change(ctx, s, id, m, false, s.store.Contact, func(_ context.Context, cur Contact) (Contact, error) {
		return cur, s.archive(&cur.Meta)
	}, s.store.UpdateContact)
}
