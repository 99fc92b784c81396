package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestKitaStatusBlock: the Kita's status page shows the same status block as its center's
// page (seal, open procedure, next step) and links the center page.
func TestKitaStatusBlock(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		c := centerNamed(t, s, "Verbund-Familienzentrum Flingern")
		b := s.as(t, access.RoleYouthOffice)
		rep, err := s.svc.Status.CenterStatus(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		p := b.get("/kitas/" + c.Members[1].KitaID.String() + "/status")
		p.mustSee(t, http.StatusOK, `<h1 class="kern-heading-large">Wo stehen wir?</h1>`, `<h2 id="h-next" class="kern-heading-medium">Nächster Schritt</h2>`,
			rep.NextStep, "Laufendes Verfahren", `href="/centers/`+c.ID.String()+`"`)
		if rep.Seal != nil {
			p.mustSee(t, http.StatusOK, rep.Seal.CertificationNumber)
		}
		b.get("/centers/"+c.ID.String()).mustSee(t, http.StatusOK, `<h3 id="h-next" class="kern-heading-small">Nächster Schritt</h3>`, rep.NextStep)
	})
}

// TestCenterPageSteps: for a center with an open procedure, the status block on the center
// page shows the procedure with its German state and the forms of the steps the role may
// take, which post to the step route and come back to the center page.
func TestCenterPageSteps(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		coord := s.users[access.RoleCoordinator].Principal()
		ctx := access.WithPrincipal(context.Background(), coord)
		list, err := s.svc.Centers.List(sys, cert.CenterFilter{Page: cert.Page{Limit: cert.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		b := s.as(t, access.RoleCoordinator)
		found := false
		for _, c := range list.Items {
			rep, err := s.svc.Status.CenterStatus(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Open == nil || len(rep.OpenAllowed) == 0 {
				continue
			}
			found = true
			p := b.get("/centers/" + c.ID.String())
			p.mustSee(t, http.StatusOK, rep.Open.State.Label(), rep.Open.Kind.Label(), `href="/procedures/`+rep.Open.ID.String()+`"`)
			for _, a := range rep.OpenAllowed {
				p.mustSee(t, http.StatusOK, `<form id="schritt-`+string(a)+`"`, `action="/procedures/`+rep.Open.ID.String()+`/step"`,
					`<input type="hidden" name="action" value="`+string(a)+`">`, a.Label())
			}
			p.mustSee(t, http.StatusOK, `<input type="hidden" name="back" value="/centers/`+c.ID.String()+`">`)
		}
		if !found {
			t.Fatal("no demo center has an open procedure with steps for the coordinator")
		}
	})
}

// stepForm reads the hidden fields of the form of action on a page, as a browser would send
// them when its button is pressed (the step forms of the status block have no other
// required fields).
func stepForm(t *testing.T, body string, action cert.Action) (string, url.Values) {
	t.Helper()
	start := strings.Index(body, `<form id="schritt-`+string(action)+`"`)
	if start < 0 {
		t.Fatalf("no form for the step %s on the page", action)
	}
	form := body[start:]
	form = form[:strings.Index(form, "</form>")]
	target := regexp.MustCompile(`action="([^"]+)"`).FindStringSubmatch(form)[1]
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllStringSubmatch(form, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	return target, v
}

// TestStatusPageTakesTheStep: the Kita leader hands in the evidence with the button on
// their status page ("Wo stehen wir?"), as the mail link shows it, and is back on that
// page with the new state and the next step.
func TestStatusPageTakesTheStep(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		kita := *s.users[access.RoleKitaLeader].KitaID
		rep, err := s.svc.Status.KitaStatus(sys, kita)
		if err != nil || rep.Open == nil || rep.Open.State != cert.StateRegistered {
			t.Fatalf("the demo Kita leader has no registered procedure: %v", err)
		}
		leader := s.as(t, access.RoleKitaLeader)
		status := "/kitas/" + kita.String() + "/status"
		target, form := stepForm(t, leader.get(status).Body, cert.ActSubmitEvidence)
		if target != "/procedures/"+rep.Open.ID.String()+"/step" || form.Get("back") != status || form.Get("csrf") == "" {
			t.Fatalf("step form posts to %s with %v", target, form)
		}
		r := leader.post(target, form)
		if r.Status != http.StatusSeeOther || r.Location() != status+"?hinweis=erledigt" {
			t.Fatalf("submit from the status page: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		after, err := s.svc.Status.KitaStatus(sys, kita)
		if err != nil {
			t.Fatal(err)
		}
		leader.get(r.Location()).mustSee(t, http.StatusOK, cert.StateEvidenceSubmitted.Label(), after.NextStep)
		if got := current(t, s, rep.Open.ID).State; got != cert.StateEvidenceSubmitted {
			t.Fatalf("state after the step: %s", got)
		}
	})
}
