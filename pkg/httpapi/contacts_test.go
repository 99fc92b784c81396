package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const contactsPath = "/api/v1/contacts"

func TestContactCreate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kita(yo, pr)
		valid := obj{"name": "Jürgen Müller", "email": "j.mueller@kita-sonnenschein.de", "function": "kita_leader", "kita_id": idOf(k)}
		bad := func(name string, body any, fields ...string) apiCase {
			return apiCase{name: name, method: "POST", path: contactsPath, body: body, status: 400, problem: probValidation, fields: fields}
		}
		runCases(t, a, []apiCase{
			{name: "Kita contact", method: "POST", path: contactsPath, body: valid, status: 201,
				check: func(t *testing.T, r response) {
					m := r.JSON(t)
					if loc := r.Header.Get("Location"); loc != contactsPath+"/"+idOf(m) {
						t.Errorf("Location = %q", loc)
					}
					wantJSON(merge(valid, obj{"phone": "", "version": 1, "created_at": "2026-11-22T09:00:00Z", "updated_at": "2026-11-22T09:00:00Z"}))(t, r)
					for _, f := range []string{"provider_id", "youth_office_id"} {
						if v, ok := m[f]; !ok || v != nil {
							t.Errorf("%s = %v (present %v), want null", f, v, ok)
						}
					}
				}},
			{name: "provider contact with phone", method: "POST", path: contactsPath, status: 201,
				body: obj{"name": "Petra Schmitz", "email": "p.schmitz@awo.de", "phone": "+49 (211) 123-45/6", "function": "provider_contact",
					"provider_id": idOf(pr)},
				check: wantJSON(obj{"phone": "+49 (211) 123-45/6", "provider_id": idOf(pr), "kita_id": nil, "youth_office_id": nil})},
			{name: "youth office contact", method: "POST", path: contactsPath, status: 201,
				body:  obj{"name": "Dr. Ayşe Yılmaz", "email": "ayse.yilmaz@stadt.de", "function": "youth_office_planner", "youth_office_id": idOf(yo)},
				check: wantJSON(obj{"youth_office_id": idOf(yo), "kita_id": nil, "provider_id": nil, "name": "Dr. Ayşe Yılmaz"})},
			{name: "blanks trimmed", method: "POST", path: contactsPath, status: 201,
				body:  merge(valid, obj{"name": " Anna Becker ", "phone": " 0211 1234 "}),
				check: wantJSON(obj{"name": "Anna Becker", "phone": "0211 1234"})},
			bad("empty object", obj{}, "name", "email", "function"),
			bad("no owner", merge(valid, obj{"kita_id": nil}), "kita_id"),
			bad("two owners", merge(valid, obj{"provider_id": idOf(pr)}), "kita_id"),
			bad("three owners", merge(valid, obj{"provider_id": idOf(pr), "youth_office_id": idOf(yo)}), "kita_id"),
			bad("owner null", `{"name":"X","email":"x@example.org","function":"other","kita_id":null,"provider_id":"`+idOf(pr)+`"}`, "kita_id"),
			bad("unknown Kita", merge(valid, obj{"kita_id": unknownID}), "kita_id"),
			bad("unknown provider", merge(valid, obj{"kita_id": nil, "provider_id": unknownID}), "provider_id"),
			bad("unknown youth office", merge(valid, obj{"kita_id": nil, "youth_office_id": unknownID}), "youth_office_id"),
			bad("malformed kita_id", merge(valid, obj{"kita_id": "k1"}), "kita_id"),
			bad("name blanks", merge(valid, obj{"name": "   "}), "name"),
			bad("name too long", merge(valid, obj{"name": strings.Repeat("n", 201)}), "name"),
			bad("email missing", merge(valid, obj{"email": nil}), "email"),
			bad("email without @", merge(valid, obj{"email": "j.mueller"}), "email"),
			bad("email with display name", merge(valid, obj{"email": "Jürgen <j@example.org>"}), "email"),
			bad("email too long", merge(valid, obj{"email": strings.Repeat("e", 243) + "@example.org"}), "email"),
			bad("phone with letters", merge(valid, obj{"phone": "0211 KITA"}), "phone"),
			bad("phone too long", merge(valid, obj{"phone": strings.Repeat("1", 41)}), "phone"),
			bad("function missing", merge(valid, obj{"function": nil}), "function"),
			bad("function unknown", merge(valid, obj{"function": "teacher"}), "function"),
			bad("unknown field", merge(valid, obj{"mobile": "0171"}), "mobile"),
			bad("several", obj{"name": "", "email": "x", "function": "y", "kita_id": "z"}, "name", "email", "function", "kita_id"),
		})
	})
}

