package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/web"
)

// sample is one object a page with parameters is opened for, and what it belongs to.
type sample struct {
	path    string
	related access.Related
}

// pageSamples says, for every page route with parameters, which demo objects to open it
// for: at least one inside and one outside the scope of the youth office and Kita leader
// demo users. A route with parameters that is missing here fails TestPageMatrix.
var pageSamples = map[string]func(t *testing.T, s *site) []sample{
	"/kitas/:id/status": func(t *testing.T, s *site) []sample {
		return kitaSamples(t, s, "/kitas/%s/status")
	},
}

// kitaSamples are the Kita of the Kita leader (inside both Own scopes) and a Kita of
// another youth office (outside both), on the path pattern.
func kitaSamples(t *testing.T, s *site, pattern string) []sample {
	t.Helper()
	own := *s.users[access.RoleKitaLeader].KitaID
	office := *s.users[access.RoleYouthOffice].YouthOfficeID
	list, err := s.svc.Kitas.List(sys, cert.KitaFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	for _, k := range list.Items {
		if k.ID == own || (k.YouthOfficeID != office && len(out) < 2) {
			out = append(out, sample{path: strings.Replace(pattern, "%s", k.ID.String(), 1),
				related: access.Related{YouthOfficeIDs: []uuid.UUID{k.YouthOfficeID}, KitaIDs: []uuid.UUID{k.ID}}})
		}
	}
	return out
}

// expectPage is the status the policy gives a GET of a page: p nil is anonymous.
func expectPage(rt web.Route, p *access.Principal, related *access.Related) int {
	switch {
	case rt.Public && (p == nil || rt.Path != "/login"):
		return http.StatusOK
	case p == nil:
		return http.StatusSeeOther // to the login
	case rt.Path == "/login":
		return http.StatusSeeOther // signed in already: on to the start page
	case rt.Need != "" && p.ScopeOf(rt.Need) == access.None:
		return http.StatusForbidden
	case related != nil && rt.Need != "" && !p.Can(rt.Need, *related):
		return http.StatusNotFound
	}
	return http.StatusOK
}

// TestPageMatrix opens every page as every role and anonymously, and compares the status
// with what access.Policy says: the same table that decides the API's matrix. Forms
// (POST) are refused with 403 to a role without the action, before they touch anything.
func TestPageMatrix(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		browsers := map[access.Role]*browser{}
		for _, role := range access.Roles {
			browsers[role] = s.as(t, role)
		}
		anon := s.anonymous(t)
		for _, rt := range s.pages.Routes() {
			var samples []sample
			if strings.Contains(rt.Path, ":") {
				fill, ok := pageSamples[rt.Method+" "+rt.Path]
				if !ok {
					fill, ok = pageSamples[rt.Path]
				}
				if !ok {
					t.Errorf("%s %s: no samples in pageSamples", rt.Method, rt.Path)
					continue
				}
				samples = fill(t, s)
				if len(samples) == 0 {
					t.Errorf("%s %s: the demo data gives no sample", rt.Method, rt.Path)
				}
			} else {
				samples = []sample{{path: rt.Path}}
			}
			for _, smp := range samples {
				var rel *access.Related
				if strings.Contains(rt.Path, ":") {
					rel = &smp.related
				}
				if rt.Method != http.MethodGet {
					checkForm(t, s, rt, smp, browsers, anon)
					continue
				}
				if got, want := anon.get(smp.path).Status, expectPage(rt, nil, rel); got != want {
					t.Errorf("anonymous GET %s: %d, want %d", smp.path, got, want)
				}
				for _, role := range access.Roles {
					u := s.users[role]
					p := u.Principal()
					r := browsers[role].get(smp.path)
					if want := expectPage(rt, &p, rel); r.Status != want {
						t.Errorf("%s GET %s: %d, want %d", role, smp.path, r.Status, want)
					} else if want != http.StatusOK && !strings.Contains(r.Body, `lang="de"`) && want != http.StatusSeeOther {
						t.Errorf("%s GET %s: %d is not a German page:\n%s", role, smp.path, r.Status, r.Body)
					}
				}
			}
		}
	})
}

// checkForm: an anonymous form goes to the login (or is judged by the login itself); a
// role without the route's action gets 403.
func checkForm(t *testing.T, s *site, rt web.Route, smp sample, browsers map[access.Role]*browser, anon *browser) {
	t.Helper()
	if !rt.Public {
		if r := anon.post(smp.path, url.Values{}); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location(), "/login") {
			t.Errorf("anonymous POST %s: %d to %q", smp.path, r.Status, r.Location())
		}
	}
	if rt.Need == "" {
		return
	}
	for _, role := range access.Roles {
		u := s.users[role]
		if u.Principal().ScopeOf(rt.Need) != access.None {
			continue
		}
		if r := browsers[role].post(smp.path, url.Values{}); r.Status != http.StatusForbidden {
			t.Errorf("%s POST %s: %d, want 403", role, smp.path, r.Status)
		}
	}
}

var navLink = regexp.MustCompile(`<nav class="kc-nav"[\s\S]*?</nav>`)
var hrefs = regexp.MustCompile(`href="([^"]+)"`)

// TestNavigationLinksWork: every entry of each role's navigation opens with 200.
func TestNavigationLinksWork(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		for _, role := range access.Roles {
			b := s.as(t, role)
			nav := navLink.FindString(b.get("/").Body)
			if nav == "" {
				t.Fatalf("%s: no navigation", role)
			}
			for _, m := range hrefs.FindAllStringSubmatch(nav, -1) {
				if r := b.get(m[1]); r.Status != http.StatusOK {
					t.Errorf("%s: navigation link %s gives %d", role, m[1], r.Status)
				}
			}
		}
	})
}

// TestNavigationPerRole: each role's navigation holds exactly the pages its actions allow
// (of those that exist so far).
func TestNavigationPerRole(t *testing.T) {
	reads := []string{"/", "/procedures", "/seals", "/centers", "/kitas", "/providers", "/youth-offices", "/contacts"}
	want := map[access.Role][]string{
		access.RoleAdmin:       append(append([]string{}, reads...), "/audit", "/admin/users"),
		access.RoleCoordinator: append(append([]string{}, reads...), "/notifications", "/audit"),
		access.RoleAssessor:    reads,
		access.RoleYouthOffice: reads,
		access.RoleKitaLeader:  reads,
	}
	eachDB(t, func(t *testing.T, s *site) {
		exists := map[string]bool{}
		for _, rt := range s.pages.Routes() {
			exists[rt.Method+" "+rt.Path] = true
		}
		for _, role := range access.Roles {
			nav := navLink.FindString(s.as(t, role).get("/").Body)
			var got, expect []string
			for _, m := range hrefs.FindAllStringSubmatch(nav, -1) {
				got = append(got, m[1])
			}
			for _, h := range want[role] {
				if exists["GET "+h] {
					expect = append(expect, h)
				}
			}
			if strings.Join(got, " ") != strings.Join(expect, " ") {
				t.Errorf("%s: navigation %v, want %v", role, got, expect)
			}
		}
	})
}
