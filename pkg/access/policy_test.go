package access_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

func TestPrincipalCan(t *testing.T) {
	yoA, yoB := uuid.New(), uuid.New()
	kA, kB := uuid.New(), uuid.New()
	inA := access.Related{YouthOfficeIDs: []uuid.UUID{yoA}, KitaIDs: []uuid.UUID{kA}}
	inB := access.Related{YouthOfficeIDs: []uuid.UUID{yoB}, KitaIDs: []uuid.UUID{kB}}
	planner := access.Principal{Role: access.RoleYouthOffice, YouthOfficeID: &yoA}
	leader := access.Principal{Role: access.RoleKitaLeader, KitaID: &kA}
	tests := []struct {
		name string
		p    access.Principal
		a    access.Action
		r    access.Related
		want bool
	}{
		{"coordinator writes anywhere", access.Principal{Role: access.RoleCoordinator}, access.KitaWrite, inB, true},
		{"assessor reads", access.Principal{Role: access.RoleAssessor}, access.KitaRead, inB, true},
		{"assessor does not write", access.Principal{Role: access.RoleAssessor}, access.KitaWrite, inA, false},
		{"admin sees no personal data", access.Principal{Role: access.RoleAdmin}, access.ContactPersonal, inA, false},
		{"planner in own office", planner, access.KitaWrite, inA, true},
		{"planner outside", planner, access.KitaRead, inB, false},
		{"leader own kita", leader, access.KitaRead, inA, true},
		{"leader no kita write", leader, access.KitaWrite, inA, false},
		{"leader self-service", leader, access.KitaSelfService, inA, true},
		{"leader other kita", leader, access.KitaRead, inB, false},
		{"leader scope matches kitas, not offices", leader, access.KitaRead, access.Related{YouthOfficeIDs: []uuid.UUID{yoA}}, false},
		{"planner without scope id", access.Principal{Role: access.RoleYouthOffice}, access.KitaRead, inA, false},
		{"unknown role", access.Principal{Role: "hacker"}, access.KitaRead, inA, false},
		{"system", access.System, access.UserManage, inB, true},
	}
	for _, tt := range tests {
		if got := tt.p.Can(tt.a, tt.r); got != tt.want {
			t.Errorf("%s: Can = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestListFilter(t *testing.T) {
	yo, k := uuid.New(), uuid.New()
	if f := (access.Principal{Role: access.RoleCoordinator}).ListFilter(access.KitaRead); f != (access.Filter{}) {
		t.Errorf("coordinator filter %+v", f)
	}
	if f := (access.Principal{Role: access.RoleYouthOffice, YouthOfficeID: &yo}).ListFilter(access.ContactRead); f.YouthOffice == nil || *f.YouthOffice != yo {
		t.Errorf("planner filter %+v", f)
	}
	if f := (access.Principal{Role: access.RoleKitaLeader, KitaID: &k}).ListFilter(access.CenterRead); f.Kita == nil || *f.Kita != k {
		t.Errorf("leader filter %+v", f)
	}
	if f := (access.Principal{Role: access.RoleAssessor}).ListFilter(access.AuditRead); !f.Nothing {
		t.Errorf("assessor audit filter %+v", f)
	}
}

// TestPolicyIsComplete: every role names every action it has with a known action.
func TestPolicyIsComplete(t *testing.T) {
	known := map[access.Action]bool{}
	for _, a := range access.Actions {
		known[a] = true
	}
	for r, row := range access.Policy {
		if !r.Valid() {
			t.Errorf("policy for unknown role %q", r)
		}
		for a := range row {
			if !known[a] {
				t.Errorf("role %s: unknown action %q", r, a)
			}
		}
	}
}
