package cert

import (
	"errors"
	"testing"
	"time"
)

// nilStore satisfies Store for wiring tests; any call panics.
type nilStore struct{ Store }

func TestServicesWiring(t *testing.T) {
	clock := NewFixedClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	steps := &fakeDeps{}
	svc := New(nilStore{}, clock, time.UTC, Settings{CertificationNumberFormat: testNumberFormat, RenewalWindowOffsetMonths: -2}).SetStepNotifier(steps)
	if svc.Procedures.numberFormat != testNumberFormat || svc.Seals.windowOffset != -2 || svc.Status.offset != -2 {
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

// testNumberFormat is the certification number format of the tests (the config's default).
const testNumberFormat = "FZ-{year}-{seq}"

// TestSettingsRefused: New takes no defaults; settings a config could not have passed
// are refused, naming the setting.
func TestSettingsRefused(t *testing.T) {
	for _, s := range []Settings{{}, {CertificationNumberFormat: "FZ-{year}"}, {CertificationNumberFormat: testNumberFormat, RenewalWindowOffsetMonths: 25}} {
		var se *SettingError
		if err := s.Validate(); !errors.As(err, &se) || se.Setting == "" {
			t.Errorf("%+v: %v, want a SettingError", s, err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New(%+v) did not refuse", s)
				}
			}()
			New(nilStore{}, NewFixedClock(time.Now()), time.UTC, s)
		}()
	}
}
