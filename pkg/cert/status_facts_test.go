package cert

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// statusCast is a center of one Kita with its youth office, and principals in and out of
// its scope.
type statusCast struct {
	yo, kita, otherYO, otherKita uuid.UUID
	center                       Center
	related                      access.Related
	coordinator, planner, leader access.Principal
	otherPlanner, otherLeader    access.Principal
}

func newStatusCast() statusCast {
	c := statusCast{yo: NewID(), kita: NewID(), otherYO: NewID(), otherKita: NewID()}
	c.center = Center{Meta: Meta{ID: NewID()}, Kind: CenterSingle, Name: "FZ Eins",
		Members: []Membership{{ID: NewID(), KitaID: c.kita, KitaYouthOfficeID: c.yo, Role: RoleGrantRecipient}}}
	c.related = access.Related{YouthOfficeIDs: []uuid.UUID{c.yo}, KitaIDs: []uuid.UUID{c.kita}}
	c.coordinator = access.Principal{UserID: NewID(), Role: access.RoleCoordinator}
	c.planner = access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: &c.yo}
	c.leader = access.Principal{UserID: NewID(), Role: access.RoleKitaLeader, KitaID: &c.kita}
	c.otherPlanner = access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: &c.otherYO}
	c.otherLeader = access.Principal{UserID: NewID(), Role: access.RoleKitaLeader, KitaID: &c.otherKita}
	return c
}

// TestStatusVisibility: a Kita or center outside one's scope is ErrNotFound, as if it did
// not exist; a Kita in no center has the sentence of its own.
func TestStatusVisibility(t *testing.T) {
	c := newStatusCast()
	kita := StatusFacts{Kita: &StatusKita{ID: c.kita, YouthOfficeID: c.yo}, Center: &c.center}
	center := StatusFacts{Center: &c.center}
	alone := StatusFacts{Kita: &StatusKita{ID: c.kita, YouthOfficeID: c.yo}}
	asOf := MustParseDate("2026-11-22")
	for _, tc := range []struct {
		name  string
		pr    access.Principal
		f     StatusFacts
		found bool
	}{
		{"coordinator, Kita", c.coordinator, kita, true},
		{"own planner, Kita", c.planner, kita, true},
		{"own leader, center", c.leader, center, true},
		{"other planner, Kita", c.otherPlanner, kita, false},
		{"other planner, center", c.otherPlanner, center, false},
		{"other leader, Kita", c.otherLeader, kita, false},
		{"other leader, Kita in no center", c.otherLeader, alone, false},
		{"center without facts", c.coordinator, StatusFacts{}, false},
	} {
		r, err := statusFrom(tc.pr, asOf, 0, tc.f)
		if tc.found != (err == nil) || (!tc.found && !errors.Is(err, ErrNotFound)) {
			t.Errorf("%s: err %v, want found=%v", tc.name, err, tc.found)
		}
		if tc.found && (r.Center == nil || r.AsOf != asOf) {
			t.Errorf("%s: %+v", tc.name, r)
		}
	}
	r, err := statusFrom(c.leader, asOf, 0, alone)
	if err != nil || r.Center != nil || r.NextStep != noCenterStep {
		t.Errorf("Kita in no center: %+v, %v", r, err)
	}
}

// TestStatusSealsFromFacts: a pending latest seal is the coming one and its predecessor
// the seal in force; a seal or procedure one may not read is left out, not an error.
func TestStatusSealsFromFacts(t *testing.T) {
	c := newStatusCast()
	d := MustParseDate
	cur := &Seal{ID: NewID(), ValidFrom: d("2026-08-01"), ValidUntil: d("2030-07-31"), Related: c.related}
	next := &Seal{ID: NewID(), ValidFrom: d("2030-08-01"), ValidUntil: d("2034-07-31"), PredecessorID: &cur.ID, Related: c.related}
	cur.SuccessorID = &next.ID
	open := &Procedure{ID: NewID(), State: StateEvidenceRequested, EvidenceDueOn: d("2030-06-01"), Kind: KindRecertification,
		Related: c.related}
	f := StatusFacts{Center: &c.center, Latest: next, Predecessor: cur, Open: open, OpenMissing: "- Fragebogen\n- Konzept"}

	r, err := statusFrom(c.planner, d("2030-05-01"), 0, f)
	if err != nil {
		t.Fatal(err)
	}
	if r.Seal != cur || r.SealStatus != SealRenewalDue || r.DaysRemaining != 91 || r.Next != next || r.NextState.Status != SealPending {
		t.Errorf("seals: %+v", r)
	}
	if r.RecertYear == nil || r.RecertYear.String() != "2033/34" || r.WindowOpens != d("2033-08-01") {
		t.Errorf("re-certification: %v %v", r.RecertYear, r.WindowOpens)
	}
	if r.Open != open || !slices.Equal(r.OpenMissing, []string{"Fragebogen", "Konzept"}) {
		t.Errorf("open: %+v missing %q", r.Open, r.OpenMissing)
	}
	if r.NextStep != "Bitte reichen Sie die nachgeforderten Belege bis zum 01.06.2030 nach." {
		t.Errorf("next step: %q", r.NextStep)
	}

	// the seals cover another Kita now: the planner of this one reads neither
	hidden := *next
	hidden.Related = access.Related{YouthOfficeIDs: []uuid.UUID{c.otherYO}, KitaIDs: []uuid.UUID{c.otherKita}}
	hiddenCur := *cur
	hiddenCur.Related = hidden.Related
	f.Latest, f.Predecessor = &hidden, &hiddenCur
	r, err = statusFrom(c.planner, d("2030-05-01"), 0, f)
	if err != nil || r.Seal != nil || r.Next != nil || r.RecertYear != nil {
		t.Errorf("unreadable seals: %+v, %v", r, err)
	}
	r, err = statusFrom(c.coordinator, d("2030-05-01"), 0, f)
	if err != nil || r.Seal == nil || r.Next == nil {
		t.Errorf("coordinator reads every seal: %+v, %v", r, err)
	}

	// after 1 August only the new seal, in force; no procedure open
	f = StatusFacts{Center: &c.center, Latest: next, Predecessor: cur}
	r, err = statusFrom(c.leader, d("2030-08-01"), 0, f)
	if err != nil || r.Seal != next || r.SealStatus != SealActive || r.Next != nil || r.Open != nil {
		t.Errorf("on 1 August: %+v, %v", r, err)
	}
}
