package web_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// The master-data pages with parameters: Kitas inside and outside the scopes, providers
// and youth offices (public to every role), contacts of the Kita leader's Kita and of
// another youth office.
func init() {
	for _, path := range []string{"/kitas/:id", "/kitas/:id/archive"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample { return kitaSamples(t, s, pattern) }
	}
	for _, path := range []string{"/providers/:id", "/providers/:id/archive"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample {
			list, err := s.svc.Providers.List(sys, cert.ProviderFilter{Page: cert.Page{Limit: 2}})
			if err != nil {
				t.Fatal(err)
			}
			var out []sample
			for _, o := range list.Items {
				out = append(out, sample{path: strings.Replace(pattern, "%s", o.ID.String(), 1)})
			}
			return out
		}
	}
	for _, path := range []string{"/youth-offices/:id", "/youth-offices/:id/archive"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample {
			list, err := s.svc.YouthOffices.List(sys, cert.YouthOfficeFilter{Page: cert.Page{Limit: 2}})
			if err != nil {
				t.Fatal(err)
			}
			var out []sample
			for _, o := range list.Items {
				out = append(out, sample{path: strings.Replace(pattern, "%s", o.ID.String(), 1),
					related: access.Related{YouthOfficeIDs: []uuid.UUID{o.ID}}})
			}
			return out
		}
	}
	for _, path := range []string{"/contacts/:id", "/contacts/:id/archive"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample { return contactSamples(t, s, pattern) }
	}
}

// contactSamples are the contacts of the Kita leader's Kita (inside both Own scopes) and
// a Kita contact of another youth office (outside both).
func contactSamples(t *testing.T, s *site, pattern string) []sample {
	t.Helper()
	own := *s.users[access.RoleKitaLeader].KitaID
	office := *s.users[access.RoleYouthOffice].YouthOfficeID
	list, err := s.svc.Contacts.List(sys, cert.ContactFilter{Page: cert.Page{Limit: cert.MaxLimit}, Function: cert.FunctionKitaLeader})
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	other := false
	for _, c := range list.Items {
		inOwn := *c.KitaID == own
		if inOwn || (!other && *c.OwnerYouthOfficeID != office) {
			other = other || !inOwn
			out = append(out, sample{path: strings.Replace(pattern, "%s", c.ID.String(), 1),
				related: access.Related{YouthOfficeIDs: []uuid.UUID{*c.OwnerYouthOfficeID}, KitaIDs: []uuid.UUID{*c.KitaID}}})
		}
	}
	return out
}
