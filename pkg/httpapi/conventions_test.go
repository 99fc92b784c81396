package httpapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/httpapi"
)

// world is one object of every kind, for the tests that go over every endpoint.
type world struct {
	yo, pr, kita, kita2, center, contact obj
}

func (a *env) world() world {
	a.t.Helper()
	var w world
	w.yo, w.pr = a.youthOffice(), a.provider()
	w.kita = a.kita(w.yo, w.pr, obj{"name": "Kita Eins"})
	w.kita2 = a.kita(w.yo, w.pr, obj{"name": "Kita Zwei"})
	w.center = a.center("single", "Familienzentrum", members(w.kita))
	w.contact = a.contact("kita_id", idOf(w.kita))
	return w
}

// bodyEndpoint is an operation that takes a JSON body, with a body it accepts.
type bodyEndpoint struct {
	name, method, path string
	valid              obj
	headers            []string
}

func (w world) bodyEndpoints() []bodyEndpoint {
	im := []string{"If-Match", `"1"`}
	return []bodyEndpoint{
		{"createYouthOffice", "POST", youthOfficesPath, obj{"name": "JA", "code": uniq("C"), "region": "rheinland"}, nil},
		{"updateYouthOffice", "PATCH", youthOfficesPath + "/" + idOf(w.yo), obj{"name": "JA"}, im},
		{"createProvider", "POST", providersPath, obj{"name": "Träger", "kind": "other"}, nil},
		{"updateProvider", "PATCH", providersPath + "/" + idOf(w.pr), obj{"name": "Träger"}, im},
		{"createKita", "POST", kitasPath, obj{"name": "K", "provider_id": idOf(w.pr), "youth_office_id": idOf(w.yo),
			"address": address("A 1", "40210", "Düsseldorf")}, nil},
		{"updateKita", "PATCH", kitasPath + "/" + idOf(w.kita), obj{"district": ""}, im},
		{"createCenter", "POST", centersPath, obj{"kind": "single", "name": "FZ", "members": members(w.kita2)}, nil},
		{"updateCenter", "PATCH", centersPath + "/" + idOf(w.center), obj{"name": "FZ"}, im},
		{"addCenterMember", "POST", centersPath + "/" + idOf(w.center) + "/members", obj{"kita_id": idOf(w.kita2), "role": "member"}, nil},
		{"updateCenterMember", "PATCH", centersPath + "/" + idOf(w.center) + "/members/" + idOf(w.kita), obj{"role": "grant_recipient"}, im},
		{"createContact", "POST", contactsPath, obj{"name": "N", "email": "n@example.org", "function": "other", "kita_id": idOf(w.kita)}, nil},
		{"updateContact", "PATCH", contactsPath + "/" + idOf(w.contact), obj{"phone": ""}, im},
	}
}

