package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// obj is a JSON object as the tests send and read it.
type obj = map[string]any

// The stable problem types (see problem.go and docs/api.md). They are spelled out here on
// purpose: a change of a type is a change of the contract and must break a test.
const (
	probValidation   = "urn:kitacert:problem:validation"
	probNotFound     = "urn:kitacert:problem:not-found"
	probConflict     = "urn:kitacert:problem:conflict"
	probStale        = "urn:kitacert:problem:stale"
	probPrecondition = "urn:kitacert:problem:precondition-required"
	probTooLarge     = "urn:kitacert:problem:too-large"
	probMediaType    = "urn:kitacert:problem:unsupported-media-type"
	probMethod       = "urn:kitacert:problem:method-not-allowed"
	probUnavailable  = "urn:kitacert:problem:unavailable"
	probInternal     = "urn:kitacert:problem:internal"
)

// Ids that no row has: well-formed, but unknown.
const (
	unknownID = "01900000-0000-7000-8000-000000000000"
	badID     = "not-a-uuid"
)

// in returns the env bound to t, so that must and do fail the right (sub)test.
func (a *env) in(t *testing.T) *env {
	b := *a
	b.t = t
	return &b
}

// apiCase is one row of a table-driven HTTP test.
type apiCase struct {
	name    string
	method  string
	path    string
	body    any      // nil: none; string: raw; else JSON
	headers []string // pairs
	status  int
	problem string   // the problem type when status >= 400; "" to skip that check
	fields  []string // the distinct error fields (any order); nil: not checked
	check   func(t *testing.T, r response)
}

// run sends the case's request and checks the answer. Successful answers that carry a
// version must carry the matching ETag; errors must be problem+json.
func (c apiCase) run(t *testing.T, a *env) response {
	t.Helper()
	r := a.in(t).do(c.method, c.path, c.body, c.headers...)
	if r.Status != c.status {
		t.Fatalf("%s %s: status %d, want %d\n%s", c.method, c.path, r.Status, c.status, r.Body)
	}
	switch {
	case c.status >= 400:
		checkProblem(t, r, c.status, c.problem, c.fields)
	default:
		checkVersionETag(t, r)
	}
	if c.check != nil {
		c.check(t, r)
	}
	return r
}

// runCases runs each case as a subtest, in order (later rows may depend on earlier ones).
func runCases(t *testing.T, a *env, cases []apiCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, a) })
	}
}

// checkProblem checks an RFC 9457 answer: content type, type, status, instance,
// request_id, and the distinct error fields when fields is not nil.
func checkProblem(t *testing.T, r response, status int, typ string, fields []string) {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p struct {
		Type      string `json:"type"`
		Title     string `json:"title"`
		Status    int    `json:"status"`
		Instance  string `json:"instance"`
		RequestID string `json:"request_id"`
		Errors    []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatalf("problem body is no JSON: %v\n%s", err, r.Body)
	}
	if typ != "" && p.Type != typ {
		t.Errorf("problem type = %q, want %q\n%s", p.Type, typ, r.Body)
	}
	if p.Status != status {
		t.Errorf("problem status = %d, want %d", p.Status, status)
	}
	if p.Title == "" || p.Instance == "" {
		t.Errorf("problem without title or instance: %s", r.Body)
	}
	if p.RequestID == "" || p.RequestID != r.Header.Get("X-Request-ID") {
		t.Errorf("problem request_id %q, X-Request-ID header %q", p.RequestID, r.Header.Get("X-Request-ID"))
	}
	for _, e := range p.Errors {
		if e.Message == "" {
			t.Errorf("error for field %q has no message", e.Field)
		}
	}
	if fields == nil {
		return
	}
	got := []string{}
	seen := map[string]bool{}
	for _, e := range p.Errors {
		if !seen[e.Field] {
			seen[e.Field] = true
			got = append(got, e.Field)
		}
	}
	want := append([]string{}, fields...)
	sort.Strings(got)
	sort.Strings(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("error fields (-want +got):\n%s\n%s", d, r.Body)
	}
}

// checkVersionETag checks that an answer whose body has a version carries it as ETag.
func checkVersionETag(t *testing.T, r response) {
	t.Helper()
	var m map[string]any
	if json.Unmarshal(r.Body, &m) != nil {
		return
	}
	v, ok := m["version"].(float64)
	if !ok {
		return
	}
	if got, want := r.Header.Get("ETag"), quoted(int(v)); got != want {
		t.Errorf("ETag = %q, want %q (the version of the body)", got, want)
	}
}

// quoted renders a version as its ETag.
func quoted(v int) string { return `"` + strconv.Itoa(v) + `"` }

