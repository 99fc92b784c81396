package web_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

func init() {
	for _, path := range []string{"/procedures/:id", "/procedures/:id/step", "/procedures/:id/assessment"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample { return procedureSamples(t, s, pattern) }
	}
}

// procedureSamples are a procedure of the Kita leader's center (inside both Own scopes)
// and one of a center with no Kita of the demo youth office (outside both).
func procedureSamples(t *testing.T, s *site, pattern string) []sample {
	t.Helper()
	kita := *s.users[access.RoleKitaLeader].KitaID
	office := *s.users[access.RoleYouthOffice].YouthOfficeID
	list, err := s.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var inside, outside bool
	var out []sample
	for _, p := range list.Items {
		mine := slices.Contains(p.Related.KitaIDs, kita)
		foreign := !slices.Contains(p.Related.YouthOfficeIDs, office) && p.YouthOfficeID != office
		if (mine && !inside) || (foreign && !outside) {
			inside, outside = inside || mine, outside || foreign
			out = append(out, sample{path: strings.Replace(pattern, "%s", p.ID.String(), 1), related: p.Related})
		}
	}
	if !inside || !outside {
		t.Fatalf("demo data: procedure of the Kita leader found %v, outside the youth office found %v", inside, outside)
	}
	return out
}
