package httpapi

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/cert"
)

// The translation of kin-openapi's findings into one German problem. It reads only typed
// data: the error types (*openapi3filter.RequestError, *openapi3filter.ParseError,
// *openapi3.SchemaError), the sentinel errors, the schema keyword that failed
// (SchemaError.SchemaField), the schema and the value; never the English text of a reason,
// so that a new kin-openapi wording cannot change what a client is told.

// requestProblem turns the validator's findings into one EINVALID error with every field,
// or the HTTP error for a body that is too large (413) or not JSON (415).
func requestProblem(err error) error {
	p := problem{objects: map[string]bool{}}
	p.walk(err)
	switch {
	case p.tooBig:
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	case p.unsupported:
		return echo.NewHTTPError(http.StatusUnsupportedMediaType)
	}
	if p.val.Err() == nil {
		// A finding this translation does not know: still a 400, never a passed request.
		p.val.Add("body", "Die Anfrage ist fehlerhaft.")
	}
	out := p.val.Err()
	if ce, ok := out.(*cert.Error); ok {
		sort.SliceStable(ce.Fields, func(i, j int) bool { return ce.Fields[i].Field < ce.Fields[j].Field })
	}
	return out
}

// problem collects the findings of one request.
type problem struct {
	val         cert.Validation
	objects     map[string]bool // objects whose unknown members are already named
	tooBig      bool
	unsupported bool
}

// walk records err and everything inside it. It looks at the error itself first: a
// RequestError unwraps to a MultiError of its schema errors, and errors.As would skip the
// request context needed here.
func (p *problem) walk(err error) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, inner := range e {
			p.walk(inner)
		}
	case *openapi3filter.RequestError:
		switch {
		case e.Parameter != nil:
			p.parameter(e)
		case e.RequestBody != nil:
			p.body(e)
		default:
			p.val.Add("request", "Die Anfrage ist fehlerhaft.")
		}
	default:
		p.val.Add("request", "Die Anfrage ist fehlerhaft.")
	}
}

// parameter records a finding about a path, query or header parameter.
func (p *problem) parameter(e *openapi3filter.RequestError) {
	name := e.Parameter.Name
	var se *openapi3.SchemaError
	var pe *openapi3filter.ParseError
	switch {
	case errors.Is(e.Err, openapi3filter.ErrInvalidRequired):
		p.val.Add(name, "Pflichtparameter; er fehlt.")
	case errors.Is(e.Err, openapi3filter.ErrInvalidEmptyValue):
		p.val.Add(name, "Darf nicht leer sein.")
	case errors.As(e.Err, &se):
		p.schemaErrors(name, e.Err)
	case errors.As(e.Err, &pe) && e.Parameter.Schema != nil && e.Parameter.Schema.Value != nil:
		p.val.Add(name, "Falscher Typ; erwartet: "+typeName(e.Parameter.Schema.Value)+".")
	default:
		p.val.Add(name, "Ungültiger Wert.")
	}
}

// body records a finding about the request body.
func (p *problem) body(e *openapi3filter.RequestError) {
	var pe *openapi3filter.ParseError
	var he *echo.HTTPError
	switch {
	case errors.As(e.Err, &he) && he.Code == http.StatusRequestEntityTooLarge:
		p.tooBig = true
	case unsupportedMediaType(e):
		p.unsupported = true
	case errors.Is(e.Err, openapi3filter.ErrInvalidRequired):
		p.val.Add("body", "Die Anfrage braucht einen JSON-Inhalt.")
	case errors.As(e.Err, &pe):
		p.val.Add("body", "Kein gültiges JSON.")
	default:
		p.schemaErrors("", e.Err)
	}
}

// unsupportedMediaType reports whether the body was refused for its Content-Type: the
// operation declares no content for it (the check kin-openapi makes; its finding has no
// cause, only an English reason).
func unsupportedMediaType(e *openapi3filter.RequestError) bool {
	if e.Err != nil || e.Input == nil || e.Input.Request == nil {
		return false
	}
	return e.RequestBody.Content.Get(e.Input.Request.Header.Get(echo.HeaderContentType)) == nil
}

// schemaErrors records every schema violation inside err, with field paths under prefix.
func (p *problem) schemaErrors(prefix string, err error) {
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		for _, e := range multi {
			p.schemaErrors(prefix, e)
		}
		return
	}
	var se *openapi3.SchemaError
	if !errors.As(err, &se) {
		if prefix == "" {
			p.val.Add("body", "Die Anfrage ist fehlerhaft.")
		} else {
			p.val.Add(prefix, "Ungültiger Wert.")
		}
		return
	}
	ptr := se.JSONPointer()
	if se.SchemaField == "properties" {
		p.unknownMembers(prefix, ptr, se)
		return
	}
	p.val.Add(orBody(joinField(prefix, ptr)), schemaMessage(se))
}

// unknownMembers names the members of an object that its schema does not allow
// (additionalProperties: false). kin-openapi reports each as a violation of "properties"
// on the object, with the object as the value; the names are the value's keys the schema
// does not list. All of them are named at the first such report; the later reports on the
// same object (one per unknown member) are skipped at once, so that an object with k
// unknown members costs O(k), not O(k²): the login takes any body, unauthenticated.
func (p *problem) unknownMembers(prefix string, ptr []string, se *openapi3.SchemaError) {
	at := joinField(prefix, ptr)
	if p.objects[at] {
		return
	}
	p.objects[at] = true
	obj, ok := se.Value.(map[string]any)
	if !ok || se.Schema == nil {
		p.val.Add(orBody(joinField(prefix, ptr)), "Ungültiger Wert.")
		return
	}
	var names []string
	for name := range obj {
		if _, known := se.Schema.Properties[name]; !known {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		p.val.Add(orBody(joinField(prefix, ptr)), "Ungültiger Wert.")
	}
	for _, name := range names {
		p.val.Add(joinField(prefix, append(ptr[:len(ptr):len(ptr)], name)), "Unbekanntes Feld.")
	}
}

func orBody(f string) string {
	if f == "" {
		return "body"
	}
	return f
}

// joinField renders a JSON pointer as a field path: address.postal_code, members[1].kita_id.
func joinField(prefix string, ptr []string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, p := range ptr {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}
