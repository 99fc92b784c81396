package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestNominate: a youth office nominates a center of its office (303 to the procedure,
// which the service then holds); refusals come back as the form with the German reason:
// no place left, a center of another office, a center with an open procedure, no center.
func TestNominate(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		office := *s.users[access.RoleYouthOffice].YouthOfficeID
		year := cert.KindergartenYearOf(s.svc.Today())
		if _, err := s.svc.Contingents.Create(sys, cert.Contingent{YouthOfficeID: office, Year: year, Places: 1}); err != nil {
			t.Fatal(err)
		}
		arche, bilk, hoerde := centerNamed(t, s, "Ev. Familienzentrum Arche Noah"), centerNamed(t, s, "Verbund-Familienzentrum Bilk"),
			centerNamed(t, s, "FABIDO Familienzentrum Hörde")
		b := s.as(t, access.RoleYouthOffice)
		form := b.get("/procedures/new?center=" + arche.ID.String())
		form.mustSee(t, http.StatusOK, "Familienzentrum nominieren", `<option value="`+arche.ID.String()+`" selected>`, "Erstzertifizierung", year.String(), `name="csrf"`)
		if strings.Contains(form.Body, hoerde.ID.String()) {
			t.Error("the form offers a center of another office")
		}
		send := func(center, kind string) page {
			return b.post("/procedures/new", url.Values{"center_id": {center}, "kind": {kind}, "kindergarten_year": {year.String()}, "comment": {"Aus dem Test."}})
		}

		r := send(arche.ID.String(), "initial")
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location(), "/procedures/") || !strings.HasSuffix(r.Location(), "?hinweis=angelegt") {
			t.Fatalf("nominate: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		p := openProcedureOf(t, s, arche.Name)
		if r.Location() != "/procedures/"+p.ID.String()+"?hinweis=angelegt" || p.State != cert.StateNominated || p.Kind != cert.KindInitial || p.Year != year {
			t.Errorf("created %+v, redirect %s", p, r.Location())
		}

		send(bilk.ID.String(), "initial").mustSee(t, http.StatusUnprocessableEntity, "Das Kontingent ist ausgeschöpft",
			"sind 1 von 1 Plätzen belegt", `href="#f-kindergarten_year"`, `<option value="`+bilk.ID.String()+`" selected>`, "Aus dem Test.")
		send(hoerde.ID.String(), "initial").mustSee(t, http.StatusUnprocessableEntity, "Das Familienzentrum existiert nicht.", `href="#f-center_id"`)
		send(arche.ID.String(), "initial").mustSee(t, http.StatusUnprocessableEntity, "Für dieses Familienzentrum läuft bereits ein Verfahren.")
		send("", "initial").mustSee(t, http.StatusUnprocessableEntity, "Bitte wählen Sie ein Familienzentrum.")
		send(bilk.ID.String(), "sonstwas").mustSee(t, http.StatusUnprocessableEntity, "Unbekannte Verfahrensart.")
		open := true
		if l, err := s.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 10}, CenterID: &bilk.ID, Open: &open}); err != nil || len(l.Items) != 0 {
			t.Errorf("a refused nomination left a procedure: %v %v", l.Items, err)
		}

		s.as(t, access.RoleCoordinator).get("/procedures/new").mustSee(t, http.StatusOK, `<option value="`+hoerde.ID.String()+`"`) // every office
		s.as(t, access.RoleKitaLeader).get("/procedures/new").mustSee(t, http.StatusForbidden)
		s.as(t, access.RoleAssessor).post("/procedures/new", url.Values{"center_id": {bilk.ID.String()}}).mustSee(t, http.StatusForbidden)
	})
}