func TestContactReadAndList(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k1, k2 := a.kita(yo, pr), a.kita(yo, pr)
		c1 := a.contact("kita_id", idOf(k1), obj{"name": "Jürgen Müller", "function": "kita_leader"})
		c2 := a.contact("kita_id", idOf(k2), obj{"name": "Sabine Schulz", "function": "other"})
		c3 := a.contact("provider_id", idOf(pr), obj{"name": "Petra MÜLLER-Lüdenscheidt", "function": "provider_contact"})
		c4 := a.contact("youth_office_id", idOf(yo), obj{"name": "Tom Weber", "function": "youth_office_planner"})
		c5 := a.contact("kita_id", idOf(k1), obj{"name": "Jutta Müller", "function": "kita_leader"})
		a.must(200, "POST", contactsPath+"/"+idOf(c5)+"/archive", nil)
		q := func(query string, cs ...obj) apiCase {
			ids := make([]string, len(cs))
			for i, c := range cs {
				ids[i] = idOf(c)
			}
			return apiCase{name: "list " + query, method: "GET", path: contactsPath + "?" + query, status: 200, check: wantIDs(ids...)}
		}
		runCases(t, a, []apiCase{
			{name: "get", method: "GET", path: contactsPath + "/" + idOf(c3), status: 200, check: wantJSON(c3)},
			{name: "get unknown", method: "GET", path: contactsPath + "/" + unknownID, status: 404, problem: probNotFound},
			{name: "get malformed id", method: "GET", path: contactsPath + "/" + badID, status: 400, problem: probValidation, fields: []string{"id"}},
			q("", c1, c2, c3, c4),
			q("include_archived=true", c1, c2, c3, c4, c5),
			q("kita_id="+idOf(k1), c1),
			q("kita_id="+idOf(k1)+"&include_archived=true", c1, c5),
			q("kita_id="+idOf(k2), c2),
			q("provider_id="+idOf(pr), c3),
			q("youth_office_id="+idOf(yo), c4),
			q("kita_id=" + unknownID),
			q("function=kita_leader", c1),
			q("function=kita_leader&include_archived=true", c1, c5),
			q("function=other", c2),
			q("function=provider_contact", c3),
			q("function=youth_office_planner&youth_office_id="+idOf(yo), c4),
			q("function=other&kita_id=" + idOf(k1)),
			q("q=m%C3%BCller", c1, c3),
			q("q=M%C3%9CLLER&include_archived=true", c1, c3, c5),
			q("q=l%C3%BCdenscheidt", c3),
			q("q=weber&function=youth_office_planner", c4),
			{name: "function unknown", method: "GET", path: contactsPath + "?function=boss", status: 400, problem: probValidation, fields: []string{"function"}},
			{name: "kita_id malformed", method: "GET", path: contactsPath + "?kita_id=1", status: 400, problem: probValidation, fields: []string{"kita_id"}},
			{name: "provider_id malformed", method: "GET", path: contactsPath + "?provider_id=1", status: 400, problem: probValidation, fields: []string{"provider_id"}},
			{name: "youth_office_id malformed", method: "GET", path: contactsPath + "?youth_office_id=1", status: 400,
				problem: probValidation, fields: []string{"youth_office_id"}},
		})
	})
}