// TestRequestBodies sends every operation with a body the bodies it must refuse.
func TestRequestBodies(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		w := a.world()
		tooBig := `{"name":"` + strings.Repeat("x", httpapi.MaxBodyBytes) + `"}`
		var cases []apiCase
		for _, ep := range w.bodyEndpoints() {
			row := func(name string, body any, headers []string, status int, problem string, fields ...string) apiCase {
				var f []string
				if fields != nil {
					f = fields
				}
				return apiCase{name: ep.name + "/" + name, method: ep.method, path: ep.path, body: body,
					headers: append(append([]string{}, ep.headers...), headers...), status: status, problem: problem, fields: f}
			}
			cases = append(cases,
				row("unknown field", merge(ep.valid, obj{"bogus": 1}), nil, 400, probValidation, "bogus"),
				row("two unknown fields", mustJSON(ep.valid)[:len(mustJSON(ep.valid))-1]+`,"bogus":1,"x_y":null}`, nil, 400, probValidation, "bogus", "x_y"),
				row("malformed JSON", `{"name": "x",`, nil, 400, probValidation, "body"),
				row("not JSON at all", `name=x`, nil, 400, probValidation, "body"),
				row("trailing garbage after the object", mustJSON(ep.valid)+`xyz`, nil, 400, probValidation, "body"),
				row("array instead of object", `[]`, nil, 400, probValidation, "body"),
				row("null body", `null`, nil, 400, probValidation, "body"),
				row("empty body", ``, nil, 400, probValidation, "body"),
				row("no body and no Content-Type", nil, nil, 400, probValidation, "body"),
				row("text/plain", mustJSON(ep.valid), []string{"Content-Type", "text/plain"}, 415, probMediaType),
				row("form encoded", "name=x", []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, probMediaType),
				row("over 1 MiB", tooBig, nil, 413, probTooLarge),
			)
		}
		runCases(t, a, cases)

		// Nothing of the refused requests was stored.
		for _, p := range []string{youthOfficesPath, providersPath, kitasPath, centersPath, contactsPath} {
			for _, it := range items(t, a.get(p+"?include_archived=true")) {
				if versionOf(it) != 1 {
					t.Errorf("%s %s changed to version %d", p, idOf(it), versionOf(it))
				}
			}
		}
		if n := len(items(t, a.get(youthOfficesPath))); n != 1 {
			t.Errorf("%d youth offices, want 1", n)
		}
	})
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestBodyLimit checks the 1 MiB limit at its edge, with and without a Content-Length.
func TestBodyLimit(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		pad := func(json string, size int) string {
			return json[:len(json)-1] + strings.Repeat(" ", size-len(json)) + "}"
		}
		exact := pad(`{"name":"Groß","kind":"awo"}`, httpapi.MaxBodyBytes)
		over := pad(`{"name":"Groß","kind":"awo"}`, httpapi.MaxBodyBytes+1)
		if len(exact) != 1<<20 || len(over) != 1<<20+1 {
			t.Fatalf("sizes %d %d", len(exact), len(over))
		}
		runCases(t, a, []apiCase{
			{name: "exactly 1 MiB", method: "POST", path: providersPath, body: exact, status: 201, check: wantJSON(obj{"name": "Groß"})},
			{name: "1 MiB and a byte", method: "POST", path: providersPath, body: over, status: 413, problem: probTooLarge},
			{name: "1 MiB and a byte on PATCH", method: "PATCH", path: providersPath + "/" + unknownID, body: over,
				headers: []string{"If-Match", `"1"`}, status: 413, problem: probTooLarge},
		})
		for _, size := range []int{httpapi.MaxBodyBytes, httpapi.MaxBodyBytes + 1} {
			t.Run(fmt.Sprintf("chunked %d bytes", size), func(t *testing.T) {
				req := httptest.NewRequest("POST", providersPath, strings.NewReader(pad(`{"name":"Groß","kind":"awo"}`, size)))
				req.ContentLength = -1 // sent without a length, as with Transfer-Encoding: chunked
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+a.token)
				rec := httptest.NewRecorder()
				a.e.ServeHTTP(rec, req)
				want := 201
				if size > httpapi.MaxBodyBytes {
					want = 413
				}
				if rec.Code != want {
					t.Fatalf("status %d, want %d: %s", rec.Code, want, rec.Body)
				}
				if want == 413 {
					checkProblem(t, response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}, 413, probTooLarge, nil)
				}
			})
		}
	})
}

