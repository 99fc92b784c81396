package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/notify"
)

// The journeys of issue 10 through the pages of every area: a coordinator finds the seals
// ending next year and retries a failed mail, a planner nominates and defers, a Kita leader
// submits and an assessor takes the procedure to certified, with a refused step first.

// signIn opens a tab for role and signs in through the login form.
func signIn(t *testing.T, c *chrome, s *site, base string, role access.Role) *tab {
	t.Helper()
	tb := c.tab(t, base, string(role))
	tb.open("/login", http.StatusOK)
	tb.login(s.users[role].Email, demo.Password)
	return tb
}

// step fills the form of a step on the procedure page (partial procedure-steps: a form
// posting to /procedures/:id/step with the hidden field action) and presses its button;
// want is the status of the page that follows (200 after the redirect, 409/422 refused).
func (tb *tab) step(a cert.Action, fields map[string]string, want int) {
	tb.t.Helper()
	form := fmt.Sprintf(`form[action$="/step"]:has(input[name="action"][value="%s"])`, a)
	var set strings.Builder
	for k, v := range fields {
		fmt.Fprintf(&set, "set(%s, %s);", jsString(k), jsString(v))
	}
	ok := eval[bool](tb, `(() => {
		const f = document.querySelector(`+jsString(form)+`);
		if (!f) return false;
		const set = (k, v) => {
			const boxes = f.querySelectorAll('input[type=checkbox][name="' + k + '"]');
			if (boxes.length) { boxes.forEach((b, i) => { b.checked = i < 2; }); return; }
			if (f.elements[k]) f.elements[k].value = v;
		};
		`+set.String()+`
		return true;
	})()`)
	if !ok {
		tb.t.Fatalf("%s: no form for the step %q (%s) on %s", tb.name, a.Label(), a, tb.path())
	}
	tb.submit("step "+string(a), want, chromedp.Click(chromedp.CSS(form+` button[type=submit]`)))
}

