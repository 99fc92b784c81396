package httpapi_test

import (
	"strings"
	"testing"
	"time"
)

const providersPath = "/api/v1/providers"

func TestProviderCreate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		valid := obj{"name": "Ev. Kirchengemeinde Bonn", "kind": "protestant"}
		cases := []apiCase{
			{name: "created", method: "POST", path: providersPath, body: valid, status: 201,
				check: func(t *testing.T, r response) {
					m := r.JSON(t)
					if loc := r.Header.Get("Location"); loc != providersPath+"/"+idOf(m) {
						t.Errorf("Location = %q", loc)
					}
					wantJSON(obj{"name": "Ev. Kirchengemeinde Bonn", "kind": "protestant", "version": 1,
						"created_at": "2026-11-22T09:00:00Z", "updated_at": "2026-11-22T09:00:00Z", "archived_at": nil})(t, r)
				}},
			{name: "name trimmed", method: "POST", path: providersPath, body: obj{"name": " DRK Köln  ", "kind": "drk"}, status: 201,
				check: wantJSON(obj{"name": "DRK Köln"})},
			{name: "empty object", method: "POST", path: providersPath, body: obj{}, status: 400, problem: probValidation,
				fields: []string{"name", "kind"}},
			{name: "name empty", method: "POST", path: providersPath, body: merge(valid, obj{"name": ""}), status: 400,
				problem: probValidation, fields: []string{"name"}},
			{name: "name blanks", method: "POST", path: providersPath, body: merge(valid, obj{"name": "  "}), status: 400,
				problem: probValidation, fields: []string{"name"}},
			{name: "name too long", method: "POST", path: providersPath, body: merge(valid, obj{"name": strings.Repeat("x", 201)}), status: 400,
				problem: probValidation, fields: []string{"name"}},
			{name: "kind missing", method: "POST", path: providersPath, body: obj{"name": "X"}, status: 400,
				problem: probValidation, fields: []string{"kind"}},
			{name: "kind unknown", method: "POST", path: providersPath, body: merge(valid, obj{"kind": "church"}), status: 400,
				problem: probValidation, fields: []string{"kind"}},
			{name: "kind upper case", method: "POST", path: providersPath, body: merge(valid, obj{"kind": "AWO"}), status: 400,
				problem: probValidation, fields: []string{"kind"}},
			{name: "unknown field", method: "POST", path: providersPath, body: merge(valid, obj{"kinds": "awo"}), status: 400,
				problem: probValidation, fields: []string{"kinds"}},
		}
		for _, kind := range []string{"municipal", "catholic", "protestant", "awo", "drk", "paritaetischer", "parents_initiative", "other"} {
			cases = append(cases, apiCase{name: "kind " + kind, method: "POST", path: providersPath,
				body: obj{"name": "Träger " + kind, "kind": kind}, status: 201, check: wantJSON(obj{"kind": kind})})
		}
		runCases(t, a, cases)
	})
}

func TestProviderReadAndList(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		awo := a.provider(obj{"name": "AWO Unterbezirk Dortmund", "kind": "awo"})
		cath := a.provider(obj{"name": "Kath. Kita gGmbH Überruhr", "kind": "catholic"})
		city := a.provider(obj{"name": "Stadt Dortmund", "kind": "municipal"})
		gone := a.provider(obj{"name": "AWO Alt", "kind": "awo"})
		a.must(200, "POST", providersPath+"/"+idOf(gone)+"/archive", nil)
		runCases(t, a, []apiCase{
			{name: "get", method: "GET", path: providersPath + "/" + idOf(cath), status: 200, check: wantJSON(cath)},
			{name: "get unknown", method: "GET", path: providersPath + "/" + unknownID, status: 404, problem: probNotFound},
			{name: "get malformed id", method: "GET", path: providersPath + "/" + badID, status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "list", method: "GET", path: providersPath, status: 200, check: wantIDs(idOf(awo), idOf(cath), idOf(city))},
			{name: "include_archived", method: "GET", path: providersPath + "?include_archived=true", status: 200,
				check: wantIDs(idOf(awo), idOf(cath), idOf(city), idOf(gone))},
			{name: "kind awo", method: "GET", path: providersPath + "?kind=awo", status: 200, check: wantIDs(idOf(awo))},
			{name: "kind awo with archived", method: "GET", path: providersPath + "?kind=awo&include_archived=true", status: 200,
				check: wantIDs(idOf(awo), idOf(gone))},
			{name: "kind without match", method: "GET", path: providersPath + "?kind=drk", status: 200, check: wantIDs()},
			{name: "kind unknown", method: "GET", path: providersPath + "?kind=church", status: 400, problem: probValidation, fields: []string{"kind"}},
			{name: "q case-insensitive", method: "GET", path: providersPath + "?q=DORTMUND", status: 200, check: wantIDs(idOf(awo), idOf(city))},
			{name: "q with umlaut in other case", method: "GET", path: providersPath + "?q=%C3%BCBERRUHR", status: 200, check: wantIDs(idOf(cath))},
			{name: "q and kind", method: "GET", path: providersPath + "?q=dortmund&kind=municipal", status: 200, check: wantIDs(idOf(city))},
		})
	})
}

