package store_test

// Tests of the cert services that test the store underneath, on real databases: SQLite
// always, PostgreSQL when KITACERT_TEST_POSTGRES is set (storetest.Each). No mocks.
// Pagination, search and filters, unique constraints, concurrent writers and
// overlapping transactions. The rules themselves are
// tested in pkg/cert on an in-memory store.

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
	svc   *cert.Services
	seq   int
}

func newSvcEnv(t *testing.T, db *store.DB) *svcEnv {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	clock := cert.NewFixedClock(svcStart)
	return &svcEnv{ctx: access.WithPrincipal(context.Background(), access.System), db: db, clock: clock, svc: cert.New(db, clock, loc, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})}
}

func (e *svcEnv) next() int { e.seq++; return e.seq }

func (e *svcEnv) youthOffice(t *testing.T, name string) cert.YouthOffice {
	t.Helper()
	o, err := e.svc.YouthOffices.Create(e.ctx, cert.YouthOffice{Name: name, Code: fmt.Sprintf("YO-%03d", e.next()), Region: cert.RegionRheinland})
	if err != nil {
		t.Fatalf("CreateYouthOffice(%q): %v", name, err)
	}
	return o
}

func (e *svcEnv) provider(t *testing.T, name string) cert.Provider {
	t.Helper()
	p, err := e.svc.Providers.Create(e.ctx, cert.Provider{Name: name, Kind: cert.ProviderMunicipal})
	if err != nil {
		t.Fatalf("CreateProvider(%q): %v", name, err)
	}
	return p
}

