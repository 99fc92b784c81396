package web

import (
	"net/url"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// kitaFields are the fields of the Kita form; kitaSelfFields those a Kita leader may
// change (kita.self_service: address and district; the service enforces it).
var (
	kitaFields     = []string{"name", "provider_id", "youth_office_id", "address.street", "address.postal_code", "address.city", "district", "kibiz_id"}
	kitaSelfFields = []string{"address.street", "address.postal_code", "address.city", "district"}
)

// kitaRelated is what the Kita page shows besides its facts.
type kitaRelated struct {
	YouthOffice cert.YouthOffice
	Provider    cert.Provider
	Center      *cert.Center
	Procedures  []cert.Procedure
	Contacts    []cert.Contact
}

// kitas is the Kita kind of the master-data pages.
func (p *Pages) kitas() masterData[cert.Kita] {
	return masterData[cert.Kita]{
		base: "/kitas", page: "kita", noun: "Neue Kita",
		title: func(k cert.Kita) string { return k.Name },
		meta:  func(k cert.Kita) cert.Meta { return k.Meta },
		get:   p.svc.Kitas.Get,
		values: func(k cert.Kita) formValues {
			kibiz := ""
			if k.KibizID != nil {
				kibiz = *k.KibizID
			}
			return formValues{"name": k.Name, "provider_id": k.ProviderID.String(), "youth_office_id": k.YouthOfficeID.String(),
				"address.street": k.Address.Street, "address.postal_code": k.Address.PostalCode, "address.city": k.Address.City,
				"district": k.District, "kibiz_id": kibiz}
		},
		detail: p.kitaDetail,
		blank: func(r *request) (mdPage, error) {
			return p.kitaForm(r, fieldSet(kitaFields...))
		},
		create: func(r *request, form url.Values) (cert.Kita, error) {
			f := formParser{form: form}
			k := cert.Kita{Name: f.str("name"), Address: cert.Address{Street: f.str("address.street"), PostalCode: f.str("address.postal_code"), City: f.str("address.city")},
				District: f.str("district"), KibizID: f.optional("kibiz_id").Value}
			if id := f.id("provider_id"); id != nil {
				k.ProviderID = *id
			}
			if id := f.id("youth_office_id"); id != nil {
				k.YouthOfficeID = *id
			}
			if err := f.err(); err != nil {
				return k, err
			}
			return p.svc.Kitas.Create(r.ctx(), k)
		},
		update: func(r *request, id uuid.UUID, m cert.IfMatch, form url.Values) (cert.Kita, error) {
			f := formParser{form: form}
			patch := cert.KitaPatch{Name: f.ptr("name"), ProviderID: f.required("provider_id"), YouthOfficeID: f.required("youth_office_id"),
				District: f.ptr("district"), KibizID: f.optional("kibiz_id")}
			if a := (cert.AddressPatch{Street: f.ptr("address.street"), PostalCode: f.ptr("address.postal_code"), City: f.ptr("address.city")}); a != (cert.AddressPatch{}) {
				patch.Address = &a
			}
			if err := f.err(); err != nil {
				return cert.Kita{}, err
			}
			return p.svc.Kitas.Update(r.ctx(), id, m, patch)
		},
		archive: func(r *request, id uuid.UUID, m cert.IfMatch) (cert.Kita, error) {
			return p.svc.Kitas.Archive(r.ctx(), id, m)
		},
	}
}

// kitaForm is the form part of a Kita page: the offered fields and the selects.
func (p *Pages) kitaForm(r *request, fields map[string]bool) (mdPage, error) {
	pg := mdPage{Fields: fields, Options: map[string][]option{}}
	if !fields["provider_id"] {
		return pg, nil
	}
	var err error
	if pg.Options["provider_id"], err = p.providerOptions(r, "Bitte wählen"); err != nil {
		return pg, err
	}
	pg.Options["youth_office_id"], err = p.youthOfficeOptions(r, "Bitte wählen")
	return pg, err
}

// kitaDetail fills the Kita page: which fields the caller may change (the policy decides
// what the form offers, the service what it accepts), the youth office, provider, center,
// the center's procedures and the Kita's contacts.
func (p *Pages) kitaDetail(r *request, k cert.Kita) (mdPage, error) {
	var fields map[string]bool
	switch {
	case r.can(access.KitaWrite):
		fields = fieldSet(kitaFields...)
	case r.can(access.KitaSelfService):
		fields = fieldSet(kitaSelfFields...)
	}
	pg, err := p.kitaForm(r, fields)
	if err != nil {
		return pg, err
	}
	pg.CanArchive = r.can(access.KitaWrite)
	var rel kitaRelated
	if rel.YouthOffice, err = p.svc.YouthOffices.Get(r.ctx(), k.YouthOfficeID); err != nil {
		return pg, err
	}
	if rel.Provider, err = p.svc.Providers.Get(r.ctx(), k.ProviderID); err != nil {
		return pg, err
	}
	centers, err := p.svc.Centers.List(r.ctx(), cert.CenterFilter{Page: cert.Page{Limit: 1}, KitaID: &k.ID})
	if err != nil {
		return pg, err
	}
	if len(centers.Items) > 0 {
		rel.Center = &centers.Items[0]
		procs, err := p.svc.Procedures.List(r.ctx(), cert.ProcedureFilter{Page: cert.Page{Limit: 10, Descending: true}, CenterID: &rel.Center.ID})
		if err != nil {
			return pg, err
		}
		rel.Procedures = procs.Items
	}
	contacts, err := p.svc.Contacts.List(r.ctx(), cert.ContactFilter{Page: all, KitaID: &k.ID})
	if err != nil {
		return pg, err
	}
	rel.Contacts = contacts.Items
	pg.Related = rel
	return pg, nil
}

// kitaList is GET /kitas: the Kitas the caller may see, filtered by search, youth office,
// provider and city.
func (p *Pages) kitaList(r *request) error {
	q := r.listQuery()
	list, err := p.svc.Kitas.List(r.ctx(), cert.KitaFilter{Page: ordered(q), Q: q.Q, YouthOfficeID: queryID(q, "jugendamt"),
		ProviderID: queryID(q, "traeger"), City: q.Values.Get("ort")})
	if err != nil {
		return err
	}
	l := mdList{Options: map[string][]option{}, CanCreate: r.can(access.KitaWrite),
		NewLabel: "Neue Kita anlegen", Columns: []string{"Name", "Anschrift", "Stadtteil", "Träger", "Jugendamt"}, SearchLabel: "Name der Kita",
		Filters: []mdFilter{{Name: "jugendamt", Label: "Jugendamt"}, {Name: "traeger", Label: "Träger"}, {Name: "ort", Label: "Ort", Text: true}}}
	if l.Options["jugendamt"], err = p.youthOfficeOptions(r, "Alle Jugendämter"); err != nil {
		return err
	}
	if l.Options["traeger"], err = p.providerOptions(r, "Alle Träger"); err != nil {
		return err
	}
	return renderList(r, "kitas", "Kitas", q, list.Items, list.NextCursor, l)
}
