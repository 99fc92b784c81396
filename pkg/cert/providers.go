package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// ProvidersStore is what Providers needs from persistence: the providers, and the Kitas
// and contacts that still refer to one to archive.
type ProvidersStore interface {
	ProviderStore
	Kitas(ctx context.Context, f KitaFilter) (List[Kita], error)
	Contacts(ctx context.Context, f ContactFilter) (List[Contact], error)
}

// Providers keeps the providers (Träger) of Kitas.
type Providers struct {
	core
	store ProvidersStore
}

func newProviders(c core, store ProvidersStore) *Providers {
	return &Providers{core: c, store: store}
}

// Create validates and stores a new provider.
func (s *Providers) Create(ctx context.Context, p Provider) (Provider, error) {
	if err := mayCreate(ctx, access.ProviderWrite, access.Related{}, "name"); err != nil {
		return Provider{}, err
	}
	p.normalize()
	if err := p.Validate(); err != nil {
		return Provider{}, err
	}
	p.Meta = s.newMeta()
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateProvider(ctx, &p); err != nil {
			return err
		}
		return s.audit(ctx, "create", "provider", p.ID, nil, p.auditFields())
	})
	return p, err
}

// Get returns one provider.
func (s *Providers) Get(ctx context.Context, id uuid.UUID) (Provider, error) {
	p, err := s.store.Provider(ctx, id)
	if err != nil {
		return Provider{}, err
	}
	return p, mayRead(ctx, access.ProviderRead, access.Related{})
}

// List lists providers.
func (s *Providers) List(ctx context.Context, f ProviderFilter) (List[Provider], error) {
	scope, err := listFilter(ctx, access.ProviderRead)
	if err != nil || scope.Nothing {
		return List[Provider]{}, err
	}
	return s.store.Providers(ctx, f)
}

func (s *Providers) op(action string, mutate func(context.Context, Provider) (Provider, error)) op[Provider] {
	return op[Provider]{kind: "provider", action: action, load: s.store.Provider, save: s.store.UpdateProvider,
		fields: Provider.auditFields, mutate: mutate,
		guard: func(ctx context.Context, _ Provider) error {
			return mayWrite(ctx, access.ProviderRead, access.ProviderWrite, access.Related{})
		}}
}

// Update applies a patch; m must name the current version.
func (s *Providers) Update(ctx context.Context, id uuid.UUID, m IfMatch, p ProviderPatch) (Provider, error) {
	return change(ctx, &s.core, id, m, true, s.op("update", func(_ context.Context, cur Provider) (Provider, error) {
		if cur.Archived() {
			return cur, errArchived("Der Träger")
		}
		next := p.Apply(cur)
		next.normalize()
		return next, next.Validate()
	}))
}

// Archive archives a provider that no active Kita or contact refers to.
func (s *Providers) Archive(ctx context.Context, id uuid.UUID, m IfMatch) (Provider, error) {
	return change(ctx, &s.core, id, m, false, s.op("archive", func(ctx context.Context, cur Provider) (Provider, error) {
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
