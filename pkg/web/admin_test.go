package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/web"
)

// TestAdminUsersList: the admin sees every account; the search (e-mail address) and the
// role filter narrow the list; htmx gets only the list; a long list pages.
func TestAdminUsersList(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleAdmin)
		all := b.get("/admin/users")
		for _, u := range s.users {
			all.mustSee(t, http.StatusOK, u.Email, u.DisplayName)
		}
		o, err := s.svc.YouthOffices.Get(sys, *s.users[access.RoleYouthOffice].YouthOfficeID)
		if err != nil {
			t.Fatal(err)
		}
		all.mustSee(t, http.StatusOK, o.Name, "Städtische Kita Sternstraße", `<th scope="col"`)

		leaders := b.get("/admin/users?rolle=kita_leader")
		leaders.mustSee(t, http.StatusOK, s.users[access.RoleKitaLeader].Email)
		if strings.Contains(leaders.Body, s.users[access.RoleAssessor].Email) {
			t.Errorf("the role filter shows an assessor")
		}
		found := b.get("/admin/users?q=PRUEFUNG")
		found.mustSee(t, http.StatusOK, s.users[access.RoleAssessor].Email)
		if strings.Contains(found.Body, s.users[access.RoleAdmin].Email) {
			t.Errorf("the search shows the admin")
		}
		frag := b.do(http.MethodGet, "/admin/users?rolle=admin", nil, "HX-Request", "true", "HX-Target", "benutzerliste")
		frag.mustSee(t, http.StatusOK, s.users[access.RoleAdmin].Email)
		if strings.Contains(frag.Body, "<html") || strings.Contains(frag.Body, s.users[access.RoleKitaLeader].Email) {
			t.Errorf("htmx got more than the filtered list:\n%s", frag.Body)
		}

		for i := 0; i < 25; i++ {
			if _, err := s.accounts.CreateUser(sys, auth.NewUser{Email: fmt.Sprintf("person%02d@example.org", i),
				DisplayName: fmt.Sprintf("Person %02d", i), Role: access.RoleAssessor}); err != nil {
				t.Fatal(err)
			}
		}
		first := b.get("/admin/users?rolle=assessor")
		next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(first.Body)
		if next == nil {
			t.Fatalf("26 assessors, no next page:\n%s", first.Body)
		}
		second := b.get(strings.ReplaceAll(next[1], "&amp;", "&"))
		second.mustSee(t, http.StatusOK, "Zur ersten Seite")
		if n := strings.Count(first.Body, `href="/admin/users/`) + strings.Count(second.Body, `href="/admin/users/`); n != 26+2 {
			t.Errorf("%d links to users (with the two to /admin/users/new), want 28", n)
		}
	})
}

// TestAdminUsersForbidden: every role but the admin gets 403 on the user pages and forms.
func TestAdminUsersForbidden(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		target := s.users[access.RoleKitaLeader].ID.String()
		for _, role := range access.Roles[1:] {
			b := s.as(t, role)
			for _, path := range []string{"/admin/users", "/admin/users/new", "/admin/users/" + target} {
				b.get(path).mustSee(t, http.StatusForbidden, `lang="de"`)
			}
			b.post("/admin/users/new", url.Values{"email": {"x@example.org"}, "display_name": {"X"}, "role": {"admin"}}).mustSee(t, http.StatusForbidden)
			b.post("/admin/users/"+target, url.Values{"version": {"1"}, "display_name": {"X"}, "role": {"admin"}}).mustSee(t, http.StatusForbidden)
		}
		if _, err := s.accounts.UserByEmail(sys, "x@example.org"); err == nil {
			t.Errorf("a refused form created a user")
		}
	})
}

// TestAdminCreateUser: the admin creates a Kita leader with an initial password, who can
// then log in and sees their Kita; refusals come back at the fields.
func TestAdminCreateUser(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleAdmin)
		kita := *s.users[access.RoleKitaLeader].KitaID
		office := s.users[access.RoleYouthOffice].YouthOfficeID.String()
		o, err := s.svc.YouthOffices.Get(sys, *s.users[access.RoleYouthOffice].YouthOfficeID)
		if err != nil {
			t.Fatal(err)
		}
		b.get("/admin/users/new").mustSee(t, http.StatusOK, "Neuer Benutzer", "Städtische Kita Sternstraße", o.Name)
		form := url.Values{"email": {"neue.leitung@example.org"}, "display_name": {"Neue Leitung"}, "role": {"kita_leader"},
			"kita_id": {kita.String()}, "youth_office_id": {office}, "password": {"ein Startpasswort!"}}
		r := b.post("/admin/users/new", form)
		if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location(), "?hinweis=angelegt") {
			t.Fatalf("create: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Der Eintrag ist angelegt.", "Neue Leitung", "Kita-Leitung")
		s.login(t, "neue.leitung@example.org", "ein Startpasswort!").get("/account").mustSee(t, http.StatusOK, "Städtische Kita Sternstraße")

		refusals := []struct {
			change url.Values
			field  string
		}{
			{url.Values{"email": {"keine adresse"}}, "email"},
			{url.Values{"role": {"youth_office"}, "youth_office_id": {""}}, "youth_office_id"},
			{url.Values{"kita_id": {"keine-id"}}, "kita_id"},
			{url.Values{"password": {"kurz"}}, "password"},
			{url.Values{"display_name": {""}}, "display_name"},
		}
		for i, c := range refusals {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set("email", fmt.Sprintf("versuch%d@example.org", i))
			for k, v := range c.change {
				f[k] = v
			}
			r := b.post("/admin/users/new", f)
			r.mustSee(t, http.StatusUnprocessableEntity, `href="#f-`+c.field+`"`, `id="f-`+c.field+`-error"`)
		}
		dup := b.post("/admin/users/new", form)
		if dup.Status != http.StatusUnprocessableEntity && dup.Status != http.StatusConflict {
			t.Errorf("duplicate e-mail: %d", dup.Status)
		}
		dup.mustSee(t, dup.Status, "neue.leitung@example.org", "Bitte prüfen Sie Ihre Eingaben")
	})
}

