package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/web"
)

// The access tests check every route for every role against access.Policy: the expected
// status is computed from the policy table through the Principal methods (Can, Owns,
// ScopeOf), never written down per role. The route table is in access_routes_test.go.
//
// The fixtures are named by place: youth offices A and B, Kitas A1, A2 (youth office A)
// and B1 (youth office B), and helper Kitas such as A1m and A1x (youth office A) for
// centers. A youth_office user is bound to A, a kita_leader to A1. The lifecycle fixtures
// (contingents, a catalogue, procedures and seals of the centers) are in
// access_lifecycle_test.go.

// accessObj is a fixture with what it belongs to.
type accessObj struct {
	kind string // youth_office, provider, kita, center, contact
	name string // A, B1, A1+A1m, kita:A1, …
	obj  obj    // as the coordinator created it
	rel  access.Related
}

// accessUser is a caller of the matrix.
type accessUser struct {
	auth.User
	p     access.Principal
	token string
}

// authHeader returns the headers that authenticate u; for nil (anonymous), none.
func (u *accessUser) authHeader() []string {
	if u == nil {
		return []string{"Authorization", ""}
	}
	return []string{"Authorization", "Bearer " + u.token}
}

// principal returns u's principal, nil for anonymous.
func (u *accessUser) principal() *access.Principal {
	if u == nil {
		return nil
	}
	return &u.p
}

// accessScene is a set of fixtures, created on first use through the API as coordinator.
type accessScene struct {
	a     *env
	objs  map[string]*accessObj
	order []*accessObj
	users map[access.Role]*accessUser
	other *accessUser
}

func newAccessScene(a *env) *accessScene {
	return &accessScene{a: a, objs: map[string]*accessObj{}, users: map[access.Role]*accessUser{}}
}

func (s *accessScene) memo(kind, name string, create func() (obj, access.Related)) *accessObj {
	key := kind + ":" + name
	if o, ok := s.objs[key]; ok {
		return o
	}
	m, rel := create()
	o := &accessObj{kind: kind, name: name, obj: m, rel: rel}
	s.objs[key] = o
	s.order = append(s.order, o)
	return o
}

func uuidOf(m obj) uuid.UUID { return uuid.MustParse(idOf(m)) }

// yo returns youth office n ("A", "B"); its name is unique, for searching.
func (s *accessScene) yo(n string) *accessObj {
	return s.memo("youth_office", n, func() (obj, access.Related) {
		m := s.a.youthOffice(obj{"name": fmt.Sprintf("Jugendamt %s (%s)", n, uniq("ja"))})
		return m, access.Related{YouthOfficeIDs: []uuid.UUID{uuidOf(m)}}
	})
}

// provider returns provider n; it belongs to no youth office.
func (s *accessScene) provider(n string) *accessObj {
	return s.memo("provider", n, func() (obj, access.Related) {
		return s.a.provider(obj{"name": fmt.Sprintf("Träger %s (%s)", n, uniq("tr"))}), access.Related{}
	})
}

// kita returns Kita n of youth office n[:1] (provider P).
func (s *accessScene) kita(n string) *accessObj {
	return s.memo("kita", n, func() (obj, access.Related) {
		yo := s.yo(n[:1])
		m := s.a.kita(yo.obj, s.provider("P").obj, obj{"name": "Kita " + n})
		return m, access.Related{YouthOfficeIDs: yo.rel.YouthOfficeIDs, KitaIDs: []uuid.UUID{uuidOf(m)}}
	})
}

// center returns the center of these Kitas, the first the grant recipient: single for one
// Kita, a network for more.
func (s *accessScene) center(kitas ...string) *accessObj {
	return s.memo("center", strings.Join(kitas, "+"), func() (obj, access.Related) {
		var ks []obj
		var rel access.Related
		for _, n := range kitas {
			k := s.kita(n)
			ks = append(ks, k.obj)
			rel = relUnion(rel, k.rel)
		}
		kind := "network"
		if len(kitas) == 1 {
			kind = "single"
		}
		return s.a.center(kind, "Familienzentrum "+strings.Join(kitas, "+"), members(ks...)), rel
	})
}

