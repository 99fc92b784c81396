package cert

import "testing"

// TestNextStepSentences: each seal case has its own German sentence, said before the open
// procedure's step.
func TestNextStepSentences(t *testing.T) {
	d := MustParseDate
	cur := &Seal{ID: NewID(), ValidFrom: d("2026-08-01"), ValidUntil: d("2030-07-31")}
	succ := &Seal{ID: NewID(), ValidFrom: d("2030-08-01"), ValidUntil: d("2034-07-31"), PredecessorID: &cur.ID}
	revoked := &Seal{ValidFrom: d("2026-08-01"), ValidUntil: d("2030-07-31"), RevokedOn: d("2026-12-01")}
	review := &Seal{ValidFrom: d("2026-08-01"), ValidUntil: d("2030-07-31"), ReviewRequired: true}
	y := KindergartenYear(2029)
	registered := &Procedure{State: StateRegistered, EvidenceDueOn: d("2031-01-15")}
	for _, c := range []struct {
		name string
		r    StatusReport
		want string
	}{
		{"nothing", StatusReport{}, "Ihr Familienzentrum hat noch kein Gütesiegel. Die Nominierung erfolgt durch das Jugendamt."},
		{"active", StatusReport{Seal: cur, SealStatus: SealActive, RecertYear: &y, WindowOpens: d("2029-08-01")},
			"Ihr Gütesiegel gilt vom 01.08.2026 bis zum 31.07.2030. Die Rezertifizierung beginnt am 01.08.2029 (Kindergartenjahr 2029/30)."},
		{"renewal due", StatusReport{Seal: cur, SealStatus: SealRenewalDue},
			"Ihr Gütesiegel läuft am 31.07.2030 ab. Die Rezertifizierung ist fällig: Bitte stimmen Sie die nächsten Schritte mit der Zertifizierungsstelle ab."},
		{"renewal due with successor", StatusReport{Seal: cur, SealStatus: SealRenewalDue, Next: succ},
			"Ihr Gütesiegel läuft am 31.07.2030 ab. Das Folgesiegel aus der Rezertifizierung gilt vom 01.08.2030 bis zum 31.07.2034."},
		{"first seal pending", StatusReport{Next: &Seal{ValidFrom: d("2027-08-01"), ValidUntil: d("2031-07-31")}},
			"Ihr Gütesiegel gilt vom 01.08.2027 bis zum 31.07.2031."},
		{"expired", StatusReport{Seal: cur, SealStatus: SealExpired, DaysRemaining: -123},
			"Ihr Gütesiegel ist am 31.07.2030 abgelaufen (vor 123 Tagen); ohne gültiges Gütesiegel entfällt die Förderung als Familienzentrum. " +
				"Bitte wenden Sie sich umgehend an Ihr Jugendamt und die Servicestelle."},
		{"expired yesterday", StatusReport{Seal: cur, SealStatus: SealExpired, DaysRemaining: -1},
			"Ihr Gütesiegel ist am 31.07.2030 abgelaufen (vor einem Tag); ohne gültiges Gütesiegel entfällt die Förderung als Familienzentrum. " +
				"Bitte wenden Sie sich umgehend an Ihr Jugendamt und die Servicestelle."},
		{"expired, procedure open", StatusReport{Seal: cur, SealStatus: SealExpired, DaysRemaining: -123, Open: registered},
			"Ihr Gütesiegel ist am 31.07.2030 abgelaufen (vor 123 Tagen); ohne gültiges Gütesiegel entfällt die Förderung als Familienzentrum. " +
				"Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2031 ein."},
		{"revoked", StatusReport{Seal: revoked, SealStatus: SealRevoked},
			"Ihr Gütesiegel wurde zum 01.12.2026 widerrufen und darf nicht mehr geführt werden. Bitte wenden Sie sich an die Servicestelle."},
		{"review required, procedure open", StatusReport{Seal: review, SealStatus: SealActive, Open: registered},
			"Dem Verbund gehört nicht mehr als die Hälfte der Kitas an, denen das Gütesiegel verliehen wurde; die Zertifizierungsstelle prüft, ob es weiter gilt. " +
				"Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2031 ein."},
	} {
		if got := nextStep(c.r); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestProcedureNextStepIsStatusNextStep: the status answer's next_step for an open
// procedure is cert.ProcedureNextStep, the sentence the mails carry; for a registered
// procedure it names the deadline (issue 8 review, Q1: the two used to differ).
func TestProcedureNextStepIsStatusNextStep(t *testing.T) {
	d := MustParseDate
	for _, st := range []State{StateNominated, StateRegistered, StateEvidenceRequested, StateEvidenceSubmitted,
		StateInReview, StateVisitScheduled, StateVisited} {
		p := Procedure{State: st, Year: 2026, EvidenceDueOn: d("2027-01-15"), VisitOn: d("2027-03-10")}
		want := ProcedureNextStep(p)
		if want == "" {
			t.Errorf("%s: no next step", st)
		}
		if got := nextStep(StatusReport{Open: &p}); got != want {
			t.Errorf("%s: status %q, mail %q", st, got, want)
		}
	}
	p := Procedure{State: StateRegistered, EvidenceDueOn: d("2027-01-15")}
	if got, want := ProcedureNextStep(p), "Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2027 ein."; got != want {
		t.Errorf("registered: %q, want %q", got, want)
	}
}

// TestCheckStepDates: the date bounds of the steps, each on its field.
func TestCheckStepDates(t *testing.T) {
	d := MustParseDate
	today := d("2026-11-22")
	p := Procedure{VisitOn: d("2027-02-15")}
	for _, c := range []struct {
		name  string
		in    TransitionInput
		p     Procedure
		field string // "": accepted
	}{
		{"deadline in a year", TransitionInput{Action: ActRegister, EvidenceDueOn: d("2027-11-22")}, p, ""},
		{"deadline a year and a day ahead", TransitionInput{Action: ActRegister, EvidenceDueOn: d("2027-11-23")}, p, "evidence_due_on"},
		{"new deadline years ahead", TransitionInput{Action: ActRequestEvidence, EvidenceDueOn: d("2030-01-15")}, p, "evidence_due_on"},
		{"visit years ahead", TransitionInput{Action: ActScheduleVisit, VisitOn: d("2029-02-15")}, p, "visit_on"},
		{"visit recorded before its day", TransitionInput{Action: ActRecordVisit}, p, "visit_on"},
		{"visit recorded on its day", TransitionInput{Action: ActRecordVisit}, Procedure{VisitOn: today}, ""},
		{"decision before the visit", TransitionInput{Action: ActCertify, DecidedOn: d("2026-11-21")}, Procedure{VisitOn: today}, "decided_on"},
		{"decision today, visit later", TransitionInput{Action: ActCertify}, p, "decided_on"},
		{"decision on the visit's day", TransitionInput{Action: ActCertify}, Procedure{VisitOn: today}, ""},
	} {
		err := checkStepDates(c.p, c.in, today, false)
		var e *Error
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.field != "" && (!sealFieldErr(err, &e) || e.Fields[0].Field != c.field):
			t.Errorf("%s: %v, want an error on %s", c.name, err, c.field)
		}
	}
}
