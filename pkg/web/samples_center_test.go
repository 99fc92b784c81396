package web_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

func init() {
	pageSamples["/centers/:id"] = func(t *testing.T, s *site) []sample { return centerSamples(t, s, "/centers/%s") }
	pageSamples["/centers/:id/archive"] = func(t *testing.T, s *site) []sample { return centerSamples(t, s, "/centers/%s/archive") }
	pageSamples["/centers/:id/members"] = func(t *testing.T, s *site) []sample { return centerSamples(t, s, "/centers/%s/members") }
	pageSamples["/centers/:id/members/:kita/role"] = func(t *testing.T, s *site) []sample {
		return centerSamples(t, s, "/centers/%s/members/%k/role")
	}
	pageSamples["/centers/:id/members/:kita/end"] = func(t *testing.T, s *site) []sample {
		return centerSamples(t, s, "/centers/%s/members/%k/end")
	}
}

// centerSamples are the center of the Kita leader's Kita (inside both Own scopes), a
// network of the demo youth office and a center of another youth office (outside both),
// on the path pattern: %s is the center, %k its first member Kita.
func centerSamples(t *testing.T, s *site, pattern string) []sample {
	t.Helper()
	own := *s.users[access.RoleKitaLeader].KitaID
	office := *s.users[access.RoleYouthOffice].YouthOfficeID
	list, err := s.svc.Centers.List(sys, cert.CenterFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	var mine, network, other bool
	for _, c := range list.Items {
		var rel access.Related
		for _, m := range c.Members {
			rel.KitaIDs = append(rel.KitaIDs, m.KitaID)
			rel.YouthOfficeIDs = append(rel.YouthOfficeIDs, m.KitaYouthOfficeID)
		}
		take := false
		switch {
		case !mine && centerHas(rel.KitaIDs, own):
			mine, take = true, true
		case !network && c.Kind == cert.CenterNetwork && centerHas(rel.YouthOfficeIDs, office):
			network, take = true, true
		case !other && !centerHas(rel.YouthOfficeIDs, office):
			other, take = true, true
		}
		if take {
			path := strings.Replace(pattern, "%s", c.ID.String(), 1)
			path = strings.Replace(path, "%k", c.Members[0].KitaID.String(), 1)
			out = append(out, sample{path: path, related: rel})
		}
	}
	return out
}

func centerHas(ids []uuid.UUID, id uuid.UUID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