// TestBrowserJourneys runs the journeys of the issue in chromium on both databases.
func TestBrowserJourneys(t *testing.T) {
	c := newChrome(t)
	t.Run("coordinator seals and retry", func(t *testing.T) {
		eachDB(t, func(t *testing.T, s *site) {
			base := listen(t, s)
			n := failedNotification(t, s)
			tb := signIn(t, c, s, base, access.RoleCoordinator)
			// The start page counts the seals ending per month; July 2027 is the end of
			// the kindergarten year 2026/27, where the demo's seals end next year.
			july := "/seals?endet_ab=2027-07-01&endet_bis=2027-07-31"
			tb.submit("the month Juli 2027 on the start page", http.StatusOK, chromedp.Click(chromedp.CSS(`a[href="`+july+`"]`)))
			tb.mustSee("31.07.2027")
			if p := tb.path(); p != july {
				t.Errorf("the month's link went to %s", p)
			}
			if rows := eval[int](tb, `document.querySelectorAll('main tbody tr').length`); rows == 0 {
				t.Fatal("no seal ends in July 2027")
			}
			tb.submit("the link to the notifications", http.StatusOK, chromedp.Click(chromedp.CSS(`nav[aria-label="Hauptnavigation"] a[href^="/notifications"]`)))
			tb.open("/notifications?status=failed", http.StatusOK)
			tb.mustSee(n.Recipient, "Fehlgeschlagen")
			tb.submit("Erneut senden", http.StatusOK, chromedp.Click(chromedp.CSS(`form[action="/notifications/`+n.ID.String()+`/retry"] button[type=submit]`)))
			tb.mustSee("Die Nachricht wird erneut versendet.")
			if got, err := s.db.Notification(context.Background(), n.ID); err != nil || got.Status != notify.StatusPending {
				t.Errorf("after the retry the notification is %q (%v), want pending", got.Status, err)
			}
		})
	})
	t.Run("planner nominates and defers", func(t *testing.T) {
		eachDB(t, func(t *testing.T, s *site) {
			base := listen(t, s)
			office := *s.users[access.RoleYouthOffice].YouthOfficeID
			year := cert.KindergartenYearOf(s.svc.Today())
			if _, err := s.svc.Contingents.Create(sys, cert.Contingent{YouthOfficeID: office, Year: year, Places: 2}); err != nil {
				t.Fatal(err)
			}
			arche := centerNamed(t, s, "Ev. Familienzentrum Arche Noah")
			tb := signIn(t, c, s, base, access.RoleYouthOffice)
			tb.mustSee("0 von 2 Plätzen belegt")
			tb.submit("Familienzentrum nominieren", http.StatusOK, chromedp.Click(chromedp.CSS(`main a[href="/procedures/new"]`)))
			tb.run("choose the center", chromedp.SetValue(chromedp.CSS(`#f-center_id`), arche.ID.String()),
				chromedp.SetValue(chromedp.CSS(`#f-comment`), "Beschluss des Jugendhilfeausschusses vom 12.11.2026"))
			tb.submit("Nominieren", http.StatusOK, chromedp.Click(chromedp.CSS(`main form[action="/procedures/new"] button[type=submit]`)))
			if p := tb.path(); !strings.HasPrefix(p, "/procedures/") || strings.HasPrefix(p, "/procedures/new") {
				t.Fatalf("after nominating at %s, want the new procedure's page", p)
			}
			tb.mustSee(cert.StateNominated.Label(), arche.Name, "Beschluss des Jugendhilfeausschusses")
			tb.step(cert.ActDefer, map[string]string{"comment": "Die Kita zieht um."}, http.StatusOK)
			tb.mustSee(cert.StateDeferred.Label(), "Die Kita zieht um.")
			tb.open("/", http.StatusOK)
			tb.mustSee(arche.Name)
		})
	})
	t.Run("Kita leader submits, assessor certifies", func(t *testing.T) {
		eachDB(t, func(t *testing.T, s *site) {
			base := listen(t, s)
			leader := s.users[access.RoleKitaLeader]
			rep, err := s.svc.Status.KitaStatus(sys, *leader.KitaID)
			if err != nil || rep.Open == nil || rep.Open.State != cert.StateRegistered {
				t.Fatalf("the demo Kita leader has no registered procedure: %v", err)
			}
			id := rep.Open.ID
			kl := signIn(t, c, s, base, access.RoleKitaLeader)
			kl.step(cert.ActSubmitEvidence, nil, http.StatusOK) // the button of the start page
			kl.mustSee(cert.StateEvidenceSubmitted.Label())

			as := signIn(t, c, s, base, access.RoleAssessor)
			as.open("/procedures/"+id.String(), http.StatusOK)
			as.step(cert.ActStartReview, nil, http.StatusOK)
			as.step(cert.ActScheduleVisit, map[string]string{"visit_on": "2026-11-22", "visit_sites": ""}, http.StatusOK)
			as.step(cert.ActRecordVisit, nil, http.StatusOK)
			as.mustSee(cert.StateVisited.Label())
			// The assessment is still empty: certify is refused, with the reason.
			as.step(cert.ActCertify, map[string]string{"decided_on": "2026-11-22"}, http.StatusConflict)
			as.mustSee("Mindestpunktzahl", cert.StateVisited.Label())
			passAssessment(t, s, id)
			as.open("/procedures/"+id.String(), http.StatusOK)
			as.step(cert.ActCertify, map[string]string{"decided_on": "2026-11-22"}, http.StatusOK)
			as.mustSee(cert.StateCertified.Label())
		})
	})
}

// passAssessment marks every criterion of the procedure's catalogue as met (the
// assessment page has its own tests; here it is the fixture of the decision).
func passAssessment(t *testing.T, s *site, id uuid.UUID) {
	t.Helper()
	p, err := s.svc.Procedures.Get(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := s.svc.Catalogues.Get(sys, p.CatalogueVersion)
	if err != nil {
		t.Fatal(err)
	}
	var met []cert.AssessmentItem
	for _, a := range cat.Areas {
		for _, c := range a.Criteria {
			met = append(met, cert.AssessmentItem{Code: c.Code, Met: true})
		}
	}
	if _, err := s.svc.Assessments.Put(sys, p.ID, met); err != nil {
		t.Fatal(err)
	}
}