func TestContactUpdate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k, gone := a.kita(yo, pr), a.kita(yo, pr)
		a.must(200, "POST", kitasPath+"/"+idOf(gone)+"/archive", nil)
		c := a.contact("kita_id", idOf(k), obj{"name": "Anna Becker", "email": "anna@example.org", "phone": "0211 1", "function": "kita_leader"})
		path := contactsPath + "/" + idOf(c)
		a.clock.Advance(30 * time.Minute)
		im := func(v int) []string { return []string{"If-Match", quoted(v)} }
		version := 0
		patched := func(name string, body any, want obj) apiCase {
			version++
			based := version
			return apiCase{name: name, method: "PATCH", path: path, body: body, headers: im(based), status: 200,
				check: func(t *testing.T, r response) {
					got := r.JSON(t)
					exp := merge(c, want, obj{"version": based + 1, "updated_at": "2026-11-22T09:30:00Z"})
					for key, v := range want {
						if v == nil {
							exp[key] = nil
						}
					}
					if d := cmp.Diff(normJSON(t, exp), normJSON(t, got)); d != "" {
						t.Errorf("after PATCH (-want +got):\n%s", d)
					}
					c = got
				}}
		}
		bad := func(name string, body any, status int, problem string, fields ...string) apiCase {
			return apiCase{name: name, method: "PATCH", path: path, body: body, headers: im(1), status: status, problem: problem, fields: fields}
		}
		runCases(t, a, []apiCase{
			{name: "without If-Match", method: "PATCH", path: path, body: obj{"phone": ""}, status: 428, problem: probPrecondition},
			{name: "stale", method: "PATCH", path: path, body: obj{"phone": ""}, headers: im(2), status: 412, problem: probStale},
			{name: "unknown", method: "PATCH", path: contactsPath + "/" + unknownID, body: obj{"phone": ""}, headers: im(1), status: 404, problem: probNotFound},
			{name: "malformed id", method: "PATCH", path: contactsPath + "/" + badID, body: obj{"phone": ""}, headers: im(1),
				status: 400, problem: probValidation, fields: []string{"id"}},
			bad("empty", obj{}, 400, probValidation, "body"),
			bad("second owner", obj{"provider_id": idOf(pr)}, 400, probValidation, "kita_id"),
			bad("no owner left", `{"kita_id":null}`, 400, probValidation, "kita_id"),
			bad("move to unknown youth office", `{"kita_id":null,"youth_office_id":"`+unknownID+`"}`, 400, probValidation, "youth_office_id"),
			bad("move to archived Kita", obj{"kita_id": idOf(gone)}, 400, probValidation, "kita_id"),
			bad("email invalid", obj{"email": "anna"}, 400, probValidation, "email"),
			bad("email null", `{"email":null}`, 400, probValidation, "email"),
			bad("name null", `{"name":null}`, 400, probValidation, "name"),
			bad("phone invalid", obj{"phone": "call me"}, 400, probValidation, "phone"),
			bad("function unknown", obj{"function": "x"}, 400, probValidation, "function"),
			bad("unknown field", obj{"kita": idOf(k)}, 400, probValidation, "kita"),
			{name: "nothing changed", method: "GET", path: path, status: 200, check: wantJSON(c)},
			patched("phone emptied", obj{"phone": ""}, obj{"phone": ""}),
			patched("email", obj{"email": "a.becker@example.org"}, obj{"email": "a.becker@example.org"}),
			patched("move to provider", `{"kita_id":null,"provider_id":"`+idOf(pr)+`"}`, obj{"kita_id": nil, "provider_id": idOf(pr)}),
			patched("function and name", obj{"function": "provider_contact", "name": "Anna Becker-Schmitz"},
				obj{"function": "provider_contact", "name": "Anna Becker-Schmitz"}),
			patched("move to youth office", obj{"provider_id": nil, "youth_office_id": idOf(yo)}, obj{"provider_id": nil, "youth_office_id": idOf(yo)}),
			{name: "listed under the new owner", method: "GET", path: contactsPath + "?youth_office_id=" + idOf(yo), status: 200, check: wantIDs(idOf(c))},
			{name: "no longer under the old one", method: "GET", path: contactsPath + "?kita_id=" + idOf(k), status: 200, check: wantIDs()},
		})
	})
}

func TestContactArchive(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo := a.youthOffice()
		c := a.contact("youth_office_id", idOf(yo))
		path := contactsPath + "/" + idOf(c)
		runCases(t, a, []apiCase{
			{name: "stale", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"5"`}, status: 412, problem: probStale},
			{name: "unknown", method: "POST", path: contactsPath + "/" + unknownID + "/archive", status: 404, problem: probNotFound},
			{name: "malformed id", method: "POST", path: contactsPath + "/" + badID + "/archive", status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "archive", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"1"`}, status: 200,
				check: wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z", "youth_office_id": idOf(yo)})},
			{name: "again", method: "POST", path: path + "/archive", status: 200, check: wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z"})},
			{name: "archived cannot be changed", method: "PATCH", path: path, body: obj{"phone": "1"}, headers: []string{"If-Match", `"2"`},
				status: 409, problem: probConflict},
			{name: "still readable", method: "GET", path: path, status: 200, check: wantJSON(obj{"version": 2})},
			{name: "not listed", method: "GET", path: contactsPath, status: 200, check: wantIDs()},
			{name: "listed with include_archived", method: "GET", path: contactsPath + "?include_archived=true", status: 200, check: wantIDs(idOf(c))},
			{name: "the youth office can be archived now", method: "POST", path: youthOfficesPath + "/" + idOf(yo) + "/archive", status: 200},
		})
	})
}
