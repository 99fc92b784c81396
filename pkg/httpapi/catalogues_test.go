package httpapi_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/demo"
)

const cataloguesPath = "/api/v1/catalogues"

// catDoc is a small catalogue document: area 1 with the groups 1.1 AND 1.1.1 and
// 1.3 OR 1.3.1 (at most 7 points, minimum 3), area 7 with one criterion.
func catDoc(version string) obj {
	crit := func(code, level string, points int) obj {
		return obj{"code": code, "level": level, "points": points, "text": "Kriterium " + code}
	}
	return obj{
		"version": version, "title": "Testkatalog " + version, "illustrative": true,
		"areas": []any{
			obj{"code": "1", "name": "Beratung und Unterstützung von Kindern und Familien", "kind": "service", "min_points": 3,
				"criteria": []any{crit("1.1", "basic", 2), crit("1.1.1", "advanced", 1), crit("1.3", "basic", 2), crit("1.3.1", "advanced", 3)}},
			obj{"code": "7", "name": "Kommunikation", "kind": "structure", "min_points": 1,
				"criteria": []any{crit("7.1", "basic", 1)}},
		},
		"groups": []any{
			obj{"code": "G1.1", "rule": "and", "criteria": []any{"1.1", "1.1.1"}},
			obj{"code": "G1.3", "rule": "or", "criteria": []any{"1.3", "1.3.1"}},
		},
	}
}

// catWith returns catDoc(version) changed by fn, which gets the decoded document.
func catWith(version string, fn func(d obj)) obj {
	d := catDoc(version)
	fn(d)
	return d
}

func catArea(d obj, i int) obj      { return d["areas"].([]any)[i].(obj) }
func catCrit(d obj, i, j int) obj   { return catArea(d, i)["criteria"].([]any)[j].(obj) }
func catGroup(d obj, i int) obj     { return d["groups"].([]any)[i].(obj) }
func catPath(version string) string { return cataloguesPath + "/" + version }

func TestCataloguePutGetList(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		loaded := obj{"loaded_at": "2026-11-22T09:00:00Z"}
		runCases(t, a, []apiCase{
			{name: "empty list", method: "GET", path: cataloguesPath, status: 200, check: wantJSON(obj{"items": []any{}})},
			{name: "unknown version", method: "GET", path: catPath("2020"), status: 404, problem: probNotFound},
			{name: "malformed version", method: "GET", path: catPath("2020%2F21"), status: 400, problem: probValidation, fields: []string{"version"}},
			{name: "created", method: "PUT", path: catPath("2020"), body: catDoc("2020"), status: 201,
				check: wantJSON(merge(catDoc("2020"), loaded))},
			{name: "read back", method: "GET", path: catPath("2020"), status: 200, check: wantJSON(merge(catDoc("2020"), loaded))},
			{name: "replaced", method: "PUT", path: catPath("2020"), status: 200,
				body:  catWith("2020", func(d obj) { d["title"] = "Zweite Fassung"; delete(d, "groups"); delete(d, "illustrative") }),
				check: wantJSON(obj{"title": "Zweite Fassung", "groups": []any{}, "illustrative": false})},
			{name: "replacement read back", method: "GET", path: catPath("2020"), status: 200,
				check: wantJSON(obj{"title": "Zweite Fassung", "groups": []any{}})},
			{name: "blanks trimmed", method: "PUT", path: catPath("2019"), status: 201,
				body:  catWith("2019", func(d obj) { d["title"] = "  Katalog 2019 "; catCrit(d, 1, 0)["text"] = " Text " }),
				check: wantJSON(obj{"title": "Katalog 2019"})},
			{name: "a criterion without text", method: "PUT", path: catPath("2010"), status: 201,
				body: catWith("2010", func(d obj) { delete(catCrit(d, 1, 0), "text") })},
			{name: "list in version order, with counts", method: "GET", path: cataloguesPath, status: 200,
				check: wantJSON(obj{"items": []any{
					obj{"version": "2010", "title": "Testkatalog 2010", "illustrative": true, "loaded_at": "2026-11-22T09:00:00Z", "areas": 2, "criteria": 5},
					obj{"version": "2019", "title": "Katalog 2019", "illustrative": true, "loaded_at": "2026-11-22T09:00:00Z", "areas": 2, "criteria": 5},
					obj{"version": "2020", "title": "Zweite Fassung", "illustrative": false, "loaded_at": "2026-11-22T09:00:00Z", "areas": 2, "criteria": 5},
				}})},
		})
	})
}

