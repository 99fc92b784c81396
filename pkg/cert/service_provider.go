package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// CreateProvider validates and stores a new provider.
func (s *Service) CreateProvider(ctx context.Context, p Provider) (Provider, error) {
	if err := mayCreate(ctx, access.ProviderWrite, access.Related{}, "name"); err != nil {
		return Provider{}, err
	}
	p.normalize()
	if err := p.Validate(); err != nil {
		return Provider{}, err
	}
	p.Meta = s.newMeta()
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateProvider(ctx, &p); err != nil {
			return err
		}
		return s.audit(ctx, "create", "provider", p.ID, nil, p.auditFields())
	})
	return p, err
}

// Provider returns one provider.
func (s *Service) Provider(ctx context.Context, id uuid.UUID) (Provider, error) {
	p, err := s.store.Provider(ctx, id)
	if err != nil {
		return Provider{}, err
	}
	return p, mayRead(ctx, access.ProviderRead, access.Related{})
}

// Providers lists providers.
func (s *Service) Providers(ctx context.Context, f ProviderFilter) (List[Provider], error) {
	scope, err := listFilter(ctx, access.ProviderRead)
	if err != nil || scope.Nothing {
		return List[Provider]{}, err
	}
	return s.store.Providers(ctx, f)
}

func (s *Service) providerOp(action string, mutate func(context.Context, Provider) (Provider, error)) op[Provider] {
	return op[Provider]{kind: "provider", action: action, load: s.store.Provider, save: s.store.UpdateProvider,
		fields: Provider.auditFields, mutate: mutate,
		guard: func(ctx context.Context, _ Provider) error {
			return mayWrite(ctx, access.ProviderRead, access.ProviderWrite, access.Related{})
		}}
}

// UpdateProvider applies a patch; m must name the current version.
func (s *Service) UpdateProvider(ctx context.Context, id uuid.UUID, m IfMatch, p ProviderPatch) (Provider, error) {
	return change(ctx, s, id, m, true, s.providerOp("update", func(_ context.Context, cur Provider) (Provider, error) {
		if cur.Archived() {
			return cur, errArchived("Der Träger")
		}
		next := p.Apply(cur)
		next.normalize()
		return next, next.Validate()
	}))
}

// ArchiveProvider archives a provider that no active Kita or contact refers to.
func (s *Service) ArchiveProvider(ctx context.Context, id uuid.UUID, m IfMatch) (Provider, error) {
	return change(ctx, s, id, m, false, s.providerOp("archive", func(ctx context.Context, cur Provider) (Provider, error) {
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
	}))
}
