package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// networkForRun nominates a network center without an open procedure for re-certification
// (as kitacert itself) and returns the procedure, its center and the two Kitas to visit:
// the grant recipient and one more.
func networkForRun(t *testing.T, s *site) (cert.Procedure, cert.Center, [2]cert.Membership) {
	t.Helper()
	centers, err := s.svc.Centers.List(sys, cert.CenterFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range centers.Items {
		if c.Kind != cert.CenterNetwork {
			continue
		}
		p, err := s.svc.Procedures.Create(sys, cert.NewProcedure{CenterID: c.ID, Kind: cert.KindRecertification, Year: cert.KindergartenYearOf(s.svc.Today())})
		if cert.ErrorCode(err) == cert.ECONFLICT {
			continue // a procedure is open
		}
		if err != nil {
			t.Fatal(err)
		}
		var sites [2]cert.Membership
		for _, m := range c.Members {
			if m.Role == cert.RoleGrantRecipient {
				sites[0] = m
			} else if sites[1].KitaID == uuid.Nil {
				sites[1] = m
			}
		}
		return p, c, sites
	}
	t.Fatal("no network center without an open procedure")
	return cert.Procedure{}, cert.Center{}, [2]cert.Membership{}
}

var findingsVersionField = regexp.MustCompile(`name="version" value="([0-9a-f]+)"`)

// TestProcedureRunToCertified: an assessor takes a network's procedure from nominated to
// certified through the step route, a coordinator submits the evidence, the visit goes to
// two member Kitas; certify is refused while an area misses its minimum (with the German
// reason at the form) and goes through after the assessment; then the seal is linked.
func TestProcedureRunToCertified(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		p, c, sites := networkForRun(t, s)
		path := "/procedures/" + p.ID.String()
		assessor, coord := s.as(t, access.RoleAssessor), s.as(t, access.RoleCoordinator)
		today := s.svc.Today()

		assessor.get(path)
		assessor.stepDone(p.ID, cert.ActRegister, "evidence_due_on", ymd(today.AddDays(30)), "comment", "Bitte alle Belege digital.")
		coord.get(path)
		coord.stepDone(p.ID, cert.ActSubmitEvidence)
		assessor.get(path)
		assessor.stepDone(p.ID, cert.ActStartReview)

		page := assessor.get(path)
		page.mustSee(t, http.StatusOK, "Sie (", `id="schritt-schedule_visit"`, `name="visit_sites"`, sites[0].KitaName, sites[1].KitaName)
		mustOffer(t, access.RoleAssessor, page.Body, cert.ActRequestEvidence, cert.ActScheduleVisit, cert.ActReject)
		// one Kita is not enough for a network
		assessor.step(p.ID, cert.ActScheduleVisit, "visit_on", ymd(today.AddDays(7)), "visit_sites", sites[0].KitaID.String()).
			mustSee(t, http.StatusUnprocessableEntity, "zwei Kitas besucht", `href="#f-schedule_visit-visit_sites"`)
		assessor.stepDone(p.ID, cert.ActScheduleVisit, "visit_on", ymd(today.AddDays(7)),
			"visit_sites", sites[0].KitaID.String(), "visit_sites", sites[1].KitaID.String())
		assessor.get(path).mustSee(t, http.StatusOK, "Begehung am", date(today.AddDays(7)), "Besuchte Kitas", sites[0].KitaName, sites[1].KitaName)

		s.clock.Set(testNow.Add(8 * 24 * time.Hour)) // the sessions of a week ago have expired
		assessor, coord = s.as(t, access.RoleAssessor), s.as(t, access.RoleCoordinator)
		assessor.get(path)
		assessor.stepDone(p.ID, cert.ActRecordVisit)

		// no findings yet: every area misses its minimum
		assessor.get(path)
		refused := assessor.step(p.ID, cert.ActCertify)
		refused.mustSee(t, http.StatusConflict, "Der Schritt ist nicht möglich", "Die Bewertung erreicht nicht in jedem Bereich die Mindestpunktzahl", `id="schritt-certify"`)
		if got := current(t, s, p.ID); got.State != cert.StateVisited {
			t.Fatalf("refused certify left the procedure in %s", got.State)
		}

		asm := assessor.get(path + "/assessment")
		m := findingsVersionField.FindStringSubmatch(asm.Body)
		if m == nil {
			t.Fatalf("assessment form without version:\n%s", asm.Body)
		}
		form := url.Values{"version": {m[1]}}
		cat, err := s.svc.Catalogues.Get(sys, p.CatalogueVersion)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range cat.Areas {
			for _, cr := range a.Criteria {
				form.Add("met", cr.Code)
			}
		}
		if r := assessor.post(path+"/assessment", form); r.Status != http.StatusSeeOther {
			t.Fatalf("save assessment: %d\n%s", r.Status, r.Body)
		}

		assessor.get(path)
		assessor.stepDone(p.ID, cert.ActCertify)
		done := current(t, s, p.ID)
		if done.State != cert.StateCertified || done.SealID == nil {
			t.Fatalf("after certify: %s, seal %v", done.State, done.SealID)
		}
		final := coord.get(path)
		final.mustSee(t, http.StatusOK, "Zertifiziert", `href="/seals/`+done.SealID.String()+`"`, "Zum Gütesiegel", "Entschieden am",
			"„Bitte alle Belege digital.“", "Begehung geplant → Begehung durchgeführt", "Begehung durchgeführt → Zertifiziert")
		mustOffer(t, access.RoleCoordinator, final.Body)
		coord.get("/procedures?zustand=certified").mustSee(t, http.StatusOK, c.Name)
	})
}
