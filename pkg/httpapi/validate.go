package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/cert"
)

// validator checks every request against the OpenAPI document. It finds the operation by
// echo's matched route, so no second router is needed.
type validator struct {
	routes map[string]*routers.Route  // "METHOD /echo/:path"
	query  map[string]map[string]bool // the query parameters each route declares
}

// validateOptions are the same for every request: all problems at once; authentication is
// the authenticate middleware's.
var validateOptions = &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}

// uploadOptions are validateOptions without the request body.
var uploadOptions = &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: true}

// isUpload reports whether the request is a document upload (API or page): a multipart
// POST to a criterion's documents.
func isUpload(c echo.Context) bool {
	return c.Request().Method == http.MethodPost && strings.HasSuffix(c.Path(), "/criteria/:code/documents") &&
		strings.HasPrefix(c.Request().Header.Get("Content-Type"), "multipart/form-data")
}

// loadSpec parses and validates the OpenAPI document.
func loadSpec(spec []byte) (*openapi3.T, error) {
	registerFormats()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("load openapi spec: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi spec is invalid: %w", err)
	}
	forbidControlChars(doc)
	return doc, nil
}

func newValidator(doc *openapi3.T) *validator {
	v := &validator{routes: map[string]*routers.Route{}, query: map[string]map[string]bool{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + EchoPath(path)
			v.routes[key] = &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}
			v.query[key] = queryParams(v.routes[key])
		}
	}
	return v
}

// EchoPath turns an OpenAPI path template (/kitas/{id}) into echo's form (/kitas/:id).
func EchoPath(p string) string {
	return strings.NewReplacer("{", ":", "}", "").Replace(p)
}

func (v *validator) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := c.Request().Method + " " + c.Path()
		route, ok := v.routes[key]
		if !ok {
			return next(c)
		}
		if paramSpansSegments(c) {
			return echo.ErrNotFound
		}
		params := make(map[string]string, len(c.ParamNames()))
		for i, name := range c.ParamNames() {
			params[name] = c.ParamValues()[i]
		}
		in := &openapi3filter.RequestValidationInput{
			Request: c.Request(), PathParams: params, Route: route, Options: validateOptions,
		}
		if isUpload(c) {
			// A multipart upload is read as a stream by its handler, never into memory
			// here; its parts are checked there (ReadUpload).
			in.Options = uploadOptions
		}
		var unknown []string
		if c.Request().URL.RawQuery != "" {
			unknown = unknownQueryParams(v.query[key], c.QueryParams())
		}
		err := openapi3filter.ValidateRequest(c.Request().Context(), in)
		if err == nil && len(unknown) == 0 {
			return next(c)
		}
		if err == nil {
			return unknownProblem(unknown, nil)
		}
		out := requestProblem(err)
		if ce, ok := out.(*cert.Error); ok {
			return unknownProblem(unknown, ce)
		}
		return out
	}
}

// paramSpansSegments reports whether echo let the last path parameter run over slashes,
// which it does when nothing else matches (/users/{id}/tokens matches /users/{id} with
// the id "…/tokens"). Such an address does not exist: 404, never "malformed id" or 405.
func paramSpansSegments(c echo.Context) bool {
	route := c.Path()
	return route != "" && strings.Count(c.Request().URL.EscapedPath(), "/") > strings.Count(route, "/")
}

// queryParams returns the names of the query parameters that the operation declares.
func queryParams(route *routers.Route) map[string]bool {
	known := map[string]bool{}
	for _, ps := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, p := range ps {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				known[p.Value.Name] = true
			}
		}
	}
	return known
}

// unknownQueryParams lists the query parameters that the operation does not declare
// (known, from queryParams): a misspelt or invented filter (?open=true where there is
// none) must not silently return everything.
func unknownQueryParams(known map[string]bool, q url.Values) []string {
	var out []string
	for name := range q {
		if !known[name] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// unknownProblem adds one entry per unknown parameter to the validation problem ce (nil:
// a new one).
func unknownProblem(unknown []string, ce *cert.Error) error {
	if ce == nil {
		ce = &cert.Error{Code: cert.EINVALID, Message: "Die Eingaben sind unvollständig oder fehlerhaft."}
	}
	for _, name := range unknown {
		ce.Fields = append(ce.Fields, cert.FieldError{Field: name, Message: "Unbekannter Parameter; diese Adresse kennt ihn nicht."})
	}
	sort.SliceStable(ce.Fields, func(i, j int) bool { return ce.Fields[i].Field < ce.Fields[j].Field })
	return ce
}
