package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// stepForms are the step forms a procedure page shows, by action.
func stepForms(body string) map[cert.Action]bool {
	out := map[cert.Action]bool{}
	for _, t := range cert.Transitions {
		if strings.Contains(body, `id="schritt-`+string(t.Action)+`"`) {
			out[t.Action] = true
		}
	}
	return out
}

// mustOffer fails unless the page shows exactly the step forms want.
func mustOffer(t *testing.T, who access.Role, body string, want ...cert.Action) {
	t.Helper()
	got := stepForms(body)
	for _, a := range want {
		if !got[a] {
			t.Errorf("%s: no form for %s", who, a)
		}
		delete(got, a)
	}
	for a := range got {
		t.Errorf("%s: a form for %s it may not take", who, a)
	}
}

// TestProcedurePageStepsPerRole: the procedure page shows its facts, the history as a
// timeline and exactly the steps the role may take in the procedure's state.
func TestProcedurePageStepsPerRole(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		kita := *s.users[access.RoleKitaLeader].KitaID
		own := procedureWhere(t, s, inState(cert.StateRegistered, kita))
		path := "/procedures/" + own.P.ID.String()

		leader := s.as(t, access.RoleKitaLeader).get(path)
		leader.mustSee(t, http.StatusOK, own.Center.Name, "Rezertifizierung", "Registriert", own.P.CertificationNumber,
			"Belege fällig bis", date(own.P.EvidenceDueOn), "Verlauf", "Nominierung", "Registrieren", "Nominiert → Registriert",
			`href="/centers/`+own.P.CenterID.String()+`"`, "Bewertung ansehen")
		mustOffer(t, access.RoleKitaLeader, leader.Body, cert.ActSubmitEvidence)
		office := s.as(t, access.RoleYouthOffice).get(path)
		office.mustSee(t, http.StatusOK, `name="reason"`)
		mustOffer(t, access.RoleYouthOffice, office.Body, cert.ActWithdraw)
		assessor := s.as(t, access.RoleAssessor).get(path)
		assessor.mustSee(t, http.StatusOK, "Für Sie steht in diesem Stand kein Schritt an.")
		mustOffer(t, access.RoleAssessor, assessor.Body)
		mustOffer(t, access.RoleCoordinator, s.as(t, access.RoleCoordinator).get(path).Body, cert.ActSubmitEvidence, cert.ActWithdraw)
		mustOffer(t, access.RoleAdmin, s.as(t, access.RoleAdmin).get(path).Body)

		submitted := procedureWhere(t, s, inState(cert.StateEvidenceSubmitted, uuid.Nil))
		path = "/procedures/" + submitted.P.ID.String()
		mustOffer(t, access.RoleAssessor, s.as(t, access.RoleAssessor).get(path).Body, cert.ActStartReview)
		mustOffer(t, access.RoleCoordinator, s.as(t, access.RoleCoordinator).get(path).Body, cert.ActWithdraw)

		nominated := procedureWhere(t, s, inState(cert.StateNominated, uuid.Nil))
		coord := s.as(t, access.RoleCoordinator).get("/procedures/" + nominated.P.ID.String())
		coord.mustSee(t, http.StatusOK, `id="f-register-evidence_due_on"`, `type="date"`)
		mustOffer(t, access.RoleCoordinator, coord.Body, cert.ActRegister, cert.ActWithdraw, cert.ActDefer)
	})
}

// TestProcedureOutsideScope: a youth office opens no procedure of another office's
// center, and cannot take a step on it: both are "not found".
func TestProcedureOutsideScope(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		office := *s.users[access.RoleYouthOffice].YouthOfficeID
		foreign := procedureWhere(t, s, func(p cert.Procedure, c cert.Center) bool {
			for _, m := range c.Members {
				if m.KitaYouthOfficeID == office {
					return false
				}
			}
			return p.State == cert.StateNominated && p.YouthOfficeID != office
		})
		b := s.as(t, access.RoleYouthOffice)
		b.get("/procedures/"+foreign.P.ID.String()).mustSee(t, http.StatusNotFound, "Seite nicht gefunden")
		b.get("/procedures/"+foreign.P.ID.String()+"/assessment").mustSee(t, http.StatusNotFound)
		b.step(foreign.P.ID, cert.ActWithdraw, "reason", "Versuch").mustSee(t, http.StatusNotFound)
		if got := current(t, s, foreign.P.ID); got.State != cert.StateNominated {
			t.Fatalf("the foreign procedure moved to %s", got.State)
		}
		b.get("/procedures/kein-verfahren").mustSee(t, http.StatusNotFound)
		if list := b.get("/procedures").Body; strings.Contains(list, foreign.P.ID.String()) {
			t.Errorf("the list shows a procedure of another office")
		}
	})
}

// date formats a day as the pages show it.
func date(d cert.Date) string { return d.German() }
