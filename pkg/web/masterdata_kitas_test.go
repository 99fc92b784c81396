package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// findKita returns the demo Kita with this name.
func findKita(t *testing.T, s *site, name string) cert.Kita {
	t.Helper()
	list, err := s.svc.Kitas.List(sys, cert.KitaFilter{Page: cert.Page{Limit: cert.MaxLimit}, Q: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range list.Items {
		if k.Name == name {
			return k
		}
	}
	t.Fatalf("no demo Kita %q", name)
	return cert.Kita{}
}

// changed returns a copy of form with the fields kv (name, value, …) set.
func changed(form url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

var versionField = regexp.MustCompile(`name="version" value="(\d+)"`)

// versionOn returns the version an edit form on the page sends.
func versionOn(t *testing.T, p page) string {
	t.Helper()
	m := versionField.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no version field on the page:\n%s", p.Body)
	}
	return m[1]
}

// TestKitaListFilters: the list shows the demo Kitas by name (or newest first) in pages of
// 25, the filters narrow it,
// the paging link leads to the rest, and htmx gets only the table.
func TestKitaListFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		p := b.get("/kitas")
		p.mustSee(t, http.StatusOK, "<h1 class=\"kern-heading-large\">Kitas</h1>", "AWO Kita Borsigplatz", "Neue Kita anlegen", `rel="next"`)
		if strings.Contains(p.Body, "Städtische Kita Witzelstraße") {
			t.Error("the first page (Name A–Z) shows a Kita from the end of the alphabet")
		}
		if strings.Index(p.Body, "AWO Kita Borsigplatz") > strings.Index(p.Body, "AWO Kita Deutsche Straße") {
			t.Error("the list is not in name order")
		}
		next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(p.Body)
		p2 := b.get(strings.ReplaceAll(next[1], "&amp;", "&"))
		p2.mustSee(t, http.StatusOK, "Städtische Kita Witzelstraße", "Zur ersten Seite")
		if strings.Contains(p2.Body, "AWO Kita Borsigplatz") {
			t.Error("the second page repeats the first")
		}
		newest := b.get("/kitas?sortierung=neu")
		newest.mustSee(t, http.StatusOK, "DRK Kita Marten", `<option value="neu" selected>`)
		if strings.Contains(newest.Body, "Städtische Kita Sternstraße") {
			t.Error("newest first shows the oldest Kita on the first page")
		}

		p = b.get("/kitas?q=sternstr")
		p.mustSee(t, http.StatusOK, "Städtische Kita Sternstraße", "1 Eintrag auf dieser Seite")
		if strings.Contains(p.Body, "Hoffeldstraße") {
			t.Error("search does not narrow the list")
		}
		dortmund := findKita(t, s, "FABIDO Kita Hermannstraße").YouthOfficeID
		p = b.get("/kitas?jugendamt=" + dortmund.String())
		p.mustSee(t, http.StatusOK, "FABIDO Kita Hermannstraße", "24 Einträge")
		if strings.Contains(p.Body, "Sternstraße") {
			t.Error("youth office filter does not narrow the list")
		}
		p = b.get("/kitas?ort=Dortmund&q=kath")
		p.mustSee(t, http.StatusOK, "Kath. Kita St. Antonius")
		if strings.Contains(p.Body, "St. Josef") {
			t.Error("city filter does not narrow the list")
		}

		frag := b.do(http.MethodGet, "/kitas?q=sternstr", nil, "HX-Request", "true", "HX-Target", "liste")
		frag.mustSee(t, http.StatusOK, "Städtische Kita Sternstraße")
		if strings.Contains(frag.Body, "<html") || strings.Contains(frag.Body, "<form") {
			t.Errorf("htmx gets more than the table:\n%s", frag.Body)
		}
	})
}

// TestKitaListScope: a youth office planner sees only the Kitas of their office.
func TestKitaListScope(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		p := s.as(t, access.RoleYouthOffice).get("/kitas?q=kita")
		p.mustSee(t, http.StatusOK, "Städtische Kita Sternstraße")
		if strings.Contains(p.Body, "FABIDO Kita") {
			t.Error("a Düsseldorf planner sees Dortmund's Kitas")
		}
		if r := s.as(t, access.RoleYouthOffice).get("/kitas/" + findKita(t, s, "FABIDO Kita Hermannstraße").ID.String()); r.Status != http.StatusNotFound {
			t.Errorf("Kita of another youth office: %d, want 404", r.Status)
		}
	})
}

