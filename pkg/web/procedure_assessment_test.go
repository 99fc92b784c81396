package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// inReview brings the demo procedure with evidence submitted into review as the assessor
// and returns it.
func inReview(t *testing.T, s *site, assessor *browser) cert.Procedure {
	t.Helper()
	p := procedureWhere(t, s, inState(cert.StateEvidenceSubmitted, uuid.Nil)).P
	assessor.get("/procedures/" + p.ID.String())
	assessor.stepDone(p.ID, cert.ActStartReview)
	return current(t, s, p.ID)
}

// formVersion is the version field of the assessment form on a page.
func formVersion(t *testing.T, body string) string {
	t.Helper()
	m := findingsVersionField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no version in the form:\n%s", body)
	}
	return m[1]
}

// TestAssessmentForm: the assessor ticks criteria and sees the sums per area as the
// service scores them (htmx: the sums alone, nothing saved), saves, and finds the ticks
// and notes again; readers see the findings read-only.
func TestAssessmentForm(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		assessor := s.as(t, access.RoleAssessor)
		p := inReview(t, s, assessor)
		path := "/procedures/" + p.ID.String() + "/assessment"

		empty := assessor.get(path)
		empty.mustSee(t, http.StatusOK, "Punkte je Bereich", `name="met" type="checkbox" value="1.1"`, `for="f-note-1.1"`,
			"es zählt nur das beste erfüllte Kriterium", "nicht bestanden", `hx-post="`+path+`?preview=1"`)
		version := formVersion(t, empty.Body)

		// 1.1 AND 1.1.1 (2+1) and 1.3 OR 1.3.1 (best: 2) and 1.2 (2): area 1 has 7 of 5
		ticked := url.Values{"version": {version}, "met": {"1.1", "1.1.1", "1.2", "1.3", "1.3.1"}, "note-1.2": {"Beratung an zwei Tagen."}}
		ticked.Set("csrf", assessor.csrf)
		preview := assessor.do(http.MethodPost, path+"?preview=1", strings.NewReader(ticked.Encode()), "HX-Request", "true", "HX-Target", "summen")
		preview.mustSee(t, http.StatusOK, "(noch nicht gespeichert)", `<td class="kern-table__cell kern-table__cell--numeric">7</td>`, "erreicht")
		if strings.Contains(preview.Body, "<html") || strings.Contains(preview.Body, `name="met"`) {
			t.Errorf("the htmx preview is more than the sums:\n%s", preview.Body)
		}
		if a, _ := s.svc.Assessments.Get(sys, p.ID); len(a.Items) != 0 {
			t.Fatalf("a preview saved findings: %+v", a.Items)
		}
		// without JavaScript the button "Punkte neu berechnen" shows the whole page
		ticked.Set("preview", "1")
		assessor.post(path, ticked).mustSee(t, http.StatusOK, "Noch nicht gespeichert", `value="1.2" checked`, "Beratung an zwei Tagen.")
		ticked.Del("preview")

		if r := assessor.post(path, ticked); r.Status != http.StatusSeeOther || r.Location() != path+"?hinweis=gespeichert" {
			t.Fatalf("save: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		a, err := s.svc.Assessments.Get(sys, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Score.Areas[0].Points != 7 || !a.Score.Areas[0].Passed || a.Score.Passed {
			t.Fatalf("saved score %+v", a.Score)
		}
		saved := assessor.get(path + "?hinweis=gespeichert")
		saved.mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", `value="1.1" checked`, `value="Beratung an zwei Tagen."`)
		if strings.Contains(saved.Body, `value="2.1" checked`) {
			t.Error("an unticked criterion shows as met")
		}

		reader := s.as(t, access.RoleCoordinator).get(path)
		reader.mustSee(t, http.StatusOK, "Beratung an zwei Tagen.", "erfüllt", "nicht erfüllt", "<caption")
		if strings.Contains(reader.Body, `name="met"`) {
			t.Error("a coordinator is offered the assessment form")
		}
		// a role without procedure.assess cannot post findings
		coord := s.as(t, access.RoleCoordinator)
		coord.get(path)
		coord.post(path, url.Values{"met": {"2.1"}}).mustSee(t, http.StatusForbidden)
	})
}

// TestAssessmentStaleAndState: saving over findings someone changed meanwhile answers
// 409 with the new findings; saving in a state without assessment gives the service's
// German reason.
func TestAssessmentStaleAndState(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		assessor := s.as(t, access.RoleAssessor)
		p := inReview(t, s, assessor)
		path := "/procedures/" + p.ID.String() + "/assessment"
		version := formVersion(t, assessor.get(path).Body)

		// meanwhile the findings changed (through the API or another tab)
		other := access.WithPrincipal(context.Background(), s.users[access.RoleAssessor].Principal())
		if _, err := s.svc.Assessments.Put(other, p.ID, []cert.AssessmentItem{{Code: "7.1", Met: true, Note: "Von Kollegin erfasst."}}); err != nil {
			t.Fatal(err)
		}
		stale := assessor.post(path, url.Values{"version": {version}, "met": {"2.1"}})
		stale.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", `value="7.1" checked`, "Von Kollegin erfasst.")
		if a, _ := s.svc.Assessments.Get(sys, p.ID); len(a.Items) != 1 || a.Items[0].Code != "7.1" {
			t.Fatalf("the stale save overwrote the findings: %+v", a.Items)
		}
		// the form shown again carries the new version: saving now works
		if r := assessor.post(path, url.Values{"version": {formVersion(t, stale.Body)}, "met": {"2.1", "7.1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("save after reload: %d\n%s", r.Status, r.Body)
		}

		kita := *s.users[access.RoleKitaLeader].KitaID
		registered := procedureWhere(t, s, inState(cert.StateRegistered, kita)).P
		rpath := "/procedures/" + registered.ID.String() + "/assessment"
		v := formVersion(t, assessor.get(rpath).Body)
		assessor.post(rpath, url.Values{"version": {v}, "met": {"1.1"}}).mustSee(t, http.StatusConflict, "Befunde können nur in den Ständen")
		// the Kita leader reads its own procedure's assessment, without a form
		leader := s.as(t, access.RoleKitaLeader).get(rpath)
		leader.mustSee(t, http.StatusOK, "nicht erfüllt")
		if strings.Contains(leader.Body, `name="met"`) {
			t.Error("the Kita leader is offered the assessment form")
		}
	})
}
