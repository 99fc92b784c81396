package cert

// Rule tests of the master-data and center services on an in-memory store (memDB): what
// the services decide (validation, references, preconditions, archive rules, center
// composition and memberships). The store's own queries, locks and concurrency are
// tested in pkg/store on SQLite and PostgreSQL.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin without system zoneinfo

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// svcStart is 09:15 in Berlin on 2026-03-10, with nanoseconds the service must truncate.
var svcStart = time.Date(2026, 3, 10, 8, 15, 30, 123456789, time.UTC)

// svcToday is the calendar day of svcStart in Berlin.
var svcToday = MustParseDate("2026-03-10")

// masterData are the master-data and center services on one memDB.
type masterData struct {
	YouthOffices *YouthOffices
	Providers    *Providers
	Kitas        *Kitas
	Contacts     *Contacts
	Centers      *Centers
	core         core
}

// Today is the services' today.
func (s masterData) Today() Date { return s.core.Today() }

// svcEnv is the master-data and center services on an in-memory store with a fixed
// clock; the seals' coverage hooks are recorded in seals.
type svcEnv struct {
	ctx   context.Context
	db    *memDB
	clock *FixedClock
	svc   masterData
	seals *coverageLog
	seq   int
}

func newSvcEnv(t *testing.T) *svcEnv {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	db, clock, seals := newMemDB(), NewFixedClock(svcStart), &coverageLog{}
	c := core{tx: db, log: db, clock: clock, loc: loc}
	svc := masterData{YouthOffices: newYouthOffices(c, db), Providers: newProviders(c, db), Kitas: newKitas(c, db),
		Contacts: newContacts(c, db), Centers: newCenters(c, db, seals), core: c}
	return &svcEnv{ctx: access.WithPrincipal(context.Background(), access.System), db: db, clock: clock, svc: svc, seals: seals}
}

func (e *svcEnv) next() int { e.seq++; return e.seq }

func (e *svcEnv) youthOffice(t *testing.T, name string) YouthOffice {
	t.Helper()
	o, err := e.svc.YouthOffices.Create(e.ctx, YouthOffice{Name: name, Code: fmt.Sprintf("YO-%03d", e.next()), Region: RegionRheinland})
	if err != nil {
		t.Fatalf("CreateYouthOffice(%q): %v", name, err)
	}
	return o
}

func (e *svcEnv) provider(t *testing.T, name string) Provider {
	t.Helper()
	p, err := e.svc.Providers.Create(e.ctx, Provider{Name: name, Kind: ProviderMunicipal})
	if err != nil {
		t.Fatalf("CreateProvider(%q): %v", name, err)
	}
	return p
}

func (e *svcEnv) kita(t *testing.T, name, city string, p Provider, o YouthOffice) Kita {
	t.Helper()
	k, err := e.svc.Kitas.Create(e.ctx, Kita{
		Name: name, ProviderID: p.ID, YouthOfficeID: o.ID,
		Address: Address{Street: "Hauptstraße 1", PostalCode: "40210", City: city},
	})
	if err != nil {
		t.Fatalf("CreateKita(%q): %v", name, err)
	}
	return k
}

// kitas creates n Kitas under one provider and youth office.
func (e *svcEnv) kitas(t *testing.T, n int) []Kita {
	t.Helper()
	p, o := e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt")
	out := make([]Kita, n)
	for i := range out {
		out[i] = e.kita(t, fmt.Sprintf("Kita %02d", i), "Düsseldorf", p, o)
	}
	return out
}

func (e *svcEnv) contact(t *testing.T, name string, kitaID *uuid.UUID) Contact {
	t.Helper()
	c, err := e.svc.Contacts.Create(e.ctx, Contact{Name: name, Email: "leitung@example.org", Function: FunctionKitaLeader, KitaID: kitaID})
	if err != nil {
		t.Fatalf("CreateContact(%q): %v", name, err)
	}
	return c
}

func (e *svcEnv) center(t *testing.T, kind CenterKind, name string, members ...MemberInput) Center {
	t.Helper()
	c, err := e.svc.Centers.Create(e.ctx, Center{Kind: kind, Name: name}, members)
	if err != nil {
		t.Fatalf("CreateCenter(%q): %v", name, err)
	}
	return c
}

func grant(k Kita) MemberInput {
	return MemberInput{KitaID: k.ID, Role: RoleGrantRecipient}
}
func member(k Kita) MemberInput {
	return MemberInput{KitaID: k.ID, Role: RoleMember}
}

func strp(s string) *string { return &s }

// wantErr fails unless err has code and, when field is not "", names field.
func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	if got := ErrorCode(err); got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
	if field == "" {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is no *Error", err)
	}
	var fields []string
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
		fields = append(fields, f.Field)
	}
	t.Fatalf("error %v names fields %q, want %q", err, fields, field)
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// roles maps Kita id to role for the given memberships.
func roles(ms []Membership) map[uuid.UUID]MemberRole {
	out := map[uuid.UUID]MemberRole{}
	for _, m := range ms {
		out[m.KitaID] = m.Role
	}
	return out
}

func ptrTo[T any](v T) *T { return &v }

