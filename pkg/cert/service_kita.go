package cert

import (
	"context"

	"github.com/google/uuid"
)

// CreateKita validates and stores a new Kita; its provider and youth office must exist.
func (s *Service) CreateKita(ctx context.Context, k Kita) (Kita, error) {
	k.normalize()
	if err := k.Validate(); err != nil {
		return Kita{}, err
	}
	k.Meta = s.newMeta()
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkKitaRefs(ctx, k, Kita{}); err != nil {
			return err
		}
		return s.store.CreateKita(ctx, &k)
	})
	return k, err
}

// checkKitaRefs checks the provider and youth office of next where they differ from prev.
func (s *Service) checkKitaRefs(ctx context.Context, next, prev Kita) error {
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

// Kita returns one Kita.
func (s *Service) Kita(ctx context.Context, id uuid.UUID) (Kita, error) {
	return s.store.Kita(ctx, id)
}

// Kitas lists Kitas.
func (s *Service) Kitas(ctx context.Context, f KitaFilter) (List[Kita], error) {
	return s.store.Kitas(ctx, f)
}

// UpdateKita applies a patch; m must name the current version.
func (s *Service) UpdateKita(ctx context.Context, id uuid.UUID, m IfMatch, p KitaPatch) (Kita, error) {
	return change(ctx, s, id, m, true, s.store.Kita, func(ctx context.Context, cur Kita) (Kita, error) {
		if cur.Archived() {
			return cur, errArchived("Die Kita")
		}
		next := p.Apply(cur)
		next.normalize()
		if err := next.Validate(); err != nil {
			return cur, err
		}
		return next, s.checkKitaRefs(ctx, next, cur)
	}, s.store.UpdateKita)
}

// ArchiveKita archives a Kita that is in no active center.
func (s *Service) ArchiveKita(ctx context.Context, id uuid.UUID, m IfMatch) (Kita, error) {
	return change(ctx, s, id, m, false, s.store.Kita, func(ctx context.Context, cur Kita) (Kita, error) {
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
	}, s.store.UpdateKita)
}
