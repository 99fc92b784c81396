package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

func newService(db *store.DB) *cert.Services {
	return cert.New(db, cert.NewFixedClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)), time.UTC, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
}

// all collects every object of a list, archived ones included.
func all[T any](t *testing.T, list lister[T]) []T {
	t.Helper()
	var out []T
	if err := scan(sysCtx(), list, func(item T) bool { out = append(out, item); return true }); err != nil {
		t.Fatalf("list: %v", err)
	}
	return out
}

// snapshot lists everything in the database.
type snapshot struct {
	offices   []cert.YouthOffice
	providers []cert.Provider
	kitas     []cert.Kita
	centers   []cert.Center
	contacts  []cert.Contact
}

func take(t *testing.T, svc *cert.Services) snapshot {
	t.Helper()
	return snapshot{
		offices: all(t, func(ctx context.Context, p cert.Page) (cert.List[cert.YouthOffice], error) {
			return svc.YouthOffices.List(ctx, cert.YouthOfficeFilter{Page: p})
		}),
		providers: all(t, func(ctx context.Context, p cert.Page) (cert.List[cert.Provider], error) {
			return svc.Providers.List(ctx, cert.ProviderFilter{Page: p})
		}),
		kitas: all(t, func(ctx context.Context, p cert.Page) (cert.List[cert.Kita], error) {
			return svc.Kitas.List(ctx, cert.KitaFilter{Page: p})
		}),
		centers: all(t, func(ctx context.Context, p cert.Page) (cert.List[cert.Center], error) {
			return svc.Centers.List(ctx, cert.CenterFilter{Page: p})
		}),
		contacts: all(t, func(ctx context.Context, p cert.Page) (cert.List[cert.Contact], error) {
			return svc.Contacts.List(ctx, cert.ContactFilter{Page: p})
		}),
	}
}

func (s snapshot) counts() [5]int {
	return [5]int{len(s.offices), len(s.providers), len(s.kitas), len(s.centers), len(s.contacts)}
}

func TestLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		res, err := Load(ctx, svc)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if res.AlreadyLoaded {
			t.Fatalf("first Load reports AlreadyLoaded: %+v", res)
		}
		s := take(t, svc)
		want := [5]int{len(youthOffices), len(providers), len(kitas), len(centers), len(contactSpecs())}
		got := [5]int{res.YouthOffices, res.Providers, res.Kitas, res.Centers, res.Contacts}
		if got != want || s.counts() != want {
			t.Fatalf("created %v, stored %v, want %v", got, s.counts(), want)
		}
		checkData(t, svc, s)

		// A second call, here on a new service as after a restart, creates nothing.
		again, err := Load(ctx, newService(db))
		if err != nil {
			t.Fatalf("second Load: %v", err)
		}
		if !again.AlreadyLoaded || again.Total() != 0 {
			t.Errorf("second Load = %+v, want AlreadyLoaded and nothing created", again)
		}
		if c := take(t, svc).counts(); c != want {
			t.Errorf("after second Load: stored %v, want %v", c, want)
		}
	})
}

