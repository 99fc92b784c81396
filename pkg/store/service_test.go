package store_test

// Tests of cert.Service running on real databases: SQLite always, PostgreSQL when
// KITACERT_TEST_POSTGRES is set (storetest.Each). No mocks.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin without system zoneinfo

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// svcStart is 09:15 in Berlin on 2026-03-10, with nanoseconds the service must truncate.
var svcStart = time.Date(2026, 3, 10, 8, 15, 30, 123456789, time.UTC)

// svcToday is the calendar day of svcStart in Berlin.
var svcToday = cert.MustParseDate("2026-03-10")

// svcEnv is a Service on a fresh database with a fixed clock.
type svcEnv struct {
	ctx   context.Context
	db    *store.DB
	clock *cert.FixedClock
	svc   *cert.Service
	seq   int
}

func newSvcEnv(t *testing.T, db *store.DB) *svcEnv {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	clock := cert.NewFixedClock(svcStart)
	return &svcEnv{ctx: access.WithPrincipal(context.Background(), access.System), db: db, clock: clock, svc: cert.NewService(db, clock, loc)}
}

func (e *svcEnv) next() int { e.seq++; return e.seq }

func (e *svcEnv) youthOffice(t *testing.T, name string) cert.YouthOffice {
	t.Helper()
	o, err := e.svc.CreateYouthOffice(e.ctx, cert.YouthOffice{Name: name, Code: fmt.Sprintf("YO-%03d", e.next()), Region: cert.RegionRheinland})
	if err != nil {
		t.Fatalf("CreateYouthOffice(%q): %v", name, err)
	}
	return o
}

func (e *svcEnv) provider(t *testing.T, name string) cert.Provider {
	t.Helper()
	p, err := e.svc.CreateProvider(e.ctx, cert.Provider{Name: name, Kind: cert.ProviderMunicipal})
	if err != nil {
		t.Fatalf("CreateProvider(%q): %v", name, err)
	}
	return p
}

func (e *svcEnv) kita(t *testing.T, name, city string, p cert.Provider, o cert.YouthOffice) cert.Kita {
	t.Helper()
	k, err := e.svc.CreateKita(e.ctx, cert.Kita{
		Name: name, ProviderID: p.ID, YouthOfficeID: o.ID,
		Address: cert.Address{Street: "Hauptstraße 1", PostalCode: "40210", City: city},
	})
	if err != nil {
		t.Fatalf("CreateKita(%q): %v", name, err)
	}
	return k
}

// kitas creates n Kitas under one provider and youth office.
func (e *svcEnv) kitas(t *testing.T, n int) []cert.Kita {
	t.Helper()
	p, o := e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt")
	out := make([]cert.Kita, n)
	for i := range out {
		out[i] = e.kita(t, fmt.Sprintf("Kita %02d", i), "Düsseldorf", p, o)
	}
	return out
}

func (e *svcEnv) contact(t *testing.T, name string, kitaID *uuid.UUID) cert.Contact {
	t.Helper()
	c, err := e.svc.CreateContact(e.ctx, cert.Contact{Name: name, Email: "leitung@example.org", Function: cert.FunctionKitaLeader, KitaID: kitaID})
	if err != nil {
		t.Fatalf("CreateContact(%q): %v", name, err)
	}
	return c
}

func (e *svcEnv) center(t *testing.T, kind cert.CenterKind, name string, members ...cert.MemberInput) cert.Center {
	t.Helper()
	c, err := e.svc.CreateCenter(e.ctx, cert.Center{Kind: kind, Name: name}, members)
	if err != nil {
		t.Fatalf("CreateCenter(%q): %v", name, err)
	}
	return c
}

func grant(k cert.Kita) cert.MemberInput {
	return cert.MemberInput{KitaID: k.ID, Role: cert.RoleGrantRecipient}
}
func member(k cert.Kita) cert.MemberInput {
	return cert.MemberInput{KitaID: k.ID, Role: cert.RoleMember}
}

func strp(s string) *string { return &s }

// wantErr fails unless err has code and, when field is not "", names field.
func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	if got := cert.ErrorCode(err); got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
	if field == "" {
		return
	}
	var e *cert.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is no *cert.Error", err)
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
func roles(ms []cert.Membership) map[uuid.UUID]cert.MemberRole {
	out := map[uuid.UUID]cert.MemberRole{}
	for _, m := range ms {
		out[m.KitaID] = m.Role
	}
	return out
}

// walk fetches every page the way a client does (NewPage from limit and cursor) and
// returns the ids in the order seen and the number of pages.
func walk[T any](t *testing.T, limit int, archived bool, fetch func(cert.Page) (cert.List[T], error), id func(T) uuid.UUID) ([]uuid.UUID, int) {
	t.Helper()
	var ids []uuid.UUID
	cursor, pages := "", 0
	for {
		p, err := cert.NewPage(limit, cursor, archived)
		if err != nil {
			t.Fatalf("NewPage(%d, %q): %v", limit, cursor, err)
		}
		list, err := fetch(p)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(list.Items) > p.Limit {
			t.Fatalf("page %d has %d items, limit %d", pages, len(list.Items), p.Limit)
		}
		for _, it := range list.Items {
			ids = append(ids, id(it))
		}
		if list.NextCursor == "" {
			return ids, pages
		}
		if len(list.Items) != p.Limit {
			t.Fatalf("page %d has %d items < limit %d but a next cursor", pages, len(list.Items), p.Limit)
		}
		if pages > 1000 {
			t.Fatal("pagination does not end")
		}
		cursor = list.NextCursor
	}
}

func TestServiceYouthOfficeLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		created, err := e.svc.CreateYouthOffice(e.ctx, cert.YouthOffice{Name: "  Jugendamt Düsseldorf ", Code: " 05111000 ", Region: cert.RegionRheinland})
		mustOK(t, err)
		want := cert.YouthOffice{
			Meta: cert.Meta{ID: created.ID, Version: 1, CreatedAt: svcStart.Truncate(time.Microsecond), UpdatedAt: svcStart.Truncate(time.Microsecond)},
			Name: "Jugendamt Düsseldorf", Code: "05111000", Region: cert.RegionRheinland,
		}
		if diff := cmp.Diff(want, created); diff != "" {
			t.Errorf("created (-want +got):\n%s", diff)
		}
		if created.ID.Version() != 7 {
			t.Errorf("id %s is no UUIDv7", created.ID)
		}
		got, err := e.svc.YouthOffice(e.ctx, created.ID)
		mustOK(t, err)
		if diff := cmp.Diff(created, got); diff != "" {
			t.Errorf("stored differs from created (-created +stored):\n%s", diff)
		}
		if got.CreatedAt.Location() != time.UTC {
			t.Errorf("CreatedAt location = %v, want UTC", got.CreatedAt.Location())
		}

		_, err = e.svc.YouthOffice(e.ctx, cert.NewID())
		wantErr(t, err, cert.ENOTFOUND, "")

		e.clock.Advance(time.Hour)
		upd, err := e.svc.UpdateYouthOffice(e.ctx, created.ID, cert.Expect(1), cert.YouthOfficePatch{Region: ptrTo(cert.RegionWestfalenLippe)})
		mustOK(t, err)
		if upd.Version != 2 || upd.Region != cert.RegionWestfalenLippe || upd.Name != want.Name || upd.Code != want.Code {
			t.Errorf("updated = %+v", upd)
		}
		if !upd.UpdatedAt.Equal(svcStart.Add(time.Hour).Truncate(time.Microsecond)) || !upd.CreatedAt.Equal(want.CreatedAt) {
			t.Errorf("timestamps after update: created %v updated %v", upd.CreatedAt, upd.UpdatedAt)
		}
		got, err = e.svc.YouthOffice(e.ctx, created.ID)
		mustOK(t, err)
		if diff := cmp.Diff(upd, got); diff != "" {
			t.Errorf("stored differs from updated (-updated +stored):\n%s", diff)
		}

		// An invalid patch changes nothing.
		_, err = e.svc.UpdateYouthOffice(e.ctx, created.ID, cert.Expect(2), cert.YouthOfficePatch{Name: strp("  "), Region: ptrTo(cert.Region("nrw"))})
		wantErr(t, err, cert.EINVALID, "name")
		wantErr(t, err, cert.EINVALID, "region")
		got, _ = e.svc.YouthOffice(e.ctx, created.ID)
		if got.Version != 2 || got.Name != want.Name {
			t.Errorf("after invalid patch: %+v", got)
		}

		_, err = e.svc.CreateYouthOffice(e.ctx, cert.YouthOffice{Name: "", Code: "", Region: "x"})
		wantErr(t, err, cert.EINVALID, "code")

		_, err = e.svc.UpdateYouthOffice(e.ctx, cert.NewID(), cert.Expect(1), cert.YouthOfficePatch{})
		wantErr(t, err, cert.ENOTFOUND, "")
	})
}

func ptrTo[T any](v T) *T { return &v }

func TestServiceKitaCreateUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		p, o := e.provider(t, "Stadt Düsseldorf"), e.youthOffice(t, "Jugendamt Düsseldorf")
		p2 := e.provider(t, "AWO")
		k, err := e.svc.CreateKita(e.ctx, cert.Kita{
			Name: " Kita Sonnenschein ", ProviderID: p.ID, YouthOfficeID: o.ID,
			Address:  cert.Address{Street: " Königsallee 1 ", PostalCode: " 40212 ", City: " Düsseldorf "},
			District: " Stadtmitte ", KibizID: strp(" K-1 "),
		})
		mustOK(t, err)
		if k.Name != "Kita Sonnenschein" || k.Address.PostalCode != "40212" || k.Address.City != "Düsseldorf" ||
			k.District != "Stadtmitte" || k.KibizID == nil || *k.KibizID != "K-1" {
			t.Errorf("not trimmed: %+v", k)
		}
		got, err := e.svc.Kita(e.ctx, k.ID)
		mustOK(t, err)
		if diff := cmp.Diff(k, got); diff != "" {
			t.Errorf("stored (-created +stored):\n%s", diff)
		}

		_, err = e.svc.CreateKita(e.ctx, cert.Kita{Name: "x", ProviderID: p.ID, YouthOfficeID: o.ID,
			Address: cert.Address{Street: "s", PostalCode: "4021", City: "c"}})
		wantErr(t, err, cert.EINVALID, "address.postal_code")

		tests := []struct {
			name  string
			patch cert.KitaPatch
			check func(t *testing.T, k cert.Kita)
		}{
			{"city only", cert.KitaPatch{Address: &cert.AddressPatch{City: strp("Neuss")}}, func(t *testing.T, k cert.Kita) {
				if k.Address != (cert.Address{Street: "Königsallee 1", PostalCode: "40212", City: "Neuss"}) {
					t.Errorf("address = %+v", k.Address)
				}
			}},
			{"district explicitly empty", cert.KitaPatch{District: strp("")}, func(t *testing.T, k cert.Kita) {
				if k.District != "" || k.Name != "Kita Sonnenschein" {
					t.Errorf("district = %q, name = %q", k.District, k.Name)
				}
			}},
			{"kibiz id not sent stays", cert.KitaPatch{Name: strp("Kita Sonne")}, func(t *testing.T, k cert.Kita) {
				if k.KibizID == nil || *k.KibizID != "K-1" || k.Name != "Kita Sonne" {
					t.Errorf("kibiz = %v, name = %q", k.KibizID, k.Name)
				}
			}},
			{"kibiz id null removes it", cert.KitaPatch{KibizID: cert.Optional[string]{Set: true}}, func(t *testing.T, k cert.Kita) {
				if k.KibizID != nil {
					t.Errorf("kibiz = %q, want nil", *k.KibizID)
				}
			}},
			{"move to another provider", cert.KitaPatch{ProviderID: &p2.ID}, func(t *testing.T, k cert.Kita) {
				if k.ProviderID != p2.ID {
					t.Errorf("provider = %s", k.ProviderID)
				}
			}},
		}
		version := k.Version
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e.clock.Advance(time.Minute)
				upd, err := e.svc.UpdateKita(e.ctx, k.ID, cert.Expect(version), tt.patch)
				mustOK(t, err)
				if upd.Version != version+1 {
					t.Errorf("version = %d, want %d", upd.Version, version+1)
				}
				version = upd.Version
				tt.check(t, upd)
				stored, err := e.svc.Kita(e.ctx, k.ID)
				mustOK(t, err)
				if diff := cmp.Diff(upd, stored); diff != "" {
					t.Errorf("stored (-returned +stored):\n%s", diff)
				}
				tt.check(t, stored)
			})
		}
	})
}

func TestServicePagination(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		const n = 7
		ks := e.kitas(t, n) // also makes one provider and one youth office
		var kitaIDs, provIDs, yoIDs, contactIDs []uuid.UUID
		for _, k := range ks {
			kitaIDs = append(kitaIDs, k.ID)
			contactIDs = append(contactIDs, e.contact(t, "Leitung "+k.Name, &k.ID).ID)
		}
		provs, _ := e.svc.Providers(e.ctx, cert.ProviderFilter{Page: cert.Page{Limit: 10}})
		yos, _ := e.svc.YouthOffices(e.ctx, cert.YouthOfficeFilter{Page: cert.Page{Limit: 10}})
		provIDs = append(provIDs, provs.Items[0].ID)
		yoIDs = append(yoIDs, yos.Items[0].ID)
		for i := 1; i < n; i++ {
			provIDs = append(provIDs, e.provider(t, fmt.Sprintf("Träger %d", i)).ID)
			yoIDs = append(yoIDs, e.youthOffice(t, fmt.Sprintf("Jugendamt %d", i)).ID)
		}
		var centerIDs []uuid.UUID
		for _, k := range ks {
			centerIDs = append(centerIDs, e.center(t, cert.CenterSingle, "FZ "+k.Name, grant(k)).ID)
		}

		type walker func(t *testing.T, limit int) ([]uuid.UUID, int)
		kinds := []struct {
			name string
			want []uuid.UUID
			walk walker
		}{
			{"kitas", kitaIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.Kita], error) {
					return e.svc.Kitas(e.ctx, cert.KitaFilter{Page: p})
				}, func(k cert.Kita) uuid.UUID { return k.ID })
			}},
			{"providers", provIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.Provider], error) {
					return e.svc.Providers(e.ctx, cert.ProviderFilter{Page: p})
				}, func(p cert.Provider) uuid.UUID { return p.ID })
			}},
			{"youth offices", yoIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.YouthOffice], error) {
					return e.svc.YouthOffices(e.ctx, cert.YouthOfficeFilter{Page: p})
				}, func(o cert.YouthOffice) uuid.UUID { return o.ID })
			}},
			{"contacts", contactIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.Contact], error) {
					return e.svc.Contacts(e.ctx, cert.ContactFilter{Page: p})
				}, func(c cert.Contact) uuid.UUID { return c.ID })
			}},
			{"centers", centerIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.Center], error) {
					return e.svc.Centers(e.ctx, cert.CenterFilter{Page: p})
				}, func(c cert.Center) uuid.UUID { return c.ID })
			}},
		}
		limits := []struct{ limit, pages int }{
			{1, n}, {2, 4}, {3, 3}, {6, 2}, {7, 1}, {8, 1}, {0, 1}, {cert.MaxLimit, 1},
		}
		for _, kind := range kinds {
			for _, l := range limits {
				t.Run(fmt.Sprintf("%s/limit=%d", kind.name, l.limit), func(t *testing.T) {
					ids, pages := kind.walk(t, l.limit)
					if diff := cmp.Diff(kind.want, ids); diff != "" {
						t.Errorf("ids in creation order, each once (-want +got):\n%s", diff)
					}
					if pages != l.pages {
						t.Errorf("pages = %d, want %d", pages, l.pages)
					}
				})
			}
		}

		t.Run("centers carry their members", func(t *testing.T) {
			list, err := e.svc.Centers(e.ctx, cert.CenterFilter{Page: cert.Page{Limit: 3}})
			mustOK(t, err)
			for i, c := range list.Items {
				if len(c.Members) != 1 || c.Members[0].KitaID != ks[i].ID || c.Members[0].KitaName != ks[i].Name {
					t.Errorf("center %d members = %+v", i, c.Members)
				}
			}
		})

		t.Run("archived only when asked", func(t *testing.T) {
			// Kita 3 leaves its center and loses its contact, then it can be archived.
			_, err := e.svc.ArchiveContact(e.ctx, contactIDs[3], cert.IfMatch{})
			mustOK(t, err)
			_, err = e.svc.ArchiveCenter(e.ctx, centerIDs[3], cert.IfMatch{})
			mustOK(t, err)
			_, err = e.svc.ArchiveKita(e.ctx, kitaIDs[3], cert.IfMatch{})
			mustOK(t, err)
			fetch := func(p cert.Page) (cert.List[cert.Kita], error) { return e.svc.Kitas(e.ctx, cert.KitaFilter{Page: p}) }
			id := func(k cert.Kita) uuid.UUID { return k.ID }
			without := slices.Delete(slices.Clone(kitaIDs), 3, 4)
			for _, limit := range []int{1, 3, 50} {
				ids, _ := walk(t, limit, false, fetch, id)
				if diff := cmp.Diff(without, ids); diff != "" {
					t.Errorf("limit %d without archived (-want +got):\n%s", limit, diff)
				}
				ids, _ = walk(t, limit, true, fetch, id)
				if diff := cmp.Diff(kitaIDs, ids); diff != "" {
					t.Errorf("limit %d with archived (-want +got):\n%s", limit, diff)
				}
			}
			cids, _ := walk(t, 2, false, func(p cert.Page) (cert.List[cert.Center], error) {
				return e.svc.Centers(e.ctx, cert.CenterFilter{Page: p})
			}, func(c cert.Center) uuid.UUID { return c.ID })
			if slices.Contains(cids, centerIDs[3]) || len(cids) != n-1 {
				t.Errorf("archived center listed: %v", cids)
			}
		})
	})
}

func TestServiceSearchAndFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		yoD, yoE := e.youthOffice(t, "Jugendamt Düsseldorf"), e.youthOffice(t, "Jugendamt Essen")
		pCity, pAWO := e.provider(t, "Stadt Düsseldorf"), e.provider(t, "AWO Ruhr")
		nord := e.kita(t, "Kita Düsseldorf-Nord", "Düsseldorf", pCity, yoD)
		sued := e.kita(t, "KITA DÜSSELDORF SÜD", "DÜSSELDORF", pAWO, yoD)
		essen := e.kita(t, "Kita Essen-Mitte", "Essen", pAWO, yoE)
		pct := e.kita(t, "Kita 100% Kinder", "essen", pCity, yoE)
		under := e.kita(t, "Kita_Unterstrich", "Köln", pCity, yoE)
		all := []cert.Kita{nord, sued, essen, pct, under}
		ids := func(ks ...cert.Kita) []uuid.UUID {
			out := []uuid.UUID{}
			for _, k := range ks {
				out = append(out, k.ID)
			}
			return out
		}
		tests := []struct {
			name string
			f    cert.KitaFilter
			want []uuid.UUID
		}{
			{"no filter", cert.KitaFilter{}, ids(all...)},
			{"q lower case umlaut", cert.KitaFilter{Q: "düsseldorf"}, ids(nord, sued)},
			{"q upper case umlaut", cert.KitaFilter{Q: "DÜSSELDORF"}, ids(nord, sued)},
			{"q mixed case", cert.KitaFilter{Q: "Düsseldorf"}, ids(nord, sued)},
			{"q umlaut only", cert.KitaFilter{Q: "Süd"}, ids(sued)},
			{"q umlaut upper", cert.KitaFilter{Q: "SÜD"}, ids(sued)},
			{"q substring", cert.KitaFilter{Q: "seldorf-n"}, ids(nord)},
			{"q is trimmed", cert.KitaFilter{Q: "  essen  "}, ids(essen)},
			{"q percent is literal", cert.KitaFilter{Q: "%"}, ids(pct)},
			{"q underscore is literal", cert.KitaFilter{Q: "_"}, ids(under)},
			{"q backslash", cert.KitaFilter{Q: `\`}, ids()},
			{"q nothing", cert.KitaFilter{Q: "Bielefeld"}, ids()},
			{"q common prefix", cert.KitaFilter{Q: "KITA"}, ids(all...)},
			{"city exact", cert.KitaFilter{City: "Düsseldorf"}, ids(nord, sued)},
			{"city upper", cert.KitaFilter{City: "DÜSSELDORF"}, ids(nord, sued)},
			{"city lower", cert.KitaFilter{City: " essen "}, ids(essen, pct)},
			{"city is no substring match", cert.KitaFilter{City: "Düssel"}, ids()},
			{"youth office", cert.KitaFilter{YouthOfficeID: &yoE.ID}, ids(essen, pct, under)},
			{"provider", cert.KitaFilter{ProviderID: &pAWO.ID}, ids(sued, essen)},
			{"provider and youth office", cert.KitaFilter{ProviderID: &pCity.ID, YouthOfficeID: &yoE.ID}, ids(pct, under)},
			{"q and city", cert.KitaFilter{Q: "kita", City: "essen"}, ids(essen, pct)},
			{"unknown youth office", cert.KitaFilter{YouthOfficeID: ptrTo(cert.NewID())}, ids()},
			{"ids", cert.KitaFilter{IDs: ids(under, nord)}, ids(nord, under)},
			{"empty ids", cert.KitaFilter{IDs: []uuid.UUID{}}, ids()},
		}
		for _, tt := range tests {
			t.Run("kitas/"+tt.name, func(t *testing.T) {
				f := tt.f
				f.Limit = 50
				list, err := e.svc.Kitas(e.ctx, f)
				mustOK(t, err)
				if diff := cmp.Diff(tt.want, ids(list.Items...)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}

		t.Run("youth offices", func(t *testing.T) {
			_, err := e.svc.UpdateYouthOffice(e.ctx, yoE.ID, cert.Expect(1), cert.YouthOfficePatch{Region: ptrTo(cert.RegionWestfalenLippe)})
			mustOK(t, err)
			for _, tc := range []struct {
				f    cert.YouthOfficeFilter
				want []uuid.UUID
			}{
				{cert.YouthOfficeFilter{Q: "DÜSSELDORF"}, []uuid.UUID{yoD.ID}},
				{cert.YouthOfficeFilter{Q: "jugendamt"}, []uuid.UUID{yoD.ID, yoE.ID}},
				{cert.YouthOfficeFilter{Region: cert.RegionWestfalenLippe}, []uuid.UUID{yoE.ID}},
				{cert.YouthOfficeFilter{Q: "essen", Region: cert.RegionRheinland}, nil},
			} {
				list, err := e.svc.YouthOffices(e.ctx, tc.f)
				mustOK(t, err)
				var got []uuid.UUID
				for _, o := range list.Items {
					got = append(got, o.ID)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%+v (-want +got):\n%s", tc.f, diff)
				}
			}
		})

		t.Run("providers", func(t *testing.T) {
			_, err := e.svc.UpdateProvider(e.ctx, pAWO.ID, cert.Expect(1), cert.ProviderPatch{Kind: ptrTo(cert.ProviderAWO)})
			mustOK(t, err)
			for _, tc := range []struct {
				f    cert.ProviderFilter
				want []uuid.UUID
			}{
				{cert.ProviderFilter{Q: "DÜSSEL"}, []uuid.UUID{pCity.ID}},
				{cert.ProviderFilter{Q: "ruhr"}, []uuid.UUID{pAWO.ID}},
				{cert.ProviderFilter{Kind: cert.ProviderAWO}, []uuid.UUID{pAWO.ID}},
				{cert.ProviderFilter{Kind: cert.ProviderMunicipal}, []uuid.UUID{pCity.ID}},
			} {
				list, err := e.svc.Providers(e.ctx, tc.f)
				mustOK(t, err)
				var got []uuid.UUID
				for _, p := range list.Items {
					got = append(got, p.ID)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%+v (-want +got):\n%s", tc.f, diff)
				}
			}
		})

		t.Run("contacts", func(t *testing.T) {
			c1 := e.contact(t, "Jürgen Müller", &nord.ID)
			c2, err := e.svc.CreateContact(e.ctx, cert.Contact{Name: "Anna Schmidt", Email: "a@example.org", Function: cert.FunctionProviderContact, ProviderID: &pAWO.ID})
			mustOK(t, err)
			c3, err := e.svc.CreateContact(e.ctx, cert.Contact{Name: "Jana Öztürk", Email: "j@example.org", Function: cert.FunctionYouthOfficePlanner, YouthOfficeID: &yoD.ID})
			mustOK(t, err)
			for _, tc := range []struct {
				f    cert.ContactFilter
				want []uuid.UUID
			}{
				{cert.ContactFilter{Q: "MÜLLER"}, []uuid.UUID{c1.ID}},
				{cert.ContactFilter{Q: "öztürk"}, []uuid.UUID{c3.ID}},
				{cert.ContactFilter{KitaID: &nord.ID}, []uuid.UUID{c1.ID}},
				{cert.ContactFilter{ProviderID: &pAWO.ID}, []uuid.UUID{c2.ID}},
				{cert.ContactFilter{YouthOfficeID: &yoD.ID}, []uuid.UUID{c3.ID}},
				{cert.ContactFilter{Function: cert.FunctionProviderContact}, []uuid.UUID{c2.ID}},
				{cert.ContactFilter{}, []uuid.UUID{c1.ID, c2.ID, c3.ID}},
			} {
				list, err := e.svc.Contacts(e.ctx, tc.f)
				mustOK(t, err)
				var got []uuid.UUID
				for _, c := range list.Items {
					got = append(got, c.ID)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%+v (-want +got):\n%s", tc.f, diff)
				}
			}
		})

		t.Run("centers", func(t *testing.T) {
			net := e.center(t, cert.CenterNetwork, "Verbund Düsseldorf", grant(nord), member(sued))
			single := e.center(t, cert.CenterSingle, "Familienzentrum Essen", grant(essen))
			for _, tc := range []struct {
				name string
				f    cert.CenterFilter
				want []uuid.UUID
			}{
				{"q", cert.CenterFilter{Q: "DÜSSELDORF"}, []uuid.UUID{net.ID}},
				{"kind", cert.CenterFilter{Kind: cert.CenterSingle}, []uuid.UUID{single.ID}},
				{"kita", cert.CenterFilter{KitaID: &sued.ID}, []uuid.UUID{net.ID}},
				{"kita in none", cert.CenterFilter{KitaID: &under.ID}, nil},
				{"youth office", cert.CenterFilter{YouthOfficeID: &yoE.ID}, []uuid.UUID{single.ID}},
				{"youth office of network", cert.CenterFilter{YouthOfficeID: &yoD.ID}, []uuid.UUID{net.ID}},
				{"all", cert.CenterFilter{}, []uuid.UUID{net.ID, single.ID}},
			} {
				list, err := e.svc.Centers(e.ctx, tc.f)
				mustOK(t, err)
				var got []uuid.UUID
				for _, c := range list.Items {
					got = append(got, c.ID)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", tc.name, diff)
				}
			}
		})
	})
}

func TestServiceUniqueConflicts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		o1, err := e.svc.CreateYouthOffice(e.ctx, cert.YouthOffice{Name: "Jugendamt A", Code: "05111000", Region: cert.RegionRheinland})
		mustOK(t, err)
		_, err = e.svc.CreateYouthOffice(e.ctx, cert.YouthOffice{Name: "Jugendamt B", Code: " 05111000 ", Region: cert.RegionRheinland})
		wantErr(t, err, cert.ECONFLICT, "code")
		o2, err := e.svc.CreateYouthOffice(e.ctx, cert.YouthOffice{Name: "Jugendamt B", Code: "05111001", Region: cert.RegionRheinland})
		mustOK(t, err)
		_, err = e.svc.UpdateYouthOffice(e.ctx, o2.ID, cert.Expect(1), cert.YouthOfficePatch{Code: strp("05111000")})
		wantErr(t, err, cert.ECONFLICT, "code")
		if got, _ := e.svc.YouthOffice(e.ctx, o2.ID); got.Version != 1 || got.Code != "05111001" {
			t.Errorf("after conflicting update: %+v", got)
		}

		p := e.provider(t, "Träger")
		mk := func(name string, kibiz *string) (cert.Kita, error) {
			return e.svc.CreateKita(e.ctx, cert.Kita{Name: name, ProviderID: p.ID, YouthOfficeID: o1.ID, KibizID: kibiz,
				Address: cert.Address{Street: "Weg 1", PostalCode: "40210", City: "Düsseldorf"}})
		}
		k1, err := mk("Kita 1", strp("K-1"))
		mustOK(t, err)
		_, err = mk("Kita 2", strp("K-1"))
		wantErr(t, err, cert.ECONFLICT, "kibiz_id")
		_, err = mk("Kita 2", strp("  K-1\t"))
		wantErr(t, err, cert.ECONFLICT, "kibiz_id")
		// Many Kitas may have no KiBiz id.
		k2, err := mk("Kita 2", nil)
		mustOK(t, err)
		_, err = mk("Kita 3", nil)
		mustOK(t, err)
		_, err = e.svc.UpdateKita(e.ctx, k2.ID, cert.Expect(1), cert.KitaPatch{KibizID: cert.Optional[string]{Set: true, Value: strp("K-1")}})
		wantErr(t, err, cert.ECONFLICT, "kibiz_id")
		// Once Kita 1 gives its id up, Kita 2 can take it.
		_, err = e.svc.UpdateKita(e.ctx, k1.ID, cert.Expect(1), cert.KitaPatch{KibizID: cert.Optional[string]{Set: true}})
		mustOK(t, err)
		k2, err = e.svc.UpdateKita(e.ctx, k2.ID, cert.Expect(1), cert.KitaPatch{KibizID: cert.Optional[string]{Set: true, Value: strp("K-1")}})
		mustOK(t, err)
		if k2.Version != 2 || *k2.KibizID != "K-1" {
			t.Errorf("k2 = %+v", k2)
		}
		// The database still works after a conflict inside a transaction (PostgreSQL aborts it).
		if _, err := e.svc.Kita(e.ctx, k2.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestServiceReferences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		o, p := e.youthOffice(t, "Jugendamt"), e.provider(t, "Träger")
		oldO, oldP := e.youthOffice(t, "Altes Jugendamt"), e.provider(t, "Alter Träger")
		_, err := e.svc.ArchiveYouthOffice(e.ctx, oldO.ID, cert.IfMatch{})
		mustOK(t, err)
		_, err = e.svc.ArchiveProvider(e.ctx, oldP.ID, cert.IfMatch{})
		mustOK(t, err)
		missing := cert.NewID()
		addr := cert.Address{Street: "Weg 1", PostalCode: "40210", City: "Düsseldorf"}
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
				_, err := e.svc.CreateKita(e.ctx, cert.Kita{Name: "Neu", ProviderID: tt.provider, YouthOfficeID: tt.office, Address: addr})
				wantErr(t, err, cert.EINVALID, tt.field)
			})
			t.Run("update kita/"+tt.name, func(t *testing.T) {
				_, err := e.svc.UpdateKita(e.ctx, k.ID, cert.Expect(1), cert.KitaPatch{ProviderID: &tt.provider, YouthOfficeID: &tt.office})
				wantErr(t, err, cert.EINVALID, tt.field)
				if got, _ := e.svc.Kita(e.ctx, k.ID); got.Version != 1 || got.ProviderID != p.ID || got.YouthOfficeID != o.ID {
					t.Errorf("kita changed: %+v", got)
				}
			})
		}

		oldK := e.kita(t, "Alte Kita", "Düsseldorf", p, o)
		_, err = e.svc.ArchiveKita(e.ctx, oldK.ID, cert.IfMatch{})
		mustOK(t, err)
		contactTests := []struct {
			name  string
			c     cert.Contact
			field string
		}{
			{"missing kita", cert.Contact{KitaID: &missing}, "kita_id"},
			{"archived kita", cert.Contact{KitaID: &oldK.ID}, "kita_id"},
			{"missing provider", cert.Contact{ProviderID: &missing}, "provider_id"},
			{"archived provider", cert.Contact{ProviderID: &oldP.ID}, "provider_id"},
			{"missing youth office", cert.Contact{YouthOfficeID: &missing}, "youth_office_id"},
			{"archived youth office", cert.Contact{YouthOfficeID: &oldO.ID}, "youth_office_id"},
			{"no owner", cert.Contact{}, "kita_id"},
			{"two owners", cert.Contact{KitaID: &k.ID, ProviderID: &p.ID}, "kita_id"},
		}
		for _, tt := range contactTests {
			t.Run("create contact/"+tt.name, func(t *testing.T) {
				c := tt.c
				c.Name, c.Email, c.Function = "Erika", "erika@example.org", cert.FunctionOther
				_, err := e.svc.CreateContact(e.ctx, c)
				wantErr(t, err, cert.EINVALID, tt.field)
			})
		}

		t.Run("update contact owner", func(t *testing.T) {
			c := e.contact(t, "Erika", &k.ID)
			none := cert.Optional[uuid.UUID]{Set: true}
			_, err := e.svc.UpdateContact(e.ctx, c.ID, cert.Expect(1), cert.ContactPatch{KitaID: none, ProviderID: cert.Optional[uuid.UUID]{Set: true, Value: &oldP.ID}})
			wantErr(t, err, cert.EINVALID, "provider_id")
			_, err = e.svc.UpdateContact(e.ctx, c.ID, cert.Expect(1), cert.ContactPatch{KitaID: none})
			wantErr(t, err, cert.EINVALID, "kita_id")
			upd, err := e.svc.UpdateContact(e.ctx, c.ID, cert.Expect(1), cert.ContactPatch{KitaID: none, ProviderID: cert.Optional[uuid.UUID]{Set: true, Value: &p.ID}})
			mustOK(t, err)
			if upd.KitaID != nil || upd.ProviderID == nil || *upd.ProviderID != p.ID || upd.Version != 2 {
				t.Errorf("moved contact = %+v", upd)
			}
			got, _ := e.svc.Contact(e.ctx, c.ID)
			if diff := cmp.Diff(upd, got); diff != "" {
				t.Errorf("stored (-returned +stored):\n%s", diff)
			}
		})
	})
}

func TestServicePreconditions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		ks := e.kitas(t, 3)
		yo, _ := e.svc.YouthOffice(e.ctx, ks[0].YouthOfficeID)
		p, _ := e.svc.Provider(e.ctx, ks[0].ProviderID)
		c := e.contact(t, "Erika", &ks[0].ID)
		ctr := e.center(t, cert.CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]))

		type update func(m cert.IfMatch) (int, error) // returns the new version
		tests := []struct {
			name   string
			update update
			stored func() int
		}{
			{"youth office", func(m cert.IfMatch) (int, error) {
				o, err := e.svc.UpdateYouthOffice(e.ctx, yo.ID, m, cert.YouthOfficePatch{Name: strp("JA " + uuid.NewString())})
				return o.Version, err
			}, func() int { o, _ := e.svc.YouthOffice(e.ctx, yo.ID); return o.Version }},
			{"provider", func(m cert.IfMatch) (int, error) {
				o, err := e.svc.UpdateProvider(e.ctx, p.ID, m, cert.ProviderPatch{Name: strp("T " + uuid.NewString())})
				return o.Version, err
			}, func() int { o, _ := e.svc.Provider(e.ctx, p.ID); return o.Version }},
			{"kita", func(m cert.IfMatch) (int, error) {
				o, err := e.svc.UpdateKita(e.ctx, ks[0].ID, m, cert.KitaPatch{Name: strp("K " + uuid.NewString())})
				return o.Version, err
			}, func() int { o, _ := e.svc.Kita(e.ctx, ks[0].ID); return o.Version }},
			{"contact", func(m cert.IfMatch) (int, error) {
				o, err := e.svc.UpdateContact(e.ctx, c.ID, m, cert.ContactPatch{Name: strp("C " + uuid.NewString())})
				return o.Version, err
			}, func() int { o, _ := e.svc.Contact(e.ctx, c.ID); return o.Version }},
			{"center", func(m cert.IfMatch) (int, error) {
				o, err := e.svc.UpdateCenter(e.ctx, ctr.ID, m, cert.CenterPatch{Name: strp("Z " + uuid.NewString())})
				return o.Version, err
			}, func() int { o, _ := e.svc.Center(e.ctx, ctr.ID); return o.Version }},
			{"center member role", func(m cert.IfMatch) (int, error) {
				role := cert.RoleContact
				if cur, _ := e.svc.Center(e.ctx, ctr.ID); roles(cur.Members)[ks[1].ID] == cert.RoleContact {
					role = cert.RoleMember
				}
				o, err := e.svc.SetMemberRole(e.ctx, ctr.ID, ks[1].ID, m, role)
				return o.Version, err
			}, func() int { o, _ := e.svc.Center(e.ctx, ctr.ID); return o.Version }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				v := tt.stored()
				_, err := tt.update(cert.IfMatch{})
				wantErr(t, err, cert.EPRECONDITIONREQUIRED, "")
				_, err = tt.update(cert.Expect(v - 1))
				wantErr(t, err, cert.EPRECONDITIONFAILED, "")
				_, err = tt.update(cert.Expect(v + 1))
				wantErr(t, err, cert.EPRECONDITIONFAILED, "")
				_, err = tt.update(cert.IfMatch{Given: true, Version: -1})
				wantErr(t, err, cert.EPRECONDITIONFAILED, "")
				if got := tt.stored(); got != v {
					t.Fatalf("failed updates moved the version from %d to %d", v, got)
				}
				nv, err := tt.update(cert.Expect(v))
				mustOK(t, err)
				if nv != v+1 || tt.stored() != v+1 {
					t.Errorf("version after update = %d (stored %d), want %d", nv, tt.stored(), v+1)
				}
				nv, err = tt.update(cert.IfMatch{Given: true, Any: true})
				mustOK(t, err)
				if nv != v+2 {
					t.Errorf("version after If-Match: * = %d, want %d", nv, v+2)
				}
				// The old version is stale now.
				_, err = tt.update(cert.Expect(v))
				wantErr(t, err, cert.EPRECONDITIONFAILED, "")
			})
		}

		t.Run("archive with stale version", func(t *testing.T) {
			k := ks[2]
			_, err := e.svc.ArchiveKita(e.ctx, k.ID, cert.Expect(k.Version+1))
			wantErr(t, err, cert.EPRECONDITIONFAILED, "")
			_, err = e.svc.AddMember(e.ctx, ctr.ID, cert.Expect(1), member(k))
			wantErr(t, err, cert.EPRECONDITIONFAILED, "")
			cur, _ := e.svc.Center(e.ctx, ctr.ID)
			_, err = e.svc.RemoveMember(e.ctx, ctr.ID, ks[1].ID, cert.Expect(cur.Version-1), cert.Date{})
			wantErr(t, err, cert.EPRECONDITIONFAILED, "")
			_, err = e.svc.ArchiveCenter(e.ctx, ctr.ID, cert.Expect(cur.Version+1))
			wantErr(t, err, cert.EPRECONDITIONFAILED, "")
			if got, _ := e.svc.Center(e.ctx, ctr.ID); got.Version != cur.Version || got.Archived() || len(got.Members) != 2 {
				t.Errorf("center changed: %+v", got)
			}
		})
	})
}

func TestServiceArchiveRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		o, p := e.youthOffice(t, "Jugendamt"), e.provider(t, "Träger")
		k1 := e.kita(t, "Kita 1", "Essen", p, o)
		k2 := e.kita(t, "Kita 2", "Essen", p, o)

		_, err := e.svc.ArchiveYouthOffice(e.ctx, o.ID, cert.IfMatch{})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.ArchiveProvider(e.ctx, p.ID, cert.IfMatch{})
		wantErr(t, err, cert.ECONFLICT, "")

		ctr := e.center(t, cert.CenterSingle, "FZ", grant(k1))
		_, err = e.svc.ArchiveKita(e.ctx, k1.ID, cert.IfMatch{})
		wantErr(t, err, cert.ECONFLICT, "")
		if got, _ := e.svc.Kita(e.ctx, k1.ID); got.Archived() || got.Version != 1 {
			t.Errorf("kita in a center was archived: %+v", got)
		}

		c := e.contact(t, "Erika", &k2.ID)
		_, err = e.svc.ArchiveKita(e.ctx, k2.ID, cert.IfMatch{})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.ArchiveContact(e.ctx, c.ID, cert.IfMatch{})
		mustOK(t, err)
		_, err = e.svc.ArchiveKita(e.ctx, k2.ID, cert.IfMatch{})
		mustOK(t, err)

		_, err = e.svc.ArchiveCenter(e.ctx, ctr.ID, cert.IfMatch{})
		mustOK(t, err)
		_, err = e.svc.ArchiveKita(e.ctx, k1.ID, cert.IfMatch{})
		mustOK(t, err)

		oc, err := e.svc.CreateContact(e.ctx, cert.Contact{Name: "Planer", Email: "p@example.org", Function: cert.FunctionYouthOfficePlanner, YouthOfficeID: &o.ID})
		mustOK(t, err)
		_, err = e.svc.ArchiveYouthOffice(e.ctx, o.ID, cert.IfMatch{})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.ArchiveContact(e.ctx, oc.ID, cert.IfMatch{})
		mustOK(t, err)
		_, err = e.svc.ArchiveYouthOffice(e.ctx, o.ID, cert.IfMatch{})
		mustOK(t, err)

		pc, err := e.svc.CreateContact(e.ctx, cert.Contact{Name: "Träger-Kontakt", Email: "t@example.org", Function: cert.FunctionProviderContact, ProviderID: &p.ID})
		mustOK(t, err)
		_, err = e.svc.ArchiveProvider(e.ctx, p.ID, cert.IfMatch{})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.ArchiveContact(e.ctx, pc.ID, cert.IfMatch{})
		mustOK(t, err)
		_, err = e.svc.ArchiveProvider(e.ctx, p.ID, cert.IfMatch{})
		mustOK(t, err)

		// Archived objects cannot be changed.
		_, err = e.svc.UpdateKita(e.ctx, k1.ID, cert.IfMatch{Given: true, Any: true}, cert.KitaPatch{Name: strp("x")})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.UpdateYouthOffice(e.ctx, o.ID, cert.IfMatch{Given: true, Any: true}, cert.YouthOfficePatch{Name: strp("x")})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.UpdateProvider(e.ctx, p.ID, cert.IfMatch{Given: true, Any: true}, cert.ProviderPatch{Name: strp("x")})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.UpdateContact(e.ctx, c.ID, cert.IfMatch{Given: true, Any: true}, cert.ContactPatch{Name: strp("x")})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.UpdateCenter(e.ctx, ctr.ID, cert.IfMatch{Given: true, Any: true}, cert.CenterPatch{Name: strp("x")})
		wantErr(t, err, cert.ECONFLICT, "")
	})
}

func TestServiceArchiveTwiceIsNoOp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		o, p := e.youthOffice(t, "Jugendamt"), e.provider(t, "Träger")
		k := e.kita(t, "Kita", "Essen", p, o)
		k2 := e.kita(t, "Kita 2", "Essen", e.provider(t, "Träger 2"), e.youthOffice(t, "Jugendamt 2"))
		c := e.contact(t, "Erika", &k.ID)
		ctr := e.center(t, cert.CenterSingle, "FZ", grant(k2))
		emptyO, emptyP := e.youthOffice(t, "Leeres Jugendamt"), e.provider(t, "Leerer Träger")

		tests := []struct {
			name    string
			archive func(m cert.IfMatch) (cert.Meta, error)
			version int
		}{
			{"contact", func(m cert.IfMatch) (cert.Meta, error) {
				x, err := e.svc.ArchiveContact(e.ctx, c.ID, m)
				return x.Meta, err
			}, c.Version},
			{"kita", func(m cert.IfMatch) (cert.Meta, error) {
				x, err := e.svc.ArchiveKita(e.ctx, k.ID, m)
				return x.Meta, err
			}, k.Version},
			{"center", func(m cert.IfMatch) (cert.Meta, error) {
				x, err := e.svc.ArchiveCenter(e.ctx, ctr.ID, m)
				return x.Meta, err
			}, ctr.Version},
			{"youth office", func(m cert.IfMatch) (cert.Meta, error) {
				x, err := e.svc.ArchiveYouthOffice(e.ctx, emptyO.ID, m)
				return x.Meta, err
			}, emptyO.Version},
			{"provider", func(m cert.IfMatch) (cert.Meta, error) {
				x, err := e.svc.ArchiveProvider(e.ctx, emptyP.ID, m)
				return x.Meta, err
			}, emptyP.Version},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e.clock.Advance(time.Minute)
				first, err := tt.archive(cert.Expect(tt.version))
				mustOK(t, err)
				now := e.clock.Now().Truncate(time.Microsecond)
				if first.Version != tt.version+1 || first.ArchivedAt == nil || !first.ArchivedAt.Equal(now) || !first.UpdatedAt.Equal(now) {
					t.Fatalf("first archive: %+v (now %v)", first, now)
				}
				e.clock.Advance(time.Hour)
				for _, m := range []cert.IfMatch{{}, cert.Expect(first.Version)} {
					second, err := tt.archive(m)
					mustOK(t, err)
					if diff := cmp.Diff(first, second); diff != "" {
						t.Errorf("second archive with %+v changed the object (-first +second):\n%s", m, diff)
					}
				}
			})
		}
	})
}

func TestServiceCreateCenter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		ks := e.kitas(t, 8)
		archived := e.kita(t, "Archivierte Kita", "Essen", cert.Provider{Meta: cert.Meta{ID: ks[0].ProviderID}}, cert.YouthOffice{Meta: cert.Meta{ID: ks[0].YouthOfficeID}})
		_, err := e.svc.ArchiveKita(e.ctx, archived.ID, cert.IfMatch{})
		mustOK(t, err)

		joined := cert.MustParseDate("2025-08-01")
		net, err := e.svc.CreateCenter(e.ctx, cert.Center{Kind: cert.CenterNetwork, Name: " Verbund Nord ", SizeExceptionReason: strp("  ")},
			[]cert.MemberInput{{KitaID: ks[0].ID, Role: cert.RoleGrantRecipient, JoinedOn: joined}, member(ks[1]), {KitaID: ks[2].ID, Role: cert.RoleContact}})
		mustOK(t, err)
		if net.Name != "Verbund Nord" || net.SizeExceptionReason != nil || net.Version != 1 || net.Archived() {
			t.Errorf("network = %+v", net)
		}
		wantMembers := []cert.Membership{
			{CenterID: net.ID, KitaID: ks[0].ID, KitaName: ks[0].Name, KitaYouthOfficeID: ks[0].YouthOfficeID, Role: cert.RoleGrantRecipient, JoinedOn: joined},
			{CenterID: net.ID, KitaID: ks[1].ID, KitaName: ks[1].Name, KitaYouthOfficeID: ks[1].YouthOfficeID, Role: cert.RoleMember, JoinedOn: svcToday},
			{CenterID: net.ID, KitaID: ks[2].ID, KitaName: ks[2].Name, KitaYouthOfficeID: ks[2].YouthOfficeID, Role: cert.RoleContact, JoinedOn: svcToday},
		}
		ignoreID := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ID" }, cmp.Ignore())
		if diff := cmp.Diff(wantMembers, net.Members, ignoreID); diff != "" {
			t.Errorf("members (-want +got):\n%s", diff)
		}
		got, err := e.svc.Center(e.ctx, net.ID)
		mustOK(t, err)
		if diff := cmp.Diff(net, got); diff != "" {
			t.Errorf("stored (-created +stored):\n%s", diff)
		}

		tests := []struct {
			name    string
			center  cert.Center
			members []cert.MemberInput
			code    string
			field   string
		}{
			{"kita already in a center (single)", cert.Center{Kind: cert.CenterSingle, Name: "FZ"}, []cert.MemberInput{grant(ks[1])}, cert.ECONFLICT, "members[0].kita_id"},
			{"kita already in a center (network)", cert.Center{Kind: cert.CenterNetwork, Name: "V"}, []cert.MemberInput{grant(ks[3]), member(ks[4]), member(ks[2])}, cert.ECONFLICT, "members[2].kita_id"},
			{"grant recipient already in a center", cert.Center{Kind: cert.CenterNetwork, Name: "V"}, []cert.MemberInput{member(ks[3]), grant(ks[0])}, cert.ECONFLICT, "members[1].kita_id"},
			{"missing kita", cert.Center{Kind: cert.CenterNetwork, Name: "V"}, []cert.MemberInput{grant(ks[3]), {KitaID: cert.NewID(), Role: cert.RoleMember}}, cert.EINVALID, "members[1].kita_id"},
			{"archived kita", cert.Center{Kind: cert.CenterSingle, Name: "FZ"}, []cert.MemberInput{grant(archived)}, cert.EINVALID, "members[0].kita_id"},
			{"same kita twice", cert.Center{Kind: cert.CenterNetwork, Name: "V"}, []cert.MemberInput{grant(ks[3]), member(ks[3])}, cert.EINVALID, "members[1].kita_id"},
			{"future joined_on", cert.Center{Kind: cert.CenterSingle, Name: "FZ"}, []cert.MemberInput{{KitaID: ks[3].ID, Role: cert.RoleGrantRecipient, JoinedOn: svcToday.AddDays(1)}}, cert.EINVALID, "members[0].joined_on"},
			{"single without members", cert.Center{Kind: cert.CenterSingle, Name: "FZ"}, nil, cert.EINVALID, "members"},
			{"single of a plain member", cert.Center{Kind: cert.CenterSingle, Name: "FZ"}, []cert.MemberInput{member(ks[3])}, cert.EINVALID, "members"},
			{"network of one", cert.Center{Kind: cert.CenterNetwork, Name: "V"}, []cert.MemberInput{grant(ks[3])}, cert.EINVALID, "members"},
			{"network of six", cert.Center{Kind: cert.CenterNetwork, Name: "V"},
				[]cert.MemberInput{grant(ks[3]), member(ks[4]), member(ks[5]), member(ks[6]), member(ks[7]), member(ks[0])}, cert.EINVALID, "members"},
			{"two grant recipients", cert.Center{Kind: cert.CenterNetwork, Name: "V"}, []cert.MemberInput{grant(ks[3]), grant(ks[4])}, cert.EINVALID, "members"},
			{"unknown role", cert.Center{Kind: cert.CenterNetwork, Name: "V"}, []cert.MemberInput{grant(ks[3]), {KitaID: ks[4].ID, Role: "boss"}}, cert.EINVALID, "members[1].role"},
			{"no name", cert.Center{Kind: cert.CenterSingle}, []cert.MemberInput{grant(ks[3])}, cert.EINVALID, "name"},
			{"unknown kind", cert.Center{Kind: "verbund", Name: "V"}, []cert.MemberInput{grant(ks[3])}, cert.EINVALID, "kind"},
			{"single with size exception", cert.Center{Kind: cert.CenterSingle, Name: "FZ", SizeExceptionReason: strp("groß")}, []cert.MemberInput{grant(ks[3])}, cert.EINVALID, "size_exception_reason"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := e.svc.CreateCenter(e.ctx, tt.center, tt.members)
				wantErr(t, err, tt.code, tt.field)
			})
		}
		// None of the failed creations left anything behind.
		list, err := e.svc.Centers(e.ctx, cert.CenterFilter{Page: cert.Page{IncludeArchived: true}})
		mustOK(t, err)
		if len(list.Items) != 1 {
			t.Errorf("%d centers stored, want 1", len(list.Items))
		}
		for _, k := range ks[3:] {
			if l, _ := e.svc.Centers(e.ctx, cert.CenterFilter{KitaID: &k.ID}); len(l.Items) != 0 {
				t.Errorf("%s is in a center after failed creations", k.Name)
			}
		}

		_, err = e.svc.CreateCenter(e.ctx, cert.Center{Kind: cert.CenterNetwork, Name: "Großverbund", SizeExceptionReason: strp("Erlass vom 1.2.2026")},
			[]cert.MemberInput{grant(ks[3]), member(ks[4]), member(ks[5]), member(ks[6]), member(ks[7]), member(archived)})
		wantErr(t, err, cert.EINVALID, "members[5].kita_id")
	})
}

func TestServiceCenterMembership(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		ks := e.kitas(t, 10)
		kA, kB, kC, kD, kE, kF, kG, kH, kI := ks[0], ks[1], ks[2], ks[3], ks[4], ks[5], ks[6], ks[7], ks[8]
		other := e.center(t, cert.CenterNetwork, "Anderer Verbund", grant(kG), member(kH))
		single := e.center(t, cert.CenterSingle, "Einzel-FZ", grant(ks[9]))

		c := e.center(t, cert.CenterNetwork, "Verbund Düsseldorf-Nord",
			cert.MemberInput{KitaID: kA.ID, Role: cert.RoleGrantRecipient, JoinedOn: cert.MustParseDate("2025-08-01")}, member(kB))
		version := 1
		step := func(t *testing.T, name string, got cert.Center, err error, want map[uuid.UUID]cert.MemberRole) {
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
			stored, err := e.svc.Center(e.ctx, c.ID)
			mustOK(t, err)
			if diff := cmp.Diff(got, stored); diff != "" {
				t.Errorf("%s: stored (-returned +stored):\n%s", name, diff)
			}
		}
		unchanged := func(t *testing.T, name string) {
			t.Helper()
			stored, err := e.svc.Center(e.ctx, c.ID)
			mustOK(t, err)
			if stored.Version != version {
				t.Errorf("%s: failed change moved the version to %d, want %d", name, stored.Version, version)
			}
		}
		G, M, C := cert.RoleGrantRecipient, cert.RoleMember, cert.RoleContact

		got, err := e.svc.AddMember(e.ctx, c.ID, cert.Expect(1), cert.MemberInput{KitaID: kC.ID, Role: G})
		step(t, "new grant recipient", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: M, kB.ID: M, kC.ID: G})

		got, err = e.svc.AddMember(e.ctx, c.ID, cert.IfMatch{}, cert.MemberInput{KitaID: kD.ID, Role: C})
		step(t, "contact without If-Match", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: M, kB.ID: M, kC.ID: G, kD.ID: C})

		_, err = e.svc.SetMemberRole(e.ctx, c.ID, kB.ID, cert.IfMatch{}, C)
		wantErr(t, err, cert.EPRECONDITIONREQUIRED, "")
		got, err = e.svc.SetMemberRole(e.ctx, c.ID, kB.ID, cert.Expect(version), C)
		step(t, "contact hand-over", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: M, kB.ID: C, kC.ID: G, kD.ID: M})

		_, err = e.svc.SetMemberRole(e.ctx, c.ID, kC.ID, cert.Expect(version), M)
		wantErr(t, err, cert.ECONFLICT, "members")
		unchanged(t, "grant recipient steps down")
		_, err = e.svc.SetMemberRole(e.ctx, c.ID, kC.ID, cert.Expect(version), "boss")
		wantErr(t, err, cert.EINVALID, "role")
		_, err = e.svc.SetMemberRole(e.ctx, c.ID, kE.ID, cert.Expect(version), C)
		wantErr(t, err, cert.ENOTFOUND, "")

		got, err = e.svc.SetMemberRole(e.ctx, c.ID, kA.ID, cert.Expect(version), G)
		step(t, "grant recipient hand-over by role", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M})

		addFails := []struct {
			name  string
			in    cert.MemberInput
			code  string
			field string
		}{
			{"already a member here", member(kA), cert.ECONFLICT, "kita_id"},
			{"member of another center", member(kG), cert.ECONFLICT, "kita_id"},
			{"missing kita", cert.MemberInput{KitaID: cert.NewID(), Role: M}, cert.EINVALID, "kita_id"},
			{"unknown role", cert.MemberInput{KitaID: kE.ID, Role: "boss"}, cert.EINVALID, "role"},
			{"future joined_on", cert.MemberInput{KitaID: kE.ID, Role: M, JoinedOn: svcToday.AddDays(1)}, cert.EINVALID, "joined_on"},
		}
		for _, tt := range addFails {
			t.Run("add/"+tt.name, func(t *testing.T) {
				_, err := e.svc.AddMember(e.ctx, c.ID, cert.Expect(version), tt.in)
				wantErr(t, err, tt.code, tt.field)
				unchanged(t, tt.name)
			})
		}
		_, err = e.svc.AddMember(e.ctx, single.ID, cert.IfMatch{}, member(kE))
		wantErr(t, err, cert.ECONFLICT, "members")
		_, err = e.svc.AddMember(e.ctx, cert.NewID(), cert.IfMatch{}, member(kE))
		wantErr(t, err, cert.ENOTFOUND, "")

		got, err = e.svc.AddMember(e.ctx, c.ID, cert.Expect(version), cert.MemberInput{KitaID: kE.ID, Role: M, JoinedOn: cert.MustParseDate("2026-01-01")})
		step(t, "fifth member", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})

		_, err = e.svc.AddMember(e.ctx, c.ID, cert.Expect(version), member(kF))
		wantErr(t, err, cert.ECONFLICT, "members")
		unchanged(t, "sixth without exception")

		got, err = e.svc.UpdateCenter(e.ctx, c.ID, cert.Expect(version), cert.CenterPatch{SizeExceptionReason: cert.Optional[string]{Set: true, Value: strp("Ländlicher Raum, Erlass 2026")}})
		step(t, "size exception", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})

		got, err = e.svc.AddMember(e.ctx, c.ID, cert.Expect(version), member(kF))
		step(t, "sixth with exception", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M, kF.ID: M})

		_, err = e.svc.UpdateCenter(e.ctx, c.ID, cert.Expect(version), cert.CenterPatch{SizeExceptionReason: cert.Optional[string]{Set: true}})
		wantErr(t, err, cert.ECONFLICT, "members")
		unchanged(t, "drop exception with six")

		removeFails := []struct {
			name   string
			kita   uuid.UUID
			leftOn cert.Date
			code   string
			field  string
		}{
			{"grant recipient", kA.ID, cert.Date{}, cert.ECONFLICT, "kita_id"},
			{"left_on tomorrow", kF.ID, svcToday.AddDays(1), cert.EINVALID, "left_on"},
			{"left_on before joined_on", kE.ID, cert.MustParseDate("2025-12-31"), cert.EINVALID, "left_on"},
			{"not a member", kI.ID, cert.Date{}, cert.ENOTFOUND, ""},
			{"member of another center", kH.ID, cert.Date{}, cert.ENOTFOUND, ""},
		}
		for _, tt := range removeFails {
			t.Run("remove/"+tt.name, func(t *testing.T) {
				_, err := e.svc.RemoveMember(e.ctx, c.ID, tt.kita, cert.Expect(version), tt.leftOn)
				wantErr(t, err, tt.code, tt.field)
				unchanged(t, tt.name)
			})
		}

		got, err = e.svc.RemoveMember(e.ctx, c.ID, kF.ID, cert.Expect(version), cert.Date{})
		step(t, "remove today", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})
		got, err = e.svc.RemoveMember(e.ctx, c.ID, kE.ID, cert.IfMatch{}, cert.MustParseDate("2026-02-28"))
		step(t, "remove in the past", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M})
		got, err = e.svc.RemoveMember(e.ctx, c.ID, kB.ID, cert.IfMatch{}, svcToday)
		step(t, "contact leaves", got, err, map[uuid.UUID]cert.MemberRole{kA.ID: G, kC.ID: M, kD.ID: M})
		_, err = e.svc.RemoveMember(e.ctx, c.ID, kF.ID, cert.IfMatch{}, cert.Date{})
		wantErr(t, err, cert.ENOTFOUND, "")

		t.Run("history", func(t *testing.T) {
			cur, active, err := e.svc.Memberships(e.ctx, c.ID, false)
			mustOK(t, err)
			if cur.Version != version {
				t.Errorf("center version = %d", cur.Version)
			}
			if diff := cmp.Diff(map[uuid.UUID]cert.MemberRole{kA.ID: G, kC.ID: M, kD.ID: M}, roles(active)); diff != "" {
				t.Errorf("active (-want +got):\n%s", diff)
			}
			_, all, err := e.svc.Memberships(e.ctx, c.ID, true)
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
			_, _, err = e.svc.Memberships(e.ctx, cert.NewID(), true)
			wantErr(t, err, cert.ENOTFOUND, "")
		})

		t.Run("a Kita that left can join another center", func(t *testing.T) {
			o, err := e.svc.AddMember(e.ctx, other.ID, cert.Expect(other.Version), member(kF))
			mustOK(t, err)
			if o.Version != other.Version+1 || roles(o.Members)[kF.ID] != M {
				t.Errorf("other = %+v", o)
			}
			fz := e.center(t, cert.CenterSingle, "FZ E", grant(kE))
			if len(fz.Members) != 1 {
				t.Errorf("fz = %+v", fz)
			}
			// and it can come back later: a new membership, history kept
			_, err = e.svc.RemoveMember(e.ctx, other.ID, kF.ID, cert.IfMatch{}, cert.Date{})
			mustOK(t, err)
			got, err := e.svc.AddMember(e.ctx, c.ID, cert.IfMatch{}, member(kF))
			mustOK(t, err)
			version++
			if roles(got.Members)[kF.ID] != M {
				t.Errorf("kF not back: %+v", got.Members)
			}
			_, all, _ := e.svc.Memberships(e.ctx, c.ID, true)
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
			small := e.center(t, cert.CenterNetwork, "Kleiner Verbund", grant(kI), member(kB))
			_, err := e.svc.RemoveMember(e.ctx, small.ID, kB.ID, cert.IfMatch{}, cert.Date{})
			wantErr(t, err, cert.ECONFLICT, "members")
			_, err = e.svc.RemoveMember(e.ctx, small.ID, kI.ID, cert.IfMatch{}, cert.Date{})
			wantErr(t, err, cert.ECONFLICT, "kita_id")
			got, _ := e.svc.Center(e.ctx, small.ID)
			if got.Version != 1 || len(got.Members) != 2 {
				t.Errorf("small = %+v", got)
			}
		})
	})
}

func TestServiceArchiveCenter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		ks := e.kitas(t, 4)
		c := e.center(t, cert.CenterNetwork, "Verbund",
			cert.MemberInput{KitaID: ks[0].ID, Role: cert.RoleGrantRecipient, JoinedOn: cert.MustParseDate("2022-08-01")},
			member(ks[1]), cert.MemberInput{KitaID: ks[2].ID, Role: cert.RoleContact})
		_, err := e.svc.RemoveMember(e.ctx, c.ID, ks[2].ID, cert.IfMatch{}, cert.Date{})
		mustOK(t, err)

		// the next day, in Berlin, 00:30
		e.clock.Set(time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC))
		tomorrow := svcToday.AddDays(1)
		if e.svc.Today() != tomorrow {
			t.Fatalf("Today = %s, want %s", e.svc.Today(), tomorrow)
		}
		arch, err := e.svc.ArchiveCenter(e.ctx, c.ID, cert.Expect(2))
		mustOK(t, err)
		if !arch.Archived() || arch.Version != 3 || len(arch.Members) != 0 {
			t.Errorf("archived center = %+v", arch)
		}
		_, all, err := e.svc.Memberships(e.ctx, c.ID, true)
		mustOK(t, err)
		leftOn := map[uuid.UUID]cert.Date{}
		for _, m := range all {
			leftOn[m.KitaID] = m.LeftOn
		}
		want := map[uuid.UUID]cert.Date{ks[0].ID: tomorrow, ks[1].ID: tomorrow, ks[2].ID: svcToday}
		if diff := cmp.Diff(want, leftOn); diff != "" {
			t.Errorf("left_on (-want +got):\n%s", diff)
		}

		_, err = e.svc.AddMember(e.ctx, c.ID, cert.IfMatch{}, member(ks[3]))
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.RemoveMember(e.ctx, c.ID, ks[1].ID, cert.IfMatch{}, cert.Date{})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.SetMemberRole(e.ctx, c.ID, ks[1].ID, cert.Expect(3), cert.RoleContact)
		wantErr(t, err, cert.ECONFLICT, "")

		again, err := e.svc.ArchiveCenter(e.ctx, c.ID, cert.IfMatch{})
		mustOK(t, err)
		if diff := cmp.Diff(arch, again); diff != "" {
			t.Errorf("archiving twice changed the center (-first +second):\n%s", diff)
		}

		// The Kitas are free for another center, and the former members can be archived.
		next := e.center(t, cert.CenterNetwork, "Neuer Verbund", grant(ks[1]), member(ks[0]))
		if next.Members[0].JoinedOn != tomorrow {
			t.Errorf("joined_on = %s, want %s", next.Members[0].JoinedOn, tomorrow)
		}
		if l, _ := e.svc.Centers(e.ctx, cert.CenterFilter{KitaID: &ks[0].ID}); len(l.Items) != 1 || l.Items[0].ID != next.ID {
			t.Errorf("centers of Kita 0 = %+v", l.Items)
		}
		_, err = e.svc.ArchiveKita(e.ctx, ks[2].ID, cert.IfMatch{})
		mustOK(t, err)
		_, err = e.svc.ArchiveKita(e.ctx, ks[0].ID, cert.IfMatch{})
		wantErr(t, err, cert.ECONFLICT, "")
	})
}

func TestServiceConcurrentUpdateKita(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		k := e.kitas(t, 1)[0]
		const n = 20
		// Several rounds, so that a rare interleaving does not slip through; each round
		// starts from the version the previous one left.
		for round := 1; round <= 5; round++ {
			var wg sync.WaitGroup
			errs := make([]error, n)
			start := make(chan struct{})
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					_, errs[i] = e.svc.UpdateKita(e.ctx, k.ID, cert.Expect(round), cert.KitaPatch{Name: strp(fmt.Sprintf("Kita %d/%d", round, i))})
				}()
			}
			close(start)
			wg.Wait()
			winner, codes := -1, map[string]int{}
			for i, err := range errs {
				codes[cert.ErrorCode(err)]++
				if err == nil {
					winner = i
				} else if cert.ErrorCode(err) != cert.EPRECONDITIONFAILED {
					t.Errorf("round %d, goroutine %d: %v", round, i, err)
				}
			}
			if codes[""] != 1 || codes[cert.EPRECONDITIONFAILED] != n-1 {
				t.Fatalf("round %d: outcomes = %v, want 1 success and %d %s", round, codes, n-1, cert.EPRECONDITIONFAILED)
			}
			got, err := e.svc.Kita(e.ctx, k.ID)
			mustOK(t, err)
			if got.Version != round+1 || got.Name != fmt.Sprintf("Kita %d/%d", round, winner) {
				t.Fatalf("round %d: final kita: version %d name %q, want %d and the winner's name (%d)", round, got.Version, got.Name, round+1, winner)
			}
		}
	})
}

// TestServiceOverlappingTransactions pins down one interleaving: transaction A reads a
// Kita and holds its transaction open while the service updates the same Kita (B); once
// B has ended, A writes. Whatever the database, never "database is locked": on
// PostgreSQL A holds no lock, so B wins and A's write finds a stale version; on SQLite A
// took the write lock at BEGIN (store.sqliteDSN promises _txlock=immediate), so B waits
// for it until its deadline and A wins. With deferred transactions B would commit on
// SQLite too, and A's write would fail with SQLITE_BUSY_SNAPSHOT.
func TestServiceOverlappingTransactions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		k := e.kitas(t, 1)[0]
		aRead, bDone := make(chan struct{}), make(chan struct{})
		var errA, errB error
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { // A
			defer wg.Done()
			errA = db.InTx(e.ctx, func(ctx context.Context) error {
				cur, err := db.Kita(ctx, k.ID)
				if err != nil {
					return err
				}
				close(aRead)
				<-bDone
				cur.Name = "Kita A"
				cur.UpdatedAt = e.clock.Now()
				return db.UpdateKita(ctx, &cur)
			})
		}()
		go func() { // B
			defer wg.Done()
			defer close(bDone)
			<-aRead
			ctx := e.ctx
			if db.Dialect() == store.SQLite { // B waits for A's lock, which A holds until B ends
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 200*time.Millisecond)
				defer cancel()
			}
			_, errB = e.svc.UpdateKita(ctx, k.ID, cert.Expect(1), cert.KitaPatch{Name: strp("Kita B")})
		}()
		wg.Wait()
		winner := "Kita B"
		if db.Dialect() == store.SQLite {
			winner = "Kita A"
			if errA != nil || !errors.Is(errB, context.DeadlineExceeded) {
				t.Errorf("A: %v, B: %v; want A to succeed and B to wait for A's write lock until its deadline", errA, errB)
			}
		} else if errB != nil || cert.ErrorCode(errA) != cert.EPRECONDITIONFAILED {
			t.Errorf("A: %v, B: %v; want B to succeed and A to find a stale version (%s)", errA, errB, cert.EPRECONDITIONFAILED)
		}
		got, err := e.svc.Kita(e.ctx, k.ID)
		mustOK(t, err)
		if got.Version != 2 || got.Name != winner {
			t.Errorf("version %d, name %q; want 2 and %q", got.Version, got.Name, winner)
		}
	})
}

func TestServiceConcurrentJoin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		const n = 8
		ks := e.kitas(t, 2*n+1)
		shared := ks[2*n]
		centers := make([]cert.Center, n)
		for i := range centers {
			centers[i] = e.center(t, cert.CenterNetwork, fmt.Sprintf("Verbund %d", i), grant(ks[2*i]), member(ks[2*i+1]))
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = e.svc.AddMember(e.ctx, centers[i].ID, cert.IfMatch{}, member(shared))
			}()
		}
		close(start)
		wg.Wait()
		ok := 0
		for i, err := range errs {
			switch cert.ErrorCode(err) {
			case "":
				ok++
			case cert.ECONFLICT:
				wantErr(t, err, cert.ECONFLICT, "kita_id")
			default:
				t.Errorf("goroutine %d: %v", i, err)
			}
		}
		if ok != 1 {
			t.Errorf("%d centers took the same Kita, want exactly 1", ok)
		}
		list, err := e.svc.Centers(e.ctx, cert.CenterFilter{KitaID: &shared.ID})
		mustOK(t, err)
		if len(list.Items) != 1 {
			t.Errorf("Kita is active in %d centers", len(list.Items))
		}
	})
}

func TestServiceConcurrentGrowth(t *testing.T) {
	// Concurrent joins to one network must never break its composition rules.
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		ks := e.kitas(t, 10)
		c := e.center(t, cert.CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]), member(ks[2]), member(ks[3]))
		var wg sync.WaitGroup
		errs := make([]error, 6)
		start := make(chan struct{})
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				role := cert.RoleMember
				if i%2 == 0 {
					role = cert.RoleGrantRecipient
				}
				_, errs[i] = e.svc.AddMember(e.ctx, c.ID, cert.IfMatch{}, cert.MemberInput{KitaID: ks[4+i].ID, Role: role})
			}()
		}
		close(start)
		wg.Wait()
		ok := 0
		for i, err := range errs {
			switch cert.ErrorCode(err) {
			case "":
				ok++
			case cert.ECONFLICT:
			default: // no If-Match was sent, so a concurrent change must not surface as 412
				t.Errorf("goroutine %d: %v", i, err)
			}
		}
		got, err := e.svc.Center(e.ctx, c.ID)
		mustOK(t, err)
		if err := got.CheckComposition("members"); err != nil {
			t.Errorf("composition broken after concurrent joins: %v", err)
		}
		if len(got.Members) != 4+ok || got.Version != 1+ok || ok != 1 {
			t.Errorf("%d joins succeeded; members %d, version %d; want exactly 1 (the fifth)", ok, len(got.Members), got.Version)
		}
		grants := 0
		for _, m := range got.Members {
			if m.Role == cert.RoleGrantRecipient {
				grants++
			}
		}
		if grants != 1 {
			t.Errorf("%d grant recipients", grants)
		}
	})
}

// TestServiceMembershipPeriods: a Kita cannot re-enter the past, i.e. join a center with a
// joined_on before the day its previous membership ended; joining on that day is fine.
func TestServiceMembershipPeriods(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		ks := e.kitas(t, 3)
		today := e.svc.Today()
		past := func(in cert.MemberInput) cert.MemberInput { in.JoinedOn = today.AddDays(-100); return in }
		v := e.center(t, cert.CenterNetwork, "Verbund V", past(grant(ks[0])), past(member(ks[1])), past(member(ks[2])))
		_, err := e.svc.RemoveMember(e.ctx, v.ID, ks[2].ID, cert.IfMatch{}, today.AddDays(-10))
		mustOK(t, err)
		in := cert.MemberInput{KitaID: ks[2].ID, Role: cert.RoleGrantRecipient, JoinedOn: today.AddDays(-11)}
		_, err = e.svc.CreateCenter(e.ctx, cert.Center{Kind: cert.CenterSingle, Name: "FZ W"}, []cert.MemberInput{in})
		wantErr(t, err, cert.ECONFLICT, "members[0].kita_id")
		in.JoinedOn = today.AddDays(-10)
		_, err = e.svc.CreateCenter(e.ctx, cert.Center{Kind: cert.CenterSingle, Name: "FZ W"}, []cert.MemberInput{in})
		mustOK(t, err)
	})
}

// TestServiceSameRoleIsNoChange: setting the role a member already has changes nothing,
// not even the center's version.
func TestServiceSameRoleIsNoChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		ks := e.kitas(t, 2)
		c := e.center(t, cert.CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]))
		got, err := e.svc.SetMemberRole(e.ctx, c.ID, ks[1].ID, cert.Expect(c.Version), cert.RoleMember)
		mustOK(t, err)
		if got.Version != c.Version || len(got.Members) != 2 {
			t.Fatalf("no-op role change: version %d -> %d, members %d", c.Version, got.Version, len(got.Members))
		}
	})
}
