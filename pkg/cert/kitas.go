package cert

import (
	"context"
	"sort"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// KitasStore is what Kitas needs from persistence: the Kitas, their provider and youth
// office, and the membership and contacts that keep one from being archived.
type KitasStore interface {
	KitaStore
	Provider(ctx context.Context, id uuid.UUID) (Provider, error)
	YouthOffice(ctx context.Context, id uuid.UUID) (YouthOffice, error)
	ActiveMembership(ctx context.Context, kitaID uuid.UUID) (Membership, error)
	Contacts(ctx context.Context, f ContactFilter) (List[Contact], error)
}

// Kitas keeps the Kitas.
type Kitas struct {
	core
	store KitasStore
}

func newKitas(c core, store KitasStore) *Kitas {
	return &Kitas{core: c, store: store}
}

func kitaRelated(k Kita) access.Related {
	return access.Related{YouthOfficeIDs: []uuid.UUID{k.YouthOfficeID}, KitaIDs: []uuid.UUID{k.ID}}
}

// Create validates and stores a new Kita; its provider and youth office must exist.
// A youth office planner may create Kitas of their own youth office only.
func (s *Kitas) Create(ctx context.Context, k Kita) (Kita, error) {
	if err := mayCreate(ctx, access.KitaWrite, kitaRelated(k), "youth_office_id"); err != nil {
		return Kita{}, err
	}
	k.normalize()
	if err := k.Validate(); err != nil {
		return Kita{}, err
	}
	k.Meta = s.newMeta()
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkKitaRefs(ctx, k, Kita{}); err != nil {
			return err
		}
		if err := s.store.CreateKita(ctx, &k); err != nil {
			return err
		}
		return s.audit(ctx, "create", "kita", k.ID, nil, k.auditFields())
	})
	return k, err
}

// checkKitaRefs checks the provider and youth office of next where they differ from prev.
func (s *Kitas) checkKitaRefs(ctx context.Context, next, prev Kita) error {
	if next.ProviderID != prev.ProviderID {
		p, err := s.store.Provider(ctx, next.ProviderID)
		if err := requireActive(err, p.Archived(), "provider_id", "Der Träger"); err != nil {
			return err
		}
	}
	if next.YouthOfficeID != prev.YouthOfficeID {
		o, err := s.store.YouthOffice(ctx, next.YouthOfficeID)
		if err := requireActive(err, o.Archived(), "youth_office_id", "Das Jugendamt"); err != nil {
			return err
		}
	}
	return nil
}

// Get returns one Kita.
func (s *Kitas) Get(ctx context.Context, id uuid.UUID) (Kita, error) {
	k, err := s.store.Kita(ctx, id)
	if err != nil {
		return Kita{}, err
	}
	return k, mayRead(ctx, access.KitaRead, kitaRelated(k))
}

// List lists the Kitas the caller may see.
func (s *Kitas) List(ctx context.Context, f KitaFilter) (List[Kita], error) {
	scope, err := listFilter(ctx, access.KitaRead)
	if err != nil || scope.Nothing {
		return List[Kita]{}, err
	}
	f.Scope = scope
	return s.store.Kitas(ctx, f)
}

func (s *Kitas) op(action string, guard func(context.Context, Kita) error, mutate func(context.Context, Kita) (Kita, error)) op[Kita] {
	if guard == nil {
		guard = func(ctx context.Context, cur Kita) error {
			return mayWrite(ctx, access.KitaRead, access.KitaWrite, kitaRelated(cur))
		}
	}
	return op[Kita]{kind: "kita", action: action, load: s.store.Kita, save: s.store.UpdateKita,
		fields: Kita.auditFields, mutate: mutate, guard: guard}
}

// nonSelfServiceFields names the sent fields that a Kita leader may not change: everything
// but the address and the district.
func (p KitaPatch) nonSelfServiceFields() []string {
	var out []string
	for f, set := range map[string]bool{"name": p.Name != nil, "provider_id": p.ProviderID != nil,
		"youth_office_id": p.YouthOfficeID != nil, "kibiz_id": p.KibizID.Set} {
		if set {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// Update applies a patch; m must name the current version. Roles with self-service
// only (Kita leaders) may change the address and the district of their Kita; other fields
// are refused by name and nothing changes.
func (s *Kitas) Update(ctx context.Context, id uuid.UUID, m IfMatch, p KitaPatch) (Kita, error) {
	guard := func(ctx context.Context, cur Kita) error {
		r := kitaRelated(cur)
		if err := mayRead(ctx, access.KitaRead, r); err != nil {
			return err
		}
		pr, _ := principal(ctx)
		switch {
		case pr.Can(access.KitaWrite, r):
			return nil
		case pr.Can(access.KitaSelfService, r):
			var v Validation
			for _, f := range p.nonSelfServiceFields() {
				v.Add(f, "Dieses Feld dürfen Sie nicht ändern.")
			}
			return v.Err()
		}
		return ErrForbidden
	}
	return change(ctx, &s.core, id, m, true, s.op("update", guard, func(ctx context.Context, cur Kita) (Kita, error) {
		if cur.Archived() {
			return cur, errArchived("Die Kita")
		}
		next := p.Apply(cur)
		next.normalize()
		if err := next.Validate(); err != nil {
			return cur, err
		}
		if err := stayInScope(ctx, access.KitaWrite, kitaRelated(next), "youth_office_id"); err != nil {
			return cur, err
		}
		return next, s.checkKitaRefs(ctx, next, cur)
	}))
}

// Archive archives a Kita that is in no active center and has no active contacts.
func (s *Kitas) Archive(ctx context.Context, id uuid.UUID, m IfMatch) (Kita, error) {
	return change(ctx, &s.core, id, m, false, s.op("archive", nil, func(ctx context.Context, cur Kita) (Kita, error) {
		if err := s.archive(&cur.Meta); err != nil {
			return cur, err
		}
		switch _, err := s.store.ActiveMembership(ctx, id); ErrorCode(err) {
		case ENOTFOUND:
		case "":
			return cur, Errorf(ECONFLICT, "Die Kita gehört noch zu einem Familienzentrum; bitte zuerst dort austragen.")
		default:
			return cur, err
		}
		contacts, err := s.store.Contacts(ctx, ContactFilter{Page: one, KitaID: &id})
		if err != nil {
			return cur, err
		}
		if len(contacts.Items) > 0 {
			return cur, Errorf(ECONFLICT, "Der Kita sind noch Ansprechpersonen zugeordnet; bitte zuerst archivieren.")
		}
		return cur, nil
	}))
}
