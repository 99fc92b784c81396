package httpapi_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const centersPath = "/api/v1/centers"

// today is the service's "today" at testNow (Europe/Berlin).
const today = "2026-11-22"

// member is a membership as the API shows it.
func member(k obj, role, joined string, left any) obj {
	return obj{"kita_id": idOf(k), "kita_name": k["name"], "role": role, "joined_on": joined, "left_on": left}
}

// wantMembers checks the memberships of a center body ("members") or a member list ("items").
func wantMembers(want ...obj) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		m := r.JSON(t)
		got, ok := m["members"]
		if !ok {
			got = m["items"]
		}
		if want == nil {
			want = []obj{}
		}
		if d := cmp.Diff(normJSON(t, want), normJSON(t, got)); d != "" {
			t.Errorf("members (-want +got):\n%s", d)
		}
	}
}

// both runs several checks.
func both(checks ...func(t *testing.T, r response)) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		for _, c := range checks {
			c(t, r)
		}
	}
}

func TestCenterCreate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kitas(14, yo, pr, "Kita")      // become members
		f := a.kitas(6, yo, pr, "Freie Kita") // stay free: every create with them fails
		gone := a.kita(yo, pr, obj{"name": "Archivierte Kita"})
		a.must(200, "POST", kitasPath+"/"+idOf(gone)+"/archive", nil)
		m := func(kita obj, role string, extra ...obj) obj {
			return merge(obj{"kita_id": idOf(kita), "role": role}, extra...)
		}
		bad := func(name string, status int, body any, fields ...string) apiCase {
			problem := probValidation
			if status == 409 {
				problem = probConflict
			}
			return apiCase{name: name, method: "POST", path: centersPath, body: body, status: status, problem: problem, fields: fields}
		}
		network := func(ms ...obj) obj { return obj{"kind": "network", "name": "Verbund", "members": ms} }
		tooMany := make([]obj, 101)
		for i := range tooMany {
			tooMany[i] = obj{"kita_id": unknownID, "role": "member"}
		}
		runCases(t, a, []apiCase{
			{name: "single", method: "POST", path: centersPath, status: 201,
				body: obj{"kind": "single", "name": "Familienzentrum Kita 1", "members": members(k[0])},
				check: both(
					wantJSON(obj{"kind": "single", "name": "Familienzentrum Kita 1", "size_exception_reason": nil, "version": 1,
						"archived_at": nil, "created_at": "2026-11-22T09:00:00Z", "updated_at": "2026-11-22T09:00:00Z"}),
					wantMembers(member(k[0], "grant_recipient", today, nil)),
					func(t *testing.T, r response) {
						if loc := r.Header.Get("Location"); loc != centersPath+"/"+idOf(r.JSON(t)) {
							t.Errorf("Location = %q", loc)
						}
					})},
			{name: "network of two, oldest member first", method: "POST", path: centersPath, status: 201,
				body: network(m(k[1], "contact"), m(k[2], "grant_recipient", obj{"joined_on": "2025-08-01"})),
				check: both(wantJSON(obj{"kind": "network", "size_exception_reason": nil}),
					wantMembers(member(k[2], "grant_recipient", "2025-08-01", nil), member(k[1], "contact", today, nil)))},
			{name: "network of five", method: "POST", path: centersPath, status: 201,
				body: network(members(k[3], k[4], k[5], k[6], k[7])...),
				check: func(t *testing.T, r response) {
					wantMembers(memberList(members(k[3], k[4], k[5], k[6], k[7]), k[3:8])...)(t, r)
				}},
			{name: "network of six with a size exception", method: "POST", path: centersPath, status: 201,
				body: merge(network(members(k[8:14]...)...), obj{"size_exception_reason": "Erlass des MKJFGFI vom 1.8.2026"}),
				check: both(wantJSON(obj{"size_exception_reason": "Erlass des MKJFGFI vom 1.8.2026"}),
					func(t *testing.T, r response) { wantMembers(memberList(members(k[8:14]...), k[8:14])...)(t, r) })},
			bad("single with a plain member", 400, obj{"kind": "single", "name": "FZ", "members": []obj{m(f[0], "member")}}, "members"),
			bad("single with a contact Kita", 400, obj{"kind": "single", "name": "FZ", "members": []obj{m(f[0], "contact")}}, "members"),
			bad("single with two Kitas", 400, obj{"kind": "single", "name": "FZ", "members": members(f[0], f[1])}, "members"),
			bad("single with a size exception", 400, obj{"kind": "single", "name": "FZ", "members": members(f[0]),
				"size_exception_reason": "Grund"}, "size_exception_reason"),
			bad("network of one", 400, network(members(f[0])...), "members"),
			bad("network of six without reason", 400, network(members(f[0], f[1], f[2], f[3], f[4], f[5])...), "members"),
			bad("network of six with a blank reason", 400, merge(network(members(f[0], f[1], f[2], f[3], f[4], f[5])...),
				obj{"size_exception_reason": "  "}), "members"),
			bad("network without grant recipient", 400, network(m(f[0], "member"), m(f[1], "contact")), "members"),
			bad("network with two grant recipients", 400, network(m(f[0], "grant_recipient"), m(f[1], "grant_recipient")), "members"),
			bad("network with two contact Kitas", 400, network(m(f[0], "grant_recipient"), m(f[1], "contact"), m(f[2], "contact")), "members"),
			bad("the same Kita twice", 400, network(m(f[0], "grant_recipient"), m(f[0], "member")), "members[1].kita_id"),
			bad("Kita already in another center", 409, network(m(f[0], "grant_recipient"), m(f[1], "member"), m(k[0], "member")),
				"members[2].kita_id"),
			bad("unknown Kita", 400, network(m(f[0], "grant_recipient"), m(obj{"id": unknownID}, "member")), "members[1].kita_id"),
			bad("archived Kita", 400, network(m(f[0], "grant_recipient"), m(gone, "member")), "members[1].kita_id"),
			bad("malformed kita_id", 400, network(m(f[0], "grant_recipient"), obj{"kita_id": "abc", "role": "member"}), "members[1].kita_id"),
			bad("kita_id missing", 400, network(m(f[0], "grant_recipient"), obj{"role": "member"}), "members[1].kita_id"),
			bad("role unknown", 400, network(m(f[0], "leader"), m(f[1], "grant_recipient")), "members[0].role"),
			bad("role missing", 400, network(obj{"kita_id": idOf(f[0])}, m(f[1], "grant_recipient")), "members[0].role"),
			bad("joined_on in the future", 400, network(m(f[0], "grant_recipient", obj{"joined_on": "2026-11-23"}), m(f[1], "member")),
				"members[0].joined_on"),
			bad("joined_on no date", 400, network(m(f[0], "grant_recipient"), m(f[1], "member", obj{"joined_on": "2026-02-30"})),
				"members[1].joined_on"),
			bad("joined_on German format", 400, network(m(f[0], "grant_recipient"), m(f[1], "member", obj{"joined_on": "01.08.2026"})),
				"members[1].joined_on"),
			bad("unknown member field", 400, network(m(f[0], "grant_recipient", obj{"left_on": today}), m(f[1], "member")),
				"members[0].left_on"),
			bad("no members", 400, network(), "members"),
			bad("members missing", 400, obj{"kind": "network", "name": "V"}, "members"),
			bad("101 members", 400, network(tooMany...), "members"),
			bad("kind unknown", 400, obj{"kind": "verbund", "name": "V", "members": members(f[0], f[1])}, "kind"),
			bad("kind missing", 400, obj{"name": "V", "members": members(f[0], f[1])}, "kind"),
			bad("name missing", 400, obj{"kind": "network", "members": members(f[0], f[1])}, "name"),
			bad("name blanks", 400, obj{"kind": "network", "name": "  ", "members": members(f[0], f[1])}, "name"),
			bad("reason too long", 400, merge(network(members(f[0], f[1])...), obj{"size_exception_reason": strings.Repeat("r", 1001)}),
				"size_exception_reason"),
			bad("unknown field", 400, merge(network(members(f[0], f[1])...), obj{"id": unknownID}), "id"),
			{name: "failed creates left the free Kitas free", method: "GET", path: centersPath + "?kita_id=" + idOf(f[0]), status: 200,
				check: wantIDs()},
			{name: "four centers exist", method: "GET", path: centersPath, status: 200,
				check: func(t *testing.T, r response) {
					if n := len(items(t, r.JSON(t))); n != 4 {
						t.Errorf("%d centers, want 4", n)
					}
				}},
		})
	})
}

