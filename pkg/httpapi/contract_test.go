package httpapi_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
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
	router, err := specRouter()
	if err != nil {
		t.Fatalf("load spec: %v", err)
	}
	route, params, err := router.FindRoute(req)
	var re *routers.RouteError
	if errors.As(err, &re) {
		return
	}
	if err != nil {
		t.Fatalf("find route of %s %s: %v", req.Method, req.URL, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 r.Status,
		Header:                 r.Header,
		Body:                   io.NopCloser(bytes.NewReader(r.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("CONTRACT %s %s (%s): answer %d breaks the spec: %v\n%s", req.Method, route.Path, req.URL, r.Status, err, r.Body)
	}
}
