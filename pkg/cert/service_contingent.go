package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

func contingentRelated(c Contingent) access.Related {
	return access.Related{YouthOfficeIDs: []uuid.UUID{c.YouthOfficeID}}
}

// CreateContingent sets the places of a youth office for a kindergarten year that is not
// over (contingents come from the ministry's decree: coordinators write them).
func (s *Service) CreateContingent(ctx context.Context, c Contingent) (Contingent, error) {
	if err := mayCreateAny(ctx, access.ContingentWrite); err != nil {
		return Contingent{}, err
	}
	var v Validation
	v.Check(c.Places >= 0, "places", "Darf nicht negativ sein.")
	v.Check(int(c.Year) >= minYear && int(c.Year) < maxYear, "kindergarten_year", "Ungültiges Kindergartenjahr.")
	checkYearNotOver(&v, c.Year, s.Today(), "Kontingente gelten für das laufende oder ein künftiges Kindergartenjahr.")
	if err := v.Err(); err != nil {
		return Contingent{}, err
	}
	c.Meta, c.CarriedOver, c.Used = s.newMeta(), 0, 0
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		o, err := s.store.YouthOffice(ctx, c.YouthOfficeID)
		if err := requireActive(err, o.Archived(), "youth_office_id", "Das Jugendamt"); err != nil {
			return err
		}
		if err := stayInScope(ctx, access.ContingentWrite, contingentRelated(c), "youth_office_id"); err != nil {
			return err
		}
		if err := s.store.CreateContingent(ctx, &c); err != nil {
			return err
		}
		return s.audit(ctx, "create", "contingent", c.ID, nil, c.auditFields())
	})
	return c, err
}

func (c Contingent) auditFields() map[string]any {
	return map[string]any{"youth_office_id": c.YouthOfficeID.String(), "kindergarten_year": c.Year.String(),
		"places": c.Places, "carried_over": c.CarriedOver}
}

// Contingent returns one contingent with its used places.
func (s *Service) Contingent(ctx context.Context, id uuid.UUID) (Contingent, error) {
	c, err := s.store.Contingent(ctx, id)
	if err != nil {
		return Contingent{}, err
	}
	return c, mayRead(ctx, access.ContingentRead, contingentRelated(c))
}

// Contingents lists the contingents the caller may see.
func (s *Service) Contingents(ctx context.Context, f ContingentFilter) (List[Contingent], error) {
	scope, err := listFilter(ctx, access.ContingentRead)
	if err != nil || scope.Nothing {
		return List[Contingent]{}, err
	}
	if scope.Kita != nil {
		return List[Contingent]{}, nil
	}
	f.Scope = scope.YouthOffice
	return s.store.Contingents(ctx, f)
}

// UpdateContingent changes the number of places; never below the places used, and not
// once the kindergarten year is over.
func (s *Service) UpdateContingent(ctx context.Context, id uuid.UUID, m IfMatch, places int) (Contingent, error) {
	var out Contingent
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.Contingent(ctx, id)
		if err != nil {
			return err
		}
		if err := mayWrite(ctx, access.ContingentRead, access.ContingentWrite, contingentRelated(cur)); err != nil {
			return err
		}
		if err := m.check(cur.Version, true); err != nil {
			return err
		}
		// Lock the row (as nominations do) and count the used places under the lock.
		if cur, err = s.store.ContingentFor(ctx, cur.YouthOfficeID, cur.Year); err != nil {
			return err
		}
		var over Validation
		checkYearNotOver(&over, cur.Year, s.Today(), "Sein Kontingent wird nicht mehr geändert.")
		if f := over.fields; len(f) > 0 {
			return Conflict(f[0].Field, f[0].Message)
		}
		if places < 0 {
			return &Error{Code: EINVALID, Message: "Darf nicht negativ sein.", Fields: []FieldError{{"places", "Darf nicht negativ sein."}}}
		}
		if places < cur.Used {
			return Conflict("places", placesMsg(cur)+" Weniger Plätze als belegt sind nicht möglich.")
		}
		next := cur
		next.Places, next.UpdatedAt = places, s.now()
		if err := s.store.UpdateContingent(ctx, &next); err != nil {
			return err
		}
		out = next
		return s.audit(ctx, "update", "contingent", id, cur.auditFields(), next.auditFields())
	})
	return out, err
}

func placesMsg(c Contingent) string {
	return "Im Kontingent " + c.Year.String() + " sind " + itoa(c.Used) + " von " + itoa(c.Places) + " Plätzen belegt."
}