// TestKitaDetailAndEdit: the page shows the facts and links; an edit is saved (303 and
// the confirmation), invalid input comes back with 422 and the German field message, and
// a stale version with 409, the alert and the new values.
func TestKitaDetailAndEdit(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		k := findKita(t, s, "Städtische Kita Sternstraße")
		path := "/kitas/" + k.ID.String()
		b := s.as(t, access.RoleCoordinator)
		p := b.get(path)
		p.mustSee(t, http.StatusOK, "Sternstraße 34, 40479 Düsseldorf", "Pempelfort", "DEMO-051110001",
			"Landeshauptstadt Düsseldorf – Städtische Kitas", "Jugendamt Düsseldorf", path+"/status", "Sabine Becker",
			`name="name"`, "Kita archivieren")
		v := versionOn(t, p)

		form := url.Values{"version": {v}, "name": {"Städtische Kita Sternstraße"}, "provider_id": {k.ProviderID.String()},
			"youth_office_id": {k.YouthOfficeID.String()}, "address.street": {"Sternstraße 36"}, "address.postal_code": {"40479"},
			"address.city": {"Düsseldorf"}, "district": {"Pempelfort"}, "kibiz_id": {"DEMO-051110001"}}
		r := b.post(path, form)
		if r.Status != http.StatusSeeOther || r.Location() != path+"?hinweis=gespeichert" {
			t.Fatalf("save: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", "Sternstraße 36, 40479")

		bad := changed(form, "version", versionOn(t, b.get(path)), "address.postal_code", "4047")
		b.post(path, bad).mustSee(t, http.StatusUnprocessableEntity, "Bitte prüfen Sie Ihre Eingaben",
			"Die Postleitzahl hat genau fünf Ziffern.", `href="#f-address.postal_code"`, `value="4047"`)

		stale := changed(form, "address.street", "Sternstraße 99") // based on the first version
		p = b.post(path, stale)
		p.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", `value="Sternstraße 36"`)
		if strings.Contains(p.Body, "Sternstraße 99") {
			t.Error("the stale form shows the old input instead of the new values")
		}
	})
}

// TestKitaLeaderSelfService: a Kita leader is offered address and district only; the
// change is saved; a forged name change is refused by the service (422) and changes nothing.
func TestKitaLeaderSelfService(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		k := findKita(t, s, "Städtische Kita Sternstraße")
		path := "/kitas/" + k.ID.String()
		b := s.as(t, access.RoleKitaLeader)
		p := b.get(path)
		p.mustSee(t, http.StatusOK, `name="address.street"`, `name="district"`)
		for _, absent := range []string{`name="name"`, `name="provider_id"`, `name="kibiz_id"`, "archivieren"} {
			if strings.Contains(p.Body, absent) {
				t.Errorf("a Kita leader is offered %s", absent)
			}
		}
		v := versionOn(t, p)
		r := b.post(path, url.Values{"version": {v}, "address.street": {"Sternstraße 40"}, "address.postal_code": {"40479"},
			"address.city": {"Düsseldorf"}, "district": {"Pempelfort-Nord"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("self-service save: %d\n%s", r.Status, r.Body)
		}
		v = versionOn(t, b.get(path))
		b.post(path, url.Values{"version": {v}, "name": {"Kita Sternchen"}, "district": {"Pempelfort"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Dieses Feld dürfen Sie nicht ändern.")
		got, err := s.svc.Kitas.Get(sys, k.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != k.Name || got.District != "Pempelfort-Nord" || got.Address.Street != "Sternstraße 40" {
			t.Errorf("after the forged change: %q, %q, %q", got.Name, got.District, got.Address.Street)
		}
		if r := b.post(path+"/archive", url.Values{"version": {v}}); r.Status != http.StatusForbidden {
			t.Errorf("Kita leader archives: %d, want 403", r.Status)
		}
	})
}