// TestPathIDs covers every operation with ids in its path: a malformed id is a 400 that
// names the parameter, an unknown one a 404.
func TestPathIDs(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		w := a.world()
		type op struct {
			method, path string // path with %s for the id
			body         any
		}
		im := []string{"If-Match", `"1"`}
		var cases []apiCase
		for _, res := range []struct {
			path  string
			patch obj
		}{
			{youthOfficesPath, obj{"name": "X"}}, {providersPath, obj{"name": "X"}}, {kitasPath, obj{"district": "X"}},
			{centersPath, obj{"name": "X"}}, {contactsPath, obj{"phone": "1"}},
		} {
			for _, o := range []op{{"GET", res.path + "/%s", nil}, {"PATCH", res.path + "/%s", res.patch}, {"POST", res.path + "/%s/archive", nil}} {
				cases = append(cases,
					apiCase{name: o.method + " " + o.path + " malformed", method: o.method, path: fmt.Sprintf(o.path, badID), body: o.body,
						headers: im, status: 400, problem: probValidation, fields: []string{"id"}},
					apiCase{name: o.method + " " + o.path + " unknown", method: o.method, path: fmt.Sprintf(o.path, unknownID), body: o.body,
						headers: im, status: 404, problem: probNotFound},
					apiCase{name: o.method + " " + o.path + " nil uuid", method: o.method, path: fmt.Sprintf(o.path, "00000000-0000-0000-0000-000000000000"),
						body: o.body, headers: im, status: 404, problem: probNotFound},
				)
			}
		}
		center, kita := idOf(w.center), idOf(w.kita)
		for _, o := range []op{
			{"GET", centersPath + "/%s/members", nil},
			{"POST", centersPath + "/%s/members", obj{"kita_id": idOf(w.kita2), "role": "member"}},
			{"PATCH", centersPath + "/%s/members/" + kita, obj{"role": "grant_recipient"}},
			{"DELETE", centersPath + "/%s/members/" + kita, nil},
		} {
			cases = append(cases,
				apiCase{name: o.method + " " + o.path + " malformed center", method: o.method, path: fmt.Sprintf(o.path, badID), body: o.body,
					headers: im, status: 400, problem: probValidation, fields: []string{"id"}},
				apiCase{name: o.method + " " + o.path + " unknown center", method: o.method, path: fmt.Sprintf(o.path, unknownID), body: o.body,
					headers: im, status: 404, problem: probNotFound},
			)
		}
		for _, o := range []op{
			{"PATCH", centersPath + "/" + center + "/members/%s", obj{"role": "grant_recipient"}},
			{"DELETE", centersPath + "/" + center + "/members/%s", nil},
		} {
			cases = append(cases,
				apiCase{name: o.method + " members malformed kita_id", method: o.method, path: fmt.Sprintf(o.path, badID), body: o.body,
					headers: im, status: 400, problem: probValidation, fields: []string{"kita_id"}},
				apiCase{name: o.method + " members unknown kita_id", method: o.method, path: fmt.Sprintf(o.path, unknownID), body: o.body,
					headers: im, status: 404, problem: probNotFound},
				apiCase{name: o.method + " members both malformed", method: o.method, path: fmt.Sprintf(strings.Replace(o.path, center, badID, 1), badID),
					body: o.body, headers: im, status: 400, problem: probValidation, fields: []string{"id", "kita_id"}},
			)
		}
		runCases(t, a, cases)
	})
}

