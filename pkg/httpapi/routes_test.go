package httpapi_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/httpapi"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
	"github.com/kitacert/kitacert/pkg/web"
)

// operational routes live outside the contract on purpose.
var operational = map[string]bool{
	"GET /healthz": true, "GET /readyz": true, "GET /metrics": true, "GET /api/openapi.yaml": true,
}

// TestRoutesMatchSpec fails when echo's route table and the OpenAPI document disagree, so
// that no route can be added without its contract (and its request validation).
func TestRoutesMatchSpec(t *testing.T) {
	a := newEnv(t, storetest.Open(t, store.SQLite))
	var routes []string
	for _, r := range a.e.Routes() {
		key := r.Method + " " + r.Path
		if !operational[key] && !strings.HasSuffix(r.Path, "/*") && !web.IsPagePath(r.Path) {
			routes = append(routes, key)
		}
	}
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+httpapi.EchoPath(path))
		}
	}
	sort.Strings(routes)
	sort.Strings(ops)
	if diff := cmp.Diff(ops, routes); diff != "" {
		t.Fatalf("route table and openapi.yaml differ (-spec +routes):\n%s", diff)
	}
}

// TestInternalErrorsShowNoInternals: a database failure gives a 500 problem that tells
// the client nothing about the cause, while the log has it under the request id.
func TestInternalErrorsShowNoInternals(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		if err := a.db.Close(); err != nil {
			t.Fatal(err)
		}
		r := a.do("GET", "/api/v1/kitas", nil, "X-Request-ID", "req-500")
		if r.Status != 500 || r.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("status %d, content type %q", r.Status, r.Header.Get("Content-Type"))
		}
		body := string(r.Body)
		for _, leak := range []string{"sql", "database", "closed", "gorm", "pgx"} {
			if strings.Contains(strings.ToLower(body), leak) {
				t.Errorf("500 body mentions %q: %s", leak, body)
			}
		}
		if p := r.JSON(t); p["type"] != "urn:kitacert:problem:internal" || p["request_id"] != "req-500" {
			t.Errorf("problem = %v", p)
		}
		if !strings.Contains(a.logs.String(), `"request_id":"req-500"`) || !strings.Contains(a.logs.String(), "closed") {
			t.Errorf("log lacks the cause under the request id:\n%s", a.logs)
		}
		if r := a.do("GET", "/readyz", nil); r.Status != 503 {
			t.Errorf("readyz with a closed database = %d, want 503", r.Status)
		}
	})
}