// contact returns the contact of owner (a Kita, youth office or provider), with e-mail and phone.
func (s *accessScene) contact(owner *accessObj) *accessObj {
	return s.memo("contact", owner.kind+":"+owner.name, func() (obj, access.Related) {
		m := s.a.contact(owner.kind+"_id", idOf(owner.obj), obj{"name": "Person bei " + owner.name,
			"email": strings.ToLower(strings.ReplaceAll(owner.name, "+", "")) + "@example.org", "phone": "0211 123456"})
		return m, owner.rel
	})
}

func relUnion(a, b access.Related) access.Related {
	return access.Related{YouthOfficeIDs: append(slices.Clone(a.YouthOfficeIDs), b.YouthOfficeIDs...),
		KitaIDs: append(slices.Clone(a.KitaIDs), b.KitaIDs...)}
}

// user returns the scene's caller with this role ("" : anonymous, nil): a youth_office
// user is bound to youth office A, a kita_leader to Kita A1.
func (s *accessScene) user(role access.Role) *accessUser {
	if role == "" {
		return nil
	}
	if u, ok := s.users[role]; ok {
		return u
	}
	var yo, kita *uuid.UUID
	switch role {
	case access.RoleYouthOffice:
		id := uuidOf(s.yo("A").obj)
		yo = &id
	case access.RoleKitaLeader:
		id := uuidOf(s.kita("A1").obj)
		kita = &id
	}
	u, tok := s.a.newUser(role, yo, kita)
	s.users[role] = &accessUser{User: u, p: u.Principal(), token: tok}
	return s.users[role]
}

// stranger returns a user who is none of the callers.
func (s *accessScene) stranger() *accessUser {
	if s.other == nil {
		u, tok := s.a.newUser(access.RoleAssessor, nil, nil)
		s.other = &accessUser{User: u, p: u.Principal(), token: tok}
	}
	return s.other
}

// userTarget is the account a /users route aims at: the caller inside, a stranger outside.
func (s *accessScene) userTarget(me *accessUser, at string) *accessUser {
	if at == placeInside && me != nil {
		return me
	}
	return s.stranger()
}

// outside returns where a target outside the caller's scope lies: the first of Kita A2
// (same youth office) and Kita B1 that the caller does not own. Callers without a scope
// of their own get B1.
func (s *accessScene) outside(me *accessUser) string {
	if me == nil || (me.p.YouthOfficeID == nil && me.p.KitaID == nil) {
		return "B1"
	}
	for _, at := range []string{"A2", "B1"} {
		if !me.p.Owns(s.kita(at).rel) {
			return at
		}
	}
	s.a.t.Fatalf("%s owns every place", me.Role)
	return ""
}

// fixed returns a list expectation of exactly these objects.
func (s *accessScene) fixed(os ...*accessObj) func() []*accessObj {
	return func() []*accessObj { return os }
}

// all returns a list expectation of the scene's objects of kind that keep selects, as
// they are when the request is made.
func (s *accessScene) all(kind string, keep func(*accessObj) bool) func() []*accessObj {
	return func() []*accessObj {
		var out []*accessObj
		for _, o := range s.order {
			if o.kind == kind && keep(o) {
				out = append(out, o)
			}
		}
		return out
	}
}

func (s *accessScene) byID(id string) *accessObj {
	for _, o := range s.order {
		if idOf(o.obj) == id {
			return o
		}
	}
	return nil
}

// ifMatch returns the If-Match header for the current version, from a GET as coordinator.
func (s *accessScene) ifMatch(path string) []string {
	s.a.t.Helper()
	r := s.a.do("GET", path, nil)
	if r.Status != http.StatusOK || r.Header.Get("ETag") == "" {
		s.a.t.Fatalf("GET %s as coordinator: %d %s", path, r.Status, r.Body)
	}
	return []string{"If-Match", r.Header.Get("ETag")}
}

// get reads o; patch changes it (and checks the change); archive archives it.
func (s *accessScene) get(o *accessObj, base string) accessCall {
	return accessCall{path: base + "/" + idOf(o.obj), target: o.rel, check: func(t *testing.T, _ *access.Principal, r response) {
		if id := idOf(r.JSON(t)); id != idOf(o.obj) {
			t.Errorf("answer is about %s, want %s", id, idOf(o.obj))
		}
	}}
}

