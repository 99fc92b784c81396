package cert

import (
	"context"

	"github.com/google/uuid"
)

// CreateProvider validates and stores a new provider.
func (s *Service) CreateProvider(ctx context.Context, p Provider) (Provider, error) {
	p.normalize()
	if err := p.Validate(); err != nil {
		return Provider{}, err
	}
	p.Meta = s.newMeta()
	return p, s.store.CreateProvider(ctx, &p)
}

// Provider returns one provider.
func (s *Service) Provider(ctx context.Context, id uuid.UUID) (Provider, error) {
	return s.store.Provider(ctx, id)
}

// Providers lists providers.
func (s *Service) Providers(ctx context.Context, f ProviderFilter) (List[Provider], error) {
	return s.store.Providers(ctx, f)
}

// UpdateProvider applies a patch; m must name the current version.
func (s *Service) UpdateProvider(ctx context.Context, id uuid.UUID, m IfMatch, p ProviderPatch) (Provider, error) {
	return change(ctx, s, id, m, true, s.store.Provider, func(_ context.Context, cur Provider) (Provider, error) {
		if cur.Archived() {
			return cur, errArchived("Der Träger")
		}
		next := p.Apply(cur)
		next.normalize()
		return next, next.Validate()
	}, s.store.UpdateProvider)
}

// ArchiveProvider archives a provider that no active Kita or contact refers to.
func (s *Service) ArchiveProvider(ctx context.Context, id uuid.UUID, m IfMatch) (Provider, error) {
	return change(ctx, s, id, m, false, s.store.Provider, func(ctx context.Context, cur Provider) (Provider, error) {
		if err := s.archive(&cur.Meta); err != nil {
			return cur, err
		}
		kitas, err := s.store.Kitas(ctx, KitaFilter{Page: one, ProviderID: &id})
		if err != nil {
			return cur, err
		}
		if len(kitas.Items) > 0 {
			return cur, Errorf(ECONFLICT, "Der Träger führt noch Kitas; bitte zuerst umziehen oder archivieren.")
		}
		contacts, err := s.store.Contacts(ctx, ContactFilter{Page: one, ProviderID: &id})
		if err != nil {
			return cur, err
		}
		if len(contacts.Items) > 0 {
			return cur, Errorf(ECONFLICT, "Dem Träger sind noch Ansprechpersonen zugeordnet; bitte zuerst archivieren.")
		}
		return cur, nil
	}, s.store.UpdateProvider)
}
