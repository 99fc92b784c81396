package cert

// The bounds of the dates a real procedure can have (docs/lifecycle.md, "Dates"). Each
// check names the field and says the rule in German.

// MaxMonthsAhead is how far ahead a deadline or a visit may be set: a procedure runs within
// about a year, so a day further ahead is a typing error. The bound guards against typing
// errors by people; kitacert's own work (the system principal, e.g. the sweep opening a
// re-certification) is not bound by it.
const MaxMonthsAhead = 12

// checkYearNotOver records a field error on kindergarten_year when y ended before today.
func checkYearNotOver(v *Validation, y KindergartenYear, today Date, why string) {
	if y.End().Before(today) {
		v.Add("kindergarten_year", "Das Kindergartenjahr "+y.String()+" ist abgelaufen. "+why)
	}
}

// checkNotTooFar records a field error when d lies more than MaxMonthsAhead months after today.
func checkNotTooFar(v *Validation, field string, d, today Date) {
	if limit := today.AddDate(0, MaxMonthsAhead, 0); !d.IsZero() && d.After(limit) {
		v.Add(field, "Darf höchstens zwölf Monate in der Zukunft liegen (spätestens am "+limit.German()+").")
	}
}

// checkStepDates checks the dates of a step against today and against the procedure so
// far: deadlines and visits at most MaxMonthsAhead ahead (unless system, kitacert's own
// work); a visit is recorded on or after its day; a decision is not taken before the visit.
func checkStepDates(p Procedure, in TransitionInput, today Date, system bool) error {
	var v Validation
	switch in.Action {
	case ActRegister, ActRequestEvidence:
		if !system {
			checkNotTooFar(&v, "evidence_due_on", in.EvidenceDueOn, today)
		}
	case ActScheduleVisit:
		if !system {
			checkNotTooFar(&v, "visit_on", in.VisitOn, today)
		}
	case ActRecordVisit:
		if today.Before(p.VisitOn) {
			v.Add("visit_on", "Die Begehung ist für den "+p.VisitOn.German()+" geplant und kann erst ab diesem Tag als durchgeführt erfasst werden.")
		}
	case ActCertify:
		decided := in.DecidedOn
		if decided.IsZero() {
			decided = today
		}
		if decided.Before(p.VisitOn) {
			v.Add("decided_on", "Die Entscheidung kann nicht vor der Begehung am "+p.VisitOn.German()+" liegen.")
		}
	}
	return v.Err()
}

// checkValidFrom bounds the first day of a new seal decided on decided: not before the
// start of the kindergarten year of the decision (back-dating stays within that year, e.g.
// to close the gap after a late re-certification), and not after the start of the next
// kindergarten year or, for a re-certification, the day after the predecessor ends,
// whichever is later.
func checkValidFrom(from, decided Date, pred *Seal) error {
	var v Validation
	earliest := KindergartenYearOf(decided).Start()
	latest := KindergartenYearOf(decided).Next().Start()
	if pred != nil && pred.ValidUntil.AddDays(1).After(latest) {
		latest = pred.ValidUntil.AddDays(1)
	}
	switch {
	case from.Before(earliest):
		v.Add("valid_from", "Ein rückwirkender Beginn ist nur innerhalb des Kindergartenjahres der Entscheidung möglich, frühestens ab dem "+earliest.German()+".")
	case from.After(latest):
		v.Add("valid_from", "Das Gütesiegel beginnt spätestens am "+latest.German()+".")
	}
	return v.Err()
}
