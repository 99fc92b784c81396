package cert_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
)

func TestKindergartenYearOf(t *testing.T) {
	tests := []struct {
		day  string
		want string
	}{
		{"2025-08-01", "2025/26"}, {"2026-07-31", "2025/26"}, {"2026-08-01", "2026/27"},
		{"2025-07-31", "2024/25"}, {"2026-01-01", "2025/26"}, {"2026-12-31", "2026/27"},
		{"1999-08-01", "1999/00"}, {"2000-02-29", "1999/00"},
	}
	for _, tt := range tests {
		got := cert.KindergartenYearOf(cert.MustParseDate(tt.day))
		if got.String() != tt.want {
			t.Errorf("KindergartenYearOf(%s) = %s, want %s", tt.day, got, tt.want)
		}
		if !got.Contains(cert.MustParseDate(tt.day)) || got.Start().After(cert.MustParseDate(tt.day)) || got.End().Before(cert.MustParseDate(tt.day)) {
			t.Errorf("%s does not contain %s", got, tt.day)
		}
	}
}

func TestKindergartenYearBounds(t *testing.T) {
	y := cert.KindergartenYear(2025)
	if y.Start() != cert.MustParseDate("2025-08-01") || y.End() != cert.MustParseDate("2026-07-31") || y.Next().String() != "2026/27" {
		t.Fatalf("%s: %s..%s next %s", y, y.Start(), y.End(), y.Next())
	}
	// the years tile the calendar: each ends the day before the next starts
	for start := 1990; start < 2100; start++ {
		y := cert.KindergartenYear(start)
		if y.End().AddDays(1) != y.Next().Start() {
			t.Fatalf("gap after %s", y)
		}
	}
}

func TestParseKindergartenYear(t *testing.T) {
	good := map[string]int{"2025/26": 2025, "1999/00": 1999, "2099/00": 2099, "2009/10": 2009}
	for s, want := range good {
		y, err := cert.ParseKindergartenYear(s)
		if err != nil || int(y) != want || y.String() != s {
			t.Errorf("Parse(%q) = %d, %v", s, y, err)
		}
	}
	for _, s := range []string{"", "2025/27", "2025-26", "2025/2026", "25/26", "2025/6", "+025/26", "2025/+6", "abcd/ef", "1800/01", " 2025/26"} {
		if _, err := cert.ParseKindergartenYear(s); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
	var y cert.KindergartenYear
	if err := json.Unmarshal([]byte(`"2026/27"`), &y); err != nil || y != 2026 {
		t.Fatalf("json: %d %v", y, err)
	}
	b, _ := json.Marshal(y)
	if string(b) != `"2026/27"` {
		t.Fatalf("json out %s", b)
	}
}

// TestSealValidUntil pins the legal rule (DVO KiBiz § 11(1)) with the examples of
// domain.md and the issue, and the edges around 1 August and leap days.
func TestSealValidUntil(t *testing.T) {
	tests := []struct{ from, want string }{
		{"2026-08-01", "2030-07-31"}, // starts with a kindergarten year: exactly four years
		{"2022-05-10", "2026-07-31"}, // four years end 2026-05-09, inside 2025/26
		{"2026-08-02", "2031-07-31"}, // four years end 2030-08-01, inside 2030/31
		{"2026-07-31", "2030-07-31"}, // four years end 2030-07-30
		{"2026-01-01", "2030-07-31"},
		{"2025-12-31", "2030-07-31"}, // four years end 2029-12-30, inside 2029/30
		{"2024-02-29", "2028-07-31"}, // leap day
		{"2021-08-01", "2025-07-31"},
		{"2020-09-15", "2025-07-31"},
	}
	for _, tt := range tests {
		got := cert.SealValidUntil(cert.MustParseDate(tt.from))
		if got.String() != tt.want {
			t.Errorf("SealValidUntil(%s) = %s, want %s", tt.from, got, tt.want)
		}
	}
	// Properties over ten years of start days: the seal never ends before four years
	// minus a day, never later than five years, and always on 31 July.
	for d := cert.MustParseDate("2020-01-01"); d.Before(cert.MustParseDate("2030-01-01")); d = d.AddDays(1) {
		until := cert.SealValidUntil(d)
		if until.Month() != time.July || until.Day() != 31 {
			t.Fatalf("%s → %s: not 31 July", d, until)
		}
		if until.Before(d.AddDate(4, 0, -1)) || !until.Before(d.AddDate(5, 0, 0)) {
			t.Fatalf("%s → %s: outside [4 years − 1 day, 5 years)", d, until)
		}
	}
}

func TestRenewalWindowOpens(t *testing.T) {
	until := cert.MustParseDate("2030-07-31")
	if got := cert.RenewalWindowOpens(until, 0); got.String() != "2029-08-01" {
		t.Errorf("window opens %s, want 2029-08-01", got)
	}
	if got := cert.RenewalWindowOpens(until, -2); got.String() != "2029-06-01" {
		t.Errorf("window two months earlier opens %s, want 2029-06-01", got)
	}
}
