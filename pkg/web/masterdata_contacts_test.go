package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// findContact returns the demo contact with this name.
func findContact(t *testing.T, s *site, name string) cert.Contact {
	t.Helper()
	list, err := s.svc.Contacts.List(sys, cert.ContactFilter{Page: cert.Page{Limit: cert.MaxLimit}, Q: name})
	if err != nil || len(list.Items) == 0 {
		t.Fatalf("no demo contact %q: %v", name, err)
	}
	return list.Items[0]
}

// TestContactPages: the list filters by function and Kita; the admin sees no e-mail or
// phone; the coordinator edits and archives; a Kita leader edits name, e-mail and phone
// of their Kita's contact but is not offered the function, and a forged function change
// is refused; a youth office planner gets 404 for a contact of another office; create
// needs exactly one owner.
func TestContactPages(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		p := b.get("/contacts?funktion=youth_office_planner")
		p.mustSee(t, http.StatusOK, "Katrin Wagner", "Jugendhilfeplanung", "k.wagner@example.com")
		if strings.Contains(p.Body, "Sabine Becker") {
			t.Error("function filter does not narrow the list")
		}
		k := findKita(t, s, "Städtische Kita Sternstraße")
		b.get("/contacts?kita="+k.ID.String()).mustSee(t, http.StatusOK, "Sabine Becker", "1 Eintrag")

		admin := s.as(t, access.RoleAdmin).get("/contacts?q=becker")
		admin.mustSee(t, http.StatusOK, "Sabine Becker", "nicht freigegeben")
		if strings.Contains(admin.Body, "s.becker@example.org") {
			t.Error("the admin sees a contact's e-mail")
		}

		c := findContact(t, s, "Sabine Becker")
		path := "/contacts/" + c.ID.String()
		leader := s.as(t, access.RoleKitaLeader)
		p = leader.get(path)
		p.mustSee(t, http.StatusOK, "s.becker@example.org", `name="email"`, "Städtische Kita Sternstraße")
		if strings.Contains(p.Body, `name="function"`) || strings.Contains(p.Body, "archivieren") {
			t.Error("a Kita leader is offered the function or archiving")
		}
		v := versionOn(t, p)
		leader.post(path, url.Values{"version": {v}, "name": {"Sabine Becker"}, "email": {"keine-adresse"}, "phone": {"0211"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Keine gültige E-Mail-Adresse.", `value="keine-adresse"`)
		leader.post(path, url.Values{"version": {v}, "function": {"other"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Dieses Feld dürfen Sie nicht ändern.")
		r := leader.post(path, url.Values{"version": {v}, "name": {"Sabine Becker-Lang"}, "email": {"s.becker@example.org"}, "phone": {"0211 5550-199"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("self-service save: %d\n%s", r.Status, r.Body)
		}
		leader.get(r.Location()).mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", "Sabine Becker-Lang", "0211 5550-199")

		other := findContact(t, s, "Karin Schulte")
		if r := s.as(t, access.RoleYouthOffice).get("/contacts/" + other.ID.String()); r.Status != http.StatusNotFound {
			t.Errorf("contact of another office: %d, want 404", r.Status)
		}

		b.get("/contacts/new").mustSee(t, http.StatusOK, "Zugeordnet zu", `name="kita_id"`)
		b.post("/contacts/new", url.Values{"name": {"Eva Neu"}, "email": {"e.neu@example.org"}, "function": {"other"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Genau eines von")
		r = b.post("/contacts/new", url.Values{"name": {"Eva Neu"}, "email": {"e.neu@example.org"}, "function": {"other"},
			"salutation": {"frau"}, "kita_id": {k.ID.String()}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", r.Status, r.Body)
		}
		p = b.get(r.Location())
		p.mustSee(t, http.StatusOK, "Der Eintrag ist angelegt.", "Eva Neu", "Frau", "Sonstige Funktion")
		a := b.post(strings.TrimSuffix(r.Location(), "?hinweis=angelegt")+"/archive", url.Values{"version": {versionOn(t, p)}})
		if a.Status != http.StatusSeeOther {
			t.Fatalf("archive: %d\n%s", a.Status, a.Body)
		}
		b.get(a.Location()).mustSee(t, http.StatusOK, "Der Eintrag ist archiviert.")
	})
}
