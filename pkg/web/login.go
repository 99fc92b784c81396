package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// loginForm is what the login page shows.
type loginForm struct {
	Email, Next string
	Failed      string // why the last attempt was refused, in German
}

// loginPage shows the login form; a signed-in user goes to the start page.
func (p *Pages) loginPage(r *request) error {
	if r.signedIn {
		return r.Redirect(http.StatusSeeOther, localPath(r.QueryParam("next")))
	}
	return r.render(http.StatusOK, "login", "Anmeldung", loginForm{Next: localPath(r.QueryParam("next"))})
}

// login checks the credentials, sets the session cookie and goes on to next. A refusal
// says the same for an unknown address and a wrong password.
func (p *Pages) login(r *request) error {
	email := strings.TrimSpace(r.FormValue("email"))
	next := localPath(r.FormValue("next"))
	l, err := p.cfg.Accounts.Login(r.ctx(), email, r.FormValue("password"), r.RealIP())
	if err != nil {
		switch cert.ErrorCode(err) {
		case cert.EUNAUTHORIZED:
			return r.render(http.StatusUnauthorized, "login", "Anmeldung", loginForm{Email: email, Next: next, Failed: auth.ErrBadCredentials.Message})
		case auth.ETOOMANY:
			r.Response().Header().Set("Retry-After", retryAfter(p.cfg.Accounts.LoginWindow()))
			return r.render(http.StatusTooManyRequests, "login", "Anmeldung", loginForm{Email: email, Next: next, Failed: auth.ErrTooManyAttempts.Message})
		}
		return err
	}
	maxAge := int(p.cfg.Accounts.SessionLifetime() / time.Second)
	r.Response().Header().Add("Set-Cookie", p.cfg.Cookies.SessionCookieHeader(r.Request(), l.Secret, maxAge))
	return r.Redirect(http.StatusSeeOther, next)
}

// logout ends the session and deletes the cookie.
func (p *Pages) logout(r *request) error {
	if ck, err := r.Request().Cookie(SessionCookie); err == nil {
		if err := p.cfg.Accounts.Logout(r.ctx(), ck.Value); err != nil {
			return err
		}
	}
	r.Response().Header().Add("Set-Cookie", p.cfg.Cookies.SessionCookieHeader(r.Request(), "", -1))
	return r.redirect("/login", "abgemeldet")
}

func retryAfter(d time.Duration) string {
	s := int(d / time.Second)
	if s < 1 {
		s = 1
	}
	return strconv.Itoa(s)
}
