package cert_test

import (
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// issueTable is the state machine as the lifecycle issue states it, written down
// independently of cert.Transitions and access.Policy so that each checks the other.
var issueTable = map[cert.Action]struct {
	from  []cert.State
	to    cert.State
	roles []access.Role
}{
	cert.ActRegister:        {[]cert.State{cert.StateNominated}, cert.StateRegistered, []access.Role{access.RoleCoordinator, access.RoleAssessor}},
	cert.ActSubmitEvidence:  {[]cert.State{cert.StateRegistered, cert.StateEvidenceRequested}, cert.StateEvidenceSubmitted, []access.Role{access.RoleKitaLeader, access.RoleCoordinator}},
	cert.ActStartReview:     {[]cert.State{cert.StateEvidenceSubmitted}, cert.StateInReview, []access.Role{access.RoleAssessor}},
	cert.ActRequestEvidence: {[]cert.State{cert.StateInReview}, cert.StateEvidenceRequested, []access.Role{access.RoleAssessor}},
	cert.ActScheduleVisit:   {[]cert.State{cert.StateInReview}, cert.StateVisitScheduled, []access.Role{access.RoleAssessor}},
	cert.ActRecordVisit:     {[]cert.State{cert.StateVisitScheduled}, cert.StateVisited, []access.Role{access.RoleAssessor}},
	cert.ActCertify:         {[]cert.State{cert.StateVisited}, cert.StateCertified, []access.Role{access.RoleAssessor}},
	cert.ActReject:          {[]cert.State{cert.StateInReview, cert.StateVisited}, cert.StateNotCertified, []access.Role{access.RoleAssessor}},
	cert.ActWithdraw: {[]cert.State{cert.StateNominated, cert.StateRegistered, cert.StateEvidenceSubmitted, cert.StateInReview,
		cert.StateEvidenceRequested, cert.StateVisitScheduled, cert.StateVisited}, cert.StateWithdrawn, []access.Role{access.RoleYouthOffice, access.RoleCoordinator}},
	cert.ActDefer: {[]cert.State{cert.StateNominated}, cert.StateDeferred, []access.Role{access.RoleYouthOffice, access.RoleCoordinator}},
}

// TestStateMachine checks every state × action × role (and kind) against the issue's table.
func TestStateMachine(t *testing.T) {
	yo, kita := uuid.New(), uuid.New()
	related := access.Related{YouthOfficeIDs: []uuid.UUID{yo}, KitaIDs: []uuid.UUID{kita}}
	principals := map[access.Role]access.Principal{
		access.RoleAdmin:       {Role: access.RoleAdmin},
		access.RoleCoordinator: {Role: access.RoleCoordinator},
		access.RoleAssessor:    {Role: access.RoleAssessor},
		access.RoleYouthOffice: {Role: access.RoleYouthOffice, YouthOfficeID: &yo},
		access.RoleKitaLeader:  {Role: access.RoleKitaLeader, KitaID: &kita},
	}
	if len(cert.Transitions) != len(issueTable) {
		t.Fatalf("%d transitions, the issue names %d", len(cert.Transitions), len(issueTable))
	}
	for _, kind := range []cert.ProcedureKind{cert.KindInitial, cert.KindRecertification} {
		for _, st := range cert.States {
			p := cert.Procedure{Kind: kind, State: st, Related: related, YouthOfficeID: yo}
			for role, pr := range principals {
				got := cert.AllowedActions(pr, p)
				for action, row := range issueTable {
					want := slices.Contains(row.from, st) && slices.Contains(row.roles, role) &&
						(action != cert.ActDefer || kind == cert.KindInitial)
					if slices.Contains(got, action) != want {
						t.Errorf("%s %s as %s: %s allowed = %v, want %v", kind, st, role, action, !want, want)
					}
				}
			}
			// outside their scope, the scoped roles may do nothing
			other := cert.Procedure{Kind: kind, State: st, YouthOfficeID: uuid.New(),
				Related: access.Related{YouthOfficeIDs: []uuid.UUID{uuid.New()}, KitaIDs: []uuid.UUID{uuid.New()}}}
			for _, role := range []access.Role{access.RoleYouthOffice, access.RoleKitaLeader} {
				if got := cert.AllowedActions(principals[role], other); len(got) != 0 {
					t.Errorf("%s outside scope in %s: %v", role, st, got)
				}
			}
		}
	}
	for _, tr := range cert.Transitions {
		if row := issueTable[tr.Action]; tr.To != row.to {
			t.Errorf("%s leads to %s, want %s", tr.Action, tr.To, row.to)
		}
	}
}

func TestOpenStates(t *testing.T) {
	for _, st := range cert.States {
		want := !slices.Contains([]cert.State{cert.StateCertified, cert.StateNotCertified, cert.StateWithdrawn, cert.StateDeferred}, st)
		if st.Open() != want {
			t.Errorf("%s.Open() = %v", st, st.Open())
		}
	}
}