func TestCataloguePutRefused(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		bad := func(name string, body obj, fields ...string) apiCase {
			return apiCase{name: name, method: "PUT", path: catPath("2020"), body: body, status: 400, problem: probValidation, fields: fields}
		}
		runCases(t, a, []apiCase{
			bad("version differs from the path", catDoc("2021"), "version"),
			bad("duplicate criterion code in another area", catWith("2020", func(d obj) { catCrit(d, 1, 0)["code"] = "1.3" }),
				"areas[1].criteria[0].code"),
			bad("duplicate criterion code in the same area", catWith("2020", func(d obj) {
				catArea(d, 0)["criteria"] = append(catArea(d, 0)["criteria"].([]any), obj{"code": "1.1", "level": "basic", "points": 1})
			}), "areas[0].criteria[4].code"),
			bad("duplicate area code", catWith("2020", func(d obj) { catArea(d, 1)["code"] = "1" }), "areas[1].code"),
			bad("duplicate group code", catWith("2020", func(d obj) { catGroup(d, 1)["code"] = "G1.1" }), "groups[1].code"),
			bad("group names an unknown criterion", catWith("2020", func(d obj) { catGroup(d, 0)["criteria"] = []any{"1.1", "9.9"} }),
				"groups[0].criteria[1]"),
			bad("criterion in two groups", catWith("2020", func(d obj) { catGroup(d, 1)["criteria"] = []any{"1.3", "1.1"} }),
				"groups[1].criteria[1]"),
			bad("group with one member", catWith("2020", func(d obj) { catGroup(d, 0)["criteria"] = []any{"1.1"} }),
				"groups[0].criteria"),
			bad("minimum out of reach", catWith("2020", func(d obj) { catArea(d, 0)["min_points"] = 8 }), "areas[0].min_points"),
			bad("negative points", catWith("2020", func(d obj) { catCrit(d, 0, 0)["points"] = -1 }), "areas[0].criteria[0].points"),
			bad("unknown level", catWith("2020", func(d obj) { catCrit(d, 0, 0)["level"] = "basis" }), "areas[0].criteria[0].level"),
			bad("unknown area kind", catWith("2020", func(d obj) { catArea(d, 1)["kind"] = "struktur" }), "areas[1].kind"),
			bad("unknown rule", catWith("2020", func(d obj) { catGroup(d, 0)["rule"] = "xor" }), "groups[0].rule"),
			bad("unknown top-level field", catWith("2020", func(d obj) { d["bogus"] = 1 }), "bogus"),
			bad("unknown criterion field", catWith("2020", func(d obj) { catCrit(d, 1, 0)["weight"] = 3 }), "areas[1].criteria[0].weight"),
			bad("unknown group field", catWith("2020", func(d obj) { catGroup(d, 0)["note"] = "" }), "groups[0].note"),
			bad("required fields missing", catWith("2020", func(d obj) { delete(d, "title"); delete(catArea(d, 0), "kind") }),
				"title", "areas[0].kind"),
			bad("no areas", catWith("2020", func(d obj) { d["areas"], d["groups"] = []any{}, []any{} }), "areas"),
			bad("several problems at once", catWith("2020", func(d obj) {
				catArea(d, 1)["code"] = "1"
				catCrit(d, 1, 0)["code"] = "1.1.1"
				catGroup(d, 1)["criteria"] = []any{"1.3", "1.4"}
			}), "areas[1].code", "areas[1].criteria[0].code", "groups[1].criteria[1]"),
			{name: "nothing was stored", method: "GET", path: cataloguesPath, status: 200, check: wantJSON(obj{"items": []any{}})},
		})
	})
}

