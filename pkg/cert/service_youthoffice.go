package cert

import (
	"context"

	"github.com/google/uuid"
)

// CreateYouthOffice validates and stores a new youth office.
func (s *Service) CreateYouthOffice(ctx context.Context, o YouthOffice) (YouthOffice, error) {
	o.normalize()
	if err := o.Validate(); err != nil {
		return YouthOffice{}, err
	}
	o.Meta = s.newMeta()
	return o, s.store.CreateYouthOffice(ctx, &o)
}

// YouthOffice returns one youth office.
func (s *Service) YouthOffice(ctx context.Context, id uuid.UUID) (YouthOffice, error) {
	return s.store.YouthOffice(ctx, id)
}

// YouthOffices lists youth offices.
func (s *Service) YouthOffices(ctx context.Context, f YouthOfficeFilter) (List[YouthOffice], error) {
	return s.store.YouthOffices(ctx, f)
}

// UpdateYouthOffice applies a patch; m must name the current version.
func (s *Service) UpdateYouthOffice(ctx context.Context, id uuid.UUID, m IfMatch, p YouthOfficePatch) (YouthOffice, error) {
	return change(ctx, s, id, m, true, s.store.YouthOffice, func(_ context.Context, cur YouthOffice) (YouthOffice, error) {
		if cur.Archived() {
			return cur, errArchived("Das Jugendamt")
		}
		next := p.Apply(cur)
		next.normalize()
		return next, next.Validate()
	}, s.store.UpdateYouthOffice)
}

// ArchiveYouthOffice archives a youth office that no active Kita or contact refers to.
func (s *Service) ArchiveYouthOffice(ctx context.Context, id uuid.UUID, m IfMatch) (YouthOffice, error) {
	return change(ctx, s, id, m, false, s.store.YouthOffice, func(ctx context.Context, cur YouthOffice) (YouthOffice, error) {
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
	}, s.store.UpdateYouthOffice)
}
