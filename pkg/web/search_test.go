package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestSearch: the search finds a Kita by name, a center, a provider and a seal by its
// certification number, grouped by kind with links; a youth office user finds only their
// office's Kitas; htmx gets only the results.
func TestSearch(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		kitas, err := s.svc.Kitas.List(sys, cert.KitaFilter{Page: cert.Page{Limit: cert.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		office := *s.users[access.RoleYouthOffice].YouthOfficeID
		var own, other cert.Kita
		for _, k := range kitas.Items {
			if k.YouthOfficeID == office && own.Name == "" {
				own = k
			} else if k.YouthOfficeID != office && other.Name == "" {
				other = k
			}
		}
		stern := centerNamed(t, s, "Familienzentrum Sternstraße")
		seals, err := s.svc.Seals.List(sys, cert.SealFilter{Page: cert.Page{Limit: 1}, CenterID: &stern.ID})
		if err != nil || len(seals.Items) != 1 {
			t.Fatal(seals, err)
		}
		seal := seals.Items[0]
		providers, err := s.svc.Providers.List(sys, cert.ProviderFilter{Page: cert.Page{Limit: 1}, Q: "AWO Kreisverband Düsseldorf"})
		if err != nil || len(providers.Items) != 1 {
			t.Fatal(providers, err)
		}

		b := s.as(t, access.RoleCoordinator)
		b.get("/search").mustSee(t, http.StatusOK, `name="q"`, "Suche")
		b.get("/search?q="+url.QueryEscape(other.Name)).mustSee(t, http.StatusOK, `id="h-kitas"`, `href="/kitas/`+other.ID.String()+`">`+other.Name)
		b.get("/search?q=sternstrasse").mustSee(t, http.StatusOK, `id="h-centers"`, `href="/centers/`+stern.ID.String()+`">Familienzentrum Sternstraße`)
		b.get("/search?q=awo+kreisverband+duesseldorf").mustSee(t, http.StatusOK, `id="h-providers"`,
			`href="/providers/`+providers.Items[0].ID.String()+`">AWO Kreisverband Düsseldorf e.V.`)
		b.get("/search?q="+url.QueryEscape(seal.CertificationNumber)).mustSee(t, http.StatusOK, `id="h-seals"`,
			`href="/seals/`+seal.ID.String()+`">`+seal.CertificationNumber, "Familienzentrum Sternstraße")
		b.get("/search?q=gibt+es+nicht").mustSee(t, http.StatusOK, "Nichts gefunden für „gibt es nicht“.")
		frag := b.do(http.MethodGet, "/search?q=sternstrasse", nil, "HX-Request", "true", "HX-Target", "treffer")
		frag.mustSee(t, http.StatusOK, `id="h-centers"`)
		if strings.Contains(frag.Body, "<html") {
			t.Errorf("htmx got the whole page:\n%s", frag.Body)
		}

		yo := s.as(t, access.RoleYouthOffice)
		yo.get("/search?q="+url.QueryEscape(own.Name)).mustSee(t, http.StatusOK, `href="/kitas/`+own.ID.String()+`"`)
		if r := yo.get("/search?q=" + url.QueryEscape(other.Name)); strings.Contains(r.Body, "/kitas/"+other.ID.String()) || strings.Contains(r.Body, `id="h-kitas"`) {
			t.Errorf("youth office finds a Kita of another office:\n%s", r.Body)
		}
	})
}
