package web

import (
	"net/url"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// contactOwner is the Kita, provider or youth office a contact belongs to, for the link.
type contactOwner struct {
	Kind, Name, Href string
}

// contacts is the contact (Ansprechperson) kind of the master-data pages. E-mail and
// phone are offered only where the service returned them (contact.personal).
func (p *Pages) contacts() masterData[cert.Contact] {
	read := func(f url.Values) cert.ContactPatch {
		fp := formParser{form: f}
		patch := cert.ContactPatch{Name: fp.ptr("name"), Email: fp.ptr("email"), Phone: fp.ptr("phone"), Title: fp.ptr("title")}
		if s := fp.ptr("function"); s != nil {
			fn := cert.ContactFunction(*s)
			patch.Function = &fn
		}
		if s := fp.ptr("salutation"); s != nil {
			sal := cert.Salutation(*s)
			patch.Salutation = cert.Optional[cert.Salutation]{Set: true, Value: &sal}
		}
		return patch
	}
	return masterData[cert.Contact]{
		base: "/contacts", page: "contact", noun: "Neue Ansprechperson",
		title: func(c cert.Contact) string { return c.Name },
		meta:  func(c cert.Contact) cert.Meta { return c.Meta },
		get:   p.svc.Contacts.Get,
		values: func(c cert.Contact) formValues {
			return formValues{"name": c.Name, "email": c.Email, "phone": c.Phone, "function": string(c.Function),
				"salutation": string(c.Salutation), "title": c.Title}
		},
		detail: p.contactDetail,
		blank: func(r *request) (mdPage, error) {
			pg := mdPage{Fields: fieldSet("name", "email", "phone", "function", "salutation", "title", "kita_id", "provider_id", "youth_office_id"),
				Options: contactChoices()}
			var err error
			if pg.Options["kita_id"], err = p.kitaOptions(r, "keine Kita"); err != nil {
				return pg, err
			}
			if pg.Options["provider_id"], err = p.providerOptions(r, "kein Träger"); err != nil {
				return pg, err
			}
			pg.Options["youth_office_id"], err = p.youthOfficeOptions(r, "kein Jugendamt")
			return pg, err
		},
		create: func(r *request, f url.Values) (cert.Contact, error) {
			fp := formParser{form: f}
			c := cert.Contact{KitaID: fp.id("kita_id"), ProviderID: fp.id("provider_id"), YouthOfficeID: fp.id("youth_office_id")}
			if err := fp.err(); err != nil {
				return c, err
			}
			return p.svc.Contacts.Create(r.ctx(), read(f).Apply(c))
		},
		update: func(r *request, id uuid.UUID, m cert.IfMatch, f url.Values) (cert.Contact, error) {
			return p.svc.Contacts.Update(r.ctx(), id, m, read(f))
		},
		archive: func(r *request, id uuid.UUID, m cert.IfMatch) (cert.Contact, error) {
			return p.svc.Contacts.Archive(r.ctx(), id, m)
		},
	}
}

// contactChoices are the selects of the contact form.
func contactChoices() map[string][]option {
	return map[string][]option{"function": withEmpty("Bitte wählen", functionLabels), "salutation": salutationLabels}
}

// contactDetail fills the contact page: the fields the caller may change (all, or name,
// e-mail and phone for self-service; e-mail and phone only when the service showed them)
// and the owner.
func (p *Pages) contactDetail(r *request, c cert.Contact) (mdPage, error) {
	pg := mdPage{Options: contactChoices()}
	var names []string
	switch {
	case r.can(access.ContactWrite):
		names = []string{"name", "email", "phone", "function", "salutation", "title"}
		pg.CanArchive = true
	case r.can(access.ContactSelfService):
		names = []string{"name", "email", "phone"}
	}
	pg.Fields = fieldSet(names...)
	if c.PersonalHidden {
		delete(pg.Fields, "email")
		delete(pg.Fields, "phone")
	}
	var owner contactOwner
	switch {
	case c.KitaID != nil:
		k, err := p.svc.Kitas.Get(r.ctx(), *c.KitaID)
		if err != nil {
			return pg, err
		}
		owner = contactOwner{"Kita", k.Name, "/kitas/" + k.ID.String()}
	case c.ProviderID != nil:
		o, err := p.svc.Providers.Get(r.ctx(), *c.ProviderID)
		if err != nil {
			return pg, err
		}
		owner = contactOwner{"Träger", o.Name, "/providers/" + o.ID.String()}
	case c.YouthOfficeID != nil:
		o, err := p.svc.YouthOffices.Get(r.ctx(), *c.YouthOfficeID)
		if err != nil {
			return pg, err
		}
		owner = contactOwner{"Jugendamt", o.Name, "/youth-offices/" + o.ID.String()}
	}
	pg.Related = owner
	return pg, nil
}

// contactList is GET /contacts: the contacts the caller may see, filtered by search,
// Kita, provider, youth office and function.
func (p *Pages) contactList(r *request) error {
	q := r.listQuery()
	list, err := p.svc.Contacts.List(r.ctx(), cert.ContactFilter{Page: ordered(q), Q: q.Q, KitaID: queryID(q, "kita"),
		ProviderID: queryID(q, "traeger"), YouthOfficeID: queryID(q, "jugendamt"), Function: cert.ContactFunction(q.Values.Get("funktion"))})
	if err != nil {
		return err
	}
	l := mdList{Options: map[string][]option{"funktion": withEmpty("Alle Funktionen", functionLabels)}, CanCreate: r.can(access.ContactWrite),
		NewLabel: "Neue Ansprechperson anlegen", Columns: []string{"Name", "Funktion", "Zugeordnet zu", "E-Mail", "Telefon"}, SearchLabel: "Name der Person",
		Filters: []mdFilter{{Name: "funktion", Label: "Funktion"}, {Name: "kita", Label: "Kita"}, {Name: "traeger", Label: "Träger"}, {Name: "jugendamt", Label: "Jugendamt"}}}
	if l.Options["kita"], err = p.kitaOptions(r, "Alle Kitas"); err != nil {
		return err
	}
	if l.Options["traeger"], err = p.providerOptions(r, "Alle Träger"); err != nil {
		return err
	}
	if l.Options["jugendamt"], err = p.youthOfficeOptions(r, "Alle Jugendämter"); err != nil {
		return err
	}
	return renderList(r, "contacts", "Kontakte", q, list.Items, list.NextCursor, l)
}
