package httpapi_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const kitasPath = "/api/v1/kitas"

func TestKitaCreate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		oldYO, oldPR := a.youthOffice(), a.provider()
		a.must(200, "POST", youthOfficesPath+"/"+idOf(oldYO)+"/archive", nil)
		a.must(200, "POST", providersPath+"/"+idOf(oldPR)+"/archive", nil)
		a.kita(yo, pr, obj{"kibiz_id": "K-TAKEN"})
		valid := obj{"name": "Kita Regenbogen", "provider_id": idOf(pr), "youth_office_id": idOf(yo),
			"address": address("Hauptstraße 5", "50667", "Köln")}
		bad := func(name string, body any, fields ...string) apiCase {
			return apiCase{name: name, method: "POST", path: kitasPath, body: body, status: 400, problem: probValidation, fields: fields}
		}
		runCases(t, a, []apiCase{
			{name: "created with defaults", method: "POST", path: kitasPath, body: valid, status: 201,
				check: func(t *testing.T, r response) {
					m := r.JSON(t)
					if loc := r.Header.Get("Location"); loc != kitasPath+"/"+idOf(m) {
						t.Errorf("Location = %q", loc)
					}
					wantJSON(merge(valid, obj{"district": "", "kibiz_id": nil}, obj{"version": 1, "archived_at": nil,
						"created_at": "2026-11-22T09:00:00Z", "updated_at": "2026-11-22T09:00:00Z"}))(t, r)
					if _, ok := m["kibiz_id"]; !ok {
						t.Error("kibiz_id is missing instead of null")
					}
				}},
			{name: "created with district and kibiz_id", method: "POST", path: kitasPath, status: 201,
				body:  merge(valid, obj{"district": "Ehrenfeld", "kibiz_id": "K-100"}),
				check: wantJSON(obj{"district": "Ehrenfeld", "kibiz_id": "K-100"})},
			{name: "blanks trimmed", method: "POST", path: kitasPath, status: 201,
				body:  merge(valid, obj{"name": " Kita Lichtblick ", "district": " Nippes ", "address": address(" Neusser Str. 1 ", "50670", " Köln ")}),
				check: wantJSON(obj{"name": "Kita Lichtblick", "district": "Nippes", "address": address("Neusser Str. 1", "50670", "Köln")})},
			{name: "district empty", method: "POST", path: kitasPath, status: 201, body: merge(valid, obj{"district": ""}),
				check: wantJSON(obj{"district": ""})},
			bad("empty object", obj{}, "name", "provider_id", "youth_office_id", "address"),
			bad("name missing", merge(valid, obj{"name": nil}), "name"),
			bad("name blanks", merge(valid, obj{"name": " "}), "name"),
			bad("name too long", merge(valid, obj{"name": strings.Repeat("k", 201)}), "name"),
			bad("provider_id missing", merge(valid, obj{"provider_id": nil}), "provider_id"),
			bad("provider_id malformed", merge(valid, obj{"provider_id": "42"}), "provider_id"),
			bad("youth_office_id malformed", merge(valid, obj{"youth_office_id": "abc"}), "youth_office_id"),
			bad("provider unknown", merge(valid, obj{"provider_id": unknownID}), "provider_id"),
			bad("youth office unknown", merge(valid, obj{"youth_office_id": unknownID}), "youth_office_id"),
			bad("provider archived", merge(valid, obj{"provider_id": idOf(oldPR)}), "provider_id"),
			bad("youth office archived", merge(valid, obj{"youth_office_id": idOf(oldYO)}), "youth_office_id"),
			bad("address missing", merge(valid, obj{"address": nil}), "address"),
			bad("address empty", merge(valid, obj{"address": obj{}}), "address.street", "address.postal_code", "address.city"),
			bad("postal code four digits", merge(valid, obj{"address": address("A 1", "5066", "Köln")}), "address.postal_code"),
			bad("postal code letters", merge(valid, obj{"address": address("A 1", "5066a", "Köln")}), "address.postal_code"),
			bad("postal code six digits", merge(valid, obj{"address": address("A 1", "506670", "Köln")}), "address.postal_code"),
			bad("street empty", merge(valid, obj{"address": address("", "50667", "Köln")}), "address.street"),
			bad("street blanks", merge(valid, obj{"address": address("  ", "50667", "Köln")}), "address.street"),
			bad("city too long", merge(valid, obj{"address": address("A 1", "50667", strings.Repeat("c", 101))}), "address.city"),
			bad("unknown address field", merge(valid, obj{"address": merge(address("A 1", "50667", "Köln"), obj{"country": "DE"})}), "address.country"),
			bad("address not an object", merge(valid, obj{"address": "Hauptstraße 5, 50667 Köln"}), "address"),
			bad("district too long", merge(valid, obj{"district": strings.Repeat("d", 101)}), "district"),
			bad("district null", `{"name":"K","provider_id":"`+idOf(pr)+`","youth_office_id":"`+idOf(yo)+
				`","address":{"street":"A 1","postal_code":"50667","city":"Köln"},"district":null}`, "district"),
			bad("kibiz_id empty", merge(valid, obj{"kibiz_id": ""}), "kibiz_id"),
			bad("kibiz_id too long", merge(valid, obj{"kibiz_id": strings.Repeat("9", 33)}), "kibiz_id"),
			bad("unknown field", merge(valid, obj{"id": unknownID}), "id"),
			bad("several fields wrong", merge(valid, obj{"name": "", "address": address("A 1", "x", "Köln"), "kibiz_id": ""}),
				"name", "address.postal_code", "kibiz_id"),
			{name: "kibiz_id taken", method: "POST", path: kitasPath, body: merge(valid, obj{"kibiz_id": "K-TAKEN"}),
				status: 409, problem: probConflict, fields: []string{"kibiz_id"}},
		})
	})
}

