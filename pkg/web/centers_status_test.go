package web_test

import (
	"context"
	"net/http"
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
// page shows the procedure with its German state and the buttons of the steps the role may
// take, linked to the procedure page.
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
				p.mustSee(t, http.StatusOK, `href="/procedures/`+rep.Open.ID.String()+`#schritt-`+string(a)+`"`, a.Label())
			}
		}
		if !found {
			t.Fatal("no demo center has an open procedure with steps for the coordinator")
		}
	})
}