func (s *accessScene) patch(o *accessObj, base string, change obj) accessCall {
	c := s.get(o, base)
	c.body, c.headers = change, s.ifMatch(c.path)
	c.check = func(t *testing.T, _ *access.Principal, r response) {
		m := r.JSON(t)
		for k, v := range change {
			if d := cmp.Diff(normJSON(t, v), jsonSubset(m[k], v)); d != "" {
				t.Errorf("%s after PATCH (-sent +got):\n%s", k, d)
			}
		}
		if versionOf(m) != versionOf(o.obj)+1 {
			t.Errorf("version %d after PATCH, want %d", versionOf(m), versionOf(o.obj)+1)
		}
	}
	return c
}

// subset returns of got (decoded JSON) only the keys that sent has, for nested objects.
func jsonSubset(got, sent any) any {
	so, ok := sent.(obj)
	if !ok {
		return got
	}
	g, _ := got.(map[string]any)
	out := map[string]any{}
	for k, v := range so {
		out[k] = jsonSubset(g[k], v)
	}
	return out
}

func (s *accessScene) archive(o *accessObj, base string) accessCall {
	c := s.get(o, base)
	c.headers = s.ifMatch(c.path)
	c.path += "/archive"
	c.check = func(t *testing.T, _ *access.Principal, r response) {
		if m := r.JSON(t); idOf(m) != idOf(o.obj) || m["archived_at"] == nil {
			t.Errorf("archive answer: %v", m)
		}
	}
	return c
}

// checkPersonal checks a contact in an answer: e-mail and phone are null for callers
// without contact.personal for it, and as stored (or as just changed) for the others.
func (s *accessScene) checkPersonal(t *testing.T, p *access.Principal, got obj, changed obj) {
	t.Helper()
	o := s.byID(idOf(got))
	if o == nil {
		t.Errorf("contact %s is no fixture", idOf(got))
		return
	}
	show := p.Can(access.ContactPersonal, o.rel)
	for _, f := range []string{"email", "phone"} {
		v, present := got[f]
		want := o.obj[f]
		if c, ok := changed[f]; ok {
			want = c
		}
		if !show {
			want = nil
		}
		if !present || v != want {
			t.Errorf("contact %s (%s): %s = %v (present %v), want %v (contact.personal: %v)", o.name, p.Role, f, v, present, want, show)
		}
	}
}

// accessRouteKeys returns the routes of echo that the matrix covers, sorted, and fails
// for every route of echo missing from the table and every row of the table that echo
// does not serve.
func accessRouteKeys(t *testing.T, a *env, table map[string]accessRoute) []string {
	t.Helper()
	served := map[string]bool{}
	for _, r := range a.e.Routes() {
		key := r.Method + " " + r.Path
		if operational[key] || strings.HasPrefix(r.Method, "echo_") || strings.HasSuffix(r.Path, "/*") || web.IsPagePath(r.Path) {
			continue
		}
		served[key] = true
	}
	var keys []string
	for key := range served {
		if _, ok := table[key]; !ok {
			t.Errorf("route %s has no row in the access table (access_routes_test.go): add how to exercise it", key)
			continue
		}
		keys = append(keys, key)
	}
	for key := range table {
		if !served[key] {
			t.Errorf("the access table has a row for %s, which echo does not serve", key)
		}
	}
	sort.Strings(keys)
	return keys
}

// accessPrincipals are the callers of the matrix: anonymous ("") and every role.
var accessPrincipals = append([]access.Role{""}, access.Roles...)

func principalName(r access.Role) string {
	if r == "" {
		return "anonymous"
	}
	return string(r)
}

var accessProblemTypes = map[int]string{400: probValidation, 401: "urn:kitacert:problem:unauthorized",
	403: "urn:kitacert:problem:forbidden", 404: probNotFound}