func TestKitaReadAndList(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo1, yo2 := a.youthOffice(), a.youthOffice()
		pr1, pr2 := a.provider(), a.provider()
		k1 := a.kita(yo1, pr1, obj{"name": "Kita Sonnenschein", "address": address("A 1", "50667", "Köln")})
		k2 := a.kita(yo1, pr2, obj{"name": "Städtische Kita Über den Wolken", "address": address("B 2", "50668", "KÖLN")})
		k3 := a.kita(yo2, pr1, obj{"name": "Kita Sonnenblume", "address": address("C 3", "40210", "Düsseldorf")})
		k4 := a.kita(yo2, pr2, obj{"name": "Ev. Kita Arche", "address": address("D 4", "40211", "düsseldorf")})
		gone := a.kita(yo1, pr1, obj{"name": "Kita Sonnenuhr", "address": address("E 5", "50667", "Köln")})
		a.must(200, "POST", kitasPath+"/"+idOf(gone)+"/archive", nil)
		q := func(query string, ids ...obj) apiCase {
			want := make([]string, len(ids))
			for i, k := range ids {
				want[i] = idOf(k)
			}
			return apiCase{name: "list " + query, method: "GET", path: kitasPath + "?" + query, status: 200, check: wantIDs(want...)}
		}
		runCases(t, a, []apiCase{
			{name: "get", method: "GET", path: kitasPath + "/" + idOf(k2), status: 200, check: wantJSON(k2)},
			{name: "get archived", method: "GET", path: kitasPath + "/" + idOf(gone), status: 200,
				check: wantJSON(obj{"archived_at": "2026-11-22T09:00:00Z", "version": 2})},
			{name: "get unknown", method: "GET", path: kitasPath + "/" + unknownID, status: 404, problem: probNotFound},
			{name: "get malformed id", method: "GET", path: kitasPath + "/" + badID, status: 400, problem: probValidation, fields: []string{"id"}},
			q("", k1, k2, k3, k4),
			q("include_archived=true", k1, k2, k3, k4, gone),
			q("youth_office_id="+idOf(yo1), k1, k2),
			q("youth_office_id="+idOf(yo1)+"&include_archived=true", k1, k2, gone),
			q("youth_office_id="+idOf(yo2), k3, k4),
			q("youth_office_id=" + unknownID),
			q("provider_id="+idOf(pr1), k1, k3),
			q("provider_id="+idOf(pr2)+"&youth_office_id="+idOf(yo2), k4),
			q("city=k%C3%B6ln", k1, k2),
			q("city=K%C3%96LN", k1, k2),
			q("city=D%C3%BCsseldorf", k3, k4),
			q("city=D%C3%9CSSELDORF&provider_id="+idOf(pr1), k3),
			q("city=K%C3%B6l"),
			q("q=sonnen", k1, k3),
			q("q=SONNEN&include_archived=true", k1, k3, gone),
			q("q=%C3%BCBER", k2),
			q("q=%C3%9Cber%20den", k2),
			q("q=st%C3%A4dtische", k2),
			q("q=STÄDTISCHE", k2),
			q("q=kita&city=d%C3%BCsseldorf&youth_office_id="+idOf(yo2), k3, k4),
			q("q=xyz"),
			{name: "youth_office_id malformed", method: "GET", path: kitasPath + "?youth_office_id=abc", status: 400,
				problem: probValidation, fields: []string{"youth_office_id"}},
			{name: "provider_id malformed", method: "GET", path: kitasPath + "?provider_id=1", status: 400,
				problem: probValidation, fields: []string{"provider_id"}},
			{name: "city empty", method: "GET", path: kitasPath + "?city=", status: 400, problem: probValidation, fields: []string{"city"}},
			{name: "city too long", method: "GET", path: kitasPath + "?city=" + strings.Repeat("c", 101), status: 400,
				problem: probValidation, fields: []string{"city"}},
			{name: "several bad parameters", method: "GET", path: kitasPath + "?provider_id=1&limit=0&include_archived=x", status: 400,
				problem: probValidation, fields: []string{"provider_id", "limit", "include_archived"}},
		})
	})
}

