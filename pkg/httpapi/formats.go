package httpapi

import (
	"errors"
	"net/mail"
	"regexp"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

var defineFormats sync.Once

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// registerFormats makes the validator check the string formats kitacert relies on more
// strictly than kin-openapi does by default: real calendar dates (no 30 February), UUIDs
// in canonical form, e-mail addresses as net/mail reads them and kindergarten years whose
// second half follows the first (2026/27, not 2026/28).
func registerFormats() {
	defineFormats.Do(func() {
		openapi3.DefineStringFormatValidator("date", openapi3.NewCallbackValidator(func(s string) error {
			_, err := cert.ParseDate(s)
			return err
		}))
		openapi3.DefineStringFormatValidator("kindergarten-year", openapi3.NewCallbackValidator(func(s string) error {
			_, err := cert.ParseKindergartenYear(s)
			return err
		}))
		openapi3.DefineStringFormatValidator("day-or-time", openapi3.NewCallbackValidator(func(s string) error {
			_, _, err := parseDayOrTime(s)
			return err
		}))
		openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(uuidRE.String()))
		openapi3.DefineStringFormatValidator("email", openapi3.NewCallbackValidator(func(s string) error {
			a, err := mail.ParseAddress(s)
			if err != nil || a.Address != s {
				return errors.New("not an e-mail address")
			}
			return nil
		}))
	})
}

// parseDayOrTime reads a calendar day (YYYY-MM-DD) or an RFC 3339 timestamp; exactly one
// of the results is set.
func parseDayOrTime(s string) (*time.Time, *cert.Date, error) {
	if len(s) == len("2006-01-02") {
		d, err := cert.ParseDate(s)
		if err != nil {
			return nil, nil, err
		}
		return nil, &d, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, nil, err
	}
	return &t, nil, nil
}

// dayOrTime turns an optional parameter checked by the validator into a time or a day.
func dayOrTime(p *api.DayOrTime) (*time.Time, *cert.Date) {
	if p == nil {
		return nil, nil
	}
	t, d, _ := parseDayOrTime(*p)
	return t, d
}
