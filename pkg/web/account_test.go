package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/demo"
)

const newTestPassword = "ein ganz neues Passwort"

// TestAccountPage: every role sees its name, e-mail address and role in German; the
// youth office planner and the Kita leader also the office or Kita they work for.
func TestAccountPage(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		office, err := s.svc.YouthOffices.Get(sys, *s.users[access.RoleYouthOffice].YouthOfficeID)
		if err != nil {
			t.Fatal(err)
		}
		kita, err := s.svc.Kitas.Get(sys, *s.users[access.RoleKitaLeader].KitaID)
		if err != nil {
			t.Fatal(err)
		}
		scope := map[access.Role]string{access.RoleYouthOffice: office.Name, access.RoleKitaLeader: kita.Name}
		for _, role := range access.Roles {
			u := s.users[role]
			want := []string{"<h1", "Mein Konto", u.DisplayName, u.Email, "Passwort ändern", "API-Tokens", `href="/admin/policy"`}
			if name := scope[role]; name != "" {
				want = append(want, name)
			}
			r := s.as(t, role).get("/account")
			r.mustSee(t, http.StatusOK, want...)
			if strings.Count(r.Body, "<h1") != 1 {
				t.Errorf("%s: not exactly one h1", role)
			}
		}
	})
}

// TestAccountPasswordChange: the new password logs in and the old one no longer does;
// the other session of the user ends, the one that made the change goes on.
func TestAccountPasswordChange(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		u := s.users[access.RoleCoordinator]
		b, other := s.as(t, access.RoleCoordinator), s.as(t, access.RoleCoordinator)
		b.get("/account")
		r := b.post("/account/password", url.Values{"current_password": {demo.Password},
			"new_password": {newTestPassword}, "new_password_repeat": {newTestPassword}})
		if r.Status != http.StatusSeeOther || r.Location() != "/account?hinweis=passwort" {
			t.Fatalf("change: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Ihr Passwort ist geändert.")
		if r := other.get("/account"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location(), "/login") {
			t.Errorf("other session: %d to %q, want the login", r.Status, r.Location())
		}
		a := s.anonymous(t)
		a.get("/login")
		a.post("/login", url.Values{"email": {u.Email}, "password": {demo.Password}}).mustSee(t, http.StatusUnauthorized, "E-Mail-Adresse oder Passwort ist falsch.")
		s.login(t, u.Email, newTestPassword).get("/account").mustSee(t, http.StatusOK, u.Email)
	})
}

// TestAccountPasswordRefusals: a wrong current password, a short new one and a repetition
// that differs come back as the form with the German message at the field (422), and
// the password stays as it was.
func TestAccountPasswordRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleKitaLeader)
		b.get("/account")
		cases := []struct {
			current, next, repeat, field, msg string
		}{
			{"falsches Passwort!", newTestPassword, newTestPassword, "current_password", "Das bisherige Passwort ist falsch."},
			{demo.Password, "zu kurz", "zu kurz", "new_password", "Mindestens 12 Zeichen."},
			{demo.Password, newTestPassword, newTestPassword + "x", "new_password_repeat", "Die Wiederholung stimmt nicht mit dem neuen Passwort überein."},
		}
		for _, c := range cases {
			r := b.post("/account/password", url.Values{"current_password": {c.current}, "new_password": {c.next}, "new_password_repeat": {c.repeat}})
			r.mustSee(t, http.StatusUnprocessableEntity, "Bitte prüfen Sie Ihre Eingaben", `href="#f-`+c.field+`"`, c.msg, `id="f-`+c.field+`-error"`)
			if strings.Contains(r.Body, c.current) && c.current != demo.Password {
				t.Errorf("the page shows the password sent")
			}
		}
		s.login(t, s.users[access.RoleKitaLeader].Email, demo.Password)
	})
}

var (
	tokenSecret = regexp.MustCompile(`<code class="kc-secret" id="neues-token">(kc_[A-Za-z0-9_-]{43})</code>`)
	revokeForm  = regexp.MustCompile(`action="/account/tokens/([0-9a-f-]{36})/revoke"`)
)