func TestKitaUpdate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		yo2, pr2 := a.youthOffice(), a.provider()
		a.kita(yo, pr, obj{"kibiz_id": "K-TAKEN"})
		k := a.kita(yo, pr, obj{"name": "Kita Pusteblume", "district": "Bilk", "kibiz_id": "K-1",
			"address": address("Bachstraße 12", "40223", "Düsseldorf")})
		path := kitasPath + "/" + idOf(k)
		a.clock.Advance(2 * time.Hour)

		// patched sends a change and checks that exactly the fields in want changed.
		// Each patch is based on the version the one before it produced.
		version := 0
		patched := func(name string, body any, want obj) apiCase {
			version++
			based := version
			return apiCase{name: name, method: "PATCH", path: path, body: body, headers: []string{"If-Match", quoted(based)}, status: 200,
				check: func(t *testing.T, r response) {
					got := r.JSON(t)
					exp := merge(k, want)
					exp["version"] = float64(based + 1)
					exp["updated_at"] = "2026-11-22T11:00:00Z"
					for key, v := range want {
						if v == nil {
							exp[key] = nil // a null the server must keep as null
						}
					}
					if d := cmp.Diff(normJSON(t, exp), normJSON(t, got)); d != "" {
						t.Errorf("after PATCH (-want +got):\n%s", d)
					}
					k = got
					// The stored row says the same.
					if d := cmp.Diff(got, a.in(t).get(path)); d != "" {
						t.Errorf("GET after PATCH (-patch +get):\n%s", d)
					}
				}}
		}
		bad := func(name string, body any, status int, problem string, fields ...string) apiCase {
			return apiCase{name: name, method: "PATCH", path: path, body: body, headers: []string{"If-Match", `"1"`},
				status: status, problem: problem, fields: fields}
		}
		cases := []apiCase{
			{name: "without If-Match", method: "PATCH", path: path, body: obj{"district": ""}, status: 428, problem: probPrecondition},
			{name: "stale If-Match", method: "PATCH", path: path, body: obj{"district": ""}, headers: []string{"If-Match", `"2"`},
				status: 412, problem: probStale},
			{name: "unknown id", method: "PATCH", path: kitasPath + "/" + unknownID, body: obj{"district": ""},
				headers: []string{"If-Match", `"1"`}, status: 404, problem: probNotFound},
			{name: "malformed id", method: "PATCH", path: kitasPath + "/" + badID, body: obj{"district": ""},
				headers: []string{"If-Match", `"1"`}, status: 400, problem: probValidation, fields: []string{"id"}},
			bad("empty patch", obj{}, 400, probValidation, "body"),
			bad("address empty", obj{"address": obj{}}, 400, probValidation, "address"),
			bad("address null", `{"address":null}`, 400, probValidation, "address"),
			bad("postal code bad", obj{"address": obj{"postal_code": "4022"}}, 400, probValidation, "address.postal_code"),
			bad("unknown address field", obj{"address": obj{"zip": "40223"}}, 400, probValidation, "address.zip"),
			bad("district null", `{"district":null}`, 400, probValidation, "district"),
			bad("district too long", obj{"district": strings.Repeat("d", 101)}, 400, probValidation, "district"),
			bad("kibiz_id empty", obj{"kibiz_id": ""}, 400, probValidation, "kibiz_id"),
			bad("name null", `{"name":null}`, 400, probValidation, "name"),
			bad("name blanks", obj{"name": "  "}, 400, probValidation, "name"),
			bad("provider unknown", obj{"provider_id": unknownID}, 400, probValidation, "provider_id"),
			bad("youth office unknown", obj{"youth_office_id": unknownID}, 400, probValidation, "youth_office_id"),
			bad("provider_id null", `{"provider_id":null}`, 400, probValidation, "provider_id"),
			bad("kibiz_id taken", obj{"kibiz_id": "K-TAKEN"}, 409, probConflict, "kibiz_id"),
			bad("unknown field", obj{"archived_at": nil}, 400, probValidation, "archived_at"),
			{name: "nothing changed by failed patches", method: "GET", path: path, status: 200, check: wantJSON(k)},
			patched("district emptied", obj{"district": ""}, obj{"district": ""}),
			patched("kibiz_id removed with null", `{"kibiz_id":null}`, obj{"kibiz_id": nil}),
			patched("city alone", obj{"address": obj{"city": "Neuss"}},
				obj{"address": address("Bachstraße 12", "40223", "Neuss")}),
			patched("street and postal code", obj{"address": obj{"street": "Am Markt 1", "postal_code": "41460"}},
				obj{"address": address("Am Markt 1", "41460", "Neuss")}),
			patched("name", obj{"name": "Kita Pusteblume Neuss"}, obj{"name": "Kita Pusteblume Neuss"}),
			patched("kibiz_id set", obj{"kibiz_id": "K-2"}, obj{"kibiz_id": "K-2"}),
			patched("move to other youth office and provider", obj{"youth_office_id": idOf(yo2), "provider_id": idOf(pr2)},
				obj{"youth_office_id": idOf(yo2), "provider_id": idOf(pr2)}),
			patched("district set", obj{"district": "Innenstadt"}, obj{"district": "Innenstadt"}),
			{name: "freed kibiz_id K-1 can be used again", method: "POST", path: kitasPath,
				body:   obj{"name": "K", "provider_id": idOf(pr), "youth_office_id": idOf(yo), "address": address("A 1", "40210", "D"), "kibiz_id": "K-1"},
				status: 201},
			{name: "list by new youth office", method: "GET", path: kitasPath + "?youth_office_id=" + idOf(yo2) + "&city=NEUSS", status: 200,
				check: wantIDs(idOf(k))},
		}
		runCases(t, a, cases)
	})
}

