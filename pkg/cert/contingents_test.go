package cert

// Rule tests of Contingents on an in-memory ContingentsStore: creating and changing
// places, and what nominations and deferrals ask of them.

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// contFake is an in-memory ContingentsStore; Used is set by the test.
type contFake struct {
	memDB
	rows map[uuid.UUID]Contingent
}

func (f *contFake) CreateContingent(_ context.Context, c *Contingent) error {
	f.rows[c.ID] = *c
	return nil
}
func (f *contFake) Contingent(_ context.Context, id uuid.UUID) (Contingent, error) {
	return get(f.rows, id)
}
func (f *contFake) ContingentFor(_ context.Context, office uuid.UUID, year KindergartenYear) (Contingent, error) {
	for _, c := range f.rows {
		if c.YouthOfficeID == office && c.Year == year {
			return c, nil
		}
	}
	return Contingent{}, ErrNotFound
}
func (f *contFake) Contingents(_ context.Context, fl ContingentFilter) (List[Contingent], error) {
	return list(f.rows, fl.Page, func(c Contingent) bool { return fl.Scope == nil || *fl.Scope == c.YouthOfficeID }), nil
}
func (f *contFake) UpdateContingent(_ context.Context, c *Contingent) error { return update(f.rows, c) }

func TestContingents(t *testing.T) {
	db := &contFake{memDB: *newMemDB(), rows: map[uuid.UUID]Contingent{}}
	office := YouthOffice{Meta: Meta{ID: NewID(), Version: 1}, Name: "Jugendamt", Code: "1", Region: RegionRheinland}
	archived := YouthOffice{Meta: Meta{ID: NewID(), Version: 1, ArchivedAt: ptrTo(time.Now())}, Name: "Alt", Code: "2", Region: RegionRheinland}
	db.offices[office.ID], db.offices[archived.ID] = office, archived
	c := core{tx: db, log: db, clock: NewFixedClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)), loc: time.UTC}
	svc := newContingents(c, db)
	sys := access.WithPrincipal(context.Background(), access.System)
	planner := access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: &office.ID})

	_, err := svc.Create(sys, Contingent{YouthOfficeID: office.ID, Year: 2024, Places: -1})
	mdCheckFields(t, err, EINVALID, []string{"places", "kindergarten_year"})
	_, err = svc.Create(sys, Contingent{YouthOfficeID: archived.ID, Year: 2025, Places: 2})
	mdCheckFields(t, err, EINVALID, []string{"youth_office_id"})
	if _, err := svc.Create(planner, Contingent{YouthOfficeID: office.ID, Year: 2025, Places: 2}); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a planner sets places: %v", err)
	}
	cont, err := svc.Create(sys, Contingent{YouthOfficeID: office.ID, Year: 2025, Places: 2, Used: 7, CarriedOver: 3})
	if err != nil {
		t.Fatal(err)
	}
	if cont.Used != 0 || cont.CarriedOver != 0 || cont.Version != 1 {
		t.Errorf("created %+v", cont)
	}
	if got, err := svc.Get(planner, cont.ID); err != nil || got.Places != 2 {
		t.Errorf("planner reads own: %+v, %v", got, err)
	}
	if l, err := svc.List(planner, ContingentFilter{}); err != nil || len(l.Items) != 1 {
		t.Errorf("planner lists: %+v, %v", l, err)
	}

	// places: never below the used ones; a full contingent takes no nomination
	row := db.rows[cont.ID]
	row.Used = 2
	db.rows[cont.ID] = row
	_, err = svc.Update(sys, cont.ID, Expect(1), 1)
	mdCheckFields(t, err, ECONFLICT, []string{"places"})
	_, err = svc.Update(sys, cont.ID, Expect(1), -1)
	mdCheckFields(t, err, EINVALID, []string{"places"})
	if _, err := svc.Update(sys, cont.ID, IfMatch{}, 3); ErrorCode(err) != EPRECONDITIONREQUIRED {
		t.Errorf("without If-Match: %v", err)
	}
	err = svc.takePlace(sys, office.ID, 2025)
	mdCheckFields(t, err, ECONFLICT, []string{"kindergarten_year"})
	if _, err := svc.Update(sys, cont.ID, Expect(1), 3); err != nil {
		t.Fatal(err)
	}
	if err := svc.takePlace(sys, office.ID, 2025); err != nil {
		t.Errorf("a free place: %v", err)
	}
	err = svc.takePlace(sys, office.ID, 2026)
	mdCheckFields(t, err, ECONFLICT, []string{"kindergarten_year"})

	// a deferral carries its place over: into a new contingent, then into that one
	for _, want := range []int{1, 2} {
		if err := svc.carryOver(sys, office.ID, 2026); err != nil {
			t.Fatal(err)
		}
		next, err := db.ContingentFor(sys, office.ID, 2026)
		if err != nil || next.Places != want || next.CarriedOver != want {
			t.Errorf("after carrying %d over: %+v, %v", want, next, err)
		}
	}
}
