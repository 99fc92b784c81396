package httpapi_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kitacert/kitacert/api"
)

// specOp is one operation of the spec, as the contract tests walk them.
type specOp struct {
	method, path string
	op           *openapi3.Operation
	pathParams   []string
}

// specOps returns every operation of the embedded spec in a stable order.
func specOps(t *testing.T) []specOp {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	var out []specOp
	for p, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			o := specOp{method: method, path: p, op: op}
			for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
				for _, pr := range ps {
					if pr.Value.In == openapi3.ParameterInPath {
						o.pathParams = append(o.pathParams, pr.Value.Name)
					}
				}
			}
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].method < out[j].path+out[j].method })
	return out
}

// url fills the path parameters: bad for the one named, well-formed unknown values else.
func (o specOp) url(badParam, bad string) string {
	p := o.path
	for _, name := range o.pathParams {
		v := unknownID
		if name == "version" {
			v = "T1"
		}
		if name == "code" {
			v = "9.9"
		}
		if name == badParam {
			v = bad
		}
		p = strings.Replace(p, "{"+name+"}", v, 1)
	}
	return p
}

// TestEveryOperationKeepsTheContract sends each operation of the spec the requests that
// every operation must survive, and checks the status; the harness checks each answer
// against what the spec declares (checkContract), so an undeclared status fails here.
func TestEveryOperationKeepsTheContract(t *testing.T) {
	t.Parallel()
	ops := specOps(t)
	if len(ops) < 50 {
		t.Fatalf("only %d operations in the spec", len(ops))
	}
	eachDB(t, func(t *testing.T, a *env) {
		for _, o := range ops {
			t.Run(o.method+" "+o.path, func(t *testing.T) {
				a := a.in(t)
				var body any
				im := []string{"If-Match", `"1"`}
				if o.op.RequestBody != nil {
					body = obj{}
					if o.op.RequestBody.Value.Content.Get("multipart/form-data") != nil {
						b, ct := multipartPDF(t, "Beleg")
						body, im = b, append(im, "Content-Type", ct)
					}
				}
				if o.op.Security == nil || len(*o.op.Security) > 0 {
					apiCase{name: "no credentials", method: o.method, path: o.url("", ""), body: body,
						headers: append(im, "Authorization", ""), status: 401, problem: "urn:kitacert:problem:unauthorized"}.run(t, a)
				}
				apiCase{name: "unknown parameter", method: o.method, path: o.url("", "") + "?zzz=1", body: body, headers: im,
					status: 400, problem: probValidation, check: func(t *testing.T, r response) {
						if len(fieldMessages(t, r, "zzz")) == 0 {
							t.Errorf("the unknown parameter is not named: %s", r.Body)
						}
					}}.run(t, a)
				for _, name := range o.pathParams {
					apiCase{name: "malformed " + name, method: o.method, path: o.url(name, "%20x"), body: body, headers: im,
						status: 400, problem: probValidation, check: func(t *testing.T, r response) {
							if len(fieldMessages(t, r, name)) == 0 {
								t.Errorf("the malformed %s is not named: %s", name, r.Body)
							}
						}}.run(t, a)
				}
				if len(o.pathParams) > 0 {
					apiCase{name: "extra segment", method: o.method, path: o.url("", "") + "/zzz/zzz", body: body, headers: im,
						status: 404, problem: probNotFound}.run(t, a)
				}
				if body != nil {
					apiCase{name: "not JSON", method: o.method, path: o.url("", ""), body: "name=x", headers: append(im, "Content-Type", "text/plain"),
						status: 415, problem: probMediaType}.run(t, a)
					size := 1 << 20 // the limit of every body, but the uploads' (the file limit and the form)
					if o.op.RequestBody.Value.Content.Get("multipart/form-data") != nil {
						size = int(testEvidenceLimits.MaxFileBytes) + 1<<20
					}
					apiCase{name: "too large", method: o.method, path: o.url("", ""), body: `{"x":"` + strings.Repeat("x", size) + `"}`,
						headers: im, status: 413, problem: probTooLarge}.run(t, a)
				}
			})
		}
	})
}

// TestSpecSchemasSayWhatTheyMean checks rules of OpenAPI 3.0 that kin-openapi does not
// enforce but other tools (Prism, code generators) do: nullable needs a type in the same
// schema (nullable beside allOf or $ref has no effect), a nullable enum lists null, and
// every integer has bounds (a huge number is then a field-level 400, not a decoder error).
func TestSpecSchemasSayWhatTheyMean(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	seen := map[*openapi3.Schema]bool{}
	var walk func(where string, ref *openapi3.SchemaRef)
	walk = func(where string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Nullable && (s.Type == nil || len(*s.Type) == 0) {
			t.Errorf("%s: nullable without a type (has no effect in OpenAPI 3.0)", where)
		}
		if s.Nullable && len(s.Enum) > 0 && !containsNil(s.Enum) {
			t.Errorf("%s: nullable enum without null among its values", where)
		}
		if s.Type.Is("integer") && (s.Min == nil || s.Max == nil) {
			t.Errorf("%s: integer without minimum and maximum", where)
		}
		walk(where+"[]", s.Items)
		walk(where+"{}", s.AdditionalProperties.Schema)
		for k, p := range s.Properties {
			walk(where+"."+k, p)
		}
		for _, r := range append(append(append(openapi3.SchemaRefs{}, s.AllOf...), s.AnyOf...), s.OneOf...) {
			walk(where+"/of", r)
		}
	}
	for name, s := range doc.Components.Schemas {
		walk(name, s)
	}
	for name, p := range doc.Components.Parameters {
		walk("parameter "+name, p.Value.Schema)
	}
	for name, h := range doc.Components.Headers {
		walk("header "+name, h.Value.Schema)
	}
	for p, item := range doc.Paths.Map() {
		for _, pr := range item.Parameters {
			walk(p+" "+pr.Value.Name, pr.Value.Schema)
		}
		for m, op := range item.Operations() {
			for _, pr := range op.Parameters {
				walk(m+" "+p+" "+pr.Value.Name, pr.Value.Schema)
			}
		}
	}
}

func containsNil(vs []any) bool {
	for _, v := range vs {
		if v == nil {
			return true
		}
	}
	return false
}