func TestYouthOfficesLifecycle(t *testing.T) {
	e := newSvcEnv(t)
	created, err := e.svc.YouthOffices.Create(e.ctx, YouthOffice{Name: "  Jugendamt Düsseldorf ", Code: " 05111000 ", Region: RegionRheinland})
	mustOK(t, err)
	want := YouthOffice{
		Meta: Meta{ID: created.ID, Version: 1, CreatedAt: svcStart.Truncate(time.Microsecond), UpdatedAt: svcStart.Truncate(time.Microsecond)},
		Name: "Jugendamt Düsseldorf", Code: "05111000", Region: RegionRheinland,
	}
	if diff := cmp.Diff(want, created); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}
	if created.ID.Version() != 7 {
		t.Errorf("id %s is no UUIDv7", created.ID)
	}
	got, err := e.svc.YouthOffices.Get(e.ctx, created.ID)
	mustOK(t, err)
	if diff := cmp.Diff(created, got); diff != "" {
		t.Errorf("stored differs from created (-created +stored):\n%s", diff)
	}
	if got.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt location = %v, want UTC", got.CreatedAt.Location())
	}

	_, err = e.svc.YouthOffices.Get(e.ctx, NewID())
	wantErr(t, err, ENOTFOUND, "")

	e.clock.Advance(time.Hour)
	upd, err := e.svc.YouthOffices.Update(e.ctx, created.ID, Expect(1), YouthOfficePatch{Region: ptrTo(RegionWestfalenLippe)})
	mustOK(t, err)
	if upd.Version != 2 || upd.Region != RegionWestfalenLippe || upd.Name != want.Name || upd.Code != want.Code {
		t.Errorf("updated = %+v", upd)
	}
	if !upd.UpdatedAt.Equal(svcStart.Add(time.Hour).Truncate(time.Microsecond)) || !upd.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("timestamps after update: created %v updated %v", upd.CreatedAt, upd.UpdatedAt)
	}
	got, err = e.svc.YouthOffices.Get(e.ctx, created.ID)
	mustOK(t, err)
	if diff := cmp.Diff(upd, got); diff != "" {
		t.Errorf("stored differs from updated (-updated +stored):\n%s", diff)
	}

	// An invalid patch changes nothing.
	_, err = e.svc.YouthOffices.Update(e.ctx, created.ID, Expect(2), YouthOfficePatch{Name: strp("  "), Region: ptrTo(Region("nrw"))})
	wantErr(t, err, EINVALID, "name")
	wantErr(t, err, EINVALID, "region")
	got, _ = e.svc.YouthOffices.Get(e.ctx, created.ID)
	if got.Version != 2 || got.Name != want.Name {
		t.Errorf("after invalid patch: %+v", got)
	}

	_, err = e.svc.YouthOffices.Create(e.ctx, YouthOffice{Name: "", Code: "", Region: "x"})
	wantErr(t, err, EINVALID, "code")

	_, err = e.svc.YouthOffices.Update(e.ctx, NewID(), Expect(1), YouthOfficePatch{})
	wantErr(t, err, ENOTFOUND, "")
}

func TestKitasCreateUpdate(t *testing.T) {
	e := newSvcEnv(t)
	p, o := e.provider(t, "Stadt Düsseldorf"), e.youthOffice(t, "Jugendamt Düsseldorf")
	p2 := e.provider(t, "AWO")
	k, err := e.svc.Kitas.Create(e.ctx, Kita{
		Name: " Kita Sonnenschein ", ProviderID: p.ID, YouthOfficeID: o.ID,
		Address:  Address{Street: " Königsallee 1 ", PostalCode: " 40212 ", City: " Düsseldorf "},
		District: " Stadtmitte ", KibizID: strp(" K-1 "),
	})
	mustOK(t, err)
	if k.Name != "Kita Sonnenschein" || k.Address.PostalCode != "40212" || k.Address.City != "Düsseldorf" ||
		k.District != "Stadtmitte" || k.KibizID == nil || *k.KibizID != "K-1" {
		t.Errorf("not trimmed: %+v", k)
	}
	got, err := e.svc.Kitas.Get(e.ctx, k.ID)
	mustOK(t, err)
	if diff := cmp.Diff(k, got); diff != "" {
		t.Errorf("stored (-created +stored):\n%s", diff)
	}

	_, err = e.svc.Kitas.Create(e.ctx, Kita{Name: "x", ProviderID: p.ID, YouthOfficeID: o.ID,
		Address: Address{Street: "s", PostalCode: "4021", City: "c"}})
	wantErr(t, err, EINVALID, "address.postal_code")

	tests := []struct {
		name  string
		patch KitaPatch
		check func(t *testing.T, k Kita)
	}{
		{"city only", KitaPatch{Address: &AddressPatch{City: strp("Neuss")}}, func(t *testing.T, k Kita) {
			if k.Address != (Address{Street: "Königsallee 1", PostalCode: "40212", City: "Neuss"}) {
				t.Errorf("address = %+v", k.Address)
			}
		}},
		{"district explicitly empty", KitaPatch{District: strp("")}, func(t *testing.T, k Kita) {
			if k.District != "" || k.Name != "Kita Sonnenschein" {
				t.Errorf("district = %q, name = %q", k.District, k.Name)
			}
		}},
		{"kibiz id not sent stays", KitaPatch{Name: strp("Kita Sonne")}, func(t *testing.T, k Kita) {
			if k.KibizID == nil || *k.KibizID != "K-1" || k.Name != "Kita Sonne" {
				t.Errorf("kibiz = %v, name = %q", k.KibizID, k.Name)
			}
		}},
		{"kibiz id null removes it", KitaPatch{KibizID: Optional[string]{Set: true}}, func(t *testing.T, k Kita) {
			if k.KibizID != nil {
				t.Errorf("kibiz = %q, want nil", *k.KibizID)
			}
		}},
		{"move to another provider", KitaPatch{ProviderID: &p2.ID}, func(t *testing.T, k Kita) {
			if k.ProviderID != p2.ID {
				t.Errorf("provider = %s", k.ProviderID)
			}
		}},
	}
	version := k.Version
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.clock.Advance(time.Minute)
			upd, err := e.svc.Kitas.Update(e.ctx, k.ID, Expect(version), tt.patch)
			mustOK(t, err)
			if upd.Version != version+1 {
				t.Errorf("version = %d, want %d", upd.Version, version+1)
			}
			version = upd.Version
			tt.check(t, upd)
			stored, err := e.svc.Kitas.Get(e.ctx, k.ID)
			mustOK(t, err)
			if diff := cmp.Diff(upd, stored); diff != "" {
				t.Errorf("stored (-returned +stored):\n%s", diff)
			}
			tt.check(t, stored)
		})
	}
}