// TestPreconditions covers If-Match on every changing operation: PATCH needs it (428), a
// stale one gives 412 everywhere, and "*" or the weak form of the current tag pass.
func TestPreconditions(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		w := a.world()
		type op struct {
			name, method, path string
			body               any
			required           bool
			resource           string // the resource whose ETag the operation checks
		}
		c := centersPath + "/" + idOf(w.center)
		ops := []op{
			{"updateYouthOffice", "PATCH", youthOfficesPath + "/" + idOf(w.yo), obj{"name": "X"}, true, youthOfficesPath + "/" + idOf(w.yo)},
			{"updateProvider", "PATCH", providersPath + "/" + idOf(w.pr), obj{"name": "X"}, true, providersPath + "/" + idOf(w.pr)},
			{"updateKita", "PATCH", kitasPath + "/" + idOf(w.kita), obj{"district": "X"}, true, kitasPath + "/" + idOf(w.kita)},
			{"updateCenter", "PATCH", c, obj{"name": "X"}, true, c},
			{"updateCenterMember", "PATCH", c + "/members/" + idOf(w.kita), obj{"role": "grant_recipient"}, true, c},
			{"updateContact", "PATCH", contactsPath + "/" + idOf(w.contact), obj{"phone": "1"}, true, contactsPath + "/" + idOf(w.contact)},
			{"archiveYouthOffice", "POST", youthOfficesPath + "/" + idOf(w.yo) + "/archive", nil, false, ""},
			{"archiveProvider", "POST", providersPath + "/" + idOf(w.pr) + "/archive", nil, false, ""},
			{"archiveKita", "POST", kitasPath + "/" + idOf(w.kita) + "/archive", nil, false, ""},
			{"archiveCenter", "POST", c + "/archive", nil, false, ""},
			{"addCenterMember", "POST", c + "/members", obj{"kita_id": idOf(w.kita2), "role": "member"}, false, ""},
			{"removeCenterMember", "DELETE", c + "/members/" + idOf(w.kita), nil, false, ""},
			{"archiveContact", "POST", contactsPath + "/" + idOf(w.contact) + "/archive", nil, false, ""},
		}
		var cases []apiCase
		for _, o := range ops {
			if o.required {
				cases = append(cases, apiCase{name: o.name + " without If-Match", method: o.method, path: o.path, body: o.body,
					status: 428, problem: probPrecondition})
			}
			for _, tag := range []string{`"2"`, `"0"`, `W/"2"`, `1`, `"abc"`, `""`} {
				cases = append(cases, apiCase{name: o.name + " If-Match " + tag, method: o.method, path: o.path, body: o.body,
					headers: []string{"If-Match", tag}, status: 412, problem: probStale})
			}
		}
		runCases(t, a, cases)

		// Nothing changed; the current tag passes in its strong and weak form, and "*".
		for _, o := range ops[:6] {
			t.Run(o.name+" current tag", func(t *testing.T) {
				a := a.in(t)
				if v := versionOf(a.get(o.resource)); v != 1 && o.name != "updateCenterMember" {
					t.Errorf("version %d after refused changes, want 1", v)
				}
				for _, tag := range []string{"strong", "weak", "*"} {
					v := versionOf(a.get(o.resource))
					h := map[string]string{"strong": quoted(v), "weak": "W/" + quoted(v), "*": "*"}[tag]
					a.must(200, o.method, o.path, o.body, "If-Match", h)
				}
			})
		}
	})
}

// TestPagination covers limit and cursor on every list.
func TestPagination(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		created := map[string][]string{youthOfficesPath: {idOf(yo)}, providersPath: {idOf(pr)}}
		for i := range 4 {
			created[youthOfficesPath] = append(created[youthOfficesPath], idOf(a.youthOffice(obj{"name": fmt.Sprintf("JA %d", i)})))
			created[providersPath] = append(created[providersPath], idOf(a.provider(obj{"name": fmt.Sprintf("Träger %d", i)})))
		}
		for i := range 5 {
			k := a.kita(yo, pr, obj{"name": fmt.Sprintf("Kita %d", i)})
			created[kitasPath] = append(created[kitasPath], idOf(k))
			created[centersPath] = append(created[centersPath], idOf(a.center("single", fmt.Sprintf("FZ %d", i), members(k))))
			created[contactsPath] = append(created[contactsPath], idOf(a.contact("kita_id", idOf(k))))
		}
		notUUID := base64.RawURLEncoding.EncodeToString([]byte("hello"))
		for _, p := range []string{youthOfficesPath, providersPath, kitasPath, centersPath, contactsPath} {
			t.Run(p, func(t *testing.T) {
				bad := func(query, field string) apiCase {
					return apiCase{name: query, method: "GET", path: p + "?" + query, status: 400, problem: probValidation, fields: []string{field}}
				}
				runCases(t, a, []apiCase{
					bad("limit=0", "limit"),
					bad("limit=501", "limit"),
					bad("limit=-1", "limit"),
					bad("limit=abc", "limit"),
					bad("limit=1.5", "limit"),
					bad("cursor=%21%21%21", "cursor"),
					bad("cursor="+notUUID, "cursor"),
					bad("cursor="+strings.Repeat("A", 201), "cursor"),
					{name: "limit=500", method: "GET", path: p + "?limit=500", status: 200, check: wantIDs(created[p]...)},
					{name: "limit=1", method: "GET", path: p + "?limit=1", status: 200,
						check: func(t *testing.T, r response) {
							m := r.JSON(t)
							wantIDs(created[p][0])(t, r)
							if m["next_cursor"] == nil {
								t.Error("no next_cursor although more items follow")
							}
						}},
				})
				for _, limit := range []int{1, 2, 3, 5} {
					t.Run(fmt.Sprintf("walk limit=%d", limit), func(t *testing.T) {
						got, pages := walk(a.in(t), p, "limit="+fmt.Sprint(limit))
						if d := cmp.Diff(created[p], got); d != "" {
							t.Errorf("walked ids (-created +got):\n%s", d)
						}
						if want := (len(created[p]) + limit - 1) / limit; pages != want {
							t.Errorf("%d pages, want %d", pages, want)
						}
					})
				}
			})
		}
	})
}