// runAccessCall sends c as me and checks the answer against the policy; it returns the
// expected status.
func runAccessCall(t *testing.T, a *env, rt accessRoute, method string, me *accessUser, c accessCall) int {
	t.Helper()
	p := me.principal()
	want, field := rt.expect(p, c)
	r := a.in(t).do(method, c.path, c.body, append(me.authHeader(), c.headers...)...)
	if r.Status != want {
		t.Fatalf("%s %s: status %d, want %d from the policy\n%s", method, c.path, r.Status, want, r.Body)
	}
	if want >= 400 {
		var fields []string
		if field != "" {
			fields = []string{field}
		}
		checkProblem(t, r, want, accessProblemTypes[want], fields)
		return want
	}
	checkVersionETag(t, r)
	if rt.rule.list != "" {
		key := c.listKey
		if key == "" {
			key = "id"
		}
		want, selected := []string{}, map[string]bool{}
		for _, o := range c.listed() {
			k, _ := o.obj[key].(string)
			selected[k] = true
			if p.Can(rt.rule.list, o.rel) {
				want = append(want, k)
			}
		}
		got := []string{}
		for _, it := range items(t, r.JSON(t)) {
			if k, _ := it[key].(string); !c.listOpen || selected[k] {
				got = append(got, k)
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("listed ids (-readable by the policy +got):\n%s", d)
		}
	}
	if c.check != nil {
		c.check(t, p, r)
	}
	return want
}

// prepareAccess creates the caller with this role in s (nil: anonymous) and what the
// request needs, inside ("in") or outside ("out") the caller's scope.
func prepareAccess(s *accessScene, rt accessRoute, role access.Role, side string) (*accessUser, accessCall) {
	me := s.user(role)
	at := placeInside
	if side == "out" {
		at = s.outside(me)
	}
	return me, rt.prepare(s, me, at)
}

// TestAccessMatrix sends every route of echo as every role and anonymously, aimed at an
// object inside the caller's scope and one outside it, and checks the status against the
// policy. Reads share one set of fixtures; every other request gets fresh fixtures and a
// fresh caller, so that no change disturbs another case.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	table := accessRoutes()
	eachDB(t, func(t *testing.T, a *env) {
		keys := accessRouteKeys(t, a, table)
		var mu sync.Mutex
		tally := map[int]int{}
		t.Cleanup(func() {
			n := 0
			for _, c := range tally {
				n += c
			}
			t.Logf("%d cases, expected statuses %v", n, tally)
			for _, s := range []int{200, 201, 204, 400, 401, 403, 404} {
				if tally[s] == 0 && !t.Failed() {
					t.Errorf("no case expects %d: the matrix is vacuous there", s)
				}
			}
		})
		shared := newAccessScene(a)
		for _, role := range accessPrincipals {
			for _, key := range keys {
				rt := table[key]
				method, _, _ := strings.Cut(key, " ")
				for _, side := range []string{"in", "out"} {
					// Reads change nothing: prepare them now, on the shared fixtures.
					var me *accessUser
					var call accessCall
					read := method == http.MethodGet
					if read {
						me, call = prepareAccess(shared, rt, role, side)
					}
					t.Run(principalName(role)+"/"+key+"/"+side, func(t *testing.T) {
						t.Parallel()
						if !read {
							me, call = prepareAccess(newAccessScene(a.in(t)), rt, role, side)
						}
						status := runAccessCall(t, a, rt, method, me, call)
						mu.Lock()
						tally[status]++
						mu.Unlock()
					})
				}
			}
		}
	})
}

