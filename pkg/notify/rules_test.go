package notify

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
)

func d(s string) cert.Date { return cert.MustParseDate(s) }

func TestSealDue(t *testing.T) {
	until := d("2030-07-31") // window opens 2029-08-01
	tests := []struct {
		asOf      string
		send      Reminder
		skipped   []Reminder
		successor bool
	}{
		{asOf: "2029-07-31"},
		// the window opens exactly 12 months before a 31 July end: one message, the window's
		{asOf: "2029-08-01", send: SealWindowOpen, skipped: []Reminder{SealMonths12}},
		{asOf: "2029-08-02", send: SealWindowOpen, skipped: []Reminder{SealMonths12}},
		{asOf: "2030-01-31", send: SealWindowOpen, skipped: []Reminder{SealMonths12}},
		{asOf: "2030-02-01", send: SealMonths6, skipped: []Reminder{SealWindowOpen, SealMonths12}},
		{asOf: "2030-05-30", send: SealMonths3, skipped: []Reminder{SealWindowOpen, SealMonths12, SealMonths6}},
		{asOf: "2030-07-01", send: SealMonths1, skipped: []Reminder{SealWindowOpen, SealMonths12, SealMonths6, SealMonths3}},
		{asOf: "2030-07-31", send: SealMonths1, skipped: []Reminder{SealWindowOpen, SealMonths12, SealMonths6, SealMonths3}},
		{asOf: "2030-08-01", send: SealExpired, skipped: []Reminder{SealWindowOpen, SealMonths12, SealMonths6, SealMonths3, SealMonths1}},
		{asOf: "2030-08-01", successor: true},
	}
	for _, tt := range tests {
		send, skip := SealDue(until, 0, tt.successor, false, d(tt.asOf))
		var got Reminder
		if send != nil {
			got = send.Reminder
		}
		if got != tt.send {
			t.Errorf("%s: send %q, want %q", tt.asOf, got, tt.send)
		}
		if len(skip) != len(tt.skipped) {
			t.Errorf("%s: skipped %v, want %v", tt.asOf, skip, tt.skipped)
			continue
		}
		for i := range skip {
			if skip[i].Reminder != tt.skipped[i] {
				t.Errorf("%s: skipped %v, want %v", tt.asOf, skip, tt.skipped)
			}
		}
	}
	if send, _ := SealDue(until, 0, false, true, d("2030-08-01")); send != nil {
		t.Error("revoked seal gets reminders")
	}
}

func TestSealSeriesDays(t *testing.T) {
	got := sealSeries(d("2030-07-31"), 0)
	want := []string{"2029-08-01", "2029-08-01", "2030-02-01", "2030-05-01", "2030-07-01", "2030-08-01"}
	for i, w := range want {
		if got[i].On.String() != w {
			t.Errorf("%s due on %s, want %s", got[i].Reminder, got[i].On, w)
		}
	}
}

func TestProcedureDue(t *testing.T) {
	due := d("2027-01-15")
	tests := []struct {
		st    cert.State
		asOf  string
		visit string
		want  []Reminder
	}{
		{cert.StateRegistered, "2026-12-31", "", nil},
		{cert.StateRegistered, "2027-01-01", "", []Reminder{EvidenceDueSoon}},
		{cert.StateRegistered, "2027-01-15", "", []Reminder{EvidenceDueSoon}},
		{cert.StateRegistered, "2027-01-16", "", []Reminder{EvidenceOverdue}},
		{cert.StateEvidenceRequested, "2027-02-01", "", []Reminder{EvidenceOverdue}},
		{cert.StateEvidenceSubmitted, "2027-02-01", "", nil},
		{cert.StateVisitScheduled, "2027-02-07", "2027-02-15", nil},
		{cert.StateVisitScheduled, "2027-02-08", "2027-02-15", []Reminder{VisitSoon}},
		{cert.StateVisited, "2027-04-11", "2027-02-15", nil},
		{cert.StateVisited, "2027-04-12", "2027-02-15", []Reminder{NoDecision}},
		{cert.StateCertified, "2027-06-01", "2027-02-15", nil},
	}
	for _, tt := range tests {
		var visit cert.Date
		if tt.visit != "" {
			visit = d(tt.visit)
		}
		got := ProcedureDue(tt.st, due, visit, d(tt.asOf))
		if len(got) != len(tt.want) {
			t.Errorf("%s %s: %v, want %v", tt.st, tt.asOf, got, tt.want)
			continue
		}
		for i := range got {
			if got[i].Reminder != tt.want[i] {
				t.Errorf("%s %s: %v, want %v", tt.st, tt.asOf, got, tt.want)
			}
		}
	}
}

// TestSealDueOffsetWindow: with the window opened two months earlier, the 12-month reminder
// is sent on its own day.
func TestSealDueOffsetWindow(t *testing.T) {
	send, skip := SealDue(d("2030-07-31"), -2, false, false, d("2029-06-01"))
	if send == nil || send.Reminder != SealWindowOpen || len(skip) != 0 {
		t.Fatalf("window day: %v %v", send, skip)
	}
	send, skip = SealDue(d("2030-07-31"), -2, false, false, d("2029-08-01"))
	if send == nil || send.Reminder != SealMonths12 || len(skip) != 1 || skip[0].Reminder != SealWindowOpen {
		t.Fatalf("12 months: %v %v", send, skip)
	}
}