// walk follows next_cursor from the first page to the last and returns every id seen and
// the number of pages. It fails on an empty page or a page that repeats an id.
func walk(a *env, path, query string) ([]string, int) {
	a.t.Helper()
	var ids []string
	seen := map[string]bool{}
	cursor := ""
	pages := 0
	for {
		q := query
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		m := a.must(200, "GET", path+"?"+strings.TrimPrefix(q, "&"), nil)
		pages++
		page := listIDs(a.t, m)
		if len(page) == 0 {
			a.t.Fatalf("page %d is empty", pages)
		}
		for _, id := range page {
			if seen[id] {
				a.t.Errorf("id %s listed twice", id)
			}
			seen[id] = true
			ids = append(ids, id)
		}
		next, ok := m["next_cursor"].(string)
		if !ok {
			if _, present := m["next_cursor"]; present {
				a.t.Errorf("next_cursor is %v, want absent", m["next_cursor"])
			}
			return ids, pages
		}
		if next == "" || pages > 1000 {
			a.t.Fatalf("next_cursor %q on page %d", next, pages)
		}
		cursor = next
	}
}

// TestPaginationDefault lists more items than fit on a default page.
func TestPaginationDefault(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		var ids []string
		for i := range 120 {
			ids = append(ids, idOf(a.youthOffice(obj{"name": fmt.Sprintf("Jugendamt %03d", i)})))
		}
		// Archived ones are skipped by the pages unless asked for.
		var archived []string
		for _, i := range []int{0, 49, 50, 51, 119} {
			a.must(200, "POST", youthOfficesPath+"/"+ids[i]+"/archive", nil)
			archived = append(archived, ids[i])
		}
		active := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return slices.Contains(archived, id) })

		first := a.get(youthOfficesPath)
		if n := len(items(t, first)); n != 50 {
			t.Errorf("default page has %d items, want 50", n)
		}
		if first["next_cursor"] == nil {
			t.Error("default page without next_cursor")
		}
		got, pages := walk(a, youthOfficesPath, "")
		if d := cmp.Diff(active, got); d != "" {
			t.Errorf("default walk (-want +got):\n%s", d)
		}
		if pages != 3 {
			t.Errorf("%d pages, want 3", pages)
		}
		got, pages = walk(a, youthOfficesPath, "include_archived=true")
		if d := cmp.Diff(ids, got); d != "" {
			t.Errorf("walk with archived (-want +got):\n%s", d)
		}
		if pages != 3 {
			t.Errorf("%d pages with archived, want 3", pages)
		}
		got, pages = walk(a, youthOfficesPath, "limit=23&q=jugendamt")
		if d := cmp.Diff(active, got); d != "" || pages != 5 {
			t.Errorf("walk with limit 23 (%d pages) (-want +got):\n%s", pages, d)
		}
		// A page that ends exactly at the last item has no next_cursor.
		got, pages = walk(a, youthOfficesPath, "limit=23&include_archived=true&q=jugendamt%2011")
		if len(got) != 10 || pages != 1 {
			t.Errorf("q=jugendamt 11: %d items in %d pages", len(got), pages)
		}
		m := a.get(youthOfficesPath + "?limit=500&include_archived=true")
		if n := len(items(t, m)); n != 120 || m["next_cursor"] != nil {
			t.Errorf("limit=500: %d items, next_cursor %v", n, m["next_cursor"])
		}
		m = a.get(youthOfficesPath + "?limit=115")
		if n := len(items(t, m)); n != 115 || m["next_cursor"] != nil {
			t.Errorf("limit=115 with 115 active: %d items, next_cursor %v", n, m["next_cursor"])
		}
	})
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestRequestID(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		for _, tc := range []struct {
			name, path, sent string
			echoed           bool
			status           int
		}{
			{"generated on success", kitasPath, "", false, 200},
			{"generated on error", kitasPath + "/" + badID, "", false, 400},
			{"generated on an unknown route", "/api/nope", "", false, 404},
			{"generated on health", "/healthz", "", false, 200},
			{"echoed", kitasPath, "req-4711.abc:def_1", true, 200},
			{"echoed on error", kitasPath + "/" + unknownID, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true, 404},
			{"too long is replaced", kitasPath, strings.Repeat("a", 65), false, 200},
			{"blanks are replaced", kitasPath, "a b", false, 200},
			{"log forgery is replaced", kitasPath, `x" level=ERROR msg="boom`, false, 200},
			{"non-ASCII is replaced", kitasPath, "anfrage-äöü", false, 200},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var h []string
				if tc.sent != "" {
					h = []string{"X-Request-ID", tc.sent}
				}
				r := a.in(t).do("GET", tc.path, nil, h...)
				if r.Status != tc.status {
					t.Fatalf("status %d, want %d", r.Status, tc.status)
				}
				got := r.Header.Get("X-Request-ID")
				switch {
				case tc.echoed && got != tc.sent:
					t.Errorf("X-Request-ID = %q, want %q echoed", got, tc.sent)
				case !tc.echoed && !uuidRE.MatchString(got):
					t.Errorf("X-Request-ID = %q, want a generated UUID", got)
				}
				if tc.status >= 400 {
					checkProblem(t, r, tc.status, "", nil) // request_id in the body equals the header
				}
				if !strings.Contains(a.logs.String(), `"request_id":"`+got+`"`) {
					t.Errorf("request id %q is not in the access log", got)
				}
			})
		}
		r1, r2 := a.do("GET", kitasPath, nil), a.do("GET", kitasPath, nil)
		if r1.Header.Get("X-Request-ID") == r2.Header.Get("X-Request-ID") {
			t.Error("two requests got the same generated id")
		}
	})
}