func TestMasterDataReferences(t *testing.T) {
	e := newSvcEnv(t)
	o, p := e.youthOffice(t, "Jugendamt"), e.provider(t, "Träger")
	oldO, oldP := e.youthOffice(t, "Altes Jugendamt"), e.provider(t, "Alter Träger")
	_, err := e.svc.YouthOffices.Archive(e.ctx, oldO.ID, IfMatch{})
	mustOK(t, err)
	_, err = e.svc.Providers.Archive(e.ctx, oldP.ID, IfMatch{})
	mustOK(t, err)
	missing := NewID()
	addr := Address{Street: "Weg 1", PostalCode: "40210", City: "Düsseldorf"}
	k := e.kita(t, "Kita", "Düsseldorf", p, o)

	createTests := []struct {
		name     string
		provider uuid.UUID
		office   uuid.UUID
		field    string
	}{
		{"missing provider", missing, o.ID, "provider_id"},
		{"archived provider", oldP.ID, o.ID, "provider_id"},
		{"missing youth office", p.ID, missing, "youth_office_id"},
		{"archived youth office", p.ID, oldO.ID, "youth_office_id"},
	}
	for _, tt := range createTests {
		t.Run("create kita/"+tt.name, func(t *testing.T) {
			_, err := e.svc.Kitas.Create(e.ctx, Kita{Name: "Neu", ProviderID: tt.provider, YouthOfficeID: tt.office, Address: addr})
			wantErr(t, err, EINVALID, tt.field)
		})
		t.Run("update kita/"+tt.name, func(t *testing.T) {
			_, err := e.svc.Kitas.Update(e.ctx, k.ID, Expect(1), KitaPatch{ProviderID: &tt.provider, YouthOfficeID: &tt.office})
			wantErr(t, err, EINVALID, tt.field)
			if got, _ := e.svc.Kitas.Get(e.ctx, k.ID); got.Version != 1 || got.ProviderID != p.ID || got.YouthOfficeID != o.ID {
				t.Errorf("kita changed: %+v", got)
			}
		})
	}

	oldK := e.kita(t, "Alte Kita", "Düsseldorf", p, o)
	_, err = e.svc.Kitas.Archive(e.ctx, oldK.ID, IfMatch{})
	mustOK(t, err)
	contactTests := []struct {
		name  string
		c     Contact
		field string
	}{
		{"missing kita", Contact{KitaID: &missing}, "kita_id"},
		{"archived kita", Contact{KitaID: &oldK.ID}, "kita_id"},
		{"missing provider", Contact{ProviderID: &missing}, "provider_id"},
		{"archived provider", Contact{ProviderID: &oldP.ID}, "provider_id"},
		{"missing youth office", Contact{YouthOfficeID: &missing}, "youth_office_id"},
		{"archived youth office", Contact{YouthOfficeID: &oldO.ID}, "youth_office_id"},
		{"no owner", Contact{}, "kita_id"},
		{"two owners", Contact{KitaID: &k.ID, ProviderID: &p.ID}, "kita_id"},
	}
	for _, tt := range contactTests {
		t.Run("create contact/"+tt.name, func(t *testing.T) {
			c := tt.c
			c.Name, c.Email, c.Function = "Erika", "erika@example.org", FunctionOther
			_, err := e.svc.Contacts.Create(e.ctx, c)
			wantErr(t, err, EINVALID, tt.field)
		})
	}

	t.Run("update contact owner", func(t *testing.T) {
		c := e.contact(t, "Erika", &k.ID)
		none := Optional[uuid.UUID]{Set: true}
		_, err := e.svc.Contacts.Update(e.ctx, c.ID, Expect(1), ContactPatch{KitaID: none, ProviderID: Optional[uuid.UUID]{Set: true, Value: &oldP.ID}})
		wantErr(t, err, EINVALID, "provider_id")
		_, err = e.svc.Contacts.Update(e.ctx, c.ID, Expect(1), ContactPatch{KitaID: none})
		wantErr(t, err, EINVALID, "kita_id")
		upd, err := e.svc.Contacts.Update(e.ctx, c.ID, Expect(1), ContactPatch{KitaID: none, ProviderID: Optional[uuid.UUID]{Set: true, Value: &p.ID}})
		mustOK(t, err)
		if upd.KitaID != nil || upd.ProviderID == nil || *upd.ProviderID != p.ID || upd.Version != 2 {
			t.Errorf("moved contact = %+v", upd)
		}
		got, _ := e.svc.Contacts.Get(e.ctx, c.ID)
		if diff := cmp.Diff(upd, got); diff != "" {
			t.Errorf("stored (-returned +stored):\n%s", diff)
		}
	})
}

