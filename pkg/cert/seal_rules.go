package cert

// The rules of a seal's life: where it stands on a day, and where a new one starts. They
// are pure functions of the seal's dates; the store's list filter (pkg/store/seal.go)
// computes the same statuses in SQL and is tested against these.

// Status returns where the seal stands on asOf. The rules, first match wins:
//
//  1. revoked: a revocation is recorded and asOf is on or after its effective day
//     (RevokedOn). Before that day the seal is judged as if it were not revoked.
//  2. pending: asOf lies before ValidFrom; the seal was awarded but has not begun.
//  3. superseded: asOf lies after ValidUntil and a successor seal exists. Seals of one
//     center never overlap (a successor starts after its predecessor ends), so "after
//     ValidUntil with successor" is "the successor took over".
//  4. expired: asOf lies after ValidUntil and there is no successor.
//  5. renewal_due: the seal is in force and asOf is on or after the day its
//     re-certification window opens (RenewalWindowOpens of ValidUntil, moved by
//     windowOffsetMonths).
//  6. active: in force, before the window.
//
// ValidFrom and ValidUntil are both days of validity (inclusive).
func (s Seal) Status(asOf Date, windowOffsetMonths int) SealStatus {
	switch {
	case !s.RevokedOn.IsZero() && !asOf.Before(s.RevokedOn):
		return SealRevoked
	case asOf.Before(s.ValidFrom):
		return SealPending
	case asOf.After(s.ValidUntil) && s.SuccessorID != nil:
		return SealSuperseded
	case asOf.After(s.ValidUntil):
		return SealExpired
	case !asOf.Before(RenewalWindowOpens(s.ValidUntil, windowOffsetMonths)):
		return SealRenewalDue
	}
	return SealActive
}

// DaysRemaining returns the number of days from asOf to ValidUntil: 0 on the last valid
// day, negative once the seal has run out. A revocation does not change it; Status tells.
func (s Seal) DaysRemaining(asOf Date) int { return asOf.DaysUntil(s.ValidUntil) }

// SealState is what a reader wants to know about a seal on one day.
type SealState struct {
	Status             SealStatus
	DaysRemaining      int
	RenewalWindowOpens Date
}

// StateOn returns the seal's status, days remaining and the opening of its
// re-certification window on asOf.
func (s Seal) StateOn(asOf Date, windowOffsetMonths int) SealState {
	return SealState{Status: s.Status(asOf, windowOffsetMonths), DaysRemaining: s.DaysRemaining(asOf),
		RenewalWindowOpens: RenewalWindowOpens(s.ValidUntil, windowOffsetMonths)}
}

// RenewalDueThrough turns the window rule around for queries: on asOf, a seal's
// re-certification window is open exactly when its valid_until is on or before the day
// returned, that is
//
//	!asOf.Before(RenewalWindowOpens(u, offset))  ⇔  !u.After(RenewalDueThrough(asOf, offset))
//
// for every valid_until u. The window opens on the first of a month (1 August moved by
// whole months), so it is open on asOf iff it opens by the first of asOf's month, iff
// the kindergarten year ending on u starts by that day moved back by the offset. This
// lets the store filter by status with a plain date comparison, in every dialect.
func RenewalDueThrough(asOf Date, windowOffsetMonths int) Date {
	first := NewDate(asOf.Year(), asOf.Month(), 1)
	return KindergartenYearOf(first.AddDate(0, -windowOffsetMonths, 0)).End()
}

// SealValidFrom returns the first valid day of a new seal, decided on decidedOn:
//
//  1. given, when the deciding person named a day (zero: not given);
//  2. else, for a re-certification that continues predecessor and was decided on or
//     before the predecessor's last valid day, the day after that last day: the new seal
//     follows without a gap (domain: "a centre that passes in time never has a gap";
//     with valid_until on 31 July this is 1 August);
//  3. else decidedOn: the seal is valid from its award (a first certification, or a
//     re-certification decided after the old seal had run out, which leaves a gap).
//
// predecessor is nil when the new seal continues none.
func SealValidFrom(given, decidedOn Date, predecessor *Seal) Date {
	switch {
	case !given.IsZero():
		return given
	case predecessor != nil && !decidedOn.After(predecessor.ValidUntil):
		return predecessor.ValidUntil.AddDays(1)
	}
	return decidedOn
}
