package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/notify"
)

// centerNamed finds a center of the demo data by name.
func centerNamed(t *testing.T, s *site, name string) cert.Center {
	t.Helper()
	list, err := s.svc.Centers.List(sys, cert.CenterFilter{Page: cert.Page{Limit: cert.MaxLimit}, Q: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list.Items {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no demo center %q", name)
	return cert.Center{}
}

// freeKitas are the Kitas of the youth office that belong to no center.
func kitasWithoutCenter(t *testing.T, s *site, office cert.Center) []cert.Kita {
	t.Helper()
	yo := office.Members[0].KitaYouthOfficeID
	list, err := s.svc.Kitas.List(sys, cert.KitaFilter{Page: cert.Page{Limit: cert.MaxLimit}, YouthOfficeID: &yo})
	if err != nil {
		t.Fatal(err)
	}
	var out []cert.Kita
	for _, k := range list.Items {
		in, err := s.svc.Centers.List(sys, cert.CenterFilter{Page: cert.Page{Limit: 1}, KitaID: &k.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Items) == 0 {
			out = append(out, k)
		}
	}
	if len(out) < 2 {
		t.Fatalf("the demo data has %d Kitas without a center in the office", len(out))
	}
	return out
}

// memberOf returns the member of c with the role.
func centerMember(t *testing.T, c cert.Center, role cert.MemberRole) cert.Membership {
	t.Helper()
	for _, m := range c.Members {
		if m.Role == role {
			return m
		}
	}
	t.Fatalf("%s has no member with role %s", c.Name, role)
	return cert.Membership{}
}

func centerVersion(c cert.Center) string { return strconv.Itoa(c.Version) }

// TestCenterPage: the coordinator sees on the center page where it stands, its members
// with their German roles, the membership history, the rules with their state, its seals
// and procedures, and the forms.
func TestCenterPage(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		c := centerNamed(t, s, "Verbund-Familienzentrum Flingern")
		p := s.as(t, access.RoleCoordinator).get("/centers/" + c.ID.String())
		p.mustSee(t, http.StatusOK, "<h1 class=\"kern-heading-large\">Verbund-Familienzentrum Flingern</h1>", "Verbund-Familienzentrum · 3 Kitas",
			"Wo stehen wir?", "Nächster Schritt", "Zuschussempfängerin", "Kontakt-Kita", "Mitglied seit",
			"Wer wann eingetreten und ausgetreten ist", "Regeln für die Zusammensetzung", "Ein Verbund braucht mindestens 2 Kitas. Jetzt: 3 Kitas.",
			"erfüllt", "Ohne Ausnahme von der Größe können noch 2 weitere Kitas eintreten.",
			"Kita aufnehmen", "Angaben bearbeiten", `name="version" value="`+centerVersion(c)+`"`)
		for _, m := range c.Members {
			p.mustSee(t, http.StatusOK, m.KitaName, "/centers/"+c.ID.String()+"/members/"+m.KitaID.String()+"/end")
		}
		rep, err := s.svc.Status.CenterStatus(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.mustSee(t, http.StatusOK, rep.NextStep)
		seals, err := s.svc.Seals.List(sys, cert.SealFilter{Page: cert.Page{Limit: cert.MaxLimit}, CenterID: &c.ID})
		if err != nil {
			t.Fatal(err)
		}
		procs, err := s.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: cert.MaxLimit}, CenterID: &c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(seals.Items)+len(procs.Items) == 0 {
			t.Fatal("the demo center has neither seal nor procedure")
		}
		for _, seal := range seals.Items {
			p.mustSee(t, http.StatusOK, `href="/seals/`+seal.ID.String()+`"`, seal.CertificationNumber)
		}
		for _, pr := range procs.Items {
			p.mustSee(t, http.StatusOK, `href="/procedures/`+pr.ID.String()+`"`)
		}
		if strings.Contains(p.Body, "grant_recipient</td>") || strings.Contains(p.Body, ">member<") {
			t.Error("the page shows role codes instead of German labels")
		}
		for _, bad := range []string{"<style", " style=", "<script>", " onclick=", " onchange="} {
			if strings.Contains(p.Body, bad) {
				t.Errorf("the center page contains %q", bad)
			}
		}
		if n := strings.Count(p.Body, "<h1"); n != 1 {
			t.Errorf("the center page has %d h1", n)
		}
	})
}

// TestCenterPageScope: a Kita leader opens their own center without the forms but not
// another (404); a youth office opens its own center with the forms, not another office's.
func TestCenterPageScope(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		own := centerNamed(t, s, "Familienzentrum Sternstraße")
		other := centerNamed(t, s, "Familienzentrum Nordstadt") // Dortmund
		leader := s.as(t, access.RoleKitaLeader)
		p := leader.get("/centers/" + own.ID.String())
		p.mustSee(t, http.StatusOK, "Familienzentrum Sternstraße", "Wo stehen wir?", "Mitglieder")
		for _, form := range []string{"Kita aufnehmen", "Angaben bearbeiten", "Austritt eintragen"} {
			if strings.Contains(p.Body, form) {
				t.Errorf("the Kita leader sees the form %q", form)
			}
		}
		leader.get("/centers/"+other.ID.String()).mustSee(t, http.StatusNotFound, `lang="de"`)
		if r := leader.post("/centers/"+own.ID.String(), url.Values{"version": {centerVersion(own)}, "name": {"Neu"}}); r.Status != http.StatusForbidden {
			t.Errorf("Kita leader edits a center: %d", r.Status)
		}

		office := s.as(t, access.RoleYouthOffice)
		office.get("/centers/"+own.ID.String()).mustSee(t, http.StatusOK, "Kita aufnehmen", "Angaben bearbeiten")
		office.get("/centers/"+other.ID.String()).mustSee(t, http.StatusNotFound)
		if r := office.post("/centers/"+other.ID.String(), url.Values{"version": {centerVersion(other)}, "name": {"Übernommen"}}); r.Status != http.StatusNotFound {
			t.Errorf("youth office edits another office's center: %d", r.Status)
		}
		office.get("/centers/kein-zentrum").mustSee(t, http.StatusNotFound)
	})
}