func (e *svcEnv) kita(t *testing.T, name, city string, p cert.Provider, o cert.YouthOffice) cert.Kita {
	t.Helper()
	k, err := e.svc.Kitas.Create(e.ctx, cert.Kita{
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
	c, err := e.svc.Contacts.Create(e.ctx, cert.Contact{Name: name, Email: "leitung@example.org", Function: cert.FunctionKitaLeader, KitaID: kitaID})
	if err != nil {
		t.Fatalf("CreateContact(%q): %v", name, err)
	}
	return c
}

func (e *svcEnv) center(t *testing.T, kind cert.CenterKind, name string, members ...cert.MemberInput) cert.Center {
	t.Helper()
	c, err := e.svc.Centers.Create(e.ctx, cert.Center{Kind: kind, Name: name}, members)
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

func ptrTo[T any](v T) *T { return &v }

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
		provs, _ := e.svc.Providers.List(e.ctx, cert.ProviderFilter{Page: cert.Page{Limit: 10}})
		yos, _ := e.svc.YouthOffices.List(e.ctx, cert.YouthOfficeFilter{Page: cert.Page{Limit: 10}})
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
					return e.svc.Kitas.List(e.ctx, cert.KitaFilter{Page: p})
				}, func(k cert.Kita) uuid.UUID { return k.ID })
			}},
			{"providers", provIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.Provider], error) {
					return e.svc.Providers.List(e.ctx, cert.ProviderFilter{Page: p})
				}, func(p cert.Provider) uuid.UUID { return p.ID })
			}},
			{"youth offices", yoIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.YouthOffice], error) {
					return e.svc.YouthOffices.List(e.ctx, cert.YouthOfficeFilter{Page: p})
				}, func(o cert.YouthOffice) uuid.UUID { return o.ID })
			}},
			{"contacts", contactIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.Contact], error) {
					return e.svc.Contacts.List(e.ctx, cert.ContactFilter{Page: p})
				}, func(c cert.Contact) uuid.UUID { return c.ID })
			}},
			{"centers", centerIDs, func(t *testing.T, limit int) ([]uuid.UUID, int) {
				return walk(t, limit, false, func(p cert.Page) (cert.List[cert.Center], error) {
					return e.svc.Centers.List(e.ctx, cert.CenterFilter{Page: p})
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
			list, err := e.svc.Centers.List(e.ctx, cert.CenterFilter{Page: cert.Page{Limit: 3}})
			mustOK(t, err)
			for i, c := range list.Items {
				if len(c.Members) != 1 || c.Members[0].KitaID != ks[i].ID || c.Members[0].KitaName != ks[i].Name {
					t.Errorf("center %d members = %+v", i, c.Members)
				}
			}
		})

		t.Run("archived only when asked", func(t *testing.T) {
			// Kita 3 leaves its center and loses its contact, then it can be archived.
			_, err := e.svc.Contacts.Archive(e.ctx, contactIDs[3], cert.IfMatch{})
			mustOK(t, err)
			_, err = e.svc.Centers.Archive(e.ctx, centerIDs[3], cert.IfMatch{})
			mustOK(t, err)
			_, err = e.svc.Kitas.Archive(e.ctx, kitaIDs[3], cert.IfMatch{})
			mustOK(t, err)
			fetch := func(p cert.Page) (cert.List[cert.Kita], error) {
				return e.svc.Kitas.List(e.ctx, cert.KitaFilter{Page: p})
			}
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
				return e.svc.Centers.List(e.ctx, cert.CenterFilter{Page: p})
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
				list, err := e.svc.Kitas.List(e.ctx, f)
				mustOK(t, err)
				if diff := cmp.Diff(tt.want, ids(list.Items...)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}

		t.Run("youth offices", func(t *testing.T) {
			_, err := e.svc.YouthOffices.Update(e.ctx, yoE.ID, cert.Expect(1), cert.YouthOfficePatch{Region: ptrTo(cert.RegionWestfalenLippe)})
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
				list, err := e.svc.YouthOffices.List(e.ctx, tc.f)
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
			_, err := e.svc.Providers.Update(e.ctx, pAWO.ID, cert.Expect(1), cert.ProviderPatch{Kind: ptrTo(cert.ProviderAWO)})
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
				list, err := e.svc.Providers.List(e.ctx, tc.f)
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
			c2, err := e.svc.Contacts.Create(e.ctx, cert.Contact{Name: "Anna Schmidt", Email: "a@example.org", Function: cert.FunctionProviderContact, ProviderID: &pAWO.ID})
			mustOK(t, err)
			c3, err := e.svc.Contacts.Create(e.ctx, cert.Contact{Name: "Jana Öztürk", Email: "j@example.org", Function: cert.FunctionYouthOfficePlanner, YouthOfficeID: &yoD.ID})
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
				list, err := e.svc.Contacts.List(e.ctx, tc.f)
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
				list, err := e.svc.Centers.List(e.ctx, tc.f)
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
		o1, err := e.svc.YouthOffices.Create(e.ctx, cert.YouthOffice{Name: "Jugendamt A", Code: "05111000", Region: cert.RegionRheinland})
		mustOK(t, err)
		_, err = e.svc.YouthOffices.Create(e.ctx, cert.YouthOffice{Name: "Jugendamt B", Code: " 05111000 ", Region: cert.RegionRheinland})
		wantErr(t, err, cert.ECONFLICT, "code")
		o2, err := e.svc.YouthOffices.Create(e.ctx, cert.YouthOffice{Name: "Jugendamt B", Code: "05111001", Region: cert.RegionRheinland})
		mustOK(t, err)
		_, err = e.svc.YouthOffices.Update(e.ctx, o2.ID, cert.Expect(1), cert.YouthOfficePatch{Code: strp("05111000")})
		wantErr(t, err, cert.ECONFLICT, "code")
		if got, _ := e.svc.YouthOffices.Get(e.ctx, o2.ID); got.Version != 1 || got.Code != "05111001" {
			t.Errorf("after conflicting update: %+v", got)
		}

		p := e.provider(t, "Träger")
		mk := func(name string, kibiz *string) (cert.Kita, error) {
			return e.svc.Kitas.Create(e.ctx, cert.Kita{Name: name, ProviderID: p.ID, YouthOfficeID: o1.ID, KibizID: kibiz,
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
		_, err = e.svc.Kitas.Update(e.ctx, k2.ID, cert.Expect(1), cert.KitaPatch{KibizID: cert.Optional[string]{Set: true, Value: strp("K-1")}})
		wantErr(t, err, cert.ECONFLICT, "kibiz_id")
		// Once Kita 1 gives its id up, Kita 2 can take it.
		_, err = e.svc.Kitas.Update(e.ctx, k1.ID, cert.Expect(1), cert.KitaPatch{KibizID: cert.Optional[string]{Set: true}})
		mustOK(t, err)
		k2, err = e.svc.Kitas.Update(e.ctx, k2.ID, cert.Expect(1), cert.KitaPatch{KibizID: cert.Optional[string]{Set: true, Value: strp("K-1")}})
		mustOK(t, err)
		if k2.Version != 2 || *k2.KibizID != "K-1" {
			t.Errorf("k2 = %+v", k2)
		}
		// The database still works after a conflict inside a transaction (PostgreSQL aborts it).
		if _, err := e.svc.Kitas.Get(e.ctx, k2.ID); err != nil {
			t.Fatal(err)
		}
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
					_, errs[i] = e.svc.Kitas.Update(e.ctx, k.ID, cert.Expect(round), cert.KitaPatch{Name: strp(fmt.Sprintf("Kita %d/%d", round, i))})
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
			got, err := e.svc.Kitas.Get(e.ctx, k.ID)
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
			_, errB = e.svc.Kitas.Update(ctx, k.ID, cert.Expect(1), cert.KitaPatch{Name: strp("Kita B")})
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
		got, err := e.svc.Kitas.Get(e.ctx, k.ID)
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
				_, errs[i] = e.svc.Centers.AddMember(e.ctx, centers[i].ID, cert.IfMatch{}, member(shared))
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
		list, err := e.svc.Centers.List(e.ctx, cert.CenterFilter{KitaID: &shared.ID})
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
				_, errs[i] = e.svc.Centers.AddMember(e.ctx, c.ID, cert.IfMatch{}, cert.MemberInput{KitaID: ks[4+i].ID, Role: role})
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
		got, err := e.svc.Centers.Get(e.ctx, c.ID)
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