// TestAccessVisibility lists every collection and reads every fixture as every role: the
// lists hold exactly what the policy lets the caller read, single reads of the rest give
// 404, and contacts show e-mail and phone only with contact.personal.
func TestAccessVisibility(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		s := newAccessScene(a)
		s.center("A1", "A2")
		s.center("B1")
		for _, k := range []string{"A1", "A2", "B1"} {
			s.contact(s.kita(k))
		}
		s.contact(s.yo("A"))
		s.contact(s.yo("B"))
		s.contact(s.provider("P"))
		s.provider("Q")
		collections := []struct {
			kind, path string
			read       access.Action
		}{
			{"youth_office", youthOfficesPath, access.YouthOfficeRead},
			{"provider", providersPath, access.ProviderRead},
			{"kita", kitasPath, access.KitaRead},
			{"center", centersPath, access.CenterRead},
			{"contact", contactsPath, access.ContactRead},
		}
		users := map[access.Role]*accessUser{}
		for _, role := range accessPrincipals {
			users[role] = s.user(role)
		}

		// The policy as docs/access.md tells it, to check this test's own model of it.
		for role, want := range map[access.Role][]string{access.RoleYouthOffice: {"A1", "A2"}, access.RoleKitaLeader: {"A1"}} {
			var got []string
			for _, o := range s.all("kita", func(*accessObj) bool { return true })() {
				if users[role].p.Can(access.KitaRead, o.rel) {
					got = append(got, o.name)
				}
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("Kitas readable by %s by the policy (-docs +computed):\n%s", role, d)
			}
		}

		// The audit trail shows only a marker for contacts' e-mail and phone, to every
		// role that may read it.
		for _, role := range access.Roles {
			me := users[role]
			t.Run(principalName(role)+"/audit", func(t *testing.T) {
				r := a.in(t).do("GET", "/api/v1/audit?resource_type=contact&limit=500", nil, me.authHeader()...)
				want := 403
				if me.p.Can(access.AuditRead, access.Related{}) {
					want = 200
				}
				if r.Status != want {
					t.Fatalf("audit: %d, want %d\n%s", r.Status, want, r.Body)
				}
				if want == 200 && len(items(t, r.JSON(t))) != len(s.all("contact", func(*accessObj) bool { return true })()) {
					t.Errorf("audit lists %d contact entries, want one per contact", len(items(t, r.JSON(t))))
				}
				for _, c := range s.all("contact", func(*accessObj) bool { return true })() {
					for _, f := range []string{"email", "phone"} {
						if v := c.obj[f].(string); strings.Contains(string(r.Body), v) {
							t.Errorf("the audit trail shows the %s %q of contact %s", f, v, c.name)
						}
					}
				}
			})
		}

		for _, role := range accessPrincipals {
			me := users[role]
			for _, col := range collections {
				t.Run(principalName(role)+"/"+col.kind, func(t *testing.T) {
					t.Parallel()
					a := a.in(t)
					r := a.do("GET", col.path+"?limit=500", nil, me.authHeader()...)
					if me == nil {
						if r.Status != 401 {
							t.Fatalf("anonymous list: %d, want 401", r.Status)
						}
						return
					}
					if r.Status != 200 {
						t.Fatalf("list: %d %s", r.Status, r.Body)
					}
					var want, got []string
					for _, o := range s.all(col.kind, func(*accessObj) bool { return true })() {
						if me.p.Can(col.read, o.rel) {
							want = append(want, o.name)
						}
					}
					for _, it := range items(t, r.JSON(t)) {
						o := s.byID(idOf(it))
						if o == nil {
							t.Errorf("listed %s is no fixture", idOf(it))
							continue
						}
						got = append(got, o.name)
						if col.kind == "contact" {
							s.checkPersonal(t, &me.p, it, nil)
						}
					}
					sort.Strings(want)
					sort.Strings(got)
					if d := cmp.Diff(want, got); d != "" {
						t.Errorf("listed (-readable by the policy +got):\n%s", d)
					}
					for _, o := range s.all(col.kind, func(*accessObj) bool { return true })() {
						r := a.do("GET", col.path+"/"+idOf(o.obj), nil, me.authHeader()...)
						want := 404
						if me.p.Can(col.read, o.rel) {
							want = 200
						}
						if r.Status != want {
							t.Errorf("GET %s %s: %d, want %d", col.kind, o.name, r.Status, want)
							continue
						}
						if want == 200 && col.kind == "contact" {
							s.checkPersonal(t, &me.p, r.JSON(t), nil)
						}
					}
				})
			}
		}
	})
}

