package web

import (
	"net/url"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// someKitas is a short list of Kitas on the page of their provider or youth office.
type someKitas struct {
	Kitas []cert.Kita
	More  bool // there are more than these
}

// listSomeKitas returns the first page of the Kitas f selects (those the caller may see).
func (p *Pages) listSomeKitas(r *request, f cert.KitaFilter) (someKitas, error) {
	f.Page = cert.Page{Limit: listPageSize}
	list, err := p.svc.Kitas.List(r.ctx(), f)
	return someKitas{Kitas: list.Items, More: list.NextCursor != ""}, err
}

// withKitas is the detail of a provider or youth office: the form for those who may
// change it (write) and the first of its Kitas that f selects.
func (p *Pages) withKitas(r *request, write bool, form func() mdPage, f cert.KitaFilter) (mdPage, error) {
	var pg mdPage
	if write {
		pg = form()
		pg.CanArchive = true
	}
	var err error
	pg.Related, err = p.listSomeKitas(r, f)
	return pg, err
}

// providers is the provider (Träger) kind of the master-data pages.
func (p *Pages) providers() masterData[cert.Provider] {
	form := func() mdPage {
		return mdPage{Fields: fieldSet("name", "kind"), Options: map[string][]option{"kind": withEmpty("Bitte wählen", providerKindLabels)}}
	}
	read := func(f url.Values) cert.ProviderPatch {
		fp := formParser{form: f}
		patch := cert.ProviderPatch{Name: fp.ptr("name")}
		if s := fp.ptr("kind"); s != nil {
			k := cert.ProviderKind(*s)
			patch.Kind = &k
		}
		return patch
	}
	return masterData[cert.Provider]{
		base: "/providers", page: "provider", noun: "Neuer Träger",
		title:  func(o cert.Provider) string { return o.Name },
		meta:   func(o cert.Provider) cert.Meta { return o.Meta },
		get:    p.svc.Providers.Get,
		values: func(o cert.Provider) formValues { return formValues{"name": o.Name, "kind": string(o.Kind)} },
		detail: func(r *request, o cert.Provider) (mdPage, error) {
			return p.withKitas(r, r.can(access.ProviderWrite), form, cert.KitaFilter{ProviderID: &o.ID})
		},
		blank: func(*request) (mdPage, error) { return form(), nil },
		create: func(r *request, f url.Values) (cert.Provider, error) {
			return p.svc.Providers.Create(r.ctx(), read(f).Apply(cert.Provider{}))
		},
		update: func(r *request, id uuid.UUID, m cert.IfMatch, f url.Values) (cert.Provider, error) {
			return p.svc.Providers.Update(r.ctx(), id, m, read(f))
		},
		archive: func(r *request, id uuid.UUID, m cert.IfMatch) (cert.Provider, error) {
			return p.svc.Providers.Archive(r.ctx(), id, m)
		},
	}
}

// providerList is GET /providers: the providers, filtered by search and kind.
func (p *Pages) providerList(r *request) error {
	q := r.listQuery()
	list, err := p.svc.Providers.List(r.ctx(), cert.ProviderFilter{Page: ordered(q), Q: q.Q, Kind: cert.ProviderKind(q.Values.Get("art"))})
	if err != nil {
		return err
	}
	l := mdList{Options: map[string][]option{"art": withEmpty("Alle Trägerarten", providerKindLabels)}, CanCreate: r.can(access.ProviderWrite),
		NewLabel: "Neuen Träger anlegen", Columns: []string{"Name", "Trägerart"}, SearchLabel: "Name des Trägers", Filters: []mdFilter{{Name: "art", Label: "Trägerart"}}}
	return renderList(r, "providers", "Träger", q, list.Items, list.NextCursor, l)
}