func TestKitaArchive(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		free := a.kita(yo, pr, obj{"name": "Kita Frei", "kibiz_id": "K-FREE"})
		inCenter := a.kita(yo, pr, obj{"name": "Kita im Zentrum"})
		withContact := a.kita(yo, pr, obj{"name": "Kita mit Leitung"})
		center := a.center("single", "FZ", members(inCenter))
		a.contact("kita_id", idOf(withContact))
		path := kitasPath + "/" + idOf(free)
		runCases(t, a, []apiCase{
			{name: "stale If-Match", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"3"`}, status: 412, problem: probStale},
			{name: "unknown", method: "POST", path: kitasPath + "/" + unknownID + "/archive", status: 404, problem: probNotFound},
			{name: "malformed id", method: "POST", path: kitasPath + "/" + badID + "/archive", status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "active center member", method: "POST", path: kitasPath + "/" + idOf(inCenter) + "/archive", status: 409, problem: probConflict},
			{name: "has an active contact", method: "POST", path: kitasPath + "/" + idOf(withContact) + "/archive", status: 409, problem: probConflict},
			{name: "archive", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"1"`}, status: 200,
				check: wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z", "kibiz_id": "K-FREE"})},
			{name: "again", method: "POST", path: path + "/archive", status: 200,
				check: wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z"})},
			{name: "archived cannot be changed", method: "PATCH", path: path, body: obj{"district": "X"}, headers: []string{"If-Match", `"2"`},
				status: 409, problem: probConflict},
			{name: "archived Kita cannot join a center", method: "POST", path: centersPath, status: 400, problem: probValidation,
				body:   obj{"kind": "single", "name": "FZ 2", "members": members(free)},
				fields: []string{"members[0].kita_id"}},
			{name: "archived Kita is no valid owner for a contact", method: "POST", path: contactsPath, status: 400, problem: probValidation,
				body:   obj{"name": "X", "email": "x@example.org", "function": "kita_leader", "kita_id": idOf(free)},
				fields: []string{"kita_id"}},
			{name: "archived Kita hidden from the list", method: "GET", path: kitasPath, status: 200,
				check: wantIDs(idOf(inCenter), idOf(withContact))},
		})
		// After the center is archived, its former member can be archived too.
		a.must(200, "POST", centersPath+"/"+idOf(center)+"/archive", nil)
		a.must(200, "POST", kitasPath+"/"+idOf(inCenter)+"/archive", nil)
	})
}

