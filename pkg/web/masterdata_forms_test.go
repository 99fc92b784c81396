package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestKitaCreateAndArchive: the create form makes a Kita (303 to its page with the
// confirmation), refuses missing fields with 422 and German messages, a youth office
// planner cannot create one in another office (the service refuses, 403), and a fresh Kita can be archived while one
// with contacts is refused with 409 and the reason.
func TestKitaCreateAndArchive(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		b.get("/kitas/new").mustSee(t, http.StatusOK, "Neue Kita", `name="provider_id"`, "Jugendamt Dortmund")
		sternstr := findKita(t, s, "Städtische Kita Sternstraße")
		form := url.Values{"name": {"Kita Neubau"}, "provider_id": {sternstr.ProviderID.String()}, "youth_office_id": {sternstr.YouthOfficeID.String()},
			"address.street": {"Neubaustraße 1"}, "address.postal_code": {"40479"}, "address.city": {"Düsseldorf"}}
		r := b.post("/kitas/new", form)
		if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location(), "?hinweis=angelegt") {
			t.Fatalf("create: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		p := b.get(r.Location())
		p.mustSee(t, http.StatusOK, "Der Eintrag ist angelegt.", "Kita Neubau", "Neubaustraße 1")

		b.post("/kitas/new", url.Values{"name": {""}, "address.postal_code": {"x"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Darf nicht leer sein.", "Pflichtfeld.", "Die Postleitzahl hat genau fünf Ziffern.")

		dortmund := findKita(t, s, "FABIDO Kita Hermannstraße").YouthOfficeID
		yo := s.as(t, access.RoleYouthOffice)
		other := changed(form, "youth_office_id", dortmund.String(), "name", "Kita Fremd")
		if r := yo.post("/kitas/new", other); r.Status != http.StatusForbidden {
			t.Errorf("youth office creates a Kita of another office: %d\n%s", r.Status, r.Body)
		}
		if l, _ := s.svc.Kitas.List(sys, cert.KitaFilter{Page: cert.Page{Limit: 5}, Q: "Kita Fremd"}); len(l.Items) != 0 {
			t.Error("the refused Kita exists")
		}

		path := strings.TrimSuffix(r.Location(), "?hinweis=angelegt")
		a := b.post(path+"/archive", url.Values{"version": {versionOn(t, p)}})
		if a.Status != http.StatusSeeOther {
			t.Fatalf("archive: %d\n%s", a.Status, a.Body)
		}
		p = b.get(a.Location())
		p.mustSee(t, http.StatusOK, "Der Eintrag ist archiviert.", "archiviert")
		if strings.Contains(p.Body, `action="`+path+`"`) {
			t.Error("an archived Kita still offers the edit form")
		}

		k := findKita(t, s, "Städtische Kita Hoffeldstraße")
		kp := b.get("/kitas/" + k.ID.String())
		b.post("/kitas/"+k.ID.String()+"/archive", url.Values{"version": {versionOn(t, kp)}}).
			mustSee(t, http.StatusConflict, "Das geht so nicht")
		if r := b.post("/kitas/"+k.ID.String()+"/archive", url.Values{"version": {"99"}}); r.Status != http.StatusConflict ||
			!strings.Contains(r.Body, "Jemand hat diesen Eintrag inzwischen geändert") {
			t.Errorf("stale archive: %d", r.Status)
		}
	})
}

// TestProviderPages: list with kind filter, detail with its Kitas, edit, invalid input,
// create, and read-only for roles without provider.write.
func TestProviderPages(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		p := b.get("/providers?art=awo")
		p.mustSee(t, http.StatusOK, "AWO Kreisverband Düsseldorf e.V.", "AWO Unterbezirk Dortmund", "Arbeiterwohlfahrt (AWO)")
		if strings.Contains(p.Body, "FABIDO – Städtische") {
			t.Error("kind filter does not narrow the list")
		}
		list, err := s.svc.Providers.List(sys, cert.ProviderFilter{Page: cert.Page{Limit: 50}, Q: "AWO Kreisverband Düsseldorf"})
		if err != nil || len(list.Items) != 1 {
			t.Fatalf("provider: %v %d", err, len(list.Items))
		}
		path := "/providers/" + list.Items[0].ID.String()
		p = b.get(path)
		p.mustSee(t, http.StatusOK, "AWO Kita Höherweg", `name="kind"`, "Träger archivieren")
		v := versionOn(t, p)
		b.post(path, url.Values{"version": {v}, "name": {" "}, "kind": {"awo"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Darf nicht leer sein.")
		r := b.post(path, url.Values{"version": {v}, "name": {"AWO Düsseldorf"}, "kind": {"awo"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", r.Status, r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", "AWO Düsseldorf")
		b.post(path+"/archive", url.Values{"version": {versionOn(t, b.get(path))}}).
			mustSee(t, http.StatusConflict, "Der Träger führt noch Kitas")

		r = b.post("/providers/new", url.Values{"name": {"Neuer Verein e.V."}, "kind": {"other"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", r.Status, r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Neuer Verein e.V.", "Sonstiger Träger")
		b.post("/providers/new", url.Values{"name": {"X"}, "kind": {"nope"}}).mustSee(t, http.StatusUnprocessableEntity, "Unbekannte Trägerart.")

		ro := s.as(t, access.RoleKitaLeader).get(path)
		ro.mustSee(t, http.StatusOK, "AWO Düsseldorf")
		if strings.Contains(ro.Body, `name="kind"`) || strings.Contains(ro.Body, "archivieren") {
			t.Error("a Kita leader is offered the provider form")
		}
	})
}

// TestYouthOfficePages: list with region filter, detail, stale edit (409 with the new
// values), create with a duplicate code refused.
func TestYouthOfficePages(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		p := b.get("/youth-offices?region=westfalen_lippe")
		p.mustSee(t, http.StatusOK, "Jugendamt Dortmund", "Jugendamt Bochum", "Westfalen-Lippe (LWL)")
		if strings.Contains(p.Body, ">Jugendamt Köln<") {
			t.Error("region filter does not narrow the list")
		}
		office := *s.users[access.RoleYouthOffice].YouthOfficeID
		path := "/youth-offices/" + office.String()
		p = b.get(path)
		p.mustSee(t, http.StatusOK, "DEMO-05111000", "Städtische Kita Sternstraße", "Rheinland (LVR)")
		v := versionOn(t, p)
		r := b.post(path, url.Values{"version": {v}, "name": {"Jugendamt der Landeshauptstadt Düsseldorf"}, "code": {"DEMO-05111000"}, "region": {"rheinland"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", r.Status, r.Body)
		}
		p = b.post(path, url.Values{"version": {v}, "name": {"Alter Name"}, "code": {"DEMO-05111000"}, "region": {"rheinland"}})
		p.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", `value="Jugendamt der Landeshauptstadt Düsseldorf"`)

		b.post("/youth-offices/new", url.Values{"name": {"Jugendamt Doppelt"}, "code": {"DEMO-05111000"}, "region": {"rheinland"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Bitte prüfen Sie Ihre Eingaben", "Dieser Code ist bereits vergeben.")
		r = b.post("/youth-offices/new", url.Values{"name": {"Jugendamt Essen"}, "code": {"DEMO-05113000"}, "region": {"rheinland"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", r.Status, r.Body)
		}
		p = b.get(r.Location())
		p.mustSee(t, http.StatusOK, "Jugendamt Essen")
		a := b.post(strings.TrimSuffix(r.Location(), "?hinweis=angelegt")+"/archive", url.Values{"version": {versionOn(t, p)}})
		if a.Status != http.StatusSeeOther {
			t.Errorf("archive an office without Kitas: %d\n%s", a.Status, a.Body)
		}
	})
}
