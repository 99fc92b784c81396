package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestProcedureStepRefused: a step the service refuses shows the procedure page again
// with the German reason and field messages (422, 409), never a 500; the procedure stays
// as it was. A role without the step's right gets 403.
func TestProcedureStepRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		nominated := procedureWhere(t, s, inState(cert.StateNominated, uuid.Nil)).P
		coord := s.as(t, access.RoleCoordinator)
		coord.get("/procedures/" + nominated.ID.String())

		bad := coord.step(nominated.ID, cert.ActRegister, "evidence_due_on", "31.02.2027")
		bad.mustSee(t, http.StatusUnprocessableEntity, "Bitte geben Sie ein gültiges Datum an", `href="#f-register-evidence_due_on"`,
			`id="f-register-evidence_due_on" name="evidence_due_on" type="date" value="31.02.2027" required aria-describedby=" f-register-evidence_due_on-error" aria-invalid="true"`)
		coord.step(nominated.ID, cert.ActRegister).mustSee(t, http.StatusUnprocessableEntity, "Pflichtfeld.")
		coord.step(nominated.ID, cert.ActRegister, "evidence_due_on", "2020-01-01").mustSee(t, http.StatusUnprocessableEntity, "Darf nicht in der Vergangenheit liegen.")
		coord.step(nominated.ID, cert.ActWithdraw, "reason", " ").mustSee(t, http.StatusUnprocessableEntity, "Bitte eine Begründung angeben.", `href="#f-withdraw-reason"`)
		// a German date typed where the browser has no date picker is understood
		due := s.svc.Today().AddDays(20)
		coord.stepDone(nominated.ID, cert.ActRegister, "evidence_due_on", due.German())
		if got := current(t, s, nominated.ID); got.State != cert.StateRegistered || !got.EvidenceDueOn.Equal(due) {
			t.Fatalf("after register: %s, due %s", got.State, got.EvidenceDueOn)
		}
	})
}

// TestProcedureStepStaleAndWrongState: a step sent with an old version answers 409 with
// "Jemand hat diesen Eintrag inzwischen geändert" and the procedure as it is now; a step
// the state does not allow answers 409 with the reason; an empty form is 422.
func TestProcedureStepStaleAndWrongState(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		kita := *s.users[access.RoleKitaLeader].KitaID
		own := procedureWhere(t, s, inState(cert.StateRegistered, kita)).P
		path := "/procedures/" + own.ID.String()
		leader := s.as(t, access.RoleKitaLeader)
		leader.get(path)
		// meanwhile the coordinator submitted the evidence
		coord := s.as(t, access.RoleCoordinator)
		coord.get(path)
		coord.stepDone(own.ID, cert.ActSubmitEvidence)

		stale := leader.post(path+"/step", url.Values{"action": {"submit_evidence"}, "version": {"2"}})
		stale.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", "Belege eingereicht")
		if strings.Contains(stale.Body, `id="schritt-submit_evidence"`) {
			t.Error("the page shown again still offers the step the new state does not allow")
		}

		assessor := s.as(t, access.RoleAssessor)
		assessor.get(path)
		assessor.step(own.ID, cert.ActCertify).mustSee(t, http.StatusConflict, "Der Schritt „Zertifizieren“ ist im Stand „Belege eingereicht“ nicht möglich.")
		assessor.post(path+"/step", url.Values{}).mustSee(t, http.StatusUnprocessableEntity, "Die Version des Eintrags fehlt.")
		assessor.step(own.ID, "fly").mustSee(t, http.StatusUnprocessableEntity, "Unbekannter Schritt.")

		// the Kita leader has no right to review: 403, and nothing moved
		leader.get(path)
		leader.step(own.ID, cert.ActStartReview).mustSee(t, http.StatusForbidden)
		if got := current(t, s, own.ID); got.State != cert.StateEvidenceSubmitted {
			t.Fatalf("state %s after refused steps", got.State)
		}
	})
}

// TestProcedureStepBack: a step with back returns to that local path; a foreign one goes
// to the start page instead of another site.
func TestProcedureStepBack(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		kita := *s.users[access.RoleKitaLeader].KitaID
		own := procedureWhere(t, s, inState(cert.StateRegistered, kita)).P
		leader := s.as(t, access.RoleKitaLeader)
		status := "/kitas/" + kita.String() + "/status"
		leader.get(status)
		r := leader.step(own.ID, cert.ActSubmitEvidence, "back", status)
		if r.Status != http.StatusSeeOther || r.Location() != status+"?hinweis=erledigt" {
			t.Fatalf("back: %d to %q", r.Status, r.Location())
		}
		withdrawn := procedureWhere(t, s, inState(cert.StateNominated, uuid.Nil)).P
		coord := s.as(t, access.RoleCoordinator)
		coord.get("/")
		r = coord.step(withdrawn.ID, cert.ActWithdraw, "reason", "Träger verzichtet.", "back", "//evil.example.org/")
		if r.Status != http.StatusSeeOther || r.Location() != "/?hinweis=erledigt" {
			t.Fatalf("foreign back: %d to %q", r.Status, r.Location())
		}
		coord.get("/procedures/"+withdrawn.ID.String()).mustSee(t, http.StatusOK, "Zurückgezogen", "Träger verzichtet.")
	})
}