var adminVersionField = regexp.MustCompile(`name="version" value="(\d+)"`)

// TestAdminEditUser: the admin changes a user's role and scope and sets a password; an
// edit of an old version comes back (409) with the new values and the stale alert;
// disabling ends the user's logins.
func TestAdminEditUser(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleAdmin)
		u := s.users[access.RoleYouthOffice]
		path := "/admin/users/" + u.ID.String()
		page := b.get(path)
		office, err := s.svc.YouthOffices.Get(sys, *u.YouthOfficeID)
		if err != nil {
			t.Fatal(err)
		}
		page.mustSee(t, http.StatusOK, u.Email, "Jugendamt (Jugendhilfeplanung)", `__key">Jugendamt</dt>`, office.Name)
		old := adminVersionField.FindStringSubmatch(page.Body)[1]
		form := url.Values{"version": {old}, "display_name": {"Planung Neu"}, "role": {"assessor"},
			"youth_office_id": {u.YouthOfficeID.String()}, "password": {"ein neues Passwort 1"}}
		r := b.post(path, form)
		if r.Status != http.StatusSeeOther || r.Location() != path+"?hinweis=gespeichert" {
			t.Fatalf("edit: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", "Planung Neu", "Zertifizierungsstelle (Begutachtung)")
		got, err := s.accounts.User(sys, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Role != access.RoleAssessor || got.YouthOfficeID != nil {
			t.Errorf("stored %s with office %v, want an assessor without one", got.Role, got.YouthOfficeID)
		}
		s.login(t, u.Email, "ein neues Passwort 1")

		stale := b.post(path, url.Values{"version": {old}, "display_name": {"Veraltet"}, "role": {"coordinator"}})
		stale.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", `value="Planung Neu"`,
			`name="version" value="`+fmt.Sprint(got.Version)+`"`, `<option value="assessor" selected>`)
		if again, _ := s.accounts.User(sys, u.ID); again.DisplayName != "Planung Neu" {
			t.Errorf("a stale edit was stored: %q", again.DisplayName)
		}

		b.post(path, url.Values{"version": {fmt.Sprint(got.Version)}, "display_name": {"Planung Neu"}, "role": {"assessor"}, "disabled": {"1"}}).mustSee(t, http.StatusSeeOther)
		a := s.anonymous(t)
		a.get("/login")
		a.post("/login", url.Values{"email": {u.Email}, "password": {"ein neues Passwort 1"}}).mustSee(t, http.StatusUnauthorized)

		self := "/admin/users/" + s.users[access.RoleAdmin].ID.String()
		v := adminVersionField.FindStringSubmatch(b.get(self).Body)[1]
		b.post(self, url.Values{"version": {v}, "display_name": {"Admin"}, "role": {"coordinator"}}).
			mustSee(t, http.StatusUnprocessableEntity, "Sie können sich nicht selbst die Administrationsrechte entziehen.")
		b.post(self, url.Values{"display_name": {"Admin"}, "role": {"admin"}}).mustSee(t, http.StatusUnprocessableEntity, `href="#f-version"`)
		b.get("/admin/users/"+s.users[access.RoleKitaLeader].KitaID.String()).mustSee(t, http.StatusNotFound)
	})
}

var policyCell = regexp.MustCompile(`<td class="kern-table__cell" data-scope="([^"]+)">`)

// TestPolicyPage: every signed-in role sees the whole policy table, each cell as
// access.Policy says, each action with a German label, and its own column marked.
func TestPolicyPage(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		for _, role := range access.Roles {
			r := s.as(t, role).get("/admin/policy")
			want := []string{"Wer darf was?", "eigene", "nicht erlaubt", "Ihre Rolle"}
			for _, rl := range access.Roles {
				want = append(want, web.RoleLabels[rl])
			}
			r.mustSee(t, http.StatusOK, want...)
			for _, a := range access.Actions {
				label := web.ActionLabels[a]
				if label == "" {
					t.Errorf("action %s has no German label", a)
				}
				i := strings.Index(r.Body, `id="recht-`+string(a)+`"`)
				if i < 0 {
					t.Fatalf("%s: no row for %s", role, a)
				}
				row := r.Body[i:]
				row = row[:strings.Index(row, "</tr>")]
				if !strings.Contains(row, label) {
					t.Errorf("row %s lacks %q", a, label)
				}
				cells := policyCell.FindAllStringSubmatch(row, -1)
				if len(cells) != len(access.Roles) {
					t.Fatalf("row %s: %d cells", a, len(cells))
				}
				for j, rl := range access.Roles {
					if want := access.Policy[rl][a].String(); cells[j][1] != want {
						t.Errorf("%s × %s: %s, want %s", a, rl, cells[j][1], want)
					}
				}
			}
			if n := strings.Count(r.Body, "Ihre Rolle"); n != 1 {
				t.Errorf("%s: %d columns marked as own", role, n)
			}
		}
	})
}
