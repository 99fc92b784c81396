package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/web"
)

// TestErrorPagesAreGerman: a browser gets German HTML pages for 404 and 403, with the
// security headers; the API and the probes keep problem+json.
func TestErrorPagesAreGerman(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleKitaLeader)
		for path, want := range map[string][]string{
			"/gibt-es-nicht": {"Seite nicht gefunden", "Zur Startseite", "Kita-Leitung"},
			"/kitas/00000000-0000-0000-0000-000000000000/status": {"Seite nicht gefunden"},
			"/kitas/kein-uuid/status":                            {"Seite nicht gefunden"},
		} {
			r := b.get(path)
			r.mustSee(t, http.StatusNotFound, want...)
			if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", path, ct)
			}
			if r.Header.Get("Content-Security-Policy") != web.ContentSecurityPolicy {
				t.Errorf("%s: CSP %q", path, r.Header.Get("Content-Security-Policy"))
			}
		}
		anon := s.anonymous(t).get("/gibt-es-nicht")
		anon.mustSee(t, http.StatusNotFound, "Seite nicht gefunden", "Zur Anmeldung")
		if strings.Contains(anon.Body, "Abmelden") {
			t.Error("an anonymous 404 shows the logout")
		}
		for _, path := range []string{"/api/v1/nope", "/api/v1/kitas/kein-uuid"} {
			r := b.get(path)
			if r.Status < 400 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s: %d %q; the API answers problem+json", path, r.Status, r.Header.Get("Content-Type"))
			}
		}
	})
}

// TestPageSecurityHeaders: every page, signed in or not, carries the strict CSP, no
// framing, no sniffing, a same-origin referrer and no caching of personal pages.
func TestPageSecurityHeaders(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		want := map[string]string{
			"Content-Security-Policy": web.ContentSecurityPolicy,
			"X-Frame-Options":         "DENY",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "same-origin",
			"Cache-Control":           "no-store",
		}
		for _, b := range []*browser{s.anonymous(t), s.as(t, access.RoleCoordinator)} {
			for _, path := range []string{"/login", "/", "/imprint", "/gibt-es-nicht"} {
				r := b.get(path)
				for h, v := range want {
					if r.Header.Get(h) != v {
						t.Errorf("%s: %s = %q, want %q", path, h, r.Header.Get(h), v)
					}
				}
			}
		}
		for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*"} {
			if strings.Contains(web.ContentSecurityPolicy, bad) {
				t.Errorf("the CSP allows %s", bad)
			}
		}
		if !strings.Contains(web.ContentSecurityPolicy, "frame-ancestors 'none'") {
			t.Error("the CSP allows framing")
		}
	})
}

// TestNoInlineScriptOrStyle: the pages contain no inline script, style element or style
// attribute, which the CSP would block anyway.
func TestNoInlineScriptOrStyle(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		for _, role := range access.Roles {
			b := s.as(t, role)
			body := b.get("/").Body
			for _, bad := range []string{"<style", " style=", "<script>", "onclick=", "onload=", "javascript:"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s start page contains %q", role, bad)
				}
			}
		}
	})
}

// TestLegalPages: Impressum, Datenschutz and the accessibility statement with its feedback
// contact are open to everyone and show what the operator configured.
func TestLegalPages(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.anonymous(t)
		b.get("/imprint").mustSee(t, http.StatusOK, "Impressum", "Angaben gemäß § 5 DDG.", "Verantwortlich: Demo.", "ISA e.V.")
		b.get("/privacy").mustSee(t, http.StatusOK, "Datenschutz", "Wir verarbeiten nur, was das Verfahren braucht.")
		b.get("/accessibility").mustSee(t, http.StatusOK, "Erklärung zur Barrierefreiheit", "BITV NRW",
			`href="mailto:barrierefreiheit@example.org"`, "Durchsetzungsverfahren")
	})
}
