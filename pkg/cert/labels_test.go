package cert

import "testing"

// TestLabelsCoverEveryCode: every state, step, kind and seal status has a German label,
// and no two codes of one kind share one.
func TestLabelsCoverEveryCode(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range States {
		if _, ok := StateLabels[s]; !ok || seen[s.Label()] {
			t.Errorf("state %s: label %q missing or twice", s, s.Label())
		}
		seen[s.Label()] = true
	}
	seen = map[string]bool{}
	for _, tr := range Transitions {
		if _, ok := ActionLabels[tr.Action]; !ok || seen[tr.Action.Label()] {
			t.Errorf("action %s: label %q missing or twice", tr.Action, tr.Action.Label())
		}
		seen[tr.Action.Label()] = true
	}
	for _, k := range []ProcedureKind{KindInitial, KindRecertification} {
		if _, ok := KindLabels[k]; !ok {
			t.Errorf("kind %s has no label", k)
		}
	}
	for _, st := range []SealStatus{SealPending, SealActive, SealRenewalDue, SealSuperseded, SealExpired, SealRevoked} {
		if _, ok := SealStatusLabels[st]; !ok {
			t.Errorf("seal status %s has no label", st)
		}
	}
	if got := State("unbekannt").Label(); got != "unbekannt" {
		t.Errorf("unknown state label %q", got)
	}
}