// TestProblems checks answers that no handler produces: unknown routes and methods.
func TestProblems(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		w := a.world()
		runCases(t, a, []apiCase{
			{name: "unknown route", method: "GET", path: "/api/v1/nothing", status: 404, problem: probNotFound},
			{name: "unknown sub-resource", method: "GET", path: kitasPath + "/" + idOf(w.kita) + "/members", status: 404, problem: probNotFound},
			{name: "API root", method: "GET", path: "/api/v1", status: 404, problem: probNotFound},
			{name: "DELETE on a Kita", method: "DELETE", path: kitasPath + "/" + idOf(w.kita), status: 405, problem: probMethod,
				check: func(t *testing.T, r response) {
					allow := r.Header.Get("Allow")
					if !strings.Contains(allow, "GET") || !strings.Contains(allow, "PATCH") {
						t.Errorf("Allow = %q, want GET and PATCH", allow)
					}
				}},
			{name: "PUT on a Kita", method: "PUT", path: kitasPath + "/" + idOf(w.kita), body: obj{"name": "X"}, status: 405, problem: probMethod},
			{name: "GET on archive", method: "GET", path: contactsPath + "/" + idOf(w.contact) + "/archive", status: 405, problem: probMethod},
			{name: "DELETE on a list", method: "DELETE", path: providersPath, status: 405, problem: probMethod},
			{name: "POST on healthz", method: "POST", path: "/healthz", status: 405, problem: probMethod},
			{name: "nothing was deleted", method: "GET", path: kitasPath + "/" + idOf(w.kita), status: 200},
		})
	})
}

