package cert

// Rule tests of the master-data services on an in-memory store (memDB): validation,
// references, preconditions and archive rules. The store's own queries, locks and
// concurrency are tested in pkg/store on SQLite and PostgreSQL.

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
)

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