// TestAccountTokens: a new token's secret is shown once, works as a Bearer token on the
// API, and no longer after it is revoked; the list shows it as revoked; a bad name or
// date comes back at the field.
func TestAccountTokens(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleAssessor)
		b.get("/account").mustSee(t, http.StatusOK, "Sie haben noch keine API-Tokens.")
		r := b.post("/account/tokens", url.Values{"name": {"Auswertung"}, "expires_at": {"2027-03-31"}})
		r.mustSee(t, http.StatusCreated, "Das Token „Auswertung“ ist angelegt", "nur dieses eine Mal", "01.04.2027, 00:00 Uhr")
		m := tokenSecret.FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no secret on the page:\n%s", r.Body)
		}
		secret := m[1]
		list := b.get("/account")
		list.mustSee(t, http.StatusOK, "Auswertung", secret[:7]+"…", "Gültig")
		if strings.Contains(list.Body, secret) {
			t.Errorf("the secret is shown a second time")
		}
		api := s.anonymous(t)
		me := api.do(http.MethodGet, "/api/v1/me", nil, "Authorization", "Bearer "+secret)
		me.mustSee(t, http.StatusOK, s.users[access.RoleAssessor].Email)

		id := revokeForm.FindStringSubmatch(list.Body)
		if id == nil {
			t.Fatalf("no revoke form:\n%s", list.Body)
		}
		r = b.post("/account/tokens/"+id[1]+"/revoke", nil)
		if r.Status != http.StatusSeeOther || r.Location() != "/account?hinweis=widerrufen" {
			t.Fatalf("revoke: %d to %q", r.Status, r.Location())
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Das Token ist widerrufen.", "Widerrufen am")
		if r := api.do(http.MethodGet, "/api/v1/me", nil, "Authorization", "Bearer "+secret); r.Status != http.StatusUnauthorized {
			t.Errorf("revoked token: %d, want 401", r.Status)
		}

		for _, bad := range []url.Values{{"name": {""}}, {"name": {"x"}, "expires_at": {"31.12.2027"}}, {"name": {"x"}, "expires_at": {"2020-01-01"}}} {
			field := "name"
			if bad.Get("expires_at") != "" {
				field = "expires_at"
			}
			b.post("/account/tokens", bad).mustSee(t, http.StatusUnprocessableEntity, `href="#f-`+field+`"`, `id="f-`+field+`-error"`)
		}
	})
}

// TestAccountTokenOfAnother: nobody revokes another user's token through Mein Konto, not
// even the admin: the token is not found (404) and stays valid. The admin sees it on the
// user's page, without a revoke form.
func TestAccountTokenOfAnother(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		owner := s.as(t, access.RoleCoordinator)
		owner.get("/account")
		secret := tokenSecret.FindStringSubmatch(owner.post("/account/tokens", url.Values{"name": {"Skript"}}).Body)
		if secret == nil {
			t.Fatal("no token created")
		}
		id := revokeForm.FindStringSubmatch(owner.get("/account").Body)[1]
		for _, role := range []access.Role{access.RoleAdmin, access.RoleKitaLeader} {
			b := s.as(t, role)
			b.post("/account/tokens/"+id+"/revoke", nil).mustSee(t, http.StatusNotFound, `lang="de"`)
		}
		s.as(t, access.RoleKitaLeader).post("/account/tokens/kein-token/revoke", nil).mustSee(t, http.StatusNotFound)
		seen := s.as(t, access.RoleAdmin).get("/admin/users/" + s.users[access.RoleCoordinator].ID.String())
		seen.mustSee(t, http.StatusOK, "API-Tokens von Demo Servicestelle", "Skript", secret[1][:7]+"…", "Gültig")
		if strings.Contains(seen.Body, "/revoke") {
			t.Errorf("the admin's user page offers to revoke through Mein Konto")
		}
		s.anonymous(t).do(http.MethodGet, "/api/v1/me", nil, "Authorization", "Bearer "+secret[1]).mustSee(t, http.StatusOK)
	})
}

// TestAccountPasswordLimit: wrong current passwords count as failed logins; after five,
// even the right one is refused with 429 (and Retry-After) until the window has passed.
func TestAccountPasswordLimit(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleYouthOffice)
		b.get("/account")
		for i := 0; i < 5; i++ {
			b.post("/account/password", url.Values{"current_password": {"falsch geraten " + strings.Repeat("!", i)},
				"new_password": {newTestPassword}, "new_password_repeat": {newTestPassword}}).mustSee(t, http.StatusUnprocessableEntity)
		}
		r := b.post("/account/password", url.Values{"current_password": {demo.Password},
			"new_password": {newTestPassword}, "new_password_repeat": {newTestPassword}})
		r.mustSee(t, http.StatusTooManyRequests, "Zu viele fehlgeschlagene Anmeldungen", `href="#f-current_password"`)
		if r.Header.Get("Retry-After") == "" {
			t.Errorf("no Retry-After")
		}
	})
}
