package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/kitacert/kitacert/pkg/cert"
)

// formState is what a form page shows besides its values: the errors of the last attempt
// (by field, German) and, after a lost race, that someone else changed the entry.
type formState struct {
	Errors  map[string]string // field → message
	Summary []fieldMessage    // the same, in order, for the error summary at the top
	Problem string            // an error that names no field (a rule of the state)
	Stale   bool              // the If-Match version was old: the form shows the new values
}

// fieldMessage is one entry of the error summary.
type fieldMessage struct {
	Field, Message string
}

// formError turns a service error into what the form shows. ok is false for errors that
// are not about the input (not found, forbidden, outages): the caller returns those.
func formError(err error) (formState, bool) {
	var ce *cert.Error
	if !errors.As(err, &ce) {
		return formState{}, false
	}
	st := formState{Errors: map[string]string{}}
	switch ce.Code {
	case cert.EINVALID, cert.ECONFLICT:
		for _, f := range ce.Fields {
			if _, dup := st.Errors[f.Field]; !dup {
				st.Errors[f.Field] = f.Message
				st.Summary = append(st.Summary, fieldMessage{Field: f.Field, Message: f.Message})
			}
		}
		if len(ce.Fields) == 0 {
			st.Problem = ce.Message
		}
	case cert.EPRECONDITIONFAILED:
		st.Stale = true
	default:
		return formState{}, false
	}
	return st, true
}

// formStatus is the status of a form page shown again: 409 after a lost race or a rule
// of the state, else 422 for input that does not pass.
func (st formState) formStatus() int {
	if st.Stale || (st.Problem != "" && len(st.Summary) == 0) {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// versionOf reads the hidden "version" field of an edit form: the version the person saw,
// sent on as If-Match so that a change made meanwhile is not overwritten.
func (r *request) versionOf() (cert.IfMatch, error) {
	n, err := strconv.Atoi(r.FormValue("version"))
	if err != nil || n < 1 {
		return cert.IfMatch{}, &cert.Error{Code: cert.EINVALID, Message: "Das Formular ist unvollständig. Bitte laden Sie die Seite neu.",
			Fields: []cert.FieldError{{Field: "version", Message: "Die Version des Eintrags fehlt."}}}
	}
	return cert.Expect(n), nil
}