func TestCatalogueAccess(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		a.must(201, "PUT", catPath("2020"), catDoc("2020"))
		yo := a.youthOffice()
		k := a.kita(yo, a.provider())
		yoID, kitaID := uuidOf(yo), uuidOf(k)
		var cases []apiCase
		for _, role := range []access.Role{access.RoleAdmin, access.RoleAssessor, access.RoleYouthOffice, access.RoleKitaLeader} {
			var tok string
			switch role {
			case access.RoleYouthOffice:
				_, tok = a.newUser(role, &yoID, nil)
			case access.RoleKitaLeader:
				_, tok = a.newUser(role, nil, &kitaID)
			default:
				_, tok = a.newUser(role, nil, nil)
			}
			hdr := []string{"Authorization", "Bearer " + tok}
			cases = append(cases,
				apiCase{name: string(role) + " lists", method: "GET", path: cataloguesPath, headers: hdr, status: 200},
				apiCase{name: string(role) + " reads", method: "GET", path: catPath("2020"), headers: hdr, status: 200},
				apiCase{name: string(role) + " may not load", method: "PUT", path: catPath("2021"), body: catDoc("2021"), headers: hdr,
					status: 403, problem: "urn:kitacert:problem:forbidden"},
				apiCase{name: string(role) + " may not replace", method: "PUT", path: catPath("2020"), body: catDoc("2020"), headers: hdr,
					status: 403, problem: "urn:kitacert:problem:forbidden"},
				// permission before the input rules (docs/access.md)
				apiCase{name: string(role) + " may not load a broken document either", method: "PUT", path: catPath("2021"),
					body: catWith("2022", func(d obj) { catGroup(d, 0)["criteria"] = []any{"1.1", "9"} }), headers: hdr,
					status: 403, problem: "urn:kitacert:problem:forbidden"},
			)
		}
		anon := []string{"Authorization", ""}
		cases = append(cases,
			apiCase{name: "anonymous lists", method: "GET", path: cataloguesPath, headers: anon, status: 401},
			apiCase{name: "anonymous reads", method: "GET", path: catPath("2020"), headers: anon, status: 401},
			apiCase{name: "anonymous loads", method: "PUT", path: catPath("2021"), body: catDoc("2021"), headers: anon, status: 401},
			apiCase{name: "only the coordinator's catalogue exists", method: "GET", path: cataloguesPath, status: 200,
				check: func(t *testing.T, r response) {
					if n := len(items(t, r.JSON(t))); n != 1 {
						t.Errorf("%d catalogues, want 1", n)
					}
				}},
		)
		runCases(t, a, cases)
	})
}

// TestIllustrativeCatalogueOverHTTP loads the catalogue shipped in pkg/demo through the
// API, as an operator would with curl, and reads it back unchanged.
func TestIllustrativeCatalogueOverHTTP(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		path := catPath(demo.IllustrativeCatalogueVersion)
		a.must(201, "PUT", path, demo.IllustrativeCatalogue())
		got := a.get(path)
		var sent obj
		if err := json.Unmarshal(demo.IllustrativeCatalogue(), &sent); err != nil {
			t.Fatal(err)
		}
		delete(got, "loaded_at")
		if d := cmp.Diff(normJSON(t, sent), normJSON(t, got)); d != "" {
			t.Errorf("read back (-sent +got):\n%s", d)
		}
		info := items(t, a.get(cataloguesPath))[0]
		if info["illustrative"] != true || info["areas"] != float64(8) {
			t.Errorf("list entry = %v", info)
		}
	})
}