// TestAccessFieldLevel: Own-scoped and self-service roles are refused by name for the
// fields they may not change or that would move an object out of their scope, and
// nothing changes.
func TestAccessFieldLevel(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		s := newAccessScene(a)
		leader, planner := s.user(access.RoleKitaLeader), s.user(access.RoleYouthOffice)
		a1, a2, b1 := s.kita("A1"), s.kita("A2"), s.kita("B1")
		yoB := s.yo("B")
		contactA1 := s.contact(a1)
		centerA := s.center("A3", "A3m")
		kitaPath := func(o *accessObj) string { return kitasPath + "/" + idOf(o.obj) }
		contactPath := contactsPath + "/" + idOf(contactA1.obj)
		newKita := obj{"name": "Kita Neu", "provider_id": idOf(s.provider("P").obj), "youth_office_id": idOf(yoB.obj),
			"address": address("Kirchplatz 2", "40210", "Düsseldorf")}
		b2, b3, a4 := s.kita("B2"), s.kita("B3"), s.kita("A4")
		cases := []struct {
			name   string
			who    *accessUser
			method string
			path   string
			body   obj
			field  []string
			watch  string // must read the same before and after, as coordinator
		}{
			{"kita_leader/own Kita/youth_office_id", leader, "PATCH", kitaPath(a1), obj{"youth_office_id": idOf(yoB.obj)},
				[]string{"youth_office_id"}, kitaPath(a1)},
			{"kita_leader/own Kita/name with district", leader, "PATCH", kitaPath(a1), obj{"name": "Kita Umbenannt", "district": "Neustadt"},
				[]string{"name"}, kitaPath(a1)},
			{"kita_leader/own Kita/provider_id and kibiz_id", leader, "PATCH", kitaPath(a1),
				obj{"provider_id": idOf(s.provider("Q").obj), "kibiz_id": "K-1"}, []string{"kibiz_id", "provider_id"}, kitaPath(a1)},
			{"youth_office/Kita of A to B", planner, "PATCH", kitaPath(a2), obj{"youth_office_id": idOf(yoB.obj)},
				[]string{"youth_office_id"}, kitaPath(a2)},
			{"youth_office/create Kita in B", planner, "POST", kitasPath, newKita,
				[]string{"youth_office_id"}, kitasPath + "?youth_office_id=" + idOf(yoB.obj)},
			{"kita_leader/contact of own Kita/function", leader, "PATCH", contactPath, obj{"function": "kita_leader"},
				[]string{"function"}, contactPath},
			{"kita_leader/contact of own Kita/kita_id with phone", leader, "PATCH", contactPath, obj{"kita_id": idOf(a2.obj), "phone": "0211 1"},
				[]string{"kita_id"}, contactPath},
			{"youth_office/move contact to Kita of B", planner, "PATCH", contactPath, obj{"kita_id": idOf(b1.obj)},
				[]string{"kita_id"}, contactPath},
			{"youth_office/move contact to youth office B", planner, "PATCH", contactPath, obj{"kita_id": nil, "youth_office_id": idOf(yoB.obj)},
				[]string{"youth_office_id"}, contactPath},
			{"youth_office/move contact to provider", planner, "PATCH", contactPath, obj{"kita_id": nil, "provider_id": idOf(s.provider("P").obj)},
				[]string{"provider_id"}, contactPath},
			{"youth_office/create contact of Kita of B", planner, "POST", contactsPath,
				obj{"name": "Neu", "email": "neu@example.org", "function": "other", "kita_id": idOf(b1.obj)},
				[]string{"kita_id"}, contactsPath + "?kita_id=" + idOf(b1.obj)},
			{"youth_office/create center with Kita of B", planner, "POST", centersPath,
				obj{"kind": "single", "name": "FZ B", "members": members(b2.obj)},
				[]string{"members[0].kita_id"}, centersPath + "?kita_id=" + idOf(b2.obj)},
			{"youth_office/create network of A and B", planner, "POST", centersPath,
				obj{"kind": "network", "name": "FZ AB", "members": members(a4.obj, b3.obj)},
				[]string{"members[1].kita_id"}, centersPath + "?kita_id=" + idOf(a4.obj)},
			{"youth_office/add Kita of B to center of A", planner, "POST", centersPath + "/" + idOf(centerA.obj) + "/members",
				obj{"kita_id": idOf(b3.obj), "role": "member"}, []string{"kita_id"}, centersPath + "/" + idOf(centerA.obj)},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				a := a.in(t)
				before := a.do("GET", c.watch, nil)
				headers := c.who.authHeader()
				if c.method == "PATCH" || strings.HasSuffix(c.path, "/members") {
					headers = append(headers, "If-Match", before.Header.Get("ETag"))
				}
				r := a.do(c.method, c.path, c.body, headers...)
				if r.Status != 400 {
					t.Fatalf("%s %s as %s: %d, want 400\n%s", c.method, c.path, c.who.Role, r.Status, r.Body)
				}
				checkProblem(t, r, 400, probValidation, c.field)
				after := a.do("GET", c.watch, nil)
				if before.Status != 200 || after.Status != 200 {
					t.Fatalf("GET %s as coordinator: %d, %d", c.watch, before.Status, after.Status)
				}
				if d := cmp.Diff(before.JSON(t), after.JSON(t)); d != "" {
					t.Errorf("refused change changed %s (-before +after):\n%s", c.watch, d)
				}
			})
		}
	})
}
