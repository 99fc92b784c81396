package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// listed reports whether a list page links the procedure.
func listed(body string, p cert.Procedure) bool {
	return strings.Contains(body, `href="/procedures/`+p.ID.String()+`"`)
}

// TestProcedureListFilters: the list filters by state, kind, year, "nur meine" and
// overdue, answers htmx with the table alone, and shows each role only its procedures.
func TestProcedureListFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		registered := procedureWhere(t, s, inState(cert.StateRegistered, uuid.Nil))
		submitted := procedureWhere(t, s, inState(cert.StateEvidenceSubmitted, uuid.Nil))
		nominated := procedureWhere(t, s, inState(cert.StateNominated, uuid.Nil))
		assessor := s.as(t, access.RoleAssessor)

		all := assessor.get("/procedures")
		all.mustSee(t, http.StatusOK, "<caption", registered.Center.Name, "Nächste Frist", "Belege: "+date(registered.P.EvidenceDueOn), `name="meine"`)
		for _, p := range []cert.Procedure{registered.P, submitted.P, nominated.P} {
			if !listed(all.Body, p) {
				t.Errorf("unfiltered list lacks the procedure in %s", p.State)
			}
		}
		byState := assessor.get("/procedures?zustand=evidence_submitted")
		if !listed(byState.Body, submitted.P) || listed(byState.Body, registered.P) || listed(byState.Body, nominated.P) {
			t.Errorf("filter by state: wrong rows\n%s", byState.Body)
		}
		byKind := assessor.get("/procedures?art=initial")
		if !listed(byKind.Body, nominated.P) || listed(byKind.Body, submitted.P) {
			t.Errorf("filter by kind: wrong rows")
		}
		next := cert.KindergartenYearOf(s.svc.Today()) + 1
		assessor.get("/procedures?jahr="+next.String()[:4]).mustSee(t, http.StatusOK, "Keine Verfahren gefunden.")
		assessor.get("/procedures?zustand=unsinn&jahr=x").mustSee(t, http.StatusOK, registered.Center.Name)

		// htmx asks for the table alone
		frag := assessor.do(http.MethodGet, "/procedures?zustand=registered", nil, "HX-Request", "true", "HX-Target", "verfahren")
		frag.mustSee(t, http.StatusOK, "<table", registered.Center.Name)
		if strings.Contains(frag.Body, "<html") || listed(frag.Body, submitted.P) {
			t.Errorf("htmx answer is not the filtered table:\n%s", frag.Body)
		}

		// "nur meine": the procedures the assessor reviews
		assessor.get("/procedures?meine=1").mustSee(t, http.StatusOK, "Keine Verfahren gefunden.")
		assessor.get("/procedures/" + submitted.P.ID.String())
		assessor.stepDone(submitted.P.ID, cert.ActStartReview)
		mine := assessor.get("/procedures?meine=1")
		if !listed(mine.Body, submitted.P) || listed(mine.Body, registered.P) {
			t.Errorf("nur meine: wrong rows\n%s", mine.Body)
		}

		// overdue: nothing today; after the evidence due date the registered ones
		assessor.get("/procedures?ueberfaellig=1").mustSee(t, http.StatusOK, "Keine Verfahren gefunden.")
		s.clock.Set(testNow.Add(61 * 24 * time.Hour))
		later := s.as(t, access.RoleAssessor).get("/procedures?ueberfaellig=1")
		later.mustSee(t, http.StatusOK, "überfällig", "mit überschrittener Frist")
		if !listed(later.Body, registered.P) || listed(later.Body, nominated.P) || listed(later.Body, submitted.P) {
			t.Errorf("overdue: wrong rows\n%s", later.Body)
		}
	})
}

// TestProcedureListScope: a Kita leader sees the procedures of its center only, a youth
// office no "nur meine" filter.
func TestProcedureListScope(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		kita := *s.users[access.RoleKitaLeader].KitaID
		own := procedureWhere(t, s, inState(cert.StateRegistered, kita))
		other := procedureWhere(t, s, inState(cert.StateNominated, uuid.Nil))
		body := s.as(t, access.RoleKitaLeader).get("/procedures").Body
		if !listed(body, own.P) || listed(body, other.P) {
			t.Errorf("Kita leader's list: own %v, other %v", listed(body, own.P), listed(body, other.P))
		}
		s.as(t, access.RoleYouthOffice).get("/procedures").mustSee(t, http.StatusOK, "Verfahren")
		if strings.Contains(s.as(t, access.RoleYouthOffice).get("/procedures").Body, `name="meine"`) {
			t.Error("a youth office is offered \"nur meine\"")
		}
	})
}