// memberList is the expected view of the members created from ms (joined today).
func memberList(ms []obj, ks []obj) []obj {
	out := make([]obj, len(ms))
	for i, m := range ms {
		out[i] = member(ks[i], m["role"].(string), today, nil)
	}
	return out
}

func TestCenterReadAndList(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo1, yo2, yo3 := a.youthOffice(), a.youthOffice(), a.youthOffice()
		pr := a.provider()
		ka := a.kita(yo1, pr, obj{"name": "Kita A"})
		kb := a.kita(yo1, pr, obj{"name": "Kita B"})
		kc := a.kita(yo2, pr, obj{"name": "Kita C"})
		kd := a.kita(yo2, pr, obj{"name": "Kita D"})
		ke := a.kita(yo2, pr, obj{"name": "Kita E"})
		kf := a.kita(yo1, pr, obj{"name": "Kita F"})
		kg := a.kita(yo3, pr, obj{"name": "Kita G"})
		s1 := a.center("single", "Familienzentrum Südstadt", members(ka))
		n1 := a.center("network", "Verbund Nord", members(kb, kc))
		n2 := a.center("network", "Familienzentrum Süd-Ost", members(kd, ke, kg))
		x := a.center("single", "Familienzentrum Alt", members(kf))
		a.must(200, "POST", centersPath+"/"+idOf(x)+"/archive", nil)
		// Kita G leaves: its youth office no longer finds the center.
		a.must(200, "DELETE", centersPath+"/"+idOf(n2)+"/members/"+idOf(kg), nil)
		n2 = a.get(centersPath + "/" + idOf(n2))
		q := func(query string, cs ...obj) apiCase {
			ids := make([]string, len(cs))
			for i, c := range cs {
				ids[i] = idOf(c)
			}
			return apiCase{name: "list " + query, method: "GET", path: centersPath + "?" + query, status: 200, check: wantIDs(ids...)}
		}
		runCases(t, a, []apiCase{
			{name: "get", method: "GET", path: centersPath + "/" + idOf(n1), status: 200,
				check: both(wantJSON(n1), wantMembers(member(kb, "grant_recipient", today, nil), member(kc, "member", today, nil)))},
			{name: "get unknown", method: "GET", path: centersPath + "/" + unknownID, status: 404, problem: probNotFound},
			{name: "get malformed id", method: "GET", path: centersPath + "/" + badID, status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "get archived has no active members", method: "GET", path: centersPath + "/" + idOf(x), status: 200,
				check: both(wantJSON(obj{"archived_at": "2026-11-22T09:00:00Z"}), wantMembers())},
			q("", s1, n1, n2),
			q("include_archived=true", s1, n1, n2, x),
			q("kind=single", s1),
			q("kind=single&include_archived=true", s1, x),
			q("kind=network", n1, n2),
			q("kita_id="+idOf(kc), n1),
			q("kita_id=" + idOf(ka) + "&kind=network"),
			q("kita_id=" + idOf(kf) + "&include_archived=true"),
			q("kita_id=" + idOf(kg)),
			q("youth_office_id="+idOf(yo1), s1, n1),
			q("youth_office_id="+idOf(yo2), n1, n2),
			q("youth_office_id=" + idOf(yo3)),
			q("youth_office_id="+idOf(yo2)+"&kind=network&q=nord", n1),
			q("q=S%C3%9CD", s1, n2),
			q("q=familienzentrum&include_archived=true", s1, n2, x),
			q("q=verbund", n1),
			{name: "list shows active members", method: "GET", path: centersPath + "?kind=network", status: 200,
				check: func(t *testing.T, r response) {
					its := items(t, r.JSON(t))
					if len(its) != 2 {
						t.Fatalf("%d items", len(its))
					}
					if d := cmp.Diff(normJSON(t, []obj{member(kd, "grant_recipient", today, nil), member(ke, "member", today, nil)}),
						normJSON(t, its[1]["members"])); d != "" {
						t.Errorf("members of n2 in the list (-want +got):\n%s", d)
					}
					if d := cmp.Diff(normJSON(t, n1), normJSON(t, its[0])); d != "" {
						t.Errorf("n1 in the list differs from GET (-get +list):\n%s", d)
					}
				}},
			{name: "kind unknown", method: "GET", path: centersPath + "?kind=verbund", status: 400, problem: probValidation, fields: []string{"kind"}},
			{name: "kita_id malformed", method: "GET", path: centersPath + "?kita_id=x", status: 400, problem: probValidation, fields: []string{"kita_id"}},
			{name: "youth_office_id malformed", method: "GET", path: centersPath + "?youth_office_id=x", status: 400,
				problem: probValidation, fields: []string{"youth_office_id"}},
		})
		// A renamed Kita shows its new name in its center.
		a.must(200, "PATCH", kitasPath+"/"+idOf(ka), obj{"name": "Kita A (neu)"}, "If-Match", `"1"`)
		got := a.get(centersPath + "/" + idOf(s1))
		if ms := got["members"].([]any); len(ms) != 1 || ms[0].(obj)["kita_name"] != "Kita A (neu)" {
			t.Errorf("members after renaming the Kita: %v", got["members"])
		}
	})
}

