package web

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// SessionCookie is the name of the browser session cookie, shared by the pages and the API.
const SessionCookie = "kitacert_session"

// CookieMode decides when the session cookie is marked Secure (sent over HTTPS only).
type CookieMode int

// The cookie modes (KITACERT_COOKIE_SECURE).
const (
	// CookieAuto marks the cookie Secure except on a plain-HTTP request to a loopback host
	// (localhost, 127.0.0.0/8, ::1), so that `serve --demo` works at http://localhost:8080
	// in every browser while any real host name gets a Secure cookie.
	CookieAuto CookieMode = iota
	// CookieAlways marks the cookie Secure on every request.
	CookieAlways
	// CookieNever never marks it Secure (plain-HTTP test setups only).
	CookieNever
)

// ParseCookieMode reads "auto", "true" or "false".
func ParseCookieMode(s string) (CookieMode, error) {
	switch s {
	case "auto":
		return CookieAuto, nil
	case "true":
		return CookieAlways, nil
	case "false":
		return CookieNever, nil
	}
	return 0, fmt.Errorf("want auto, true or false, got %q", s)
}

// String names the mode as KITACERT_COOKIE_SECURE takes it.
func (m CookieMode) String() string {
	switch m {
	case CookieAlways:
		return "true"
	case CookieNever:
		return "false"
	}
	return "auto"
}

// Secure reports whether the session cookie of a response to r is marked Secure.
func (m CookieMode) Secure(r *http.Request) bool {
	switch m {
	case CookieAlways:
		return true
	case CookieNever:
		return false
	}
	return r.TLS != nil || !loopback(r.Host)
}

func loopback(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SessionCookieHeader renders the Set-Cookie value of the session cookie for a response
// to r; maxAge < 0 deletes it. HttpOnly and SameSite=Lax always.
func (m CookieMode) SessionCookieHeader(r *http.Request, value string, maxAge int) string {
	c := &http.Cookie{Name: SessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: m.Secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: maxAge}
	return c.String()
}
