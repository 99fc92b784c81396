package cert

import (
	"testing"
	"time"
)

// nilStore satisfies Store for wiring tests; any call panics.
type nilStore struct{ Store }

func TestServicesWiring(t *testing.T) {
	clock := NewFixedClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	steps := &fakeDeps{}
	svc := New(nilStore{}, clock, time.UTC, Settings{RenewalWindowOffsetMonths: -2}).SetStepNotifier(steps)
	if svc.Procedures.numberFormat != DefaultCertificationNumberFormat || svc.Seals.windowOffset != -2 || svc.Status.cfg.RenewalWindowOffsetMonths != -2 {
		t.Errorf("settings not passed on: %q, %d", svc.Procedures.numberFormat, svc.Seals.windowOffset)
	}
	if svc.Procedures.deps.steps != steps || svc.Centers.seals != svc.Seals || svc.Procedures.deps.seals != svc.Seals ||
		svc.Procedures.deps.places != svc.Contingents || svc.Assessments.catalogues != svc.Catalogues {
		t.Error("services not wired to each other")
	}
	past := svc.At(NewFixedClock(time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)))
	for name, today := range map[string]Date{"bundle": past.Today(), "procedures": past.Procedures.Today(), "seals": past.Seals.Today(),
		"centers": past.Centers.Today(), "status": past.Status.Today()} {
		if today != MustParseDate("2024-05-01") {
			t.Errorf("At: %s today is %s", name, today)
		}
	}
	if past.Procedures.deps.steps != steps || past.Seals.windowOffset != -2 {
		t.Error("At lost the notifier or the settings")
	}
	if svc.Today() != MustParseDate("2026-03-10") {
		t.Errorf("At moved the original: %s", svc.Today())
	}
	if New(nilStore{}, clock, time.UTC, Settings{CertificationNumberFormat: "X-{seq}"}).Procedures.numberFormat != "X-{seq}" {
		t.Error("number format not taken")
	}
}