func versionOf(m obj) int {
	v, _ := m["version"].(float64)
	return int(v)
}

func idOf(m obj) string {
	s, _ := m["id"].(string)
	return s
}

// items returns the items of a list answer.
func items(t *testing.T, m obj) []obj {
	t.Helper()
	raw, ok := m["items"].([]any)
	if !ok {
		t.Fatalf("no items in %v", m)
	}
	out := make([]obj, len(raw))
	for i, x := range raw {
		out[i] = x.(obj)
	}
	return out
}

// listIDs returns the ids of a list answer's items.
func listIDs(t *testing.T, m obj) []string {
	t.Helper()
	out := []string{}
	for _, it := range items(t, m) {
		out = append(out, idOf(it))
	}
	return out
}

// wantIDs returns a check that the list answer holds exactly ids, in order.
func wantIDs(ids ...string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		if ids == nil {
			ids = []string{}
		}
		if d := cmp.Diff(ids, listIDs(t, r.JSON(t))); d != "" {
			t.Errorf("listed ids (-want +got):\n%s", d)
		}
	}
}

// wantJSON returns a check that the body has these top-level values (compared as JSON).
func wantJSON(want obj) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		got := r.JSON(t)
		sub := obj{}
		for k := range want {
			sub[k] = got[k]
		}
		if d := cmp.Diff(normJSON(t, want), normJSON(t, sub)); d != "" {
			t.Errorf("body (-want +got):\n%s", d)
		}
	}
}

// normJSON round-trips v through JSON so that Go values compare like decoded ones.
func normJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// ---- fixtures ----

var seq atomic.Int64

// uniq returns a string unique in this test binary, for codes and KiBiz ids.
func uniq(prefix string) string { return fmt.Sprintf("%s%d", prefix, seq.Add(1)) }

// merge returns base with the overrides applied; a nil override value deletes the key.
func merge(base obj, over ...obj) obj {
	out := obj{}
	for k, v := range base {
		out[k] = v
	}
	for _, o := range over {
		for k, v := range o {
			if v == nil {
				delete(out, k)
				continue
			}
			out[k] = v
		}
	}
	return out
}

func (a *env) youthOffice(over ...obj) obj {
	a.t.Helper()
	return a.must(http.StatusCreated, "POST", "/api/v1/youth-offices",
		merge(obj{"name": "Jugendamt Düsseldorf", "code": uniq("05111"), "region": "rheinland"}, over...))
}

func (a *env) provider(over ...obj) obj {
	a.t.Helper()
	return a.must(http.StatusCreated, "POST", "/api/v1/providers", merge(obj{"name": "AWO Düsseldorf", "kind": "awo"}, over...))
}

func address(street, postal, city string) obj {
	return obj{"street": street, "postal_code": postal, "city": city}
}

func (a *env) kita(yo, pr obj, over ...obj) obj {
	a.t.Helper()
	return a.must(http.StatusCreated, "POST", "/api/v1/kitas", merge(obj{
		"name": "Kita Sonnenschein", "provider_id": idOf(pr), "youth_office_id": idOf(yo),
		"address": address("Kirchplatz 1", "40210", "Düsseldorf"),
	}, over...))
}

// kitas creates n Kitas named prefix 1..n.
func (a *env) kitas(n int, yo, pr obj, prefix string) []obj {
	a.t.Helper()
	out := make([]obj, n)
	for i := range out {
		out[i] = a.kita(yo, pr, obj{"name": fmt.Sprintf("%s %d", prefix, i+1)})
	}
	return out
}

// members builds a center's member list: the first Kita is the grant recipient, the rest members.
func members(ks ...obj) []obj {
	out := make([]obj, len(ks))
	for i, k := range ks {
		role := "member"
		if i == 0 {
			role = "grant_recipient"
		}
		out[i] = obj{"kita_id": idOf(k), "role": role}
	}
	return out
}

func (a *env) center(kind, name string, ms []obj, over ...obj) obj {
	a.t.Helper()
	return a.must(http.StatusCreated, "POST", "/api/v1/centers", merge(obj{"kind": kind, "name": name, "members": ms}, over...))
}

func (a *env) contact(owner string, ownerID string, over ...obj) obj {
	a.t.Helper()
	return a.must(http.StatusCreated, "POST", "/api/v1/contacts", merge(obj{
		"name": "Erika Mustermann", "email": "erika@example.org", "function": "other", owner: ownerID,
	}, over...))
}

// get reads a resource and returns its body.
func (a *env) get(path string) obj {
	a.t.Helper()
	return a.must(http.StatusOK, "GET", path, nil)
}
