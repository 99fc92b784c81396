package httpapi_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// This file is the route table of the access matrix (access_test.go): for every route of
// echo, how to exercise it and which actions of access.Policy decide the answer. A route
// that echo serves but that is missing here fails TestAccessMatrix, and so does a row here
// that echo no longer serves.

// accessRule says which actions of the policy decide a route. Exactly one of public, self,
// need, list, create and read is set; expect turns the rule into a status.
type accessRule struct {
	public bool            // needs no authentication at all (the login)
	self   bool            // the caller's own account: every authenticated role may
	need   access.Action   // a role-wide action (user.manage, audit.read): 403 without it
	list   access.Action   // a list narrowed by this read action: 200, only what the caller may read
	create access.Action   // a create: 403 without any scope; 400 naming field outside an Own scope
	read   access.Action   // the target must be readable, else 404
	write  []access.Action // then one of these must be allowed on the target, else 403
	field  string          // the field that an Own-scoped change is refused by when the new state leaves the scope
}

// accessRoute is one row of the route table.
type accessRoute struct {
	rule accessRule
	ok   int // the status of success
	// prepare creates what the request needs in s and returns the request. me is the
	// caller (nil: anonymous); at is where the target lies: inside ("A1", placeInside) or outside the
	// caller's scope (see accessScene.outside).
	prepare func(s *accessScene, me *accessUser, at string) accessCall
}

// accessCall is one prepared request and what the policy needs to judge it.
type accessCall struct {
	path     string
	body     any
	headers  []string
	target   access.Related                                      // what the target object belongs to
	created  access.Related                                      // what the new object (or the new member) belongs to
	foreign  bool                                                // a /me route aimed at another user's object: 404 for everyone
	badLogin bool                                                // POST /session with credentials that are wrong
	listed   func() []*accessObj                                 // lists: what the query selects before the access check
	listKey  string                                              // lists: the key of an item ("id" unless set; catalogues: "version")
	listOpen bool                                                // lists: the query may select objects of other tests; only the listed ones are compared
	check    func(t *testing.T, p *access.Principal, r response) // more checks of a success
}

// expect computes the status of c for the principal p (nil: anonymous) from the policy;
// field is the error field of a 400.
func (rt accessRoute) expect(p *access.Principal, c accessCall) (status int, field string) {
	g := rt.rule
	switch {
	case g.public:
		if c.badLogin {
			return 401, ""
		}
		return rt.ok, ""
	case p == nil:
		return 401, ""
	case g.self:
		if c.foreign {
			return 404, ""
		}
		return rt.ok, ""
	case g.need != "":
		if !p.Can(g.need, access.Related{}) {
			return 403, ""
		}
		return rt.ok, ""
	case g.list != "":
		return rt.ok, ""
	case g.create != "":
		switch p.ScopeOf(g.create) {
		case access.None:
			return 403, ""
		case access.Own:
			if !p.Owns(c.created) {
				return 400, g.field
			}
		}
		return rt.ok, ""
	}
	if !p.Can(g.read, c.target) {
		return 404, ""
	}
	if len(g.write) == 0 {
		return rt.ok, ""
	}
	for _, w := range g.write {
		if p.Can(w, c.target) {
			if g.field != "" && p.ScopeOf(w) == access.Own && !p.Owns(c.created) {
				return 400, g.field
			}
			return rt.ok, ""
		}
	}
	return 403, ""
}

// placeInside is where a target inside the caller's scope lies (youth office A, Kita A1).
const placeInside = "A1"

