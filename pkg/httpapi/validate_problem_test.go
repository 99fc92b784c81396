package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/google/go-cmp/cmp"
	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

// validateAgainstSpec runs kin-openapi on one request to the operation at route (echo's
// form) and returns requestProblem's translation of its findings.
func validateAgainstSpec(t *testing.T, method, route, target, contentType, body string, params map[string]string) error {
	t.Helper()
	doc, err := loadSpec(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(method, target, nil)
	if body != "" {
		r = httptest.NewRequest(method, target, strings.NewReader(body))
	}
	if contentType != "" {
		r.Header.Set(echo.HeaderContentType, contentType)
	}
	rt := newValidator(doc).routes[method+" "+route]
	if rt == nil {
		t.Fatalf("no operation %s %s", method, route)
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: rt,
		Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	verr := openapi3filter.ValidateRequest(r.Context(), in)
	if verr == nil {
		t.Fatalf("%s %s %s passed the validator", method, target, body)
	}
	return requestProblem(verr)
}

// fieldMessages returns "field: message" for every field of a validation problem.
func fieldMessages(t *testing.T, err error) []string {
	t.Helper()
	var ce *cert.Error
	if !errors.As(err, &ce) || ce.Code != cert.EINVALID {
		t.Fatalf("want an EINVALID problem, got %v", err)
	}
	out := make([]string, len(ce.Fields))
	for i, f := range ce.Fields {
		out[i] = f.Field + ": " + f.Message
	}
	return out
}

// TestRequestProblemMessages pins the German field and message of every kind of finding
// the translation reads from kin-openapi's typed errors.
func TestRequestProblemMessages(t *testing.T) {
	const json = "application/json"
	catalogue := `{"version":"T1","title":"T","bogus":1,"x_y":null,"areas":[{"code":"1","name":"A","kind":"service","min_points":1,"colour":"rot",` +
		`"criteria":[{"code":"1.1","level":"basic","points":1,"weight":2,"size":3}]}]}`
	tests := []struct {
		name, method, route, target, contentType, body string
		params                                         map[string]string
		want                                           []string
	}{
		{name: "integer parameter not a number", method: "GET", route: "/api/v1/kitas", target: "/api/v1/kitas?limit=abc",
			want: []string{"limit: Falscher Typ; erwartet: ganze Zahl."}},
		{name: "boolean parameter not a boolean", method: "GET", route: "/api/v1/kitas", target: "/api/v1/kitas?include_archived=vielleicht",
			want: []string{"include_archived: Falscher Typ; erwartet: true oder false."}},
		{name: "parameter out of range", method: "GET", route: "/api/v1/kitas", target: "/api/v1/kitas?limit=501",
			want: []string{"limit: Muss zwischen 1 und 500 liegen."}},
		{name: "empty text parameter", method: "GET", route: "/api/v1/kitas", target: "/api/v1/kitas?q=",
			want: []string{"q: Darf nicht leer sein."}},
		{name: "malformed path id", method: "GET", route: "/api/v1/kitas/:id", target: "/api/v1/kitas/xyz", params: map[string]string{"id": "xyz"},
			want: []string{"id: Keine gültige ID (UUID)."}},
		{name: "empty body", method: "POST", route: "/api/v1/providers", target: "/api/v1/providers", contentType: json,
			want: []string{"body: Die Anfrage braucht einen JSON-Inhalt."}},
		{name: "no body, no Content-Type", method: "POST", route: "/api/v1/providers", target: "/api/v1/providers",
			want: []string{"body: Die Anfrage braucht einen JSON-Inhalt."}},
		{name: "malformed JSON", method: "POST", route: "/api/v1/providers", target: "/api/v1/providers", contentType: json, body: `{"name":`,
			want: []string{"body: Kein gültiges JSON."}},
		{name: "unknown and missing members", method: "POST", route: "/api/v1/providers", target: "/api/v1/providers", contentType: json,
			body: `{"name":"x","b":2,"a":1}`, want: []string{"a: Unbekanntes Feld.", "b: Unbekanntes Feld.", "kind: Pflichtfeld."}},
		{name: "unknown members at every depth, each named once", method: "PUT", route: "/api/v1/catalogues/:version",
			target: "/api/v1/catalogues/T1", params: map[string]string{"version": "T1"}, contentType: json, body: catalogue,
			want: []string{"areas[0].colour: Unbekanntes Feld.", "areas[0].criteria[0].size: Unbekanntes Feld.",
				"areas[0].criteria[0].weight: Unbekanntes Feld.", "bogus: Unbekanntes Feld.", "x_y: Unbekanntes Feld."}},
		{name: "null in a body", method: "POST", route: "/api/v1/providers", target: "/api/v1/providers", contentType: json,
			body: `{"name":null,"kind":"awo"}`, want: []string{"name: Darf nicht null sein."}},
		{name: "wrong type in a body", method: "POST", route: "/api/v1/providers", target: "/api/v1/providers", contentType: json,
			body: `{"name":7,"kind":"awo"}`, want: []string{"name: Falscher Typ; erwartet: Text."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validateAgainstSpec(t, tt.method, tt.route, tt.target, tt.contentType, tt.body, tt.params)
			if d := cmp.Diff(tt.want, fieldMessages(t, err)); d != "" {
				t.Errorf("fields (-want +got):\n%s", d)
			}
		})
	}
}

// TestRequestProblemStatus: a body that is not JSON is 415, whatever kin-openapi says.
func TestRequestProblemStatus(t *testing.T) {
	err := validateAgainstSpec(t, "POST", "/api/v1/providers", "/api/v1/providers", "text/plain", `{"name":"x","kind":"x"}`, nil)
	var he *echo.HTTPError
	if !errors.As(err, &he) || he.Code != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain: %v, want 415", err)
	}
}

// TestRequestProblemIgnoresReasons feeds the translation kin-openapi's error types with
// the English reasons left out (or replaced): the problem must be the same, since it is
// built from the types, the schema keyword, the schema and the value only.
func TestRequestProblemIgnoresReasons(t *testing.T) {
	doc, err := loadSpec(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	body := doc.Paths.Find("/api/v1/providers").Post.RequestBody.Value
	schema := body.Content.Get("application/json").Schema.Value
	req := func(contentType string) *openapi3filter.RequestValidationInput {
		r := httptest.NewRequest("POST", "/api/v1/providers", strings.NewReader("x"))
		r.Header.Set(echo.HeaderContentType, contentType)
		return &openapi3filter.RequestValidationInput{Request: r}
	}

	unknown := &openapi3.SchemaError{Value: map[string]any{"name": "x", "kind": "verein", "zz": 1}, Schema: schema,
		SchemaField: "properties", Reason: "ein ganz anderer Text"}
	got := fieldMessages(t, requestProblem(openapi3.MultiError{&openapi3filter.RequestError{Input: req("application/json"),
		RequestBody: body, Err: openapi3.MultiError{unknown, unknown}}}))
	if d := cmp.Diff([]string{"zz: Unbekanntes Feld."}, got); d != "" {
		t.Errorf("unknown member without kin-openapi's reason (-want +got):\n%s", d)
	}

	mediaType := &openapi3filter.RequestError{Input: req("text/plain"), RequestBody: body}
	var he *echo.HTTPError
	if err := requestProblem(mediaType); !errors.As(err, &he) || he.Code != http.StatusUnsupportedMediaType {
		t.Errorf("a Content-Type refused without a reason: %v, want 415", err)
	}

	// A finding the translation does not know is still a 400, never a passed request.
	strange := &openapi3filter.RequestError{Input: req("application/json"), RequestBody: body, Err: errors.New("something new")}
	if d := cmp.Diff([]string{"body: Die Anfrage ist fehlerhaft."}, fieldMessages(t, requestProblem(strange))); d != "" {
		t.Errorf("an unknown finding (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"request: Die Anfrage ist fehlerhaft."}, fieldMessages(t, requestProblem(errors.New("x")))); d != "" {
		t.Errorf("an error of no known type (-want +got):\n%s", d)
	}
}

// TestRequestProblemBounded: the translation does bounded work on a hostile body.
// kin-openapi reports an object with k unknown members k times, each time with the whole
// object; only the first report of an object is looked at (the later ones here carry a
// value that would be named "Ungültiger Wert." if they were), and one error names at most
// cert.MaxFieldErrors fields and says how many more there were.
func TestRequestProblemBounded(t *testing.T) {
	doc, err := loadSpec(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	body := doc.Paths.Find("/api/v1/providers").Post.RequestBody.Value
	schema := body.Content.Get("application/json").Schema.Value
	r := httptest.NewRequest("POST", "/api/v1/providers", strings.NewReader("x"))
	r.Header.Set(echo.HeaderContentType, "application/json")
	in := &openapi3filter.RequestValidationInput{Request: r}

	obj := map[string]any{"name": "x", "kind": "verein"}
	const unknown = 150
	for i := range unknown {
		obj[fmt.Sprintf("k%03d", i)] = i
	}
	reports := openapi3.MultiError{&openapi3.SchemaError{Value: obj, Schema: schema, SchemaField: "properties"}}
	for range unknown - 1 {
		reports = append(reports, &openapi3.SchemaError{Value: "not looked at", Schema: schema, SchemaField: "properties"})
	}
	err = requestProblem(openapi3.MultiError{&openapi3filter.RequestError{Input: in, RequestBody: body, Err: reports}})
	var ce *cert.Error
	if !errors.As(err, &ce) {
		t.Fatalf("got %v, want a *cert.Error", err)
	}
	if len(ce.Fields) != cert.MaxFieldErrors {
		t.Errorf("%d fields, want %d", len(ce.Fields), cert.MaxFieldErrors)
	}
	for _, f := range ce.Fields {
		if f.Message != "Unbekanntes Feld." || !strings.HasPrefix(f.Field, "k") {
			t.Errorf("field %s: %s, want only the unknown members of the first report", f.Field, f.Message)
		}
	}
	if want := "50 weitere sind nicht einzeln genannt"; !strings.Contains(ce.Message, want) {
		t.Errorf("message %q does not say %q", ce.Message, want)
	}
}
