package web_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

func init() {
	for _, path := range []string{"/seals/:id", "/seals/:id/extend", "/seals/:id/revoke"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample { return sealSamples(t, s, pattern) }
	}
	pageSamples["/notifications/:id/retry"] = func(t *testing.T, s *site) []sample {
		n := failedNotification(t, s)
		return []sample{{path: "/notifications/" + n.ID.String() + "/retry"}}
	}
}

// sealSamples are the seal covering the Kita leader's Kita (inside both Own scopes) and a
// seal of another youth office's center (outside both), on the path pattern.
func sealSamples(t *testing.T, s *site, pattern string) []sample {
	t.Helper()
	own, other := leaderSeal(t, s), foreignSeal(t, s)
	var out []sample
	for _, seal := range []cert.Seal{own, other} {
		out = append(out, sample{path: strings.Replace(pattern, "%s", seal.ID.String(), 1), related: seal.Related})
	}
	return out
}

// allSeals lists every seal of the demo data.
func allSeals(t *testing.T, s *site) []cert.Seal {
	t.Helper()
	list, err := s.svc.Seals.List(sys, cert.SealFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	return list.Items
}

// leaderSeal is the newest seal covering the demo Kita leader's Kita.
func leaderSeal(t *testing.T, s *site) cert.Seal {
	t.Helper()
	kita := *s.users[access.RoleKitaLeader].KitaID
	var found *cert.Seal
	for _, seal := range allSeals(t, s) {
		if containsID(seal.Related.KitaIDs, kita) && (found == nil || seal.ValidUntil.After(found.ValidUntil)) {
			found = &seal
		}
	}
	if found == nil {
		t.Fatal("the demo data gives the Kita leader's Kita no seal")
	}
	return *found
}

// foreignSeal is a seal that covers no Kita of the demo youth office.
func foreignSeal(t *testing.T, s *site) cert.Seal {
	t.Helper()
	office := *s.users[access.RoleYouthOffice].YouthOfficeID
	for _, seal := range allSeals(t, s) {
		if !containsID(seal.Related.YouthOfficeIDs, office) {
			return seal
		}
	}
	t.Fatal("the demo data has no seal outside the demo youth office")
	return cert.Seal{}
}

func containsID(ids []uuid.UUID, id uuid.UUID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
