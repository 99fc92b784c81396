package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// ContingentsStore is what Contingents needs from persistence: the contingents and the
// youth offices they belong to.
type ContingentsStore interface {
	ContingentStore
	YouthOffice(ctx context.Context, id uuid.UUID) (YouthOffice, error)
}

// Contingents keeps the places each youth office may nominate per kindergarten year.
type Contingents struct {
	core
	store ContingentsStore
}

func newContingents(c core, store ContingentsStore) *Contingents {
	return &Contingents{core: c, store: store}
}

func contingentRelated(c Contingent) access.Related {
	return access.Related{YouthOfficeIDs: []uuid.UUID{c.YouthOfficeID}}
}

// Create sets the places of a youth office for a kindergarten year that is not
// over (contingents come from the ministry's decree: coordinators write them).
func (s *Contingents) Create(ctx context.Context, c Contingent) (Contingent, error) {
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
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
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

// Get returns one contingent with its used places.
func (s *Contingents) Get(ctx context.Context, id uuid.UUID) (Contingent, error) {
	c, err := s.store.Contingent(ctx, id)
	if err != nil {
		return Contingent{}, err
	}
	return c, mayRead(ctx, access.ContingentRead, contingentRelated(c))
}

// List lists the contingents the caller may see.
func (s *Contingents) List(ctx context.Context, f ContingentFilter) (List[Contingent], error) {
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

// Update changes the number of places; never below the places used, and not
// once the kindergarten year is over.
func (s *Contingents) Update(ctx context.Context, id uuid.UUID, m IfMatch, places int) (Contingent, error) {
	var out Contingent
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
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

// takePlace checks that the contingent of an office and year has a free place; the
// contingent row stays locked until the transaction ends, so two nominations cannot take
// the last place at once.
func (s *Contingents) takePlace(ctx context.Context, office uuid.UUID, year KindergartenYear) error {
	c, err := s.store.ContingentFor(ctx, office, year)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return Conflict("kindergarten_year", "Für das Jugendamt ist im Kindergartenjahr "+year.String()+" kein Kontingent angelegt.")
	case err != nil:
		return err
	case c.Free() <= 0:
		return Conflict("kindergarten_year", "Das Kontingent ist ausgeschöpft: "+placesMsg(c))
	}
	return nil
}

// carryOver gives the contingent of an office and year a carried-over place: a deferred
// nomination takes its place with it into the next year. A missing contingent is created
// with that one place.
func (s *Contingents) carryOver(ctx context.Context, office uuid.UUID, year KindergartenYear) error {
	c, err := s.store.ContingentFor(ctx, office, year)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		c = Contingent{Meta: s.newMeta(), YouthOfficeID: office, Year: year, Places: 1, CarriedOver: 1}
		return s.store.CreateContingent(ctx, &c)
	case err != nil:
		return err
	}
	c.Places, c.CarriedOver, c.UpdatedAt = c.Places+1, c.CarriedOver+1, s.now()
	return s.store.UpdateContingent(ctx, &c)
}