func TestCenterUpdate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kitas(7, yo, pr, "Kita")
		big := a.center("network", "Großer Verbund", members(k[:6]...), obj{"size_exception_reason": "Ausnahme"})
		single := a.center("single", "Einzel", members(k[6]))
		path := centersPath + "/" + idOf(big)
		im := func(v int) []string { return []string{"If-Match", quoted(v)} }
		runCases(t, a, []apiCase{
			{name: "without If-Match", method: "PATCH", path: path, body: obj{"name": "X"}, status: 428, problem: probPrecondition},
			{name: "stale", method: "PATCH", path: path, body: obj{"name": "X"}, headers: im(2), status: 412, problem: probStale},
			{name: "unknown", method: "PATCH", path: centersPath + "/" + unknownID, body: obj{"name": "X"}, headers: im(1), status: 404, problem: probNotFound},
			{name: "malformed id", method: "PATCH", path: centersPath + "/" + badID, body: obj{"name": "X"}, headers: im(1),
				status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "empty", method: "PATCH", path: path, body: obj{}, headers: im(1), status: 400, problem: probValidation, fields: []string{"body"}},
			{name: "kind cannot change", method: "PATCH", path: path, body: obj{"kind": "single"}, headers: im(1), status: 400,
				problem: probValidation, fields: []string{"kind"}},
			{name: "members change elsewhere", method: "PATCH", path: path, body: obj{"members": []obj{}}, headers: im(1), status: 400,
				problem: probValidation, fields: []string{"members"}},
			{name: "name blanks", method: "PATCH", path: path, body: obj{"name": " "}, headers: im(1), status: 400,
				problem: probValidation, fields: []string{"name"}},
			{name: "reason too long", method: "PATCH", path: path, body: obj{"size_exception_reason": strings.Repeat("r", 1001)}, headers: im(1),
				status: 400, problem: probValidation, fields: []string{"size_exception_reason"}},
			{name: "reason removed while six members", method: "PATCH", path: path, body: `{"size_exception_reason":null}`, headers: im(1),
				status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "reason blanked while six members", method: "PATCH", path: path, body: obj{"size_exception_reason": ""}, headers: im(1),
				status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "single cannot get a reason", method: "PATCH", path: centersPath + "/" + idOf(single), body: obj{"size_exception_reason": "x"},
				headers: im(1), status: 400, problem: probValidation, fields: []string{"size_exception_reason"}},
			{name: "name", method: "PATCH", path: path, body: obj{"name": "Verbund West"}, headers: im(1), status: 200,
				check: both(wantJSON(obj{"version": 2, "name": "Verbund West", "kind": "network", "size_exception_reason": "Ausnahme"}),
					wantMembers(memberList(members(k[:6]...), k[:6])...))},
			{name: "reason changed", method: "PATCH", path: path, body: obj{"size_exception_reason": "Erlass vom 1.8."}, headers: im(2), status: 200,
				check: wantJSON(obj{"version": 3, "name": "Verbund West", "size_exception_reason": "Erlass vom 1.8."})},
			{name: "a member leaves", method: "DELETE", path: path + "/members/" + idOf(k[5]), headers: im(3), status: 200,
				check: wantJSON(obj{"version": 4})},
			{name: "reason removed with five members", method: "PATCH", path: path, body: `{"size_exception_reason":null}`, headers: im(4), status: 200,
				check: wantJSON(obj{"version": 5, "size_exception_reason": nil})},
			{name: "a sixth member needs the reason again", method: "POST", path: path + "/members", body: obj{"kita_id": idOf(k[5]), "role": "member"},
				status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "read", method: "GET", path: path, status: 200,
				check: wantJSON(obj{"version": 5, "name": "Verbund West", "size_exception_reason": nil})},
		})
	})
}

