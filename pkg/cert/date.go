package cert

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// DateLayout is the wire and storage form of a Date.
const DateLayout = "2006-01-02"

// Date is a calendar day without time of day or zone, such as a seal's last valid day.
// The zero Date is "no date".
type Date struct {
	t time.Time // midnight UTC of the day; zero for the zero Date
}

// NewDate returns the given day; out-of-range values normalise like time.Date.
func NewDate(year int, month time.Month, day int) Date {
	return Date{t: time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Years that ParseDate accepts; anything outside is a typo, and year 1 would read as
// the zero Date ("no date").
const (
	minYear = 1900
	maxYear = 2999
)

// ParseDate parses "YYYY-MM-DD" strictly; the year must lie between 1900 and 2999.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("ungültiges Datum %q, erwartet JJJJ-MM-TT", s)
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return Date{}, fmt.Errorf("das Datum %q liegt außerhalb der Jahre %d bis %d", s, minYear, maxYear)
	}
	return Date{t: t}, nil
}

// MustParseDate is ParseDate for constants in tests and tables; it panics on bad input.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year returns the year of d.
func (d Date) Year() int { return d.t.Year() }

// Month returns the month of d.
func (d Date) Month() time.Month { return d.t.Month() }

// Day returns the day of the month of d.
func (d Date) Day() int { return d.t.Day() }

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// German returns the German form "31.07.2030".
func (d Date) German() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02.01.2006")
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{t: d.t.AddDate(0, 0, n)} }

// AddDate returns d moved by years, months and days, normalising like time.AddDate.
func (d Date) AddDate(years, months, days int) Date { return Date{t: d.t.AddDate(years, months, days)} }

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.t.After(o.t) }

// Equal reports whether d and o are the same day.
func (d Date) Equal(o Date) bool { return d.t.Equal(o.t) }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int { return d.t.Compare(o.t) }

// DaysUntil returns the number of days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int((o.t.Unix() - d.t.Unix()) / 86400) // Sub would saturate after 292 years
}

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// MarshalText implements encoding.TextMarshaler ("YYYY-MM-DD").
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts "YYYY-MM-DD" only.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Bind parses a query or path parameter; the generated API code calls it.
func (d *Date) Bind(s string) error { return d.UnmarshalText([]byte(s)) }

// Value implements driver.Valuer: "YYYY-MM-DD", or NULL for the zero Date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan implements sql.Scanner for DATE columns (PostgreSQL) and text columns (SQLite).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = DateOf(v)
		return nil
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	default:
		return fmt.Errorf("cert.Date: cannot scan %T", src)
	}
}

func (d *Date) scanString(s string) error {
	if len(s) > len(DateLayout) { // drivers may hand back "2026-07-31T00:00:00Z"
		s = s[:len(DateLayout)]
	}
	return d.UnmarshalText([]byte(s))
}
