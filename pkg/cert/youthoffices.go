package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// YouthOfficesStore is what YouthOffices needs from persistence: the offices, and the
// Kitas and contacts that still refer to one to archive.
type YouthOfficesStore interface {
	YouthOfficeStore
	Kitas(ctx context.Context, f KitaFilter) (List[Kita], error)
	Contacts(ctx context.Context, f ContactFilter) (List[Contact], error)
}

// YouthOffices keeps the youth offices (Jugendämter).
type YouthOffices struct {
	core
	store YouthOfficesStore
}

func newYouthOffices(c core, store YouthOfficesStore) *YouthOffices {
	return &YouthOffices{core: c, store: store}
}

func youthOfficeRelated(o YouthOffice) access.Related {
	return access.Related{YouthOfficeIDs: []uuid.UUID{o.ID}}
}

// Create validates and stores a new youth office.
func (s *YouthOffices) Create(ctx context.Context, o YouthOffice) (YouthOffice, error) {
	if err := mayCreate(ctx, access.YouthOfficeWrite, access.Related{}, "code"); err != nil {
		return YouthOffice{}, err
	}
	o.normalize()
	if err := o.Validate(); err != nil {
		return YouthOffice{}, err
	}
	o.Meta = s.newMeta()
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateYouthOffice(ctx, &o); err != nil {
			return err
		}
		return s.audit(ctx, "create", "youth_office", o.ID, nil, o.auditFields())
	})
	return o, err
}

// Get returns one youth office.
func (s *YouthOffices) Get(ctx context.Context, id uuid.UUID) (YouthOffice, error) {
	o, err := s.store.YouthOffice(ctx, id)
	if err != nil {
		return YouthOffice{}, err
	}
	return o, mayRead(ctx, access.YouthOfficeRead, youthOfficeRelated(o))
}

// List lists youth offices.
func (s *YouthOffices) List(ctx context.Context, f YouthOfficeFilter) (List[YouthOffice], error) {
	scope, err := listFilter(ctx, access.YouthOfficeRead)
	if err != nil || scope.Nothing {
		return List[YouthOffice]{}, err
	}
	return s.store.YouthOffices(ctx, f)
}

func (s *YouthOffices) op(action string, mutate func(context.Context, YouthOffice) (YouthOffice, error)) op[YouthOffice] {
	return op[YouthOffice]{kind: "youth_office", action: action, load: s.store.YouthOffice, save: s.store.UpdateYouthOffice,
		fields: YouthOffice.auditFields, mutate: mutate,
		guard: func(ctx context.Context, cur YouthOffice) error {
			return mayWrite(ctx, access.YouthOfficeRead, access.YouthOfficeWrite, youthOfficeRelated(cur))
		}}
}

// Update applies a patch; m must name the current version.
func (s *YouthOffices) Update(ctx context.Context, id uuid.UUID, m IfMatch, p YouthOfficePatch) (YouthOffice, error) {
	return change(ctx, &s.core, id, m, true, s.op("update", func(_ context.Context, cur YouthOffice) (YouthOffice, error) {
		if cur.Archived() {
			return cur, errArchived("Das Jugendamt")
		}
		next := p.Apply(cur)
		next.normalize()
		return next, next.Validate()
	}))
}

// Archive archives a youth office that no active Kita or contact refers to.
func (s *YouthOffices) Archive(ctx context.Context, id uuid.UUID, m IfMatch) (YouthOffice, error) {
	return change(ctx, &s.core, id, m, false, s.op("archive", func(ctx context.Context, cur YouthOffice) (YouthOffice, error) {
		if err := s.archive(&cur.Meta); err != nil {
			return cur, err
		}
		kitas, err := s.store.Kitas(ctx, KitaFilter{Page: one, YouthOfficeID: &id})
		if err != nil {
			return cur, err
		}
		if len(kitas.Items) > 0 {
			return cur, Errorf(ECONFLICT, "Dem Jugendamt sind noch Kitas zugeordnet; bitte zuerst umziehen oder archivieren.")
		}
		contacts, err := s.store.Contacts(ctx, ContactFilter{Page: one, YouthOfficeID: &id})
		if err != nil {
			return cur, err
		}
		if len(contacts.Items) > 0 {
			return cur, Errorf(ECONFLICT, "Dem Jugendamt sind noch Ansprechpersonen zugeordnet; bitte zuerst archivieren.")
		}
		return cur, nil
	}))
}