// checkData checks the loaded data against the brief: about 50 Kitas in exactly two
// cities, valid single and network centers, some Kitas in no center, fictitious e-mails.
func checkData(t *testing.T, svc *cert.Services, s snapshot) {
	t.Helper()
	if n := len(s.kitas); n < 45 || n > 55 {
		t.Errorf("%d Kitas, want about 50", n)
	}
	prefix := map[string]string{"Düsseldorf": "40", "Dortmund": "44"}
	cities := map[string]int{}
	for _, k := range s.kitas {
		cities[k.Address.City]++
		if p, ok := prefix[k.Address.City]; !ok || !strings.HasPrefix(k.Address.PostalCode, p) {
			t.Errorf("Kita %q: city %q, postal code %q", k.Name, k.Address.City, k.Address.PostalCode)
		}
	}
	if len(cities) != 2 {
		t.Errorf("Kitas in cities %v, want exactly two", cities)
	}
	// Membership is checked through CenterFilter.KitaID, not through Center.Members: see
	// TestLoadedMembers.
	size := map[uuid.UUID]int{}
	for _, k := range s.kitas {
		in, err := svc.Centers.List(sysCtx(), cert.CenterFilter{KitaID: &k.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Items) > 1 {
			t.Errorf("Kita %q is in %d centers", k.Name, len(in.Items))
		}
		for _, c := range in.Items {
			size[c.ID]++
		}
	}
	kinds := map[cert.CenterKind]int{}
	for _, c := range s.centers {
		kinds[c.Kind]++
		if err := c.Validate(); err != nil {
			t.Errorf("center %q: %v", c.Name, err)
		}
		n := size[c.ID]
		if c.Kind == cert.CenterSingle && n != 1 || c.Kind == cert.CenterNetwork && (n < cert.NetworkMinMembers || n > cert.NetworkMaxMembers) {
			t.Errorf("%s center %q has %d Kitas", c.Kind, c.Name, n)
		}
	}
	if kinds[cert.CenterSingle] == 0 || kinds[cert.CenterNetwork] == 0 {
		t.Errorf("centers by kind %v, want both kinds", kinds)
	}
	if len(size) == 0 || len(size) != len(s.centers) {
		t.Errorf("%d of %d centers have members", len(size), len(s.centers))
	}
	inCenter := 0
	for _, n := range size {
		inCenter += n
	}
	if inCenter >= len(s.kitas) {
		t.Errorf("every Kita is in a center; want some in none")
	}
	functions := map[cert.ContactFunction]int{}
	for _, c := range s.contacts {
		functions[c.Function]++
		if !strings.HasSuffix(c.Email, "@example.org") && !strings.HasSuffix(c.Email, "@example.com") {
			t.Errorf("contact %q has e-mail %q outside example.org/example.com", c.Name, c.Email)
		}
	}
	for _, f := range []cert.ContactFunction{cert.FunctionKitaLeader, cert.FunctionProviderContact, cert.FunctionYouthOfficePlanner} {
		if functions[f] == 0 {
			t.Errorf("no contact with function %s", f)
		}
	}
}

// TestLoadedMembers checks each stored center's members, roles and joined dates against
// the table.
func TestLoadedMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		if _, err := Load(ctx, svc); err != nil {
			t.Fatalf("Load: %v", err)
		}
		s := take(t, svc)
		kitaKey := map[uuid.UUID]string{}
		for _, k := range s.kitas {
			for _, d := range kitas {
				if d.name == k.Name {
					kitaKey[k.ID] = d.key
				}
			}
		}
		for _, d := range centers {
			var c cert.Center
			for _, sc := range s.centers {
				if sc.Name == d.name {
					c, _ = svc.Centers.Get(ctx, sc.ID)
				}
			}
			if len(c.Members) > 0 && c.Members[0].KitaID == uuid.Nil {
				t.Fatalf("center %q: members come back without ids, roles and dates", c.Name)
			}
			if err := c.CheckComposition("members"); err != nil {
				t.Errorf("center %q: %v", d.name, err)
			}
			got := map[string]memberData{}
			for _, m := range c.Members {
				got[kitaKey[m.KitaID]] = memberData{kitaKey[m.KitaID], m.Role, m.JoinedOn.String()}
			}
			for _, m := range d.members {
				if got[m.kita] != m {
					t.Errorf("center %q: member %+v stored as %+v", d.name, m, got[m.kita])
				}
			}
			if len(got) != len(d.members) {
				t.Errorf("center %q has %d members, want %d", d.name, len(got), len(d.members))
			}
		}
	})
}

// TestLoadResumes shows that a load interrupted after some objects completes the set
// without duplicates.
func TestLoadResumes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		o := youthOffices[0]
		if _, err := svc.YouthOffices.Create(ctx, cert.YouthOffice{Name: o.name, Code: o.code, Region: o.region}); err != nil {
			t.Fatal(err)
		}
		p := providers[0]
		if _, err := svc.Providers.Create(ctx, cert.Provider{Name: p.name, Kind: p.kind}); err != nil {
			t.Fatal(err)
		}
		res, err := Load(ctx, svc)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if res.AlreadyLoaded || res.YouthOffices != len(youthOffices)-1 || res.Providers != len(providers)-1 || res.Kitas != len(kitas) {
			t.Errorf("Load = %+v, want all but one youth office and one provider created", res)
		}
		want := [5]int{len(youthOffices), len(providers), len(kitas), len(centers), len(contactSpecs())}
		if c := take(t, svc).counts(); c != want {
			t.Errorf("stored %v, want %v", c, want)
		}
	})
}

// TestTables checks the tables' own consistency, so that a broken edit fails here with a
// clear message rather than halfway through a Load.
func TestTables(t *testing.T) {
	offices, provs, kitaKeys := map[string]bool{}, map[string]bool{}, map[string]bool{}
	names, emails := map[string]bool{}, map[string]bool{}
	unique := func(seen map[string]bool, what, v string) {
		if seen[v] {
			t.Errorf("duplicate %s %q", what, v)
		}
		seen[v] = true
	}
	for _, o := range youthOffices {
		unique(offices, "youth office code", o.code)
	}
	for _, p := range providers {
		unique(provs, "provider key", p.key)
		unique(names, "provider name", p.name)
	}
	for _, k := range kitas {
		unique(kitaKeys, "Kita key", k.key)
		unique(names, "Kita name", k.name)
		if !provs[k.provider] || !offices[k.office] {
			t.Errorf("Kita %s: unknown provider %q or youth office %q", k.key, k.provider, k.office)
		}
	}
	member := map[string]bool{}
	for _, c := range centers {
		unique(names, "center name", c.name)
		for _, m := range c.members {
			unique(member, "center member", m.kita)
			if !kitaKeys[m.kita] {
				t.Errorf("center %q: unknown Kita %q", c.name, m.kita)
			}
		}
	}
	for _, s := range contactSpecs() {
		unique(emails, "e-mail", s.person.email)
	}
}

// sysCtx is the context of kitacert's own work, in which the demo loader runs.
func sysCtx() context.Context { return access.WithPrincipal(context.Background(), access.System) }
