package httpapi_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/kitacert/kitacert/api"
)

// specRouter finds the operation of a request in the embedded spec, for checking answers.
var specRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		return nil, err
	}
	return legacy.NewRouter(doc)
})

// checkContract fails t when an answer of an operation of the spec does not match what
// the spec declares for it: an undeclared status, a missing required header, a body that
// breaks its schema. Every request of the harness goes through it, so the spec and the
// server cannot drift apart unnoticed. Addresses the spec does not describe (unknown
// paths, unknown methods, /healthz) are not checked.
func checkContract(t *testing.T, req *http.Request, r response) {
	t.Helper()
	if err := contractError(req, r); err != nil {
		t.Errorf("CONTRACT %s %s: answer %d breaks the spec: %v\n%s", req.Method, req.URL, r.Status, err, r.Body)
	}
}

// contractError validates one answer against the spec; nil for addresses it does not describe.
func contractError(req *http.Request, r response) error {
	router, err := specRouter()
	if err != nil {
		return err
	}
	route, params, err := router.FindRoute(req)
	var re *routers.RouteError
	if errors.As(err, &re) {
		return nil
	}
	if err != nil {
		return err
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 r.Status,
		Header:                 r.Header,
		Body:                   io.NopCloser(bytes.NewReader(r.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// TestContractCheckCatches shows that the check of every answer can fail: an undeclared
// status, a body that breaks its schema and a missing required header are caught; a
// declared answer and an address outside the spec pass.
func TestContractCheckCatches(t *testing.T) {
	problem := []byte(`{"type":"urn:kitacert:problem:validation","title":"x","status":400}`)
	pj := http.Header{"Content-Type": {"application/problem+json"}}
	js := http.Header{"Content-Type": {"application/json"}}
	for _, c := range []struct {
		name, method, path string
		r                  response
		ok                 bool
	}{
		{"declared problem", "GET", kitasPath, response{Status: 400, Header: pj, Body: problem}, true},
		{"undeclared status", "GET", kitasPath, response{Status: 418, Header: pj, Body: problem}, false},
		{"body breaks the schema", "GET", kitasPath, response{Status: 200, Header: js, Body: []byte(`{"items":[{"name":1}]}`)}, false},
		{"missing ETag", "GET", kitasPath + "/" + unknownID, response{Status: 200, Header: js, Body: []byte(`{}`)}, false},
		{"not in the spec", "GET", "/healthz", response{Status: 418}, true},
	} {
		err := contractError(httptest.NewRequest(c.method, c.path, nil), c.r)
		if (err == nil) != c.ok {
			t.Errorf("%s: error %v, want ok=%v", c.name, err, c.ok)
		}
	}
}