// TestCenterMembers walks a network through every membership change; each one bumps the
// center's version, which is the ETag of the center and of its member list.
func TestCenterMembers(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kitas(7, yo, pr, "Kita")
		other := a.kita(yo, pr, obj{"name": "Kita woanders"})
		gone := a.kita(yo, pr, obj{"name": "Kita archiviert"})
		a.must(200, "POST", kitasPath+"/"+idOf(gone)+"/archive", nil)
		elsewhere := a.center("single", "Anderes FZ", members(other))
		n := a.center("network", "Verbund", []obj{
			{"kita_id": idOf(k[0]), "role": "grant_recipient", "joined_on": "2025-08-01"},
			{"kita_id": idOf(k[1]), "role": "member", "joined_on": "2025-08-01"},
		})
		path := centersPath + "/" + idOf(n)
		mp := func(kita obj) string { return path + "/members/" + idOf(kita) }
		im := func(v int) []string { return []string{"If-Match", quoted(v)} }
		add := func(kita obj, role string) obj { return obj{"kita_id": idOf(kita), "role": role} }
		version := func(v int) func(t *testing.T, r response) {
			return func(t *testing.T, r response) {
				t.Helper()
				if got := r.Header.Get("ETag"); got != quoted(v) {
					t.Errorf("ETag = %q, want %q", got, quoted(v))
				}
			}
		}
		past := "2025-08-01"
		runCases(t, a, []apiCase{
			{name: "list", method: "GET", path: path + "/members", status: 200,
				check: both(version(1), wantMembers(member(k[0], "grant_recipient", past, nil), member(k[1], "member", past, nil)))},
			{name: "list unknown center", method: "GET", path: centersPath + "/" + unknownID + "/members", status: 404, problem: probNotFound},
			{name: "list malformed id", method: "GET", path: centersPath + "/" + badID + "/members", status: 400,
				problem: probValidation, fields: []string{"id"}},
			{name: "list include_past malformed", method: "GET", path: path + "/members?include_past=1x", status: 400,
				problem: probValidation, fields: []string{"include_past"}},

			// POST
			{name: "add member without If-Match", method: "POST", path: path + "/members", body: add(k[2], "member"), status: 201,
				check: both(version(2), wantJSON(obj{"version": 2}), wantMembers(member(k[0], "grant_recipient", past, nil),
					member(k[1], "member", past, nil), member(k[2], "member", today, nil)))},
			{name: "add contact with If-Match", method: "POST", path: path + "/members", body: add(k[3], "contact"), headers: im(2), status: 201,
				check: both(version(3), wantJSON(obj{"version": 3}))},
			{name: "add grant recipient hands the role over", method: "POST", path: path + "/members", headers: im(3), status: 201,
				body: obj{"kita_id": idOf(k[4]), "role": "grant_recipient", "joined_on": "2026-11-01"},
				check: both(version(4), wantMembers(member(k[0], "member", past, nil), member(k[1], "member", past, nil),
					member(k[4], "grant_recipient", "2026-11-01", nil), member(k[2], "member", today, nil), member(k[3], "contact", today, nil)))},
			{name: "add with stale If-Match", method: "POST", path: path + "/members", body: add(k[5], "member"), headers: im(3),
				status: 412, problem: probStale},
			{name: "add Kita of another center", method: "POST", path: path + "/members", body: add(other, "member"),
				status: 409, problem: probConflict, fields: []string{"kita_id"}},
			{name: "add Kita that is already a member", method: "POST", path: path + "/members", body: add(k[2], "member"),
				status: 409, problem: probConflict, fields: []string{"kita_id"}},
			{name: "add unknown Kita", method: "POST", path: path + "/members", body: obj{"kita_id": unknownID, "role": "member"},
				status: 400, problem: probValidation, fields: []string{"kita_id"}},
			{name: "add archived Kita", method: "POST", path: path + "/members", body: add(gone, "member"),
				status: 400, problem: probValidation, fields: []string{"kita_id"}},
			{name: "add malformed kita_id", method: "POST", path: path + "/members", body: obj{"kita_id": "1", "role": "member"},
				status: 400, problem: probValidation, fields: []string{"kita_id"}},
			{name: "add without role", method: "POST", path: path + "/members", body: obj{"kita_id": idOf(k[5])},
				status: 400, problem: probValidation, fields: []string{"role"}},
			{name: "add unknown role", method: "POST", path: path + "/members", body: add(k[5], "boss"),
				status: 400, problem: probValidation, fields: []string{"role"}},
			{name: "add joined tomorrow", method: "POST", path: path + "/members", body: merge(add(k[5], "member"), obj{"joined_on": "2026-11-23"}),
				status: 400, problem: probValidation, fields: []string{"joined_on"}},
			{name: "add unknown field", method: "POST", path: path + "/members", body: merge(add(k[5], "member"), obj{"kita_name": "x"}),
				status: 400, problem: probValidation, fields: []string{"kita_name"}},
			{name: "add to unknown center", method: "POST", path: centersPath + "/" + unknownID + "/members", body: add(k[5], "member"),
				status: 404, problem: probNotFound},
			{name: "add to malformed center id", method: "POST", path: centersPath + "/" + badID + "/members", body: add(k[5], "member"),
				status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "add a sixth member", method: "POST", path: path + "/members", body: add(k[5], "member"),
				status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "failed changes kept the version", method: "GET", path: path, status: 200, check: version(4)},

			// PATCH role
			{name: "role without If-Match", method: "PATCH", path: mp(k[1]), body: obj{"role": "contact"}, status: 428, problem: probPrecondition},
			{name: "role with stale If-Match", method: "PATCH", path: mp(k[1]), body: obj{"role": "contact"}, headers: im(3),
				status: 412, problem: probStale},
			{name: "contact handed over", method: "PATCH", path: mp(k[1]), body: obj{"role": "contact"}, headers: im(4), status: 200,
				check: both(version(5), wantJSON(obj{"version": 5}), wantMembers(member(k[0], "member", past, nil), member(k[1], "contact", past, nil),
					member(k[4], "grant_recipient", "2026-11-01", nil), member(k[2], "member", today, nil), member(k[3], "member", today, nil)))},
			{name: "grant recipient handed back", method: "PATCH", path: mp(k[0]), body: obj{"role": "grant_recipient"}, headers: im(5), status: 200,
				check: both(version(6), wantMembers(member(k[0], "grant_recipient", past, nil), member(k[1], "contact", past, nil),
					member(k[4], "member", "2026-11-01", nil), member(k[2], "member", today, nil), member(k[3], "member", today, nil)))},
			{name: "grant recipient cannot just become member", method: "PATCH", path: mp(k[0]), body: obj{"role": "member"}, headers: im(6),
				status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "role unknown", method: "PATCH", path: mp(k[2]), body: obj{"role": "boss"}, headers: im(6), status: 400,
				problem: probValidation, fields: []string{"role"}},
			{name: "role missing", method: "PATCH", path: mp(k[2]), body: obj{}, headers: im(6), status: 400,
				problem: probValidation, fields: []string{"role"}},
			{name: "role of a Kita that is no member", method: "PATCH", path: mp(k[5]), body: obj{"role": "member"}, headers: im(6),
				status: 404, problem: probNotFound},
			{name: "role in unknown center", method: "PATCH", path: centersPath + "/" + unknownID + "/members/" + idOf(k[2]),
				body: obj{"role": "member"}, headers: im(6), status: 404, problem: probNotFound},
			{name: "role with malformed kita_id", method: "PATCH", path: path + "/members/" + badID, body: obj{"role": "member"}, headers: im(6),
				status: 400, problem: probValidation, fields: []string{"kita_id"}},
			{name: "role with malformed center id", method: "PATCH", path: centersPath + "/" + badID + "/members/" + idOf(k[2]),
				body: obj{"role": "member"}, headers: im(6), status: 400, problem: probValidation, fields: []string{"id"}},

			// DELETE
			{name: "grant recipient cannot leave", method: "DELETE", path: mp(k[0]), status: 409, problem: probConflict, fields: []string{"kita_id"}},
			{name: "leave on no date", method: "DELETE", path: mp(k[2]) + "?left_on=22.11.2026", status: 400, problem: probValidation,
				fields: []string{"left_on"}},
			{name: "leave with stale If-Match", method: "DELETE", path: mp(k[2]), headers: im(5), status: 412, problem: probStale},
			{name: "Kita that is no member", method: "DELETE", path: mp(k[5]), status: 404, problem: probNotFound},
			{name: "leave unknown center", method: "DELETE", path: centersPath + "/" + unknownID + "/members/" + idOf(k[2]), status: 404,
				problem: probNotFound},
			{name: "leave with malformed kita_id", method: "DELETE", path: path + "/members/" + badID, status: 400,
				problem: probValidation, fields: []string{"kita_id"}},
			{name: "leave today by default", method: "DELETE", path: mp(k[2]), headers: im(6), status: 200,
				check: both(version(7), wantJSON(obj{"version": 7}), wantMembers(member(k[0], "grant_recipient", past, nil),
					member(k[1], "contact", past, nil), member(k[4], "member", "2026-11-01", nil), member(k[3], "member", today, nil)))},
			{name: "left Kita leaves no second time", method: "DELETE", path: mp(k[2]), status: 404, problem: probNotFound},
			{name: "the contact Kita leaves", method: "DELETE", path: mp(k[1]), headers: im(7), status: 200, check: version(8)},
			{name: "active members", method: "GET", path: path + "/members", status: 200,
				check: both(version(8), wantMembers(member(k[0], "grant_recipient", past, nil), member(k[4], "member", "2026-11-01", nil),
					member(k[3], "member", today, nil)))},
			{name: "past members too", method: "GET", path: path + "/members?include_past=true", status: 200,
				check: both(version(8), wantMembers(member(k[0], "grant_recipient", past, nil), member(k[1], "contact", past, today),
					member(k[4], "member", "2026-11-01", nil), member(k[2], "member", today, today), member(k[3], "member", today, nil)))},
			{name: "include_past=false", method: "GET", path: path + "/members?include_past=false", status: 200,
				check: wantMembers(member(k[0], "grant_recipient", past, nil), member(k[4], "member", "2026-11-01", nil),
					member(k[3], "member", today, nil))},
			{name: "a Kita that left can join another center", method: "POST", path: centersPath, status: 201,
				body: obj{"kind": "single", "name": "Neues FZ", "members": members(k[2])}},
			{name: "a Kita that left can rejoin", method: "POST", path: path + "/members", body: add(k[1], "member"), status: 201,
				check: both(version(9), wantMembers(member(k[0], "grant_recipient", past, nil), member(k[4], "member", "2026-11-01", nil),
					member(k[3], "member", today, nil), member(k[1], "member", today, nil)))},
			{name: "member leaves", method: "DELETE", path: mp(k[1]), status: 200, check: version(10)},
			{name: "another leaves", method: "DELETE", path: mp(k[3]), status: 200, check: version(11)},
			{name: "a network keeps two Kitas", method: "DELETE", path: mp(k[4]), status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "the grant recipient of a single center cannot leave", method: "DELETE", path: centersPath + "/" + idOf(elsewhere) + "/members/" + idOf(other),
				status: 409, problem: probConflict, fields: []string{"kita_id"}},
			{name: "a single center has no room", method: "POST", path: centersPath + "/" + idOf(elsewhere) + "/members", body: add(k[5], "member"),
				status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "a single center's Kita stays grant recipient", method: "PATCH", path: centersPath + "/" + idOf(elsewhere) + "/members/" + idOf(other),
				body: obj{"role": "contact"}, headers: im(1), status: 409, problem: probConflict, fields: []string{"members"}},
			{name: "center filter by Kita follows the memberships", method: "GET", path: centersPath + "?kita_id=" + idOf(k[3]), status: 200,
				check: wantIDs()},
			{name: "history", method: "GET", path: path + "/members?include_past=true", status: 200,
				check: func(t *testing.T, r response) {
					if n := len(items(t, r.JSON(t))); n != 6 {
						t.Errorf("%d memberships in the history, want 6", n)
					}
				}},
		})
	})
}

