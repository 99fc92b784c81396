package web_test

import (
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
)

// The samples of Mein Konto and administration: a token of the coordinator (revoking it
// is the owner's alone) and the users of each scope.
func init() {
	pageSamples["/account/tokens/:id/revoke"] = func(t *testing.T, s *site) []sample {
		u := s.users[access.RoleCoordinator]
		tok, err := s.accounts.IssueToken(sys, u.ID, "Matrix", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return []sample{{path: "/account/tokens/" + tok.ID.String() + "/revoke"}}
	}
}

// userSamples are the pages of the demo youth office planner and Kita leader.
func userSamples(t *testing.T, s *site) []sample {
	var out []sample
	for _, role := range []access.Role{access.RoleYouthOffice, access.RoleKitaLeader} {
		out = append(out, sample{path: "/admin/users/" + s.users[role].ID.String()})
	}
	return out
}

func init() {
	pageSamples["/admin/users/:id"] = userSamples
}
