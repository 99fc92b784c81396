package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/web"
)

// TestLoginLogout: the login form signs in with a session cookie (HttpOnly, SameSite=Lax),
// refuses a wrong password and an unknown address with the same German words, and the
// logout ends the session on the server, not just in the browser.
func TestLoginLogout(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.anonymous(t)
		b.get("/login").mustSee(t, http.StatusOK, "Anmeldung", `name="email"`, `name="password"`, `autocomplete="current-password"`)

		leader := s.users[access.RoleKitaLeader]
		wrong := b.post("/login", url.Values{"email": {leader.Email}, "password": {"falsch-falsch"}})
		unknown := b.post("/login", url.Values{"email": {"niemand@example.org"}, "password": {"falsch-falsch"}})
		for _, p := range []page{wrong, unknown} {
			p.mustSee(t, http.StatusUnauthorized, "E-Mail-Adresse oder Passwort ist falsch.")
			if p.Header.Get("Set-Cookie") != "" {
				t.Errorf("a refused login set a cookie: %s", p.Header.Get("Set-Cookie"))
			}
		}
		if strings.Contains(unknown.Body, "nicht gefunden") || strings.Contains(unknown.Body, "existiert") {
			t.Error("the refusal tells that the account does not exist")
		}

		ok := b.post("/login", url.Values{"email": {leader.Email}, "password": {demo.Password}, "next": {"/accessibility"}})
		if ok.Status != http.StatusSeeOther || ok.Location() != "/accessibility" {
			t.Fatalf("login: %d to %q", ok.Status, ok.Location())
		}
		ck := ok.Header.Get("Set-Cookie")
		for _, want := range []string{web.SessionCookie + "=", "HttpOnly", "SameSite=Lax", "Path=/", "Secure"} {
			if !strings.Contains(ck, want) {
				t.Errorf("cookie %q lacks %s", ck, want)
			}
		}
		b.get("/").mustSee(t, http.StatusOK, leader.DisplayName, "Wo stehen wir?", "Abmelden")

		old := b.cookies[web.SessionCookie]
		if r := b.post("/logout", url.Values{"csrf": {"falsch"}}); r.Status != http.StatusForbidden {
			t.Errorf("logout without the CSRF token: %d", r.Status)
		}
		out := b.post("/logout", nil)
		if out.Status != http.StatusSeeOther || out.Location() != "/login?hinweis=abgemeldet" {
			t.Fatalf("logout: %d to %q", out.Status, out.Location())
		}
		if _, still := b.cookies[web.SessionCookie]; still {
			t.Error("the logout left the cookie")
		}
		b.get("/login?hinweis=abgemeldet").mustSee(t, http.StatusOK, "Sie haben sich abgemeldet.")
		b.cookies[web.SessionCookie] = old // the stolen cookie no longer works
		if r := b.get("/"); r.Status != http.StatusSeeOther || r.Location() != "/login" {
			t.Errorf("start page with the ended session: %d to %q", r.Status, r.Location())
		}
	})
}

// TestLoginGoesOnlyToThisSite: the page after the login is a path of this site; anything
// else (another host, a scheme-relative URL) goes to the start page.
func TestLoginGoesOnlyToThisSite(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		u := s.users[access.RoleCoordinator]
		for next, want := range map[string]string{
			"/kitas?q=a":            "/kitas?q=a",
			"//evil.example/":       "/",
			"https://evil.example/": "/",
			"/\\evil.example":       "/",
			"":                      "/",
		} {
			b := s.anonymous(t)
			r := b.post("/login", url.Values{"email": {u.Email}, "password": {demo.Password}, "next": {next}})
			if r.Status != http.StatusSeeOther || r.Location() != want {
				t.Errorf("next=%q: %d to %q, want %q", next, r.Status, r.Location(), want)
			}
		}
		// Pages that need a session send there and back.
		if r := s.anonymous(t).get("/kitas/x/status?a=1"); r.Status != http.StatusSeeOther || r.Location() != "/login?next=%2Fkitas%2Fx%2Fstatus%3Fa%3D1" {
			t.Errorf("anonymous: %d to %q", r.Status, r.Location())
		}
	})
}

// TestCrossSiteFormsRefused: a form sent from another site is refused even with a valid
// session and token; the login form too (login CSRF).
func TestCrossSiteFormsRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		form := url.Values{"csrf": {b.csrf}}
		for _, h := range [][]string{{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}} {
			r := b.do(http.MethodPost, "/logout", strings.NewReader(form.Encode()), h...)
			r.mustSee(t, http.StatusForbidden, "Das Formular ist abgelaufen oder kam nicht von dieser Seite.")
			u := s.users[access.RoleKitaLeader]
			login := url.Values{"email": {u.Email}, "password": {demo.Password}}
			if r := s.anonymous(t).do(http.MethodPost, "/login", strings.NewReader(login.Encode()), h...); r.Status != http.StatusForbidden {
				t.Errorf("cross-site login %v: %d", h, r.Status)
			}
		}
		same := b.do(http.MethodPost, "/logout", strings.NewReader(form.Encode()), "Origin", "http://kitacert.example.org", "Sec-Fetch-Site", "same-origin")
		if same.Status != http.StatusSeeOther {
			t.Errorf("same-origin logout: %d", same.Status)
		}
	})
}

// TestSessionCookieOnLocalhost: with the default mode the cookie works over plain HTTP at
// localhost (what `serve --demo` needs) and is Secure for any other host.
func TestSessionCookieOnLocalhost(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		u := s.users[access.RoleAssessor]
		form := url.Values{"email": {u.Email}, "password": {demo.Password}}
		for host, secure := range map[string]bool{"localhost:8080": false, "127.0.0.1:8080": false, "[::1]:8080": false,
			"kitacert.example.org": true, "localhost.example.org": true} {
			req := newFormRequest("/login", form)
			req.Host = host
			rec := serve(s, req)
			ck := rec.Header().Get("Set-Cookie")
			if rec.Code != http.StatusSeeOther || strings.Contains(ck, "Secure") != secure {
				t.Errorf("%s: %d, cookie %q; want Secure=%v", host, rec.Code, ck, secure)
			}
		}
	})
}