// TestCenterMemberLeftOn covers the left_on of DELETE .../members/{kita_id}.
func TestCenterMemberLeftOn(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kitas(6, yo, pr, "Kita")
		joined := []string{"2025-08-01", "2025-08-01", "2026-11-01", "2025-08-01", today, today}
		ms := members(k...)
		for i := range ms {
			ms[i]["joined_on"] = joined[i]
		}
		n := a.center("network", "Verbund", ms, obj{"size_exception_reason": "Ausnahme"})
		path := centersPath + "/" + idOf(n)
		mp := func(kita obj, leftOn string) string { return path + "/members/" + idOf(kita) + "?left_on=" + leftOn }
		version := func(v int) func(t *testing.T, r response) { return wantJSON(obj{"version": v}) }
		runCases(t, a, []apiCase{
			{name: "tomorrow", method: "DELETE", path: mp(k[1], "2026-11-23"), status: 400, problem: probValidation, fields: []string{"left_on"}},
			{name: "far future", method: "DELETE", path: mp(k[1], "2099-01-01"), status: 400, problem: probValidation, fields: []string{"left_on"}},
			{name: "before joined_on", method: "DELETE", path: mp(k[2], "2026-10-31"), status: 400, problem: probValidation, fields: []string{"left_on"}},
			{name: "no date", method: "DELETE", path: mp(k[2], "2026-13-01"), status: 400, problem: probValidation, fields: []string{"left_on"}},
			{name: "empty", method: "DELETE", path: mp(k[2], ""), status: 400, problem: probValidation, fields: []string{"left_on"}},
			{name: "refused ones changed nothing", method: "GET", path: path, status: 200,
				check: both(version(1), func(t *testing.T, r response) {
					if n := len(r.JSON(t)["members"].([]any)); n != 6 {
						t.Errorf("%d active members, want 6", n)
					}
				})},
			{name: "a past day", method: "DELETE", path: mp(k[3], "2026-01-31"), status: 200, check: version(2)},
			{name: "the day of joining", method: "DELETE", path: mp(k[2], "2026-11-01"), status: 200, check: version(3)},
			{name: "today", method: "DELETE", path: mp(k[4], today), status: 200, check: version(4)},
			{name: "history", method: "GET", path: path + "/members?include_past=true", status: 200,
				check: wantMembers(member(k[0], "grant_recipient", "2025-08-01", nil), member(k[1], "member", "2025-08-01", nil),
					member(k[3], "member", "2025-08-01", "2026-01-31"), member(k[2], "member", "2026-11-01", "2026-11-01"),
					member(k[4], "member", today, today), member(k[5], "member", today, nil))},
			{name: "joining another center before the day it left", method: "POST", path: centersPath, status: 409, problem: probConflict,
				body:   obj{"kind": "single", "name": "FZ", "members": []obj{{"kita_id": idOf(k[3]), "role": "grant_recipient", "joined_on": "2026-01-30"}}},
				fields: []string{"members[0].kita_id"}},
			{name: "joining another center on the day it left", method: "POST", path: centersPath, status: 201,
				body:  obj{"kind": "single", "name": "FZ", "members": []obj{{"kita_id": idOf(k[3]), "role": "grant_recipient", "joined_on": "2026-01-31"}}},
				check: wantMembers(member(k[3], "grant_recipient", "2026-01-31", nil))},
		})
	})
}