func TestProviderUpdate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		pr := a.provider(obj{"name": "Elterninitiative Krümel", "kind": "parents_initiative"})
		path := providersPath + "/" + idOf(pr)
		a.clock.Advance(24 * time.Hour)
		runCases(t, a, []apiCase{
			{name: "without If-Match", method: "PATCH", path: path, body: obj{"kind": "other"}, status: 428, problem: probPrecondition},
			{name: "stale", method: "PATCH", path: path, body: obj{"kind": "other"}, headers: []string{"If-Match", `"0"`}, status: 412, problem: probStale},
			{name: "unknown id", method: "PATCH", path: providersPath + "/" + unknownID, body: obj{"kind": "other"},
				headers: []string{"If-Match", `"1"`}, status: 404, problem: probNotFound},
			{name: "malformed id", method: "PATCH", path: providersPath + "/" + badID, body: obj{"kind": "other"},
				headers: []string{"If-Match", `"1"`}, status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "empty", method: "PATCH", path: path, body: obj{}, headers: []string{"If-Match", `"1"`}, status: 400,
				problem: probValidation, fields: []string{"body"}},
			{name: "kind unknown", method: "PATCH", path: path, body: obj{"kind": "x"}, headers: []string{"If-Match", `"1"`}, status: 400,
				problem: probValidation, fields: []string{"kind"}},
			{name: "kind null", method: "PATCH", path: path, body: `{"kind":null}`, headers: []string{"If-Match", `"1"`}, status: 400,
				problem: probValidation, fields: []string{"kind"}},
			{name: "name blanks", method: "PATCH", path: path, body: obj{"name": " "}, headers: []string{"If-Match", `"1"`}, status: 400,
				problem: probValidation, fields: []string{"name"}},
			{name: "unknown field", method: "PATCH", path: path, body: obj{"version": 5}, headers: []string{"If-Match", `"1"`}, status: 400,
				problem: probValidation, fields: []string{"version"}},
			{name: "kind only", method: "PATCH", path: path, body: obj{"kind": "other"}, headers: []string{"If-Match", `"1"`}, status: 200,
				check: wantJSON(obj{"version": 2, "name": "Elterninitiative Krümel", "kind": "other",
					"created_at": "2026-11-22T09:00:00Z", "updated_at": "2026-11-23T09:00:00Z"})},
			{name: "name only", method: "PATCH", path: path, body: obj{"name": "Krümel e.V."}, headers: []string{"If-Match", `"2"`}, status: 200,
				check: wantJSON(obj{"version": 3, "name": "Krümel e.V.", "kind": "other"})},
			{name: "read", method: "GET", path: path, status: 200, check: wantJSON(obj{"version": 3, "name": "Krümel e.V.", "kind": "other"})},
		})
	})
}

func TestProviderArchive(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo := a.youthOffice()
		free := a.provider()
		withKita := a.provider()
		withContact := a.provider()
		k := a.kita(yo, withKita)
		c := a.contact("provider_id", idOf(withContact))
		path := providersPath + "/" + idOf(free)
		runCases(t, a, []apiCase{
			{name: "stale If-Match", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"2"`}, status: 412, problem: probStale},
			{name: "unknown", method: "POST", path: providersPath + "/" + unknownID + "/archive", status: 404, problem: probNotFound},
			{name: "malformed id", method: "POST", path: providersPath + "/" + badID + "/archive", status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "runs an active Kita", method: "POST", path: providersPath + "/" + idOf(withKita) + "/archive", status: 409, problem: probConflict},
			{name: "has an active contact", method: "POST", path: providersPath + "/" + idOf(withContact) + "/archive", status: 409, problem: probConflict},
			{name: "refused archive changed nothing", method: "GET", path: providersPath + "/" + idOf(withKita), status: 200,
				check: wantJSON(obj{"version": 1, "archived_at": nil})},
			{name: "archive", method: "POST", path: path + "/archive", status: 200,
				check: wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z"})},
			{name: "again", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"2"`}, status: 200,
				check: wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z"})},
			{name: "archived cannot be changed", method: "PATCH", path: path, body: obj{"name": "X"}, headers: []string{"If-Match", `"2"`},
				status: 409, problem: probConflict},
			{name: "archived provider is no valid reference for a Kita", method: "POST", path: kitasPath,
				body:   obj{"name": "K", "provider_id": idOf(free), "youth_office_id": idOf(yo), "address": address("A 1", "40210", "D")},
				status: 400, problem: probValidation, fields: []string{"provider_id"}},
			{name: "Kita cannot move to archived provider", method: "PATCH", path: kitasPath + "/" + idOf(k),
				body: obj{"provider_id": idOf(free)}, headers: []string{"If-Match", `"1"`},
				status: 400, problem: probValidation, fields: []string{"provider_id"}},
			{name: "not listed", method: "GET", path: providersPath, status: 200, check: wantIDs(idOf(withKita), idOf(withContact))},
		})
		a.must(200, "POST", kitasPath+"/"+idOf(k)+"/archive", nil)
		a.must(200, "POST", contactsPath+"/"+idOf(c)+"/archive", nil)
		a.must(200, "POST", providersPath+"/"+idOf(withKita)+"/archive", nil)
		a.must(200, "POST", providersPath+"/"+idOf(withContact)+"/archive", nil)
	})
}
