package cert_test

import (
	"encoding/json"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin even where the system has no zoneinfo

	"github.com/kitacert/kitacert/pkg/cert"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load Europe/Berlin: %v", err)
	}
	return loc
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    cert.Date
		wantErr bool
	}{
		{in: "2026-07-31", want: cert.NewDate(2026, time.July, 31)},
		{in: "2024-02-29", want: cert.NewDate(2024, time.February, 29)},
		{in: "1900-01-01", want: cert.NewDate(1900, time.January, 1)},
		{in: "2999-12-31", want: cert.NewDate(2999, time.December, 31)},
		// The first day of year 1 is internally also time.Time{}: it must not come back as
		// the zero Date ("no date"); years outside 1900..2999 are refused.
		{in: "0001-01-01", wantErr: true},
		{in: "0001-01-02", wantErr: true},
		{in: "1899-12-31", wantErr: true},
		{in: "3000-01-01", wantErr: true},
		{in: "9999-12-31", wantErr: true},
		{in: "", wantErr: true},
		{in: "2026-2-1", wantErr: true},
		{in: "2026-02-1", wantErr: true},
		{in: "2026-2-01", wantErr: true},
		{in: "26-02-01", wantErr: true},
		{in: "2026-02-30", wantErr: true},
		{in: "2025-02-29", wantErr: true},
		{in: "2026-13-01", wantErr: true},
		{in: "2026-00-10", wantErr: true},
		{in: "2026-01-00", wantErr: true},
		{in: "2026-07-31T00:00:00Z", wantErr: true},
		{in: "2026-07-31 00:00:00", wantErr: true},
		{in: " 2026-07-31", wantErr: true},
		{in: "2026-07-31 ", wantErr: true},
		{in: "31.07.2026", wantErr: true},
		{in: "2026/07/31", wantErr: true},
		{in: "20260731", wantErr: true},
		{in: "garbage", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := cert.ParseDate(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
				}
				if !got.IsZero() {
					t.Errorf("ParseDate(%q) returned %v with the error, want the zero Date", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got.IsZero() {
				t.Errorf("ParseDate(%q) accepted the input but returned the zero Date (\"no date\")", tt.in)
			}
			if !got.Equal(tt.want) || got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestMustParseDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseDate(\"2026-02-30\") did not panic")
		}
	}()
	cert.MustParseDate("2026-02-30")
}

func TestNewDateNormalises(t *testing.T) {
	tests := []struct {
		y    int
		m    time.Month
		d    int
		want string
	}{
		{2026, time.February, 30, "2026-03-02"},
		{2024, time.February, 30, "2024-03-01"},
		{2026, time.December, 32, "2027-01-01"},
		{2026, time.January, 0, "2025-12-31"},
		{2026, 13, 1, "2027-01-01"},
	}
	for _, tt := range tests {
		if got := cert.NewDate(tt.y, tt.m, tt.d).String(); got != tt.want {
			t.Errorf("NewDate(%d, %d, %d) = %s, want %s", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestDateOfUsesOwnLocation(t *testing.T) {
	loc := berlin(t)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"utc", time.Date(2026, 7, 31, 23, 59, 59, 0, time.UTC), "2026-07-31"},
		{"berlin just after midnight", time.Date(2026, 8, 1, 0, 30, 0, 0, loc), "2026-08-01"},
		{"same instant in utc", time.Date(2026, 8, 1, 0, 30, 0, 0, loc).UTC(), "2026-07-31"},
		{"fixed zone west", time.Date(2026, 1, 1, 1, 0, 0, 0, time.FixedZone("x", -5*3600)), "2026-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := cert.DateOf(tt.t)
			if d.String() != tt.want {
				t.Errorf("DateOf(%v) = %s, want %s", tt.t, d, tt.want)
			}
			if d != cert.MustParseDate(tt.want) {
				t.Errorf("DateOf(%v) is not == to the parsed date %s (internal representation differs)", tt.t, tt.want)
			}
		})
	}
}

func TestDateAccessorsAndFormats(t *testing.T) {
	d := cert.MustParseDate("2030-07-31")
	if d.Year() != 2030 || d.Month() != time.July || d.Day() != 31 {
		t.Errorf("Year/Month/Day = %d/%d/%d", d.Year(), d.Month(), d.Day())
	}
	if got := d.German(); got != "31.07.2030" {
		t.Errorf("German() = %q, want 31.07.2030", got)
	}
	if got := cert.MustParseDate("2026-01-05").German(); got != "05.01.2026" {
		t.Errorf("German() = %q, want 05.01.2026 (leading zeros)", got)
	}
	if got := d.String(); got != "2030-07-31" {
		t.Errorf("String() = %q", got)
	}
	var zero cert.Date
	if !zero.IsZero() || zero.String() != "" || zero.German() != "" {
		t.Errorf("zero Date: IsZero %v, String %q, German %q", zero.IsZero(), zero.String(), zero.German())
	}
	if d.IsZero() {
		t.Error("2030-07-31 IsZero")
	}
	loc := berlin(t)
	if got, want := d.Time(loc), time.Date(2030, 7, 31, 0, 0, 0, 0, loc); !got.Equal(want) || got.Location() != loc {
		t.Errorf("Time(Berlin) = %v, want %v", got, want)
	}
}

func TestDateCompare(t *testing.T) {
	a, b := cert.MustParseDate("2026-07-31"), cert.MustParseDate("2026-08-01")
	tests := []struct {
		name                 string
		x, y                 cert.Date
		before, after, equal bool
		cmp                  int
	}{
		{"earlier", a, b, true, false, false, -1},
		{"later", b, a, false, true, false, 1},
		{"same", a, cert.NewDate(2026, 7, 31), false, false, true, 0},
		{"zero before any", cert.Date{}, a, true, false, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.x.Before(tt.y); got != tt.before {
				t.Errorf("Before = %v", got)
			}
			if got := tt.x.After(tt.y); got != tt.after {
				t.Errorf("After = %v", got)
			}
			if got := tt.x.Equal(tt.y); got != tt.equal {
				t.Errorf("Equal = %v", got)
			}
			if got := tt.x.Compare(tt.y); got != tt.cmp {
				t.Errorf("Compare = %d", got)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name                string
		from                string
		years, months, days int
		want                string
	}{
		{"leap day plus four years", "2024-02-29", 4, 0, 0, "2028-02-29"},
		{"leap day plus one year normalises", "2024-02-29", 1, 0, 0, "2025-03-01"},
		{"seal four years minus a day", "2022-05-10", 4, 0, -1, "2026-05-09"},
		{"seal from 1 August", "2026-08-01", 4, 0, -1, "2030-07-31"},
		{"month end", "2026-01-31", 0, 1, 0, "2026-03-03"},
		{"backwards over new year", "2026-01-01", 0, 0, -1, "2025-12-31"},
		{"over the DST switch", "2026-03-28", 0, 0, 2, "2026-03-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cert.MustParseDate(tt.from).AddDate(tt.years, tt.months, tt.days)
			if got.String() != tt.want {
				t.Errorf("%s.AddDate(%d, %d, %d) = %s, want %s", tt.from, tt.years, tt.months, tt.days, got, tt.want)
			}
			if tt.years == 0 && tt.months == 0 {
				if ad := cert.MustParseDate(tt.from).AddDays(tt.days); ad != got {
					t.Errorf("AddDays(%d) = %s, want %s", tt.days, ad, got)
				}
			}
		})
	}
}

func TestDaysUntil(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-07-31", "2026-07-31", 0},
		{"2026-07-31", "2026-08-01", 1},
		{"2026-08-01", "2026-07-31", -1},
		{"2026-01-01", "2026-12-31", 364},
		{"2024-01-01", "2025-01-01", 366},
		{"2025-01-01", "2026-01-01", 365},
		{"2026-03-28", "2026-03-30", 2}, // DST in Germany does not matter for calendar days
		{"2026-10-24", "2026-10-26", 2},
		{"2026-07-31", "2022-05-10", -1543},
		{"2000-01-01", "2100-01-01", 36525},
		// 400 Gregorian years; longer than time.Duration can hold (about 292 years).
		{"1900-01-01", "2300-01-01", 146097},
		{"2300-01-01", "1900-01-01", -146097},
	}
	for _, tt := range tests {
		t.Run(tt.from+"_"+tt.to, func(t *testing.T) {
			if got := cert.MustParseDate(tt.from).DaysUntil(cert.MustParseDate(tt.to)); got != tt.want {
				t.Errorf("DaysUntil = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestDateJSONAndText(t *testing.T) {
	type doc struct {
		ValidUntil cert.Date  `json:"valid_until"`
		Awarded    *cert.Date `json:"awarded,omitempty"`
	}
	awarded := cert.MustParseDate("2022-05-10")
	in := doc{ValidUntil: cert.MustParseDate("2026-07-31"), Awarded: &awarded}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"valid_until":"2026-07-31","awarded":"2022-05-10"}`; got != want {
		t.Fatalf("Marshal = %s, want %s", got, want)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.ValidUntil != in.ValidUntil || out.Awarded == nil || *out.Awarded != awarded {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}

	zb, err := json.Marshal(doc{})
	if err != nil {
		t.Fatal(err)
	}
	if string(zb) != `{"valid_until":""}` {
		t.Errorf("zero Date marshals as %s", zb)
	}
	var zero doc
	if err := json.Unmarshal(zb, &zero); err != nil || !zero.ValidUntil.IsZero() {
		t.Errorf("unmarshal of \"\" = %v, %v; want zero Date", zero.ValidUntil, err)
	}

	bad := []string{
		`{"valid_until":"2026-2-1"}`,
		`{"valid_until":"2026-02-30"}`,
		`{"valid_until":"2026-07-31T00:00:00Z"}`,
		`{"valid_until":20260731}`,
	}
	for _, s := range bad {
		var d doc
		if err := json.Unmarshal([]byte(s), &d); err == nil {
			t.Errorf("Unmarshal(%s) = %v, want an error", s, d.ValidUntil)
		}
	}

	var d cert.Date
	if err := d.UnmarshalText([]byte("2030-07-31")); err != nil || d != cert.NewDate(2030, 7, 31) {
		t.Errorf("UnmarshalText = %v, %v", d, err)
	}
	if txt, _ := d.MarshalText(); string(txt) != "2030-07-31" {
		t.Errorf("MarshalText = %q", txt)
	}
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() {
		t.Errorf("UnmarshalText(nil) = %v, %v; want zero", d, err)
	}
}

func TestDateScanAndValue(t *testing.T) {
	loc := berlin(t)
	want := cert.NewDate(2026, time.July, 31)
	tests := []struct {
		name    string
		src     any
		want    cert.Date
		wantErr bool
	}{
		{name: "nil", src: nil, want: cert.Date{}},
		{name: "time utc midnight", src: time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC), want: want},
		{name: "time utc late", src: time.Date(2026, 7, 31, 23, 59, 0, 0, time.UTC), want: want},
		{name: "time berlin midnight", src: time.Date(2026, 7, 31, 0, 0, 0, 0, loc), want: want},
		{name: "string", src: "2026-07-31", want: want},
		{name: "string with time", src: "2026-07-31T00:00:00Z", want: want},
		{name: "string with sqlite time", src: "2026-07-31 00:00:00+00:00", want: want},
		{name: "bytes", src: []byte("2026-07-31"), want: want},
		{name: "bytes with time", src: []byte("2026-07-31T00:00:00Z"), want: want},
		{name: "empty string", src: "", want: cert.Date{}},
		{name: "bad string", src: "2026-7-31", wantErr: true},
		{name: "bad day", src: "2026-02-30", wantErr: true},
		{name: "int", src: int64(20260731), wantErr: true},
		{name: "float", src: 1.5, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := cert.MustParseDate("1999-01-01") // scanning must overwrite what was there
			err := d.Scan(tt.src)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Scan(%#v) = %v, want an error", tt.src, d)
				}
				return
			}
			if err != nil {
				t.Fatalf("Scan(%#v): %v", tt.src, err)
			}
			if d != tt.want {
				t.Errorf("Scan(%#v) = %v, want %v", tt.src, d, tt.want)
			}
		})
	}

	v, err := cert.Date{}.Value()
	if err != nil || v != nil {
		t.Errorf("zero Date Value() = %#v, %v; want nil (NULL)", v, err)
	}
	v, err = want.Value()
	if err != nil || v != "2026-07-31" {
		t.Errorf("Value() = %#v, %v; want \"2026-07-31\"", v, err)
	}
	var back cert.Date
	if err := back.Scan(v); err != nil || back != want {
		t.Errorf("Scan(Value()) = %v, %v", back, err)
	}
}

func TestTodayInBerlin(t *testing.T) {
	loc := berlin(t)
	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"winter before midnight", time.Date(2026, 1, 15, 22, 59, 59, 0, time.UTC), "2026-01-15"},
		{"winter after midnight", time.Date(2026, 1, 15, 23, 0, 0, 0, time.UTC), "2026-01-16"},
		{"night before DST starts", time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC), "2026-03-29"},
		{"last minute of 28 March", time.Date(2026, 3, 28, 22, 59, 0, 0, time.UTC), "2026-03-28"},
		{"summer before midnight", time.Date(2026, 7, 30, 21, 59, 59, 0, time.UTC), "2026-07-30"},
		{"summer midnight: last day of KGJ", time.Date(2026, 7, 30, 22, 0, 0, 0, time.UTC), "2026-07-31"},
		{"summer midnight: new KGJ", time.Date(2026, 7, 31, 22, 0, 0, 0, time.UTC), "2026-08-01"},
		{"night DST ends", time.Date(2026, 10, 24, 22, 30, 0, 0, time.UTC), "2026-10-25"},
		{"after DST ends", time.Date(2026, 10, 25, 22, 59, 0, 0, time.UTC), "2026-10-25"},
		{"after DST ends, midnight", time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC), "2026-10-26"},
		{"new year", time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), "2027-01-01"},
		{"clock in another zone", time.Date(2026, 3, 29, 8, 0, 0, 0, time.FixedZone("NY", -4*3600)), "2026-03-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cert.NewFixedClock(tt.now)
			if got := cert.Today(c, loc); got.String() != tt.want {
				t.Errorf("Today at %v = %s, want %s", tt.now, got, tt.want)
			}
		})
	}
}

func TestFixedClock(t *testing.T) {
	loc := berlin(t)
	start := time.Date(2026, 3, 28, 22, 30, 0, 0, time.UTC)
	c := cert.NewFixedClock(start)
	if !c.Now().Equal(start) {
		t.Fatalf("Now = %v", c.Now())
	}
	if got := cert.Today(c, loc).String(); got != "2026-03-28" {
		t.Errorf("Today = %s", got)
	}
	c.Advance(time.Hour)
	if !c.Now().Equal(start.Add(time.Hour)) {
		t.Errorf("after Advance Now = %v", c.Now())
	}
	if got := cert.Today(c, loc).String(); got != "2026-03-29" {
		t.Errorf("Today after Advance = %s, want 2026-03-29", got)
	}
	c.Set(time.Date(2030, 7, 31, 12, 0, 0, 0, time.UTC))
	if got := cert.Today(c, loc).German(); got != "31.07.2030" {
		t.Errorf("Today after Set = %s", got)
	}
	var sc cert.Clock = cert.SystemClock{}
	if d := time.Since(sc.Now()); d < 0 || d > time.Minute {
		t.Errorf("SystemClock.Now is off by %v", d)
	}
}