func TestCenterArchive(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kitas(4, yo, pr, "Kita")
		n := a.center("network", "Verbund", []obj{
			{"kita_id": idOf(k[0]), "role": "grant_recipient", "joined_on": "2024-08-01"},
			{"kita_id": idOf(k[1]), "role": "contact"},
			{"kita_id": idOf(k[2]), "role": "member"},
		})
		path := centersPath + "/" + idOf(n)
		runCases(t, a, []apiCase{
			{name: "stale If-Match", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"2"`}, status: 412, problem: probStale},
			{name: "unknown", method: "POST", path: centersPath + "/" + unknownID + "/archive", status: 404, problem: probNotFound},
			{name: "malformed id", method: "POST", path: centersPath + "/" + badID + "/archive", status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "member Kitas cannot be archived yet", method: "POST", path: kitasPath + "/" + idOf(k[1]) + "/archive", status: 409, problem: probConflict},
			{name: "archive", method: "POST", path: path + "/archive", headers: []string{"If-Match", `"1"`}, status: 200,
				check: both(wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z", "name": "Verbund"}), wantMembers())},
			{name: "again", method: "POST", path: path + "/archive", status: 200,
				check: both(wantJSON(obj{"version": 2, "archived_at": "2026-11-22T09:00:00Z"}), wantMembers())},
			{name: "memberships ended today", method: "GET", path: path + "/members?include_past=true", status: 200,
				check: wantMembers(member(k[0], "grant_recipient", "2024-08-01", today), member(k[1], "contact", today, today),
					member(k[2], "member", today, today))},
			{name: "no active members", method: "GET", path: path + "/members", status: 200, check: wantMembers()},
			{name: "not listed", method: "GET", path: centersPath, status: 200, check: wantIDs()},
			{name: "listed with include_archived", method: "GET", path: centersPath + "?include_archived=true", status: 200, check: wantIDs(idOf(n))},
			{name: "archived center cannot be changed", method: "PATCH", path: path, body: obj{"name": "X"}, headers: []string{"If-Match", `"2"`},
				status: 409, problem: probConflict},
			{name: "archived center takes no members", method: "POST", path: path + "/members", body: obj{"kita_id": idOf(k[3]), "role": "member"},
				status: 409, problem: probConflict},
			{name: "archived center changes no roles", method: "PATCH", path: path + "/members/" + idOf(k[1]), body: obj{"role": "member"},
				headers: []string{"If-Match", `"2"`}, status: 409, problem: probConflict},
			{name: "archived center loses no members", method: "DELETE", path: path + "/members/" + idOf(k[2]), status: 409, problem: probConflict},
			{name: "former members are free", method: "POST", path: centersPath, status: 201,
				body: obj{"kind": "network", "name": "Neuer Verbund", "members": members(k[1], k[0])}},
			{name: "former member can be archived", method: "POST", path: kitasPath + "/" + idOf(k[2]) + "/archive", status: 200},
		})
	})
}

// TestCenterConcurrentMembers adds Kitas to one network at the same time. Without If-Match
// the changes queue up and the size rule still holds; with the same If-Match only one wins.
func TestCenterConcurrentMembers(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kitas(10, yo, pr, "Kita")
		race := func(path string, kitas []obj, headers ...string) map[int]int {
			statuses := make([]int, len(kitas))
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, kita := range kitas {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					statuses[i] = a.do("POST", path, obj{"kita_id": idOf(kita), "role": "member"}, headers...).Status
				}()
			}
			close(start)
			wg.Wait()
			counts := map[int]int{}
			for _, s := range statuses {
				counts[s]++
			}
			return counts
		}
		t.Run("without If-Match", func(t *testing.T) {
			n := a.in(t).center("network", "Verbund A", members(k[0], k[1]))
			path := centersPath + "/" + idOf(n)
			counts := race(path+"/members", k[2:6])
			if d := cmp.Diff(map[int]int{201: 3, 409: 1}, counts); d != "" {
				t.Errorf("statuses (-want +got):\n%s\nlog:\n%s", d, a.logs)
			}
			got := a.in(t).get(path)
			if n := len(got["members"].([]any)); n != 5 || versionOf(got) != 4 {
				t.Errorf("%d members at version %d, want 5 at version 4", n, versionOf(got))
			}
		})
		t.Run("same If-Match", func(t *testing.T) {
			n := a.in(t).center("network", "Verbund B", members(k[6], k[7]))
			path := centersPath + "/" + idOf(n)
			counts := race(path+"/members", k[8:10], "If-Match", `"1"`)
			if d := cmp.Diff(map[int]int{201: 1, 412: 1}, counts); d != "" {
				t.Errorf("statuses (-want +got):\n%s", d)
			}
			got := a.in(t).get(path)
			if n := len(got["members"].([]any)); n != 3 || versionOf(got) != 2 {
				t.Errorf("%d members at version %d, want 3 at version 2", n, versionOf(got))
			}
		})
	})
}
