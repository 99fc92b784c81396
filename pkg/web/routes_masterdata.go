package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// masterDataRoutes are the pages of Kitas, providers, youth offices and contacts: lists, details, forms.
// The edit forms of Kitas and contacts are open to self-service (the service decides which
// fields a role may change); creating and archiving need the write action.
func (p *Pages) masterDataRoutes() []route {
	kitas, providers, offices, contacts := p.kitas(), p.providers(), p.youthOffices(), p.contacts()
	need := func(a access.Action) rule { return rule{need: a} }
	return []route{
		{http.MethodGet, "/kitas", need(access.KitaRead), p.kitaList},
		{http.MethodGet, "/kitas/new", need(access.KitaWrite), kitas.newForm},
		{http.MethodPost, "/kitas/new", need(access.KitaWrite), kitas.add},
		{http.MethodGet, "/kitas/:id", need(access.KitaRead), kitas.show},
		{http.MethodPost, "/kitas/:id", need(access.KitaSelfService), kitas.save},
		{http.MethodPost, "/kitas/:id/archive", need(access.KitaWrite), kitas.doArchive},

		{http.MethodGet, "/providers", need(access.ProviderRead), p.providerList},
		{http.MethodGet, "/providers/new", need(access.ProviderWrite), providers.newForm},
		{http.MethodPost, "/providers/new", need(access.ProviderWrite), providers.add},
		{http.MethodGet, "/providers/:id", need(access.ProviderRead), providers.show},
		{http.MethodPost, "/providers/:id", need(access.ProviderWrite), providers.save},
		{http.MethodPost, "/providers/:id/archive", need(access.ProviderWrite), providers.doArchive},

		{http.MethodGet, "/youth-offices", need(access.YouthOfficeRead), p.youthOfficeList},
		{http.MethodGet, "/youth-offices/new", need(access.YouthOfficeWrite), offices.newForm},
		{http.MethodPost, "/youth-offices/new", need(access.YouthOfficeWrite), offices.add},
		{http.MethodGet, "/youth-offices/:id", need(access.YouthOfficeRead), offices.show},
		{http.MethodPost, "/youth-offices/:id", need(access.YouthOfficeWrite), offices.save},
		{http.MethodPost, "/youth-offices/:id/archive", need(access.YouthOfficeWrite), offices.doArchive},

		{http.MethodGet, "/contacts", need(access.ContactRead), p.contactList},
		{http.MethodGet, "/contacts/new", need(access.ContactWrite), contacts.newForm},
		{http.MethodPost, "/contacts/new", need(access.ContactWrite), contacts.add},
		{http.MethodGet, "/contacts/:id", need(access.ContactRead), contacts.show},
		{http.MethodPost, "/contacts/:id", need(access.ContactSelfService), contacts.save},
		{http.MethodPost, "/contacts/:id/archive", need(access.ContactWrite), contacts.doArchive},
	}
}