func TestHealth(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		runCases(t, a, []apiCase{
			{name: "healthz", method: "GET", path: "/healthz", status: 200, check: wantJSON(obj{"status": "ok"})},
			{name: "readyz", method: "GET", path: "/readyz", status: 200,
				check: wantJSON(obj{"status": "ok", "checks": obj{"database": "ok", "schema": "ok"}})},
		})
		// A database newer than the code: a migration this binary does not know.
		if err := a.db.Gorm().Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			999, "from_the_future", testNow).Error; err != nil {
			t.Fatal(err)
		}
		// schemaProblem checks that a 503 names the database as fine and the schema as the
		// problem, with the version found.
		schemaProblem := func(version string) func(t *testing.T, r response) {
			return func(t *testing.T, r response) {
				t.Helper()
				checks, _ := r.JSON(t)["checks"].(obj)
				if checks["database"] != "ok" || checks["schema"] == "ok" || !strings.Contains(fmt.Sprint(checks["schema"]), version) {
					t.Errorf("readyz checks: %s", r.Body)
				}
			}
		}
		runCases(t, a, []apiCase{
			{name: "readyz with schema ahead", method: "GET", path: "/readyz", status: 503, problem: probUnavailable, check: schemaProblem("999")},
			{name: "healthz still ok", method: "GET", path: "/healthz", status: 200},
		})
		// A database behind the code: its migrations were never recorded.
		if err := a.db.Gorm().Exec("DELETE FROM schema_migrations").Error; err != nil {
			t.Fatal(err)
		}
		runCases(t, a, []apiCase{
			{name: "readyz with schema behind", method: "GET", path: "/readyz", status: 503, problem: probUnavailable, check: schemaProblem("0")},
		})
		// A database that is gone.
		if err := a.db.Close(); err != nil {
			t.Fatal(err)
		}
		runCases(t, a, []apiCase{
			{name: "readyz without database", method: "GET", path: "/readyz", status: 503, problem: probUnavailable,
				check: wantJSON(obj{"checks": obj{"database": "unreachable", "schema": "unknown"}})},
			{name: "healthz without database", method: "GET", path: "/healthz", status: 200},
			{name: "an API call without database is a problem", method: "GET", path: kitasPath, status: 500,
				problem: probInternal},
		})
	})
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kita(yo, pr)
		a.get(kitasPath + "/" + idOf(k))
		a.get(kitasPath + "/" + idOf(k))
		a.must(404, "GET", kitasPath+"/"+unknownID, nil)
		a.must(404, "GET", "/api/wp-admin/"+idOf(k), nil)
		r := a.do("GET", "/metrics", nil)
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
			t.Fatalf("metrics: %d %q", r.Status, r.Header.Get("Content-Type"))
		}
		body := string(r.Body)
		for _, want := range []string{
			`kitacert_http_requests_total{method="GET",route="/api/v1/kitas/:id",status="200"} 2`,
			`kitacert_http_requests_total{method="GET",route="/api/v1/kitas/:id",status="404"} 1`,
			`kitacert_http_requests_total{method="POST",route="/api/v1/kitas",status="201"} 1`,
			`kitacert_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
			`kitacert_http_request_duration_seconds_bucket{method="GET",route="/api/v1/kitas/:id",status="200",le="`,
			"go_goroutines ",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		if !strings.Contains(body, "kitacert_db_") && !strings.Contains(body, `go_sql_open_connections{db_name="kitacert"}`) {
			t.Error("metrics lack the database pool statistics")
		}
		if strings.Contains(body, idOf(k)) {
			t.Error("metrics carry a raw id instead of the route template")
		}
	})
}

// TestOpenAPIDocument checks that the served document is the contract.
func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		r := a.do("GET", "/api/openapi.yaml", nil)
		if r.Status != 200 || !strings.Contains(r.Header.Get("Content-Type"), "yaml") {
			t.Fatalf("GET /api/openapi.yaml: %d %q", r.Status, r.Header.Get("Content-Type"))
		}
		if string(r.Body) != string(api.Spec) {
			t.Error("served document differs from api/openapi.yaml")
		}
		doc, err := openapi3.NewLoader().LoadFromData(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		if err := doc.Validate(context.Background()); err != nil {
			t.Fatalf("served document is invalid: %v", err)
		}
		// TestRoutesMatchSpec compares the operations with the routes; this suite has
		// tests for these 75 (the accounts and audit ones in accounts_test.go; every one
		// in the access matrix, access_routes_test.go).
		n := 0
		for _, item := range doc.Paths.Map() {
			n += len(item.Operations())
		}
		if n != 75 {
			t.Errorf("the document has %d operations; this suite covers 75", n)
		}
	})
}
