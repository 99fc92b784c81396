package httpapi

import (
	"errors"
	"net/mail"
	"regexp"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

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
