package cert

import (
	"fmt"
	"strconv"
	"time"
)

// KindergartenYear is a Kindergartenjahr: 1 August to 31 July, written "2025/26". Its
// value is the calendar year in which it starts.
type KindergartenYear int

// KindergartenYearOf returns the kindergarten year that contains d.
func KindergartenYearOf(d Date) KindergartenYear {
	if d.Month() >= time.August {
		return KindergartenYear(d.Year())
	}
	return KindergartenYear(d.Year() - 1)
}

// ParseKindergartenYear reads "2025/26" strictly: the second part must be the year after
// the first, in two digits.
func ParseKindergartenYear(s string) (KindergartenYear, error) {
	bad := fmt.Errorf("ungültiges Kindergartenjahr %q, erwartet z. B. 2025/26", s)
	if len(s) != 7 || s[4] != '/' {
		return 0, bad
	}
	start, err1 := strconv.Atoi(s[:4])
	next, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[0] == '-' || s[5] == '+' || s[5] == '-' {
		return 0, bad
	}
	if start < minYear || start >= maxYear || next != (start+1)%100 {
		return 0, bad
	}
	return KindergartenYear(start), nil
}

// String returns "2025/26".
func (y KindergartenYear) String() string {
	return fmt.Sprintf("%04d/%02d", int(y), (int(y)+1)%100)
}

// Start returns 1 August of the year.
func (y KindergartenYear) Start() Date { return NewDate(int(y), time.August, 1) }

// End returns 31 July of the following calendar year.
func (y KindergartenYear) End() Date { return NewDate(int(y)+1, time.July, 31) }

// Contains reports whether d lies in the kindergarten year.
func (y KindergartenYear) Contains(d Date) bool { return KindergartenYearOf(d) == y }

// Next returns the following kindergarten year.
func (y KindergartenYear) Next() KindergartenYear { return y + 1 }

// MarshalText implements encoding.TextMarshaler ("2025/26").
func (y KindergartenYear) MarshalText() ([]byte, error) { return []byte(y.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (y *KindergartenYear) UnmarshalText(b []byte) error {
	p, err := ParseKindergartenYear(string(b))
	if err != nil {
		return err
	}
	*y = p
	return nil
}

// SealYears is how long a seal is valid before the end-of-year rule applies.
const SealYears = 4

// SealValidUntil is the legal validity rule of the seal (DVO KiBiz § 11(1)): four years
// from validFrom (validFrom + 4 years − 1 day); when that day falls inside a kindergarten
// year, and every day does, the seal holds until that year's 31 July.
//
//	2026-08-01 → 2030-07-31;  2022-05-10 → 2026-07-31;  2026-08-02 → 2031-07-31
func SealValidUntil(validFrom Date) Date {
	// A 29 February start normalises to 1 March in a common year; February and March lie
	// in the same kindergarten year, so the result is the same either way.
	return KindergartenYearOf(validFrom.AddDate(SealYears, 0, -1)).End()
}

// RenewalWindowOpens is the first day of the re-certification window of a seal: the start
// of the kindergarten year that ends on validUntil, moved by offsetMonths (negative: earlier).
func RenewalWindowOpens(validUntil Date, offsetMonths int) Date {
	return KindergartenYearOf(validUntil).Start().AddDate(0, offsetMonths, 0)
}

// Bind parses a query parameter; the generated API code calls it.
func (y *KindergartenYear) Bind(s string) error { return y.UnmarshalText([]byte(s)) }
