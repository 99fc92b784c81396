package cert

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes: the one vocabulary of failures. pkg/httpapi maps each code to an HTTP
// status in a single place.
const (
	EINVALID              = "invalid"               // bad input; Fields names the culprits
	ENOTFOUND             = "not_found"             // no such object, or not visible to the caller
	ECONFLICT             = "conflict"              // breaks a rule of the current state (unique value, center rules)
	EPRECONDITIONFAILED   = "precondition_failed"   // the If-Match version is stale
	EPRECONDITIONREQUIRED = "precondition_required" // a change without If-Match
	EUNAUTHORIZED         = "unauthorized"          // not authenticated
	EFORBIDDEN            = "forbidden"             // authenticated, but not allowed to do this
	EINTERNAL             = "internal"              // a bug or an outage; details go to the log only
	ETOOLARGE             = "too_large"             // an upload over a size limit; the message names the limit
	EUNSUPPORTED          = "unsupported_type"      // an upload whose content is not an accepted type
)

// FieldError names one input field at fault and says what is wrong with it, in German.
type FieldError struct {
	Field   string
	Message string
}

// Error is a domain error: a machine-readable Code and a German Message for people.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	// AllowedActions lists, for a refused procedure step, what the caller may do instead.
	AllowedActions []string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s (%s: %s)", e.Code, e.Message, e.Fields[0].Field, e.Fields[0].Message)
}

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrNotFound is the error for any object that does not exist or that the caller may not see.
var ErrNotFound = &Error{Code: ENOTFOUND, Message: "Nicht gefunden."}

// NotFound returns a not-found error naming the kind of object.
func NotFound(what string) *Error {
	return &Error{Code: ENOTFOUND, Message: what + " nicht gefunden."}
}

// ErrStale is returned when the If-Match version no longer matches the stored one.
var ErrStale = &Error{Code: EPRECONDITIONFAILED, Message: "Der Datensatz wurde inzwischen geändert. Bitte neu laden und die Änderung wiederholen."}

// ErrVersionRequired is returned when a change needs an If-Match header and has none.
var ErrVersionRequired = &Error{Code: EPRECONDITIONREQUIRED, Message: "Für Änderungen ist der Header If-Match mit dem ETag des Datensatzes nötig."}

// Conflict returns a conflict error that blames one field.
func Conflict(field, message string) *Error {
	return &Error{Code: ECONFLICT, Message: message, Fields: []FieldError{{Field: field, Message: message}}}
}

// ErrProcedureOpen is the conflict of a new procedure with the center's open one. Callers
// that expect it (the sweep opening re-certifications) test for it with errors.Is, never
// by its text.
var ErrProcedureOpen = Conflict("center_id", "Für dieses Familienzentrum läuft bereits ein Verfahren.")

// ErrorCode returns "" for nil, the code of err when it is (or wraps) an *Error, else EINTERNAL.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// FieldsOf returns the fields at fault that err names, also through wrapping; none for an
// error that is not a *Error.
func FieldsOf(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// NotAllowed is the German sentence for a value outside a list of codes, the same in the
// domain and in the request validation: Kein zulässiger Wert; möglich sind „a“, „b“ oder „c“.
// The codes stay as they are (they are the API); a person reads each with its German
// label when one is given as "code (Label)".
func NotAllowed(vals ...string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		code, label, ok := strings.Cut(v, " (")
		q[i] = "„" + code + "“"
		if ok {
			q[i] += " (" + label
		}
	}
	switch len(q) {
	case 0:
		return "Kein zulässiger Wert."
	case 1:
		return "Kein zulässiger Wert; möglich ist nur " + q[0] + "."
	}
	return "Kein zulässiger Wert; möglich sind " + strings.Join(q[:len(q)-1], ", ") + " oder " + q[len(q)-1] + "."
}

// Validation collects field errors; its Err is nil while nothing was added.
type Validation struct {
	fields  []FieldError
	dropped int // findings past MaxFieldErrors, only counted
}

// MaxFieldErrors is how many fields one error names at most: a body of a megabyte can hold
// a million faults, and nobody reads more than the first hundred. The message says how
// many more there were.
const MaxFieldErrors = 100

// Add records that field is at fault.
func (v *Validation) Add(field, message string) {
	if len(v.fields) >= MaxFieldErrors {
		v.dropped++
		return
	}
	v.fields = append(v.fields, FieldError{Field: field, Message: message})
}

// Check records message for field unless ok holds.
func (v *Validation) Check(ok bool, field, message string) {
	if !ok {
		v.Add(field, message)
	}
}

// Err returns an EINVALID *Error carrying every recorded field, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	msg := "Die Eingaben sind unvollständig oder fehlerhaft."
	if v.dropped > 0 {
		msg = fmt.Sprintf("Die Eingaben sind unvollständig oder fehlerhaft. Aufgeführt sind die ersten %d Fehler; %d weitere sind nicht einzeln genannt.", MaxFieldErrors, v.dropped)
	}
	return &Error{Code: EINVALID, Message: msg, Fields: v.fields}
}
