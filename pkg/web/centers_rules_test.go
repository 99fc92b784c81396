package web

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
)

// TestCompositionRules: the rules shown next to the member forms tell met from unmet for
// the counts the service checks (cert.Center.CheckComposition).
func TestCompositionRules(t *testing.T) {
	member := func(role cert.MemberRole) cert.Membership { return cert.Membership{KitaID: cert.NewID(), Role: role} }
	reason := "Erlass vom 01.03.2026"
	cases := []struct {
		name   string
		c      cert.Center
		unmet  []int // indexes of the counted rules that are not met
		free   int
		checks bool // the service accepts the composition
	}{
		{"network of one", cert.Center{Kind: cert.CenterNetwork, Members: []cert.Membership{member(cert.RoleGrantRecipient)}}, []int{0}, 4, false},
		{"network without grant recipient", cert.Center{Kind: cert.CenterNetwork, Members: []cert.Membership{member(cert.RoleMember), member(cert.RoleContact), member(cert.RoleContact)}}, []int{2, 3}, 2, false},
		{"network of six", cert.Center{Kind: cert.CenterNetwork, Members: []cert.Membership{member(cert.RoleGrantRecipient), member(cert.RoleMember), member(cert.RoleMember), member(cert.RoleMember), member(cert.RoleMember), member(cert.RoleMember)}}, []int{1}, 0, false},
		{"network of six with exception", cert.Center{Kind: cert.CenterNetwork, SizeExceptionReason: &reason, Members: []cert.Membership{member(cert.RoleGrantRecipient), member(cert.RoleMember), member(cert.RoleMember), member(cert.RoleMember), member(cert.RoleMember), member(cert.RoleMember)}}, nil, 0, true},
		{"single of two", cert.Center{Kind: cert.CenterSingle, Members: []cert.Membership{member(cert.RoleGrantRecipient), member(cert.RoleMember)}}, []int{0}, 0, false},
		{"single", cert.Center{Kind: cert.CenterSingle, Members: []cert.Membership{member(cert.RoleGrantRecipient)}}, nil, 0, true},
	}
	for _, tc := range cases {
		v := compositionRules(tc.c)
		unmet := map[int]bool{}
		for _, i := range tc.unmet {
			unmet[i] = true
		}
		for i, r := range v.Counted {
			if r.Met == unmet[i] {
				t.Errorf("%s: rule %q met %v", tc.name, r.Text, r.Met)
			}
		}
		if v.Free != tc.free {
			t.Errorf("%s: %d free places, want %d", tc.name, v.Free, tc.free)
		}
		if ok := tc.c.CheckComposition("members") == nil; ok != tc.checks || ok != (len(tc.unmet) == 0) {
			t.Errorf("%s: the service accepts it: %v; the page shows all met: %v", tc.name, ok, len(tc.unmet) == 0)
		}
	}
}