func TestMasterDataPreconditions(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 3)
	yo, _ := e.svc.YouthOffices.Get(e.ctx, ks[0].YouthOfficeID)
	p, _ := e.svc.Providers.Get(e.ctx, ks[0].ProviderID)
	c := e.contact(t, "Erika", &ks[0].ID)
	ctr := e.center(t, CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]))

	type update func(m IfMatch) (int, error) // returns the new version
	tests := []struct {
		name   string
		update update
		stored func() int
	}{
		{"youth office", func(m IfMatch) (int, error) {
			o, err := e.svc.YouthOffices.Update(e.ctx, yo.ID, m, YouthOfficePatch{Name: strp("JA " + uuid.NewString())})
			return o.Version, err
		}, func() int { o, _ := e.svc.YouthOffices.Get(e.ctx, yo.ID); return o.Version }},
		{"provider", func(m IfMatch) (int, error) {
			o, err := e.svc.Providers.Update(e.ctx, p.ID, m, ProviderPatch{Name: strp("T " + uuid.NewString())})
			return o.Version, err
		}, func() int { o, _ := e.svc.Providers.Get(e.ctx, p.ID); return o.Version }},
		{"kita", func(m IfMatch) (int, error) {
			o, err := e.svc.Kitas.Update(e.ctx, ks[0].ID, m, KitaPatch{Name: strp("K " + uuid.NewString())})
			return o.Version, err
		}, func() int { o, _ := e.svc.Kitas.Get(e.ctx, ks[0].ID); return o.Version }},
		{"contact", func(m IfMatch) (int, error) {
			o, err := e.svc.Contacts.Update(e.ctx, c.ID, m, ContactPatch{Name: strp("C " + uuid.NewString())})
			return o.Version, err
		}, func() int { o, _ := e.svc.Contacts.Get(e.ctx, c.ID); return o.Version }},
		{"center", func(m IfMatch) (int, error) {
			o, err := e.svc.Centers.Update(e.ctx, ctr.ID, m, CenterPatch{Name: strp("Z " + uuid.NewString())})
			return o.Version, err
		}, func() int { o, _ := e.svc.Centers.Get(e.ctx, ctr.ID); return o.Version }},
		{"center member role", func(m IfMatch) (int, error) {
			role := RoleContact
			if cur, _ := e.svc.Centers.Get(e.ctx, ctr.ID); roles(cur.Members)[ks[1].ID] == RoleContact {
				role = RoleMember
			}
			o, err := e.svc.Centers.SetMemberRole(e.ctx, ctr.ID, ks[1].ID, m, role)
			return o.Version, err
		}, func() int { o, _ := e.svc.Centers.Get(e.ctx, ctr.ID); return o.Version }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.stored()
			_, err := tt.update(IfMatch{})
			wantErr(t, err, EPRECONDITIONREQUIRED, "")
			_, err = tt.update(Expect(v - 1))
			wantErr(t, err, EPRECONDITIONFAILED, "")
			_, err = tt.update(Expect(v + 1))
			wantErr(t, err, EPRECONDITIONFAILED, "")
			_, err = tt.update(IfMatch{Given: true, Version: -1})
			wantErr(t, err, EPRECONDITIONFAILED, "")
			if got := tt.stored(); got != v {
				t.Fatalf("failed updates moved the version from %d to %d", v, got)
			}
			nv, err := tt.update(Expect(v))
			mustOK(t, err)
			if nv != v+1 || tt.stored() != v+1 {
				t.Errorf("version after update = %d (stored %d), want %d", nv, tt.stored(), v+1)
			}
			nv, err = tt.update(IfMatch{Given: true, Any: true})
			mustOK(t, err)
			if nv != v+2 {
				t.Errorf("version after If-Match: * = %d, want %d", nv, v+2)
			}
			// The old version is stale now.
			_, err = tt.update(Expect(v))
			wantErr(t, err, EPRECONDITIONFAILED, "")
		})
	}

	t.Run("archive with stale version", func(t *testing.T) {
		k := ks[2]
		_, err := e.svc.Kitas.Archive(e.ctx, k.ID, Expect(k.Version+1))
		wantErr(t, err, EPRECONDITIONFAILED, "")
		_, err = e.svc.Centers.AddMember(e.ctx, ctr.ID, Expect(1), member(k))
		wantErr(t, err, EPRECONDITIONFAILED, "")
		cur, _ := e.svc.Centers.Get(e.ctx, ctr.ID)
		_, err = e.svc.Centers.RemoveMember(e.ctx, ctr.ID, ks[1].ID, Expect(cur.Version-1), Date{})
		wantErr(t, err, EPRECONDITIONFAILED, "")
		_, err = e.svc.Centers.Archive(e.ctx, ctr.ID, Expect(cur.Version+1))
		wantErr(t, err, EPRECONDITIONFAILED, "")
		if got, _ := e.svc.Centers.Get(e.ctx, ctr.ID); got.Version != cur.Version || got.Archived() || len(got.Members) != 2 {
			t.Errorf("center changed: %+v", got)
		}
	})
}