// TestCenterEdit: a change is saved and confirmed; an empty name and a size exception of
// a single center come back with German field messages (422); a stale version comes back
// with the new values (409).
func TestCenterEdit(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		c := centerNamed(t, s, "Verbund-Familienzentrum Bilk")
		path := "/centers/" + c.ID.String()
		b := s.as(t, access.RoleCoordinator)
		b.get(path)
		r := b.post(path, url.Values{"version": {centerVersion(c)}, "name": {"Verbund-Familienzentrum Bilk-Süd"}, "size_exception_reason": {""}})
		if r.Status != http.StatusSeeOther || r.Location() != path+"?hinweis=gespeichert" {
			t.Fatalf("edit: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", "Verbund-Familienzentrum Bilk-Süd")

		bad := b.post(path, url.Values{"version": {centerVersion(c)}, "name": {"  "}})
		bad.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", `value="Verbund-Familienzentrum Bilk-Süd"`)

		now, err := s.svc.Centers.Get(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		bad = b.post(path, url.Values{"version": {centerVersion(now)}, "name": {"  "}})
		bad.mustSee(t, http.StatusUnprocessableEntity, "Bitte prüfen Sie Ihre Eingaben", `href="#f-name"`, `aria-invalid="true"`)

		single := centerNamed(t, s, "Familienzentrum Sternstraße")
		r = b.post("/centers/"+single.ID.String(), url.Values{"version": {centerVersion(single)}, "name": {single.Name}, "size_exception_reason": {"Weil"}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Nur ein Verbund kann eine Ausnahme von der Größe haben.", `href="#f-size_exception_reason"`)

		if r := b.post(path, url.Values{"name": {"Ohne Version"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("edit without version: %d", r.Status)
		}
		if got, _ := s.svc.Centers.Get(sys, c.ID); got.Name != "Verbund-Familienzentrum Bilk-Süd" {
			t.Errorf("a refused edit changed the name to %q", got.Name)
		}
	})
}

// TestCenterMailLink: the link of the reminder mails opens the center page: anonymous to
// the login, after it back on the page.
func TestCenterMailLink(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		c := centerNamed(t, s, "Familienzentrum Sternstraße")
		link := strings.Replace(notify.StatusPagePath, "{center_id}", c.ID.String(), 1)
		if link != "/centers/"+c.ID.String() {
			t.Fatalf("the mail links %s", link)
		}
		b := s.anonymous(t)
		r := b.get(link)
		if r.Status != http.StatusSeeOther || r.Location() != "/login?next="+url.QueryEscape(link) {
			t.Fatalf("anonymous: %d to %q", r.Status, r.Location())
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, `name="next" value="`+link+`"`)
		leader := s.users[access.RoleKitaLeader]
		r = b.post("/login", url.Values{"email": {leader.Email}, "password": {demo.Password}, "next": {link}})
		if r.Status != http.StatusSeeOther || r.Location() != link {
			t.Fatalf("login: %d to %q", r.Status, r.Location())
		}
		b.get(link).mustSee(t, http.StatusOK, c.Name, "Wo stehen wir?")
	})
}

// TestCenterList: the list filters by name, kind and youth office, answers htmx with the
// result part only, and links the center pages; the Kita leader sees only their center.
func TestCenterList(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		flingern := centerNamed(t, s, "Verbund-Familienzentrum Flingern")
		all := b.get("/centers")
		all.mustSee(t, http.StatusOK, "<h1", "Familienzentren", `href="/centers/`+flingern.ID.String()+`"`, "Familienzentrum Nordstadt", "Familienzentrum anlegen", `hx-get="/centers"`)
		nets := b.get("/centers?art=network")
		nets.mustSee(t, http.StatusOK, "Verbund-Familienzentrum Flingern")
		if strings.Contains(nets.Body, "Familienzentrum Sternstraße") {
			t.Error("the kind filter shows a single center")
		}
		office := flingern.Members[0].KitaYouthOfficeID
		dus := b.get("/centers?jugendamt=" + office.String())
		dus.mustSee(t, http.StatusOK, "Familienzentrum Sternstraße")
		if strings.Contains(dus.Body, "Familienzentrum Nordstadt") {
			t.Error("the youth office filter shows a Dortmund center")
		}
		frag := b.do(http.MethodGet, "/centers?q=Flingern", nil, "HX-Request", "true", "HX-Target", "ergebnis")
		frag.mustSee(t, http.StatusOK, "Verbund-Familienzentrum Flingern")
		if strings.Contains(frag.Body, "<html") || strings.Contains(frag.Body, "Familienzentrum Nordstadt") {
			t.Errorf("the htmx answer is not the filtered result part:\n%s", frag.Body)
		}
		b.get("/centers?q=gibt-es-nicht").mustSee(t, http.StatusOK, "Keine Familienzentren gefunden.")

		arche := centerNamed(t, s, "Ev. Familienzentrum Arche Noah")
		if _, err := s.svc.Centers.Archive(sys, arche.ID, cert.Expect(arche.Version)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.get("/centers?q=Arche").Body, "Arche Noah") {
			t.Error("the list shows an archived center without archiviert=1")
		}
		b.get("/centers?q=Arche&archiviert=1").mustSee(t, http.StatusOK, "Ev. Familienzentrum Arche Noah", "Archiviert")
		archived := b.get("/centers/" + arche.ID.String())
		archived.mustSee(t, http.StatusOK, "Archiviert seit")
		if strings.Contains(archived.Body, "Kita aufnehmen") {
			t.Error("an archived center offers the member form")
		}

		leader := s.as(t, access.RoleKitaLeader).get("/centers")
		leader.mustSee(t, http.StatusOK, "Familienzentrum Sternstraße")
		if strings.Contains(leader.Body, "Verbund-Familienzentrum Flingern") || strings.Contains(leader.Body, "Familienzentrum anlegen") {
			t.Error("the Kita leader sees another center or the create button")
		}
	})
}