// TestKitaConcurrentPatch sends 20 changes based on the same version at once: exactly one
// wins, every other one is told that its version is stale.
func TestKitaConcurrentPatch(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kita(yo, pr)
		path := kitasPath + "/" + idOf(k)
		const n = 20
		statuses := make([]int, n)
		bodies := make([][]byte, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := a.do("PATCH", path, obj{"district": "Bezirk " + string(rune('A'+i))}, "If-Match", `"1"`)
				statuses[i], bodies[i] = r.Status, r.Body
			}()
		}
		close(start)
		wg.Wait()
		counts := map[int]int{}
		winner := -1
		for i, s := range statuses {
			counts[s]++
			if s == http.StatusOK {
				winner = i
			}
			if s != http.StatusOK && s != http.StatusPreconditionFailed {
				t.Errorf("request %d: status %d: %s", i, s, bodies[i])
			}
		}
		if d := cmp.Diff(map[int]int{200: 1, 412: n - 1}, counts, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("statuses (-want +got):\n%s\nlog:\n%s", d, a.logs)
		}
		got := a.get(path)
		if versionOf(got) != 2 || got["district"] != "Bezirk "+string(rune('A'+winner)) {
			t.Errorf("after the race: version %d, district %v; winner %d", versionOf(got), got["district"], winner)
		}
	})
}
