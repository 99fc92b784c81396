package httpapi_test

import (
	"strings"
	"testing"
	"time"
)

const youthOfficesPath = "/api/v1/youth-offices"

func TestYouthOfficeCreate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		a.youthOffice(obj{"code": "DUP"})
		valid := obj{"name": "Jugendamt Köln", "code": "05315000", "region": "rheinland"}
		runCases(t, a, []apiCase{
			{name: "created", method: "POST", path: youthOfficesPath, body: valid, status: 201,
				check: func(t *testing.T, r response) {
					m := r.JSON(t)
					if loc := r.Header.Get("Location"); loc != youthOfficesPath+"/"+idOf(m) {
						t.Errorf("Location = %q, want %s/%s", loc, youthOfficesPath, idOf(m))
					}
					if r.Header.Get("ETag") != `"1"` {
						t.Errorf("ETag = %q, want \"1\"", r.Header.Get("ETag"))
					}
					wantJSON(obj{"name": "Jugendamt Köln", "code": "05315000", "region": "rheinland", "version": 1,
						"created_at": "2026-11-22T09:00:00Z", "updated_at": "2026-11-22T09:00:00Z", "archived_at": nil})(t, r)
				}},
			{name: "surrounding blanks are trimmed", method: "POST", path: youthOfficesPath, status: 201,
				body:  obj{"name": "  Jugendamt Bonn ", "code": " 05314000 ", "region": "rheinland"},
				check: wantJSON(obj{"name": "Jugendamt Bonn", "code": "05314000"})},
			{name: "westfalen_lippe", method: "POST", path: youthOfficesPath, status: 201,
				body: obj{"name": "Jugendamt Münster", "code": "05515000", "region": "westfalen_lippe"}},
			{name: "empty object names every required field", method: "POST", path: youthOfficesPath, body: obj{},
				status: 400, problem: probValidation, fields: []string{"name", "code", "region"}},
			{name: "name missing", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"name": nil}),
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "name empty", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"name": ""}),
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "name only blanks", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"name": "   ", "code": "X1"}),
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "name 201 characters", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"name": strings.Repeat("ä", 201)}),
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "name 200 characters", method: "POST", path: youthOfficesPath, status: 201,
				body: merge(valid, obj{"name": strings.Repeat("ä", 200), "code": "X200"})},
			{name: "name not a string", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"name": 5}),
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "name null", method: "POST", path: youthOfficesPath, body: `{"name":null,"code":"N","region":"rheinland"}`,
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "code empty", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"code": ""}),
				status: 400, problem: probValidation, fields: []string{"code"}},
			{name: "code 33 characters", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"code": strings.Repeat("1", 33)}),
				status: 400, problem: probValidation, fields: []string{"code"}},
			{name: "region unknown", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"region": "bayern"}),
				status: 400, problem: probValidation, fields: []string{"region"}},
			{name: "every field wrong at once", method: "POST", path: youthOfficesPath,
				body:   obj{"name": "", "code": "", "region": "x", "extra": true},
				status: 400, problem: probValidation, fields: []string{"name", "code", "region", "extra"}},
			{name: "code taken", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"code": "DUP"}),
				status: 409, problem: probConflict, fields: []string{"code"}},
			{name: "code taken after trimming", method: "POST", path: youthOfficesPath, body: merge(valid, obj{"code": " DUP "}),
				status: 409, problem: probConflict, fields: []string{"code"}},
		})
	})
}