func TestMasterDataArchiveRules(t *testing.T) {
	e := newSvcEnv(t)
	o, p := e.youthOffice(t, "Jugendamt"), e.provider(t, "Träger")
	k1 := e.kita(t, "Kita 1", "Essen", p, o)
	k2 := e.kita(t, "Kita 2", "Essen", p, o)

	_, err := e.svc.YouthOffices.Archive(e.ctx, o.ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Providers.Archive(e.ctx, p.ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")

	ctr := e.center(t, CenterSingle, "FZ", grant(k1))
	_, err = e.svc.Kitas.Archive(e.ctx, k1.ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")
	if got, _ := e.svc.Kitas.Get(e.ctx, k1.ID); got.Archived() || got.Version != 1 {
		t.Errorf("kita in a center was archived: %+v", got)
	}

	c := e.contact(t, "Erika", &k2.ID)
	_, err = e.svc.Kitas.Archive(e.ctx, k2.ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Contacts.Archive(e.ctx, c.ID, IfMatch{})
	mustOK(t, err)
	_, err = e.svc.Kitas.Archive(e.ctx, k2.ID, IfMatch{})
	mustOK(t, err)

	_, err = e.svc.Centers.Archive(e.ctx, ctr.ID, IfMatch{})
	mustOK(t, err)
	_, err = e.svc.Kitas.Archive(e.ctx, k1.ID, IfMatch{})
	mustOK(t, err)

	oc, err := e.svc.Contacts.Create(e.ctx, Contact{Name: "Planer", Email: "p@example.org", Function: FunctionYouthOfficePlanner, YouthOfficeID: &o.ID})
	mustOK(t, err)
	_, err = e.svc.YouthOffices.Archive(e.ctx, o.ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Contacts.Archive(e.ctx, oc.ID, IfMatch{})
	mustOK(t, err)
	_, err = e.svc.YouthOffices.Archive(e.ctx, o.ID, IfMatch{})
	mustOK(t, err)

	pc, err := e.svc.Contacts.Create(e.ctx, Contact{Name: "Träger-Kontakt", Email: "t@example.org", Function: FunctionProviderContact, ProviderID: &p.ID})
	mustOK(t, err)
	_, err = e.svc.Providers.Archive(e.ctx, p.ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Contacts.Archive(e.ctx, pc.ID, IfMatch{})
	mustOK(t, err)
	_, err = e.svc.Providers.Archive(e.ctx, p.ID, IfMatch{})
	mustOK(t, err)

	// Archived objects cannot be changed.
	_, err = e.svc.Kitas.Update(e.ctx, k1.ID, IfMatch{Given: true, Any: true}, KitaPatch{Name: strp("x")})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.YouthOffices.Update(e.ctx, o.ID, IfMatch{Given: true, Any: true}, YouthOfficePatch{Name: strp("x")})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Providers.Update(e.ctx, p.ID, IfMatch{Given: true, Any: true}, ProviderPatch{Name: strp("x")})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Contacts.Update(e.ctx, c.ID, IfMatch{Given: true, Any: true}, ContactPatch{Name: strp("x")})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Centers.Update(e.ctx, ctr.ID, IfMatch{Given: true, Any: true}, CenterPatch{Name: strp("x")})
	wantErr(t, err, ECONFLICT, "")
}

func TestMasterDataArchiveTwiceIsNoOp(t *testing.T) {
	e := newSvcEnv(t)
	o, p := e.youthOffice(t, "Jugendamt"), e.provider(t, "Träger")
	k := e.kita(t, "Kita", "Essen", p, o)
	k2 := e.kita(t, "Kita 2", "Essen", e.provider(t, "Träger 2"), e.youthOffice(t, "Jugendamt 2"))
	c := e.contact(t, "Erika", &k.ID)
	ctr := e.center(t, CenterSingle, "FZ", grant(k2))
	emptyO, emptyP := e.youthOffice(t, "Leeres Jugendamt"), e.provider(t, "Leerer Träger")

	tests := []struct {
		name    string
		archive func(m IfMatch) (Meta, error)
		version int
	}{
		{"contact", func(m IfMatch) (Meta, error) {
			x, err := e.svc.Contacts.Archive(e.ctx, c.ID, m)
			return x.Meta, err
		}, c.Version},
		{"kita", func(m IfMatch) (Meta, error) {
			x, err := e.svc.Kitas.Archive(e.ctx, k.ID, m)
			return x.Meta, err
		}, k.Version},
		{"center", func(m IfMatch) (Meta, error) {
			x, err := e.svc.Centers.Archive(e.ctx, ctr.ID, m)
			return x.Meta, err
		}, ctr.Version},
		{"youth office", func(m IfMatch) (Meta, error) {
			x, err := e.svc.YouthOffices.Archive(e.ctx, emptyO.ID, m)
			return x.Meta, err
		}, emptyO.Version},
		{"provider", func(m IfMatch) (Meta, error) {
			x, err := e.svc.Providers.Archive(e.ctx, emptyP.ID, m)
			return x.Meta, err
		}, emptyP.Version},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.clock.Advance(time.Minute)
			first, err := tt.archive(Expect(tt.version))
			mustOK(t, err)
			now := e.clock.Now().Truncate(time.Microsecond)
			if first.Version != tt.version+1 || first.ArchivedAt == nil || !first.ArchivedAt.Equal(now) || !first.UpdatedAt.Equal(now) {
				t.Fatalf("first archive: %+v (now %v)", first, now)
			}
			e.clock.Advance(time.Hour)
			for _, m := range []IfMatch{{}, Expect(first.Version)} {
				second, err := tt.archive(m)
				mustOK(t, err)
				if diff := cmp.Diff(first, second); diff != "" {
					t.Errorf("second archive with %+v changed the object (-first +second):\n%s", m, diff)
				}
			}
		})
	}
}

func TestCentersCreate(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 8)
	archived := e.kita(t, "Archivierte Kita", "Essen", Provider{Meta: Meta{ID: ks[0].ProviderID}}, YouthOffice{Meta: Meta{ID: ks[0].YouthOfficeID}})
	_, err := e.svc.Kitas.Archive(e.ctx, archived.ID, IfMatch{})
	mustOK(t, err)

	joined := MustParseDate("2025-08-01")
	net, err := e.svc.Centers.Create(e.ctx, Center{Kind: CenterNetwork, Name: " Verbund Nord ", SizeExceptionReason: strp("  ")},
		[]MemberInput{{KitaID: ks[0].ID, Role: RoleGrantRecipient, JoinedOn: joined}, member(ks[1]), {KitaID: ks[2].ID, Role: RoleContact}})
	mustOK(t, err)
	if net.Name != "Verbund Nord" || net.SizeExceptionReason != nil || net.Version != 1 || net.Archived() {
		t.Errorf("network = %+v", net)
	}
	wantMembers := []Membership{
		{CenterID: net.ID, KitaID: ks[0].ID, KitaName: ks[0].Name, KitaYouthOfficeID: ks[0].YouthOfficeID, Role: RoleGrantRecipient, JoinedOn: joined},
		{CenterID: net.ID, KitaID: ks[1].ID, KitaName: ks[1].Name, KitaYouthOfficeID: ks[1].YouthOfficeID, Role: RoleMember, JoinedOn: svcToday},
		{CenterID: net.ID, KitaID: ks[2].ID, KitaName: ks[2].Name, KitaYouthOfficeID: ks[2].YouthOfficeID, Role: RoleContact, JoinedOn: svcToday},
	}
	ignoreID := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ID" }, cmp.Ignore())
	if diff := cmp.Diff(wantMembers, net.Members, ignoreID); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	got, err := e.svc.Centers.Get(e.ctx, net.ID)
	mustOK(t, err)
	if diff := cmp.Diff(net, got); diff != "" {
		t.Errorf("stored (-created +stored):\n%s", diff)
	}

	tests := []struct {
		name    string
		center  Center
		members []MemberInput
		code    string
		field   string
	}{
		{"kita already in a center (single)", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{grant(ks[1])}, ECONFLICT, "members[0].kita_id"},
		{"kita already in a center (network)", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), member(ks[4]), member(ks[2])}, ECONFLICT, "members[2].kita_id"},
		{"grant recipient already in a center", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{member(ks[3]), grant(ks[0])}, ECONFLICT, "members[1].kita_id"},
		{"missing kita", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), {KitaID: NewID(), Role: RoleMember}}, EINVALID, "members[1].kita_id"},
		{"archived kita", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{grant(archived)}, EINVALID, "members[0].kita_id"},
		{"same kita twice", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), member(ks[3])}, EINVALID, "members[1].kita_id"},
		{"future joined_on", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{{KitaID: ks[3].ID, Role: RoleGrantRecipient, JoinedOn: svcToday.AddDays(1)}}, EINVALID, "members[0].joined_on"},
		{"single without members", Center{Kind: CenterSingle, Name: "FZ"}, nil, EINVALID, "members"},
		{"single of a plain member", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{member(ks[3])}, EINVALID, "members"},
		{"network of one", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3])}, EINVALID, "members"},
		{"network of six", Center{Kind: CenterNetwork, Name: "V"},
			[]MemberInput{grant(ks[3]), member(ks[4]), member(ks[5]), member(ks[6]), member(ks[7]), member(ks[0])}, EINVALID, "members"},
		{"two grant recipients", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), grant(ks[4])}, EINVALID, "members"},
		{"unknown role", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), {KitaID: ks[4].ID, Role: "boss"}}, EINVALID, "members[1].role"},
		{"no name", Center{Kind: CenterSingle}, []MemberInput{grant(ks[3])}, EINVALID, "name"},
		{"unknown kind", Center{Kind: "verbund", Name: "V"}, []MemberInput{grant(ks[3])}, EINVALID, "kind"},
		{"single with size exception", Center{Kind: CenterSingle, Name: "FZ", SizeExceptionReason: strp("groß")}, []MemberInput{grant(ks[3])}, EINVALID, "size_exception_reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.svc.Centers.Create(e.ctx, tt.center, tt.members)
			wantErr(t, err, tt.code, tt.field)
		})
	}
	// None of the failed creations left anything behind.
	list, err := e.svc.Centers.List(e.ctx, CenterFilter{Page: Page{IncludeArchived: true}})
	mustOK(t, err)
	if len(list.Items) != 1 {
		t.Errorf("%d centers stored, want 1", len(list.Items))
	}
	for _, k := range ks[3:] {
		if l, _ := e.svc.Centers.List(e.ctx, CenterFilter{KitaID: &k.ID}); len(l.Items) != 0 {
			t.Errorf("%s is in a center after failed creations", k.Name)
		}
	}

	_, err = e.svc.Centers.Create(e.ctx, Center{Kind: CenterNetwork, Name: "Großverbund", SizeExceptionReason: strp("Erlass vom 1.2.2026")},
		[]MemberInput{grant(ks[3]), member(ks[4]), member(ks[5]), member(ks[6]), member(ks[7]), member(archived)})
	wantErr(t, err, EINVALID, "members[5].kita_id")
}