// accessRoutes is the route table, keyed like echo's routes ("METHOD /path").
func accessRoutes() map[string]accessRoute {
	anyone := accessRule{self: true}
	admins := accessRule{need: access.UserManage}
	readWrite := func(read access.Action, write ...access.Action) accessRule {
		return accessRule{read: read, write: write}
	}
	routes := map[string]accessRoute{
		// ---- accounts: login, the caller's own account, user administration, audit ----
		"POST /api/v1/session": {rule: accessRule{public: true}, ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				email := uniq("login") + "@example.org"
				if at != placeInside {
					return accessCall{path: loginPath, body: obj{"email": email, "password": "falsch-falsch-falsch"}, badLogin: true}
				}
				s.a.newPasswordUser(access.RoleAssessor, email, "richtig-langes-passwort")
				return accessCall{path: loginPath, body: obj{"email": email, "password": "richtig-langes-passwort"}}
			}},
		"DELETE /api/v1/session": {rule: anyone, ok: 204,
			prepare: func(*accessScene, *accessUser, string) accessCall { return accessCall{path: loginPath} }},
		"GET /api/v1/me": {rule: anyone, ok: 200,
			prepare: func(_ *accessScene, me *accessUser, _ string) accessCall {
				return accessCall{path: "/api/v1/me", check: func(t *testing.T, p *access.Principal, r response) {
					m := r.JSON(t)
					if m["id"] != me.ID.String() || m["role"] != string(me.Role) {
						t.Errorf("GET /me = %v, want the caller %s (%s)", m, me.ID, me.Role)
					}
					want := obj{}
					for _, a := range access.Actions {
						if sc := p.ScopeOf(a); sc != access.None {
							want[string(a)] = sc.String()
						}
					}
					if d := cmp.Diff(want, m["permissions"]); d != "" {
						t.Errorf("permissions of /me (-policy +got):\n%s", d)
					}
				}}
			}},
		"GET /api/v1/me/tokens": {rule: anyone, ok: 200,
			prepare: func(*accessScene, *accessUser, string) accessCall { return accessCall{path: "/api/v1/me/tokens"} }},
		"POST /api/v1/me/tokens": {rule: anyone, ok: 201,
			prepare: func(*accessScene, *accessUser, string) accessCall {
				return accessCall{path: "/api/v1/me/tokens", body: obj{"name": "Skript"}}
			}},
		"DELETE /api/v1/me/tokens/:id": {rule: anyone, ok: 200,
			prepare: func(s *accessScene, me *accessUser, at string) accessCall {
				owner := me
				if at != placeInside || me == nil {
					owner = s.stranger()
				}
				tok, err := s.a.accounts.IssueToken(sys, owner.ID, "zweites Token", time.Time{})
				if err != nil {
					s.a.t.Fatal(err)
				}
				return accessCall{path: "/api/v1/me/tokens/" + tok.ID.String(), foreign: owner != me}
			}},
		"GET /api/v1/users": {rule: admins, ok: 200,
			prepare: func(s *accessScene, me *accessUser, at string) accessCall {
				u := s.userTarget(me, at)
				return accessCall{path: "/api/v1/users?q=" + url.QueryEscape(u.Email), check: func(t *testing.T, _ *access.Principal, r response) {
					if ids := listIDs(t, r.JSON(t)); !slices.Contains(ids, u.ID.String()) {
						t.Errorf("user list %v lacks %s", ids, u.ID)
					}
				}}
			}},
		"POST /api/v1/users": {rule: admins, ok: 201,
			prepare: func(*accessScene, *accessUser, string) accessCall {
				return accessCall{path: "/api/v1/users", body: obj{"email": uniq("neu") + "@example.org", "display_name": "Neu", "role": "assessor"}}
			}},
		"GET /api/v1/users/:id": {rule: admins, ok: 200,
			prepare: func(s *accessScene, me *accessUser, at string) accessCall {
				return accessCall{path: "/api/v1/users/" + s.userTarget(me, at).ID.String()}
			}},
		"PATCH /api/v1/users/:id": {rule: admins, ok: 200,
			prepare: func(s *accessScene, me *accessUser, at string) accessCall {
				u, err := s.a.accounts.User(sys, s.userTarget(me, at).ID)
				if err != nil {
					s.a.t.Fatal(err)
				}
				return accessCall{path: "/api/v1/users/" + u.ID.String(), body: obj{"display_name": "Umbenannt"},
					headers: []string{"If-Match", quoted(u.Version)}, check: func(t *testing.T, _ *access.Principal, r response) { wantJSON(obj{"display_name": "Umbenannt"})(t, r) }}
			}},
		"GET /api/v1/notifications": {rule: accessRule{need: access.NotificationRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, _ string) accessCall {
				n := failedNotification(s.a)
				return accessCall{path: "/api/v1/notifications?status=failed", check: func(t *testing.T, _ *access.Principal, r response) {
					if ids := listIDs(t, r.JSON(t)); !slices.Contains(ids, n.ID.String()) {
						t.Errorf("failed notification %s not listed: %v", n.ID, ids)
					}
				}}
			}},
		"POST /api/v1/notifications/:id/retry": {rule: accessRule{need: access.NotificationRetry}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, _ string) accessCall {
				n := failedNotification(s.a)
				return accessCall{path: "/api/v1/notifications/" + n.ID.String() + "/retry", check: func(t *testing.T, _ *access.Principal, r response) {
					if st := r.JSON(t)["status"]; st != "pending" {
						t.Errorf("retried notification is %v, want pending", st)
					}
				}}
			}},
		"GET /api/v1/audit": {rule: accessRule{need: access.AuditRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				id := idOf(s.yo(at[:1]).obj)
				return accessCall{path: "/api/v1/audit?resource_id=" + id, check: func(t *testing.T, _ *access.Principal, r response) {
					entries := items(t, r.JSON(t))
					if len(entries) == 0 {
						t.Errorf("no audit entry for %s", id)
					}
					for _, e := range entries {
						if e["resource_id"] != id {
							t.Errorf("audit entry of %v, want only %s", e["resource_id"], id)
						}
					}
				}}
			}},

		// ---- youth offices: read by every role; written by roles with youth_office.write ----
		"GET /api/v1/youth-offices": {rule: accessRule{list: access.YouthOfficeRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				yo := s.yo(at[:1])
				return accessCall{path: youthOfficesPath + "?q=" + url.QueryEscape(yo.obj["name"].(string)), listed: s.fixed(yo)}
			}},
		"POST /api/v1/youth-offices": {rule: accessRule{create: access.YouthOfficeWrite, field: "code"}, ok: 201,
			prepare: func(*accessScene, *accessUser, string) accessCall {
				return accessCall{path: youthOfficesPath, body: obj{"name": "Jugendamt Neu", "code": uniq("N"), "region": "rheinland"}}
			}},
		"GET /api/v1/youth-offices/:id": {rule: accessRule{read: access.YouthOfficeRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.get(s.yo(at[:1]), youthOfficesPath)
			}},
		"PATCH /api/v1/youth-offices/:id": {rule: readWrite(access.YouthOfficeRead, access.YouthOfficeWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.patch(s.yo(at[:1]), youthOfficesPath, obj{"name": "Jugendamt umbenannt"})
			}},
		"POST /api/v1/youth-offices/:id/archive": {rule: readWrite(access.YouthOfficeRead, access.YouthOfficeWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.archive(s.yo(at[:1]), youthOfficesPath)
			}},

		// ---- providers: belong to no youth office ----
		"GET /api/v1/providers": {rule: accessRule{list: access.ProviderRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr := s.provider(at)
				return accessCall{path: providersPath + "?q=" + url.QueryEscape(pr.obj["name"].(string)), listed: s.fixed(pr)}
			}},
		"POST /api/v1/providers": {rule: accessRule{create: access.ProviderWrite, field: "name"}, ok: 201,
			prepare: func(*accessScene, *accessUser, string) accessCall {
				return accessCall{path: providersPath, body: obj{"name": "Träger Neu", "kind": "other"}}
			}},
		"GET /api/v1/providers/:id": {rule: accessRule{read: access.ProviderRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall { return s.get(s.provider(at), providersPath) }},
		"PATCH /api/v1/providers/:id": {rule: readWrite(access.ProviderRead, access.ProviderWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.patch(s.provider(at), providersPath, obj{"name": "Träger umbenannt"})
			}},
		"POST /api/v1/providers/:id/archive": {rule: readWrite(access.ProviderRead, access.ProviderWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.archive(s.provider(at), providersPath)
			}},

		// ---- Kitas: belong to their youth office and to themselves ----
		"GET /api/v1/kitas": {rule: accessRule{list: access.KitaRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				yo := at[:1]
				s.kita(yo + "1")
				s.kita(yo + "2")
				return accessCall{path: kitasPath + "?limit=500&youth_office_id=" + idOf(s.yo(yo).obj),
					listed: s.all("kita", func(o *accessObj) bool { return o.name[:1] == yo })}
			}},
		"POST /api/v1/kitas": {rule: accessRule{create: access.KitaWrite, field: "youth_office_id"}, ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				yo := s.yo(at[:1])
				return accessCall{path: kitasPath, created: yo.rel, body: obj{"name": "Kita Neu", "provider_id": idOf(s.provider("P").obj),
					"youth_office_id": idOf(yo.obj), "address": address("Kirchplatz 2", "40210", "Düsseldorf")}}
			}},
		"GET /api/v1/kitas/:id": {rule: accessRule{read: access.KitaRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall { return s.get(s.kita(at), kitasPath) }},
		// The body holds only self-service fields, so kita.self_service suffices as well.
		"PATCH /api/v1/kitas/:id": {rule: readWrite(access.KitaRead, access.KitaWrite, access.KitaSelfService), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.patch(s.kita(at), kitasPath, obj{"district": "Neustadt", "address": obj{"street": "Neuer Weg 3"}})
			}},
		"POST /api/v1/kitas/:id/archive": {rule: readWrite(access.KitaRead, access.KitaWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall { return s.archive(s.kita(at), kitasPath) }},

		// ---- centers: belong to their active members (Kitas and their youth offices) ----
		"GET /api/v1/centers": {rule: accessRule{list: access.CenterRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				s.center(at, at+"m")
				return accessCall{path: centersPath + "?limit=500&kita_id=" + idOf(s.kita(at).obj),
					listed: s.all("center", func(o *accessObj) bool { return slices.Contains(strings.Split(o.name, "+"), at) })}
			}},
		"POST /api/v1/centers": {rule: accessRule{create: access.CenterWrite, field: "members[0].kita_id"}, ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				k, m := s.kita(at), s.kita(at+"m")
				return accessCall{path: centersPath, created: relUnion(k.rel, m.rel),
					body: obj{"kind": "network", "name": "Familienzentrum Neu", "members": members(k.obj, m.obj)}}
			}},
		"GET /api/v1/centers/:id": {rule: accessRule{read: access.CenterRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.get(s.center(at, at+"m"), centersPath)
			}},
		"PATCH /api/v1/centers/:id": {rule: readWrite(access.CenterRead, access.CenterWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.patch(s.center(at, at+"m"), centersPath, obj{"name": "Familienzentrum umbenannt"})
			}},
		"POST /api/v1/centers/:id/archive": {rule: readWrite(access.CenterRead, access.CenterWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.archive(s.center(at, at+"m"), centersPath)
			}},
		"GET /api/v1/centers/:id/members": {rule: accessRule{read: access.CenterRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				c := s.get(s.center(at, at+"m"), centersPath)
				c.path += "/members"
				c.check = func(t *testing.T, _ *access.Principal, r response) {
					var got []string
					for _, m := range items(t, r.JSON(t)) {
						got = append(got, m["kita_id"].(string))
					}
					if want := []string{idOf(s.kita(at).obj), idOf(s.kita(at + "m").obj)}; !cmp.Equal(want, got) {
						t.Errorf("members %v, want %v", got, want)
					}
				}
				return c
			}},
		// The new member must lie inside an Own scope too (field kita_id).
		"POST /api/v1/centers/:id/members": {rule: accessRule{read: access.CenterRead, write: []access.Action{access.CenterWrite}, field: "kita_id"}, ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				c, k := s.center(at, at+"m"), s.kita(at+"x")
				call := s.get(c, centersPath)
				call.path += "/members"
				call.body, call.created = obj{"kita_id": idOf(k.obj), "role": "member"}, k.rel
				call.headers = s.ifMatch(centersPath + "/" + idOf(c.obj))
				call.check = wantMember(idOf(k.obj), true)
				return call
			}},
		"PATCH /api/v1/centers/:id/members/:kita_id": {rule: readWrite(access.CenterRead, access.CenterWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				c, k := s.center(at, at+"m"), s.kita(at+"m")
				call := s.get(c, centersPath)
				call.path += "/members/" + idOf(k.obj)
				call.body = obj{"role": "contact"}
				call.headers = s.ifMatch(centersPath + "/" + idOf(c.obj))
				call.check = wantMember(idOf(k.obj), true)
				return call
			}},
		"DELETE /api/v1/centers/:id/members/:kita_id": {rule: readWrite(access.CenterRead, access.CenterWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				c, k := s.center(at, at+"m", at+"x"), s.kita(at+"x")
				call := s.get(c, centersPath)
				call.path += "/members/" + idOf(k.obj)
				call.headers = s.ifMatch(centersPath + "/" + idOf(c.obj))
				call.check = wantMember(idOf(k.obj), false)
				return call
			}},

		// ---- contacts: belong to their owner; e-mail and phone only with contact.personal ----
		"GET /api/v1/contacts": {rule: accessRule{list: access.ContactRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				k := s.kita(at)
				s.contact(k)
				return accessCall{path: contactsPath + "?limit=500&kita_id=" + idOf(k.obj),
					listed: s.all("contact", func(o *accessObj) bool { return o.name == "kita:"+at }),
					check: func(t *testing.T, p *access.Principal, r response) {
						for _, it := range items(t, r.JSON(t)) {
							s.checkPersonal(t, p, it, nil)
						}
					}}
			}},
		"POST /api/v1/contacts": {rule: accessRule{create: access.ContactWrite, field: "kita_id"}, ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				k := s.kita(at)
				return accessCall{path: contactsPath, created: k.rel,
					body: obj{"name": "Neue Person", "email": "neu@example.org", "function": "other", "kita_id": idOf(k.obj)}}
			}},
		"GET /api/v1/contacts/:id": {rule: accessRule{read: access.ContactRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				call := s.get(s.contact(s.kita(at)), contactsPath)
				call.check = func(t *testing.T, p *access.Principal, r response) { s.checkPersonal(t, p, r.JSON(t), nil) }
				return call
			}},
		// The body holds only self-service fields, so contact.self_service suffices as well.
		"PATCH /api/v1/contacts/:id": {rule: readWrite(access.ContactRead, access.ContactWrite, access.ContactSelfService), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				change := obj{"phone": "0211 999999"}
				call := s.patch(s.contact(s.kita(at)), contactsPath, change)
				call.check = func(t *testing.T, p *access.Principal, r response) { s.checkPersonal(t, p, r.JSON(t), change) }
				return call
			}},
		"POST /api/v1/contacts/:id/archive": {rule: readWrite(access.ContactRead, access.ContactWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				call := s.archive(s.contact(s.kita(at)), contactsPath)
				archived := call.check
				call.check = func(t *testing.T, p *access.Principal, r response) {
					archived(t, p, r)
					s.checkPersonal(t, p, r.JSON(t), nil)
				}
				return call
			}},

		// ---- contingents: belong to their youth office ----
		"GET /api/v1/contingents": {rule: accessRule{list: access.ContingentRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				yo := at[:1]
				s.contingent(yo)
				return accessCall{path: contingentsPath + "?limit=500&youth_office_id=" + idOf(s.yo(yo).obj),
					listed: s.all("contingent", func(o *accessObj) bool { return o.name == yo })}
			}},
		"POST /api/v1/contingents": {rule: accessRule{create: access.ContingentWrite, field: "youth_office_id"}, ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				yo := s.yo(at[:1])
				return accessCall{path: contingentsPath, created: yo.rel,
					body: obj{"youth_office_id": idOf(yo.obj), "kindergarten_year": accessYear, "places": 3},
					check: func(t *testing.T, _ *access.Principal, r response) {
						wantJSON(obj{"youth_office_id": idOf(yo.obj), "places": 3, "used": 0})(t, r)
					}}
			}},
		"GET /api/v1/contingents/:id": {rule: accessRule{read: access.ContingentRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.get(s.contingent(at[:1]), contingentsPath)
			}},
		"PATCH /api/v1/contingents/:id": {rule: readWrite(access.ContingentRead, access.ContingentWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				return s.patch(s.contingent(at[:1]), contingentsPath, obj{"places": 7})
			}},

		// ---- catalogues: belong to no one; loaded only with catalogue.write everywhere ----
		// The list holds the catalogues of every scene on the database: only the scene's own is compared.
		"GET /api/v1/catalogues": {rule: accessRule{list: access.CatalogueRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, _ string) accessCall {
				return accessCall{path: cataloguesPath, listed: s.fixed(s.catalogue()), listKey: "version", listOpen: true}
			}},
		"GET /api/v1/catalogues/:version": {rule: accessRule{read: access.CatalogueRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, _ string) accessCall {
				c := s.catalogue()
				v := c.obj["version"].(string)
				return accessCall{path: catPath(v), target: c.rel, check: func(t *testing.T, _ *access.Principal, r response) {
					wantJSON(obj{"version": v, "title": catDoc(v)["title"]})(t, r)
				}}
			}},
		"PUT /api/v1/catalogues/:version": {rule: accessRule{need: access.CatalogueWrite}, ok: 201,
			prepare: func(*accessScene, *accessUser, string) accessCall {
				v := uniq("neu")
				return accessCall{path: catPath(v), body: catDoc(v), check: func(t *testing.T, _ *access.Principal, r response) {
					wantJSON(obj{"version": v, "title": catDoc(v)["title"]})(t, r)
				}}
			}},

		// ---- procedures: belong to their center (its active members and the grant
		// recipient's youth office); the representative step is submit_evidence, the
		// others are in TestAccessTransitions ----
		"GET /api/v1/procedures": {rule: accessRule{list: access.ProcedureRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				s.history(at)
				return accessCall{path: proceduresPath + "?limit=500&center_id=" + idOf(s.center(at, at+"m").obj),
					listed: s.all("procedure", func(o *accessObj) bool { return strings.HasPrefix(o.name, at+"/") }),
					check: func(t *testing.T, p *access.Principal, r response) {
						for _, it := range items(t, r.JSON(t)) {
							if o := s.byID(idOf(it)); o != nil {
								checkAllowed(t, p, it, certProcedure(o))
							}
						}
					}}
			}},
		"POST /api/v1/procedures": {rule: accessRule{create: access.ProcedureNominate, field: "center_id"}, ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				c := s.center(at, at+"m")
				s.contingent(at[:1])
				return accessCall{path: proceduresPath, created: c.rel,
					body: obj{"center_id": idOf(c.obj), "kind": "initial", "kindergarten_year": accessYear,
						"catalogue_version": s.catalogue().obj["version"], "comment": "Nominiert."},
					check: func(t *testing.T, p *access.Principal, r response) {
						m := r.JSON(t)
						if m["center_id"] != idOf(c.obj) || m["state"] != "nominated" {
							t.Errorf("nomination: %v", m)
						}
						checkAllowed(t, p, m, cert.Procedure{Kind: cert.KindInitial, State: cert.StateNominated, Related: c.rel})
					}}
			}},
		"GET /api/v1/procedures/:id": {rule: accessRule{read: access.ProcedureRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				_, open, _ := s.history(at)
				call := s.get(open, proceduresPath)
				call.check = checkProcedure(open, cert.StateRegistered)
				return call
			}},
		"POST /api/v1/procedures/:id/transitions": {rule: readWrite(access.ProcedureRead, access.ProcedureSubmitEvidence), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr := s.procedure(at, cert.KindInitial, cert.StateRegistered)
				call := s.get(pr, proceduresPath)
				call.headers = s.ifMatch(call.path)
				call.path += "/transitions"
				call.body = s.stepBody(cert.ActSubmitEvidence, at)
				call.check = checkProcedure(pr, cert.StateEvidenceSubmitted)
				return call
			}},
		"GET /api/v1/procedures/:id/events": {rule: accessRule{read: access.ProcedureRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				done, _, _ := s.history(at)
				want := []string{"create"}
				for _, a := range procedurePath[cert.StateCertified] {
					want = append(want, string(a))
				}
				return accessCall{path: proceduresPath + "/" + idOf(done.obj) + "/events", target: done.rel,
					check: func(t *testing.T, _ *access.Principal, r response) {
						var got []string
						for _, e := range items(t, r.JSON(t)) {
							got = append(got, e["action"].(string))
						}
						if d := cmp.Diff(want, got); d != "" {
							t.Errorf("history (-want +got):\n%s", d)
						}
					}}
			}},
		"GET /api/v1/procedures/:id/assessment": {rule: accessRule{read: access.ProcedureRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				done, _, _ := s.history(at)
				return accessCall{path: proceduresPath + "/" + idOf(done.obj) + "/assessment", target: done.rel,
					check: func(t *testing.T, _ *access.Principal, r response) {
						wantJSON(obj{"procedure_id": idOf(done.obj), "passed": true})(t, r)
					}}
			}},
		"PUT /api/v1/procedures/:id/assessment": {rule: readWrite(access.ProcedureRead, access.ProcedureAssess), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr := s.procedure(at, cert.KindInitial, cert.StateInReview)
				return accessCall{path: proceduresPath + "/" + idOf(pr.obj) + "/assessment", target: pr.rel,
					body: obj{"criteria": []obj{{"code": "1.1", "met": true}, {"code": "7.1", "met": false, "note": "Fehlt noch."}}},
					check: func(t *testing.T, _ *access.Principal, r response) {
						wantJSON(obj{"procedure_id": idOf(pr.obj), "passed": false, "criteria": []obj{
							{"code": "1.1", "met": true, "note": ""}, {"code": "7.1", "met": false, "note": "Fehlt noch."}}})(t, r)
					}}
			}},

		// ---- seals: belong to the Kitas they cover and their youth offices ----
		"GET /api/v1/seals": {rule: accessRule{list: access.SealRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				s.history(at)
				return accessCall{path: sealsPath + "?limit=500&center_id=" + idOf(s.center(at, at+"m").obj),
					listed: s.all("seal", func(o *accessObj) bool { return o.name == at })}
			}},
		"GET /api/v1/seals/:id": {rule: accessRule{read: access.SealRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				_, _, seal := s.history(at)
				return s.get(seal, sealsPath)
			}},
		"POST /api/v1/seals/:id/extensions": {rule: readWrite(access.SealRead, access.SealExtend), ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				seal := s.seal(at)
				until := cert.MustParseDate(seal.obj["valid_until"].(string)).AddDate(1, 0, 0).String()
				call := s.get(seal, sealsPath)
				call.path += "/extensions"
				call.body = obj{"new_valid_until": until, "reason": "Pandemie", "legal_basis": "Erlass vom 01.03.2030"}
				call.check = func(t *testing.T, _ *access.Principal, r response) {
					m := r.JSON(t)
					if idOf(m) != idOf(seal.obj) || m["valid_until"] != until || len(m["extensions"].([]any)) != 1 {
						t.Errorf("extended seal: %v", m)
					}
				}
				return call
			}},
		"POST /api/v1/seals/:id/revocations": {rule: readWrite(access.SealRead, access.SealRevoke), ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				seal := s.seal(at)
				call := s.get(seal, sealsPath)
				call.path += "/revocations"
				call.body = obj{"effective_on": "2026-12-01", "reason": "Rückzug des Trägers"}
				call.check = func(t *testing.T, _ *access.Principal, r response) {
					wantJSON(obj{"id": idOf(seal.obj), "revoked_on": "2026-12-01", "revocation_reason": "Rückzug des Trägers"})(t, r)
				}
				return call
			}},

		// ---- status: visible with the center (the Kita); the open procedure only with procedure.read ----
		"GET /api/v1/centers/:id/status": {rule: accessRule{read: access.CenterRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				c := s.center(at, at+"m")
				return accessCall{path: centersPath + "/" + idOf(c.obj) + "/status", target: c.rel, check: s.checkStatus(at)}
			}},
		"GET /api/v1/kitas/:id/status": {rule: accessRule{read: access.KitaRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				k := s.kita(at)
				return accessCall{path: kitasPath + "/" + idOf(k.obj) + "/status", target: k.rel, check: s.checkStatus(at)}
			}},
	}
	for k, v := range evidenceAccessRoutes(readWrite) {
		routes[k] = v
	}
	return routes
}

// memberCheck checks that the center in the answer has (or no longer has) the Kita as an active member.
func wantMember(kitaID string, want bool) func(t *testing.T, _ *access.Principal, r response) {
	return func(t *testing.T, _ *access.Principal, r response) {
		t.Helper()
		var got bool
		ms, _ := r.JSON(t)["members"].([]any)
		for _, m := range ms {
			got = got || m.(obj)["kita_id"] == kitaID
		}
		if got != want {
			t.Errorf("Kita %s is a member: %v, want %v\n%s", kitaID, got, want, r.Body)
		}
	}
}