func TestYouthOfficeReadAndList(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		dus := a.youthOffice(obj{"name": "Jugendamt Düsseldorf"})
		mue := a.youthOffice(obj{"name": "Jugendamt Münster", "region": "westfalen_lippe"})
		dor := a.youthOffice(obj{"name": "Jugendamt Dortmund", "region": "westfalen_lippe"})
		old := a.youthOffice(obj{"name": "Jugendamt Alt-Münster", "region": "westfalen_lippe"})
		a.must(200, "POST", youthOfficesPath+"/"+idOf(old)+"/archive", nil)
		runCases(t, a, []apiCase{
			{name: "get", method: "GET", path: youthOfficesPath + "/" + idOf(dus), status: 200, check: wantJSON(dus)},
			{name: "get upper-case id", method: "GET", path: youthOfficesPath + "/" + strings.ToUpper(idOf(dus)), status: 200,
				check: wantJSON(obj{"id": idOf(dus)})},
			{name: "get unknown", method: "GET", path: youthOfficesPath + "/" + unknownID, status: 404, problem: probNotFound},
			{name: "get malformed id", method: "GET", path: youthOfficesPath + "/" + badID, status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "get archived", method: "GET", path: youthOfficesPath + "/" + idOf(old), status: 200,
				check: func(t *testing.T, r response) {
					if r.JSON(t)["archived_at"] != "2026-11-22T09:00:00Z" {
						t.Errorf("archived_at = %v", r.JSON(t)["archived_at"])
					}
				}},
			{name: "list all active in creation order", method: "GET", path: youthOfficesPath, status: 200,
				check: wantIDs(idOf(dus), idOf(mue), idOf(dor))},
			{name: "list has no next_cursor when complete", method: "GET", path: youthOfficesPath, status: 200,
				check: func(t *testing.T, r response) {
					if c, ok := r.JSON(t)["next_cursor"]; ok {
						t.Errorf("next_cursor = %v on the last page", c)
					}
				}},
			{name: "include_archived", method: "GET", path: youthOfficesPath + "?include_archived=true", status: 200,
				check: wantIDs(idOf(dus), idOf(mue), idOf(dor), idOf(old))},
			{name: "include_archived=false", method: "GET", path: youthOfficesPath + "?include_archived=false", status: 200,
				check: wantIDs(idOf(dus), idOf(mue), idOf(dor))},
			{name: "include_archived not a boolean", method: "GET", path: youthOfficesPath + "?include_archived=ja", status: 400,
				problem: probValidation, fields: []string{"include_archived"}},
			{name: "region rheinland", method: "GET", path: youthOfficesPath + "?region=rheinland", status: 200,
				check: wantIDs(idOf(dus))},
			{name: "region westfalen_lippe", method: "GET", path: youthOfficesPath + "?region=westfalen_lippe", status: 200,
				check: wantIDs(idOf(mue), idOf(dor))},
			{name: "region westfalen_lippe with archived", method: "GET", path: youthOfficesPath + "?region=westfalen_lippe&include_archived=true",
				status: 200, check: wantIDs(idOf(mue), idOf(dor), idOf(old))},
			{name: "region unknown", method: "GET", path: youthOfficesPath + "?region=bayern", status: 400,
				problem: probValidation, fields: []string{"region"}},
			{name: "q with umlaut, other case", method: "GET", path: youthOfficesPath + "?q=M%C3%9CNSTER", status: 200,
				check: wantIDs(idOf(mue))},
			{name: "q lower case", method: "GET", path: youthOfficesPath + "?q=jugendamt%20d", status: 200,
				check: wantIDs(idOf(dus), idOf(dor))},
			{name: "q and region", method: "GET", path: youthOfficesPath + "?q=DORT&region=westfalen_lippe", status: 200,
				check: wantIDs(idOf(dor))},
			{name: "q no match", method: "GET", path: youthOfficesPath + "?q=Bielefeld", status: 200, check: wantIDs()},
			{name: "q with LIKE wildcard matches literally", method: "GET", path: youthOfficesPath + "?q=%25", status: 200, check: wantIDs()},
			{name: "q empty", method: "GET", path: youthOfficesPath + "?q=", status: 400, problem: probValidation, fields: []string{"q"}},
			{name: "q 101 characters", method: "GET", path: youthOfficesPath + "?q=" + strings.Repeat("a", 101), status: 400,
				problem: probValidation, fields: []string{"q"}},
		})
	})
}

func TestYouthOfficeUpdate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo := a.youthOffice(obj{"name": "Jugendamt Essen", "code": "05113000"})
		a.youthOffice(obj{"code": "TAKEN"})
		path := youthOfficesPath + "/" + idOf(yo)
		a.clock.Advance(time.Hour)
		runCases(t, a, []apiCase{
			{name: "without If-Match", method: "PATCH", path: path, body: obj{"name": "X"}, status: 428, problem: probPrecondition},
			{name: "stale If-Match", method: "PATCH", path: path, body: obj{"name": "X"}, headers: []string{"If-Match", `"2"`},
				status: 412, problem: probStale},
			{name: "If-Match that is no tag of ours", method: "PATCH", path: path, body: obj{"name": "X"}, headers: []string{"If-Match", `abc`},
				status: 412, problem: probStale},
			{name: "unknown id", method: "PATCH", path: youthOfficesPath + "/" + unknownID, body: obj{"name": "X"},
				headers: []string{"If-Match", `"1"`}, status: 404, problem: probNotFound},
			{name: "malformed id", method: "PATCH", path: youthOfficesPath + "/" + badID, body: obj{"name": "X"},
				headers: []string{"If-Match", `"1"`}, status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "empty patch", method: "PATCH", path: path, body: obj{}, headers: []string{"If-Match", `"1"`},
				status: 400, problem: probValidation, fields: []string{"body"}},
			{name: "name empty", method: "PATCH", path: path, body: obj{"name": ""}, headers: []string{"If-Match", `"1"`},
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "name null", method: "PATCH", path: path, body: obj{"name": nil}, headers: []string{"If-Match", `"1"`},
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "region unknown", method: "PATCH", path: path, body: obj{"region": "x"}, headers: []string{"If-Match", `"1"`},
				status: 400, problem: probValidation, fields: []string{"region"}},
			{name: "id is not a patchable field", method: "PATCH", path: path, body: obj{"id": unknownID}, headers: []string{"If-Match", `"1"`},
				status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "code taken", method: "PATCH", path: path, body: obj{"code": "TAKEN"}, headers: []string{"If-Match", `"1"`},
				status: 409, problem: probConflict, fields: []string{"code"}},
			{name: "failed changes left the version alone", method: "GET", path: path, status: 200,
				check: wantJSON(obj{"version": 1, "name": "Jugendamt Essen"})},
			{name: "name only", method: "PATCH", path: path, body: obj{"name": "Jugendamt der Stadt Essen"}, headers: []string{"If-Match", `"1"`},
				status: 200, check: wantJSON(obj{"version": 2, "name": "Jugendamt der Stadt Essen", "code": "05113000", "region": "rheinland",
					"created_at": "2026-11-22T09:00:00Z", "updated_at": "2026-11-22T10:00:00Z"})},
			{name: "region and code, weak tag", method: "PATCH", path: path, body: obj{"region": "westfalen_lippe", "code": "NEW"},
				headers: []string{"If-Match", `W/"2"`}, status: 200,
				check: wantJSON(obj{"version": 3, "name": "Jugendamt der Stadt Essen", "code": "NEW", "region": "westfalen_lippe"})},
			{name: "If-Match star", method: "PATCH", path: path, body: obj{"code": "05113000"}, headers: []string{"If-Match", `*`},
				status: 200, check: wantJSON(obj{"version": 4, "code": "05113000"})},
			{name: "read after change", method: "GET", path: path, status: 200,
				check: wantJSON(obj{"version": 4, "name": "Jugendamt der Stadt Essen", "code": "05113000", "region": "westfalen_lippe"})},
			{name: "the freed code can be used again", method: "POST", path: youthOfficesPath, body: obj{"name": "Y", "code": "NEW", "region": "rheinland"},
				status: 201},
		})
	})
}