func TestCentersMembership(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 10)
	kA, kB, kC, kD, kE, kF, kG, kH, kI := ks[0], ks[1], ks[2], ks[3], ks[4], ks[5], ks[6], ks[7], ks[8]
	other := e.center(t, CenterNetwork, "Anderer Verbund", grant(kG), member(kH))
	single := e.center(t, CenterSingle, "Einzel-FZ", grant(ks[9]))

	c := e.center(t, CenterNetwork, "Verbund Düsseldorf-Nord",
		MemberInput{KitaID: kA.ID, Role: RoleGrantRecipient, JoinedOn: MustParseDate("2025-08-01")}, member(kB))
	version := 1
	step := func(t *testing.T, name string, got Center, err error, want map[uuid.UUID]MemberRole) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		version++
		if got.Version != version {
			t.Errorf("%s: version = %d, want %d", name, got.Version, version)
		}
		if diff := cmp.Diff(want, roles(got.Members)); diff != "" {
			t.Errorf("%s: roles (-want +got):\n%s", name, diff)
		}
		stored, err := e.svc.Centers.Get(e.ctx, c.ID)
		mustOK(t, err)
		if diff := cmp.Diff(got, stored); diff != "" {
			t.Errorf("%s: stored (-returned +stored):\n%s", name, diff)
		}
	}
	unchanged := func(t *testing.T, name string) {
		t.Helper()
		stored, err := e.svc.Centers.Get(e.ctx, c.ID)
		mustOK(t, err)
		if stored.Version != version {
			t.Errorf("%s: failed change moved the version to %d, want %d", name, stored.Version, version)
		}
	}
	G, M, C := RoleGrantRecipient, RoleMember, RoleContact

	got, err := e.svc.Centers.AddMember(e.ctx, c.ID, Expect(1), MemberInput{KitaID: kC.ID, Role: G})
	step(t, "new grant recipient", got, err, map[uuid.UUID]MemberRole{kA.ID: M, kB.ID: M, kC.ID: G})

	got, err = e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, MemberInput{KitaID: kD.ID, Role: C})
	step(t, "contact without If-Match", got, err, map[uuid.UUID]MemberRole{kA.ID: M, kB.ID: M, kC.ID: G, kD.ID: C})

	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kB.ID, IfMatch{}, C)
	wantErr(t, err, EPRECONDITIONREQUIRED, "")
	got, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kB.ID, Expect(version), C)
	step(t, "contact hand-over", got, err, map[uuid.UUID]MemberRole{kA.ID: M, kB.ID: C, kC.ID: G, kD.ID: M})

	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kC.ID, Expect(version), M)
	wantErr(t, err, ECONFLICT, "members")
	unchanged(t, "grant recipient steps down")
	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kC.ID, Expect(version), "boss")
	wantErr(t, err, EINVALID, "role")
	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kE.ID, Expect(version), C)
	wantErr(t, err, ENOTFOUND, "")

	got, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kA.ID, Expect(version), G)
	step(t, "grant recipient hand-over by role", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M})

	addFails := []struct {
		name  string
		in    MemberInput
		code  string
		field string
	}{
		{"already a member here", member(kA), ECONFLICT, "kita_id"},
		{"member of another center", member(kG), ECONFLICT, "kita_id"},
		{"missing kita", MemberInput{KitaID: NewID(), Role: M}, EINVALID, "kita_id"},
		{"unknown role", MemberInput{KitaID: kE.ID, Role: "boss"}, EINVALID, "role"},
		{"future joined_on", MemberInput{KitaID: kE.ID, Role: M, JoinedOn: svcToday.AddDays(1)}, EINVALID, "joined_on"},
	}
	for _, tt := range addFails {
		t.Run("add/"+tt.name, func(t *testing.T) {
			_, err := e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), tt.in)
			wantErr(t, err, tt.code, tt.field)
			unchanged(t, tt.name)
		})
	}
	_, err = e.svc.Centers.AddMember(e.ctx, single.ID, IfMatch{}, member(kE))
	wantErr(t, err, ECONFLICT, "members")
	_, err = e.svc.Centers.AddMember(e.ctx, NewID(), IfMatch{}, member(kE))
	wantErr(t, err, ENOTFOUND, "")

	got, err = e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), MemberInput{KitaID: kE.ID, Role: M, JoinedOn: MustParseDate("2026-01-01")})
	step(t, "fifth member", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})

	_, err = e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), member(kF))
	wantErr(t, err, ECONFLICT, "members")
	unchanged(t, "sixth without exception")

	got, err = e.svc.Centers.Update(e.ctx, c.ID, Expect(version), CenterPatch{SizeExceptionReason: Optional[string]{Set: true, Value: strp("Ländlicher Raum, Erlass 2026")}})
	step(t, "size exception", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})

	got, err = e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), member(kF))
	step(t, "sixth with exception", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M, kF.ID: M})

	_, err = e.svc.Centers.Update(e.ctx, c.ID, Expect(version), CenterPatch{SizeExceptionReason: Optional[string]{Set: true}})
	wantErr(t, err, ECONFLICT, "members")
	unchanged(t, "drop exception with six")

	removeFails := []struct {
		name   string
		kita   uuid.UUID
		leftOn Date
		code   string
		field  string
	}{
		{"grant recipient", kA.ID, Date{}, ECONFLICT, "kita_id"},
		{"left_on tomorrow", kF.ID, svcToday.AddDays(1), EINVALID, "left_on"},
		{"left_on before joined_on", kE.ID, MustParseDate("2025-12-31"), EINVALID, "left_on"},
		{"not a member", kI.ID, Date{}, ENOTFOUND, ""},
		{"member of another center", kH.ID, Date{}, ENOTFOUND, ""},
	}
	for _, tt := range removeFails {
		t.Run("remove/"+tt.name, func(t *testing.T) {
			_, err := e.svc.Centers.RemoveMember(e.ctx, c.ID, tt.kita, Expect(version), tt.leftOn)
			wantErr(t, err, tt.code, tt.field)
			unchanged(t, tt.name)
		})
	}

	got, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kF.ID, Expect(version), Date{})
	step(t, "remove today", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})
	got, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kE.ID, IfMatch{}, MustParseDate("2026-02-28"))
	step(t, "remove in the past", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M})
	got, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kB.ID, IfMatch{}, svcToday)
	step(t, "contact leaves", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kC.ID: M, kD.ID: M})
	_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kF.ID, IfMatch{}, Date{})
	wantErr(t, err, ENOTFOUND, "")

	t.Run("history", func(t *testing.T) {
		cur, active, err := e.svc.Centers.Memberships(e.ctx, c.ID, false)
		mustOK(t, err)
		if cur.Version != version {
			t.Errorf("center version = %d", cur.Version)
		}
		if diff := cmp.Diff(map[uuid.UUID]MemberRole{kA.ID: G, kC.ID: M, kD.ID: M}, roles(active)); diff != "" {
			t.Errorf("active (-want +got):\n%s", diff)
		}
		_, all, err := e.svc.Centers.Memberships(e.ctx, c.ID, true)
		mustOK(t, err)
		leftOn := map[uuid.UUID]string{}
		for _, m := range all {
			leftOn[m.KitaID] = m.LeftOn.String()
			if m.Active() == (m.LeftOn.String() != "") {
				t.Errorf("%s: Active %v with LeftOn %q", m.KitaName, m.Active(), m.LeftOn)
			}
		}
		want := map[uuid.UUID]string{kA.ID: "", kB.ID: "2026-03-10", kC.ID: "", kD.ID: "", kE.ID: "2026-02-28", kF.ID: "2026-03-10"}
		if diff := cmp.Diff(want, leftOn); diff != "" {
			t.Errorf("left_on by kita (-want +got):\n%s", diff)
		}
		if len(all) != 6 {
			t.Errorf("%d memberships in history, want 6", len(all))
		}
		for i := 1; i < len(all); i++ {
			if all[i].JoinedOn.Before(all[i-1].JoinedOn) {
				t.Errorf("history not oldest first: %s before %s", all[i-1].JoinedOn, all[i].JoinedOn)
			}
		}
		if all[0].KitaID != kA.ID {
			t.Errorf("oldest membership is %s, want Kita A (joined 2025-08-01)", all[0].KitaName)
		}
		_, _, err = e.svc.Centers.Memberships(e.ctx, NewID(), true)
		wantErr(t, err, ENOTFOUND, "")
	})

	t.Run("a Kita that left can join another center", func(t *testing.T) {
		o, err := e.svc.Centers.AddMember(e.ctx, other.ID, Expect(other.Version), member(kF))
		mustOK(t, err)
		if o.Version != other.Version+1 || roles(o.Members)[kF.ID] != M {
			t.Errorf("other = %+v", o)
		}
		fz := e.center(t, CenterSingle, "FZ E", grant(kE))
		if len(fz.Members) != 1 {
			t.Errorf("fz = %+v", fz)
		}
		// and it can come back later: a new membership, history kept
		_, err = e.svc.Centers.RemoveMember(e.ctx, other.ID, kF.ID, IfMatch{}, Date{})
		mustOK(t, err)
		got, err := e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, member(kF))
		mustOK(t, err)
		version++
		if roles(got.Members)[kF.ID] != M {
			t.Errorf("kF not back: %+v", got.Members)
		}
		_, all, _ := e.svc.Centers.Memberships(e.ctx, c.ID, true)
		n := 0
		for _, m := range all {
			if m.KitaID == kF.ID {
				n++
			}
		}
		if n != 2 {
			t.Errorf("kF has %d memberships in history, want 2", n)
		}
	})

	t.Run("network cannot shrink below two", func(t *testing.T) {
		small := e.center(t, CenterNetwork, "Kleiner Verbund", grant(kI), member(kB))
		_, err := e.svc.Centers.RemoveMember(e.ctx, small.ID, kB.ID, IfMatch{}, Date{})
		wantErr(t, err, ECONFLICT, "members")
		_, err = e.svc.Centers.RemoveMember(e.ctx, small.ID, kI.ID, IfMatch{}, Date{})
		wantErr(t, err, ECONFLICT, "kita_id")
		got, _ := e.svc.Centers.Get(e.ctx, small.ID)
		if got.Version != 1 || len(got.Members) != 2 {
			t.Errorf("small = %+v", got)
		}
	})
}

