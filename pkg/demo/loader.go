package demo

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// loader creates the data set step by step and remembers the objects by their table keys.
type loader struct {
	svc           *cert.Services
	res           Result
	officeByCode  map[string]cert.YouthOffice // by code
	providerByKey map[string]cert.Provider    // by providerData.key
	kitaByKey     map[string]cert.Kita        // by kitaData.key
}

func newLoader(svc *cert.Services) *loader {
	return &loader{svc: svc, officeByCode: map[string]cert.YouthOffice{}, providerByKey: map[string]cert.Provider{}, kitaByKey: map[string]cert.Kita{}}
}

// youthOffices finds the youth offices by their unique code, or creates them.
func (l *loader) youthOffices(ctx context.Context) error {
	existing := map[string]cert.YouthOffice{}
	err := scan(ctx, func(ctx context.Context, p cert.Page) (cert.List[cert.YouthOffice], error) {
		return l.svc.YouthOffices.List(ctx, cert.YouthOfficeFilter{Page: p})
	}, func(o cert.YouthOffice) bool { existing[o.Code] = o; return true })
	if err != nil {
		return fmt.Errorf("demo: list youth offices: %w", err)
	}
	for _, d := range youthOffices {
		o, ok := existing[d.code]
		if !ok {
			if o, err = l.svc.YouthOffices.Create(ctx, cert.YouthOffice{Name: d.name, Code: d.code, Region: d.region}); err != nil {
				return fmt.Errorf("demo: youth office %s: %w", d.code, err)
			}
			l.res.YouthOffices++
		}
		l.officeByCode[d.code] = o
	}
	return nil
}

// providers finds the providers by name, or creates them.
func (l *loader) providers(ctx context.Context) error {
	for _, d := range providers {
		p, err := ensure(&l.res.Providers, func() (cert.Provider, bool, error) {
			return findFirst(ctx, func(ctx context.Context, pg cert.Page) (cert.List[cert.Provider], error) {
				return l.svc.Providers.List(ctx, cert.ProviderFilter{Page: pg, Q: d.name})
			}, func(p cert.Provider) bool { return p.Name == d.name })
		}, func() (cert.Provider, error) {
			return l.svc.Providers.Create(ctx, cert.Provider{Name: d.name, Kind: d.kind})
		})
		if err != nil {
			return fmt.Errorf("demo: provider %q: %w", d.name, err)
		}
		l.providerByKey[d.key] = p
	}
	return nil
}

// kitas finds the Kitas by name and address, or creates them.
func (l *loader) kitas(ctx context.Context) error {
	for _, d := range kitas {
		office := l.officeByCode[d.office]
		want := cert.Kita{
			Name: d.name, ProviderID: l.providerByKey[d.provider].ID, YouthOfficeID: office.ID,
			Address:  cert.Address{Street: d.street, PostalCode: d.postalCode, City: cityOf(d.office)},
			District: d.district,
		}
		if d.kibizID != "" {
			want.KibizID = &d.kibizID
		}
		k, err := ensure(&l.res.Kitas, func() (cert.Kita, bool, error) {
			return findFirst(ctx, func(ctx context.Context, p cert.Page) (cert.List[cert.Kita], error) {
				return l.svc.Kitas.List(ctx, cert.KitaFilter{Page: p, Q: d.name, City: want.Address.City})
			}, func(k cert.Kita) bool { return k.Name == want.Name && k.Address == want.Address })
		}, func() (cert.Kita, error) { return l.svc.Kitas.Create(ctx, want) })
		if err != nil {
			return fmt.Errorf("demo: kita %q: %w", d.name, err)
		}
		l.kitaByKey[d.key] = k
	}
	return nil
}

// centers finds the centers by name, or creates them with their members.
func (l *loader) centers(ctx context.Context) error {
	today := l.svc.Today()
	for _, d := range centers {
		members := make([]cert.MemberInput, len(d.members))
		for i, m := range d.members {
			joined := cert.MustParseDate(m.joined)
			if joined.After(today) { // a clock set into the past
				joined = today
			}
			members[i] = cert.MemberInput{KitaID: l.kitaByKey[m.kita].ID, Role: m.role, JoinedOn: joined}
		}
		_, err := ensure(&l.res.Centers, func() (cert.Center, bool, error) {
			return findFirst(ctx, func(ctx context.Context, p cert.Page) (cert.List[cert.Center], error) {
				return l.svc.Centers.List(ctx, cert.CenterFilter{Page: p, Q: d.name})
			}, func(c cert.Center) bool { return c.Name == d.name })
		}, func() (cert.Center, error) {
			return l.svc.Centers.Create(ctx, cert.Center{Kind: d.kind, Name: d.name}, members)
		})
		if err != nil {
			return fmt.Errorf("demo: center %q: %w", d.name, err)
		}
	}
	return nil
}

// contacts finds the contacts by owner, name and e-mail address, or creates them.
func (l *loader) contacts(ctx context.Context) error {
	for _, s := range contactSpecs() {
		want := cert.Contact{Name: s.person.name, Email: s.person.email, Phone: s.person.phone, Function: s.function}
		f := cert.ContactFilter{Q: s.person.name, Function: s.function}
		switch s.function {
		case cert.FunctionKitaLeader:
			f.KitaID = ptr(l.kitaByKey[s.owner].ID)
			want.KitaID = f.KitaID
		case cert.FunctionProviderContact:
			f.ProviderID = ptr(l.providerByKey[s.owner].ID)
			want.ProviderID = f.ProviderID
		default:
			f.YouthOfficeID = ptr(l.officeByCode[s.owner].ID)
			want.YouthOfficeID = f.YouthOfficeID
		}
		_, err := ensure(&l.res.Contacts, func() (cert.Contact, bool, error) {
			return findFirst(ctx, func(ctx context.Context, p cert.Page) (cert.List[cert.Contact], error) {
				f.Page = p
				return l.svc.Contacts.List(ctx, f)
			}, func(c cert.Contact) bool { return c.Name == want.Name && c.Email == want.Email })
		}, func() (cert.Contact, error) { return l.svc.Contacts.Create(ctx, want) })
		if err != nil {
			return fmt.Errorf("demo: contact %q: %w", want.Name, err)
		}
	}
	return nil
}

func ptr(id uuid.UUID) *uuid.UUID { return &id }