func TestYouthOfficeArchive(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		free := a.youthOffice()
		withKita := a.youthOffice()
		withContact := a.youthOffice()
		pr := a.provider()
		k := a.kita(withKita, pr)
		c := a.contact("youth_office_id", idOf(withContact))
		path := youthOfficesPath + "/" + idOf(free)
		var archivedAt any
		runCases(t, a, []apiCase{
			{name: "stale If-Match", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"7"`}, status: 412, problem: probStale},
			{name: "unknown", method: "POST", path: youthOfficesPath + "/" + unknownID + "/archive", status: 404, problem: probNotFound},
			{name: "malformed id", method: "POST", path: youthOfficesPath + "/" + badID + "/archive", status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "referenced by an active Kita", method: "POST", path: youthOfficesPath + "/" + idOf(withKita) + "/archive", status: 409, problem: probConflict},
			{name: "referenced by an active contact", method: "POST", path: youthOfficesPath + "/" + idOf(withContact) + "/archive", status: 409, problem: probConflict},
			{name: "archive with matching If-Match", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"1"`}, status: 200,
				check: func(t *testing.T, r response) {
					m := r.JSON(t)
					archivedAt = m["archived_at"]
					if archivedAt != "2026-11-22T09:00:00Z" || versionOf(m) != 2 {
						t.Errorf("archived: %v", m)
					}
				}},
			{name: "second archive changes nothing", method: "POST", path: path + "/archive", status: 200,
				check: func(t *testing.T, r response) {
					m := r.JSON(t)
					if m["archived_at"] != archivedAt || versionOf(m) != 2 {
						t.Errorf("second archive changed the youth office: %v", m)
					}
				}},
			{name: "archived cannot be changed", method: "PATCH", path: path, body: obj{"name": "X"}, headers: []string{"If-Match", `"2"`},
				status: 409, problem: probConflict},
			{name: "archived youth office is no valid reference for a new Kita", method: "POST", path: kitasPath,
				body:   obj{"name": "K", "provider_id": idOf(pr), "youth_office_id": idOf(free), "address": address("A 1", "40210", "D")},
				status: 400, problem: probValidation, fields: []string{"youth_office_id"}},
			{name: "archived youth office is no valid owner for a contact", method: "POST", path: contactsPath,
				body:   obj{"name": "X", "email": "x@example.org", "function": "other", "youth_office_id": idOf(free)},
				status: 400, problem: probValidation, fields: []string{"youth_office_id"}},
		})

		// Once its Kita and its contact are archived, the youth offices can go too.
		a.must(200, "POST", kitasPath+"/"+idOf(k)+"/archive", nil)
		a.must(200, "POST", contactsPath+"/"+idOf(c)+"/archive", nil)
		a.must(200, "POST", youthOfficesPath+"/"+idOf(withKita)+"/archive", nil)
		a.must(200, "POST", youthOfficesPath+"/"+idOf(withContact)+"/archive", nil)
		if got := a.get(youthOfficesPath); len(items(t, got)) != 0 {
			t.Errorf("archived youth offices are listed: %v", got)
		}
	})
}