func TestCentersArchive(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 4)
	c := e.center(t, CenterNetwork, "Verbund",
		MemberInput{KitaID: ks[0].ID, Role: RoleGrantRecipient, JoinedOn: MustParseDate("2022-08-01")},
		member(ks[1]), MemberInput{KitaID: ks[2].ID, Role: RoleContact})
	_, err := e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[2].ID, IfMatch{}, Date{})
	mustOK(t, err)

	// the next day, in Berlin, 00:30
	e.clock.Set(time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC))
	tomorrow := svcToday.AddDays(1)
	if e.svc.Today() != tomorrow {
		t.Fatalf("Today = %s, want %s", e.svc.Today(), tomorrow)
	}
	arch, err := e.svc.Centers.Archive(e.ctx, c.ID, Expect(2))
	mustOK(t, err)
	if !arch.Archived() || arch.Version != 3 || len(arch.Members) != 0 {
		t.Errorf("archived center = %+v", arch)
	}
	_, all, err := e.svc.Centers.Memberships(e.ctx, c.ID, true)
	mustOK(t, err)
	leftOn := map[uuid.UUID]Date{}
	for _, m := range all {
		leftOn[m.KitaID] = m.LeftOn
	}
	want := map[uuid.UUID]Date{ks[0].ID: tomorrow, ks[1].ID: tomorrow, ks[2].ID: svcToday}
	if diff := cmp.Diff(want, leftOn); diff != "" {
		t.Errorf("left_on (-want +got):\n%s", diff)
	}
	// every Kita that left told the seals, on its day (Seals.memberLeft)
	wantLeft := []string{ks[2].ID.String() + "@" + svcToday.String(), ks[0].ID.String() + "@" + tomorrow.String(), ks[1].ID.String() + "@" + tomorrow.String()}
	if diff := cmp.Diff(wantLeft, e.seals.left); diff != "" {
		t.Errorf("seal coverage ended (-want +got):\n%s", diff)
	}

	_, err = e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, member(ks[3]))
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[1].ID, IfMatch{}, Date{})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, ks[1].ID, Expect(3), RoleContact)
	wantErr(t, err, ECONFLICT, "")

	again, err := e.svc.Centers.Archive(e.ctx, c.ID, IfMatch{})
	mustOK(t, err)
	if diff := cmp.Diff(arch, again); diff != "" {
		t.Errorf("archiving twice changed the center (-first +second):\n%s", diff)
	}

	// The Kitas are free for another center, and the former members can be archived.
	next := e.center(t, CenterNetwork, "Neuer Verbund", grant(ks[1]), member(ks[0]))
	if next.Members[0].JoinedOn != tomorrow {
		t.Errorf("joined_on = %s, want %s", next.Members[0].JoinedOn, tomorrow)
	}
	if l, _ := e.svc.Centers.List(e.ctx, CenterFilter{KitaID: &ks[0].ID}); len(l.Items) != 1 || l.Items[0].ID != next.ID {
		t.Errorf("centers of Kita 0 = %+v", l.Items)
	}
	_, err = e.svc.Kitas.Archive(e.ctx, ks[2].ID, IfMatch{})
	mustOK(t, err)
	_, err = e.svc.Kitas.Archive(e.ctx, ks[0].ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")
}

// TestCentersMembershipPeriods: a Kita cannot re-enter the past, i.e. join a center with a
// joined_on before the day its previous membership ended; joining on that day is fine.
func TestCentersMembershipPeriods(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 3)
	today := e.svc.Today()
	past := func(in MemberInput) MemberInput { in.JoinedOn = today.AddDays(-100); return in }
	v := e.center(t, CenterNetwork, "Verbund V", past(grant(ks[0])), past(member(ks[1])), past(member(ks[2])))
	_, err := e.svc.Centers.RemoveMember(e.ctx, v.ID, ks[2].ID, IfMatch{}, today.AddDays(-10))
	mustOK(t, err)
	in := MemberInput{KitaID: ks[2].ID, Role: RoleGrantRecipient, JoinedOn: today.AddDays(-11)}
	_, err = e.svc.Centers.Create(e.ctx, Center{Kind: CenterSingle, Name: "FZ W"}, []MemberInput{in})
	wantErr(t, err, ECONFLICT, "members[0].kita_id")
	in.JoinedOn = today.AddDays(-10)
	_, err = e.svc.Centers.Create(e.ctx, Center{Kind: CenterSingle, Name: "FZ W"}, []MemberInput{in})
	mustOK(t, err)
}

// TestCentersSameRoleIsNoChange: setting the role a member already has changes nothing,
// not even the center's version.
func TestCentersSameRoleIsNoChange(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 2)
	c := e.center(t, CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]))
	got, err := e.svc.Centers.SetMemberRole(e.ctx, c.ID, ks[1].ID, Expect(c.Version), RoleMember)
	mustOK(t, err)
	if got.Version != c.Version || len(got.Members) != 2 {
		t.Fatalf("no-op role change: version %d -> %d, members %d", c.Version, got.Version, len(got.Members))
	}
}

// TestCentersTellTheSeals: a Kita that joins or leaves is passed on to the seals'
// coverage (Seals.memberJoined, Seals.memberLeft) on its day; a new center has no seal
// to tell.
func TestCentersTellTheSeals(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 3)
	c := e.center(t, CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]))
	if len(e.seals.joined) != 0 {
		t.Errorf("creating a center told the seals %v", e.seals.joined)
	}
	joined := svcToday.AddDays(-3)
	_, err := e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, MemberInput{KitaID: ks[2].ID, Role: RoleMember, JoinedOn: joined})
	mustOK(t, err)
	_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[1].ID, IfMatch{}, Date{})
	mustOK(t, err)
	if want := []string{ks[2].ID.String() + "@" + joined.String()}; !cmp.Equal(want, e.seals.joined) {
		t.Errorf("joined %v, want %v", e.seals.joined, want)
	}
	if want := []string{ks[1].ID.String() + "@" + svcToday.String()}; !cmp.Equal(want, e.seals.left) {
		t.Errorf("left %v, want %v", e.seals.left, want)
	}
}
