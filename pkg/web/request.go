package web

import (
	"context"
	"crypto/subtle"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// FieldCSRF is the form field that carries the session's CSRF token; htmx requests may
// send it as the header X-CSRF-Token instead.
const FieldCSRF = "csrf"

// request is one page request: echo's context, who asks, and what the layout needs.
type request struct {
	echo.Context
	p        *Pages
	who      access.Principal
	signedIn bool
	csrf     string
	me       auth.User
	// parts is the body of a multipart upload whose first part, the CSRF token, the
	// check has read already; the handler reads the rest (multipartBody).
	parts *multipart.Reader
}

// ctx returns the request's context (with the principal once signed in).
func (r *request) ctx() context.Context { return r.Request().Context() }

// can reports whether the caller's role has any scope for the action.
func (r *request) can(a access.Action) bool { return r.signedIn && r.who.ScopeOf(a) != access.None }

const requestKey = "web.request"

// rule says who may open a page.
type rule struct {
	public bool          // anyone, signed in or not
	need   access.Action // a signed-in role needs some scope of this action (else 403); "": any signed-in user
	// upload marks a document upload (multipart/form-data): its body is read as a stream,
	// never parsed into memory, so the CSRF token must be its first part (or the header).
	upload bool
}

// route is one page of the table.
type route struct {
	method, path string
	rule         rule
	h            func(r *request) error
}

// Route describes one page route (for docs/ui.md and the page × role tests).
type Route struct {
	Method, Path string
	Public       bool          // open to everyone
	Need         access.Action // the action whose scope the role needs ("": any signed-in user)
}

// Routes lists the page routes in the order of the table.
func (p *Pages) Routes() []Route {
	out := make([]Route, len(p.routes))
	for i, r := range p.routes {
		out[i] = Route{Method: r.method, Path: r.path, Public: r.rule.public, Need: r.rule.need}
	}
	return out
}

// errCSRF refuses a form sent without the session's token (or from another site).
var errCSRF = &cert.Error{Code: cert.EFORBIDDEN, Message: "Das Formular ist abgelaufen oder kam nicht von dieser Seite. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."}

// handle wraps a page handler: security headers, the session, the CSRF check of unsafe
// requests and the role check of the rule. Object-level checks are the services' own.
func (p *Pages) handle(rt route) echo.HandlerFunc {
	return func(c echo.Context) error {
		setPageHeaders(c.Response().Header())
		r := &request{Context: c, p: p}
		c.Set(requestKey, r)
		req := c.Request()
		if err := p.resolveSession(r); err != nil {
			return err
		}
		unsafe := req.Method != http.MethodGet && req.Method != http.MethodHead
		if unsafe && !sameOrigin(req) {
			return errCSRF
		}
		if !r.signedIn && !rt.rule.public {
			return c.Redirect(http.StatusSeeOther, loginURL(req.URL))
		}
		if unsafe && r.signedIn {
			sent := r.sentCSRF(rt.rule.upload)
			if sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(r.csrf)) != 1 {
				return errCSRF
			}
		}
		if rt.rule.need != "" && !r.can(rt.rule.need) {
			return cert.ErrForbidden
		}
		return rt.h(r)
	}
}

// maxCSRFLen bounds the token read from the first part of an upload.
const maxCSRFLen = 256

// sentCSRF returns the CSRF token the request carries: the header X-CSRF-Token (htmx,
// upload.js), else the form field csrf. An upload's multipart body is not parsed here,
// which would read the whole file (FormValue spools it to memory and temporary files
// before anything is checked): its token must be the first part of the form, the
// hidden field the templates put first; the handler goes on with the rest of the stream.
func (r *request) sentCSRF(upload bool) string {
	req := r.Request()
	if h := req.Header.Get("X-CSRF-Token"); h != "" {
		return h
	}
	if !upload || !isMultipart(req) {
		return r.FormValue(FieldCSRF)
	}
	mr, err := req.MultipartReader()
	if err != nil {
		return ""
	}
	r.parts = mr
	part, err := mr.NextPart()
	if err != nil || part.FormName() != FieldCSRF || part.FileName() != "" {
		return ""
	}
	b, err := io.ReadAll(io.LimitReader(part, maxCSRFLen+1))
	if err != nil || len(b) > maxCSRFLen {
		return ""
	}
	return string(b)
}

// isMultipart reports whether the request's body is multipart/form-data.
func isMultipart(req *http.Request) bool {
	mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// multipartBody returns the multipart reader of an upload: the one the CSRF check began
// to read, or a new one when the token came in the header.
func (r *request) multipartBody() (*multipart.Reader, error) {
	if r.parts != nil {
		return r.parts, nil
	}
	return r.Request().MultipartReader()
}

// resolveSession reads the session cookie. No cookie, or one that is no longer valid,
// leaves the request anonymous; an outage of the database is an error.
func (p *Pages) resolveSession(r *request) error {
	ck, err := r.Request().Cookie(SessionCookie)
	if err != nil || ck.Value == "" {
		return nil
	}
	pr, csrf, err := p.cfg.Accounts.SessionPrincipal(r.ctx(), ck.Value)
	if err != nil {
		if cert.ErrorCode(err) == cert.EUNAUTHORIZED {
			return nil
		}
		return err
	}
	ctx := access.WithPrincipal(r.ctx(), pr)
	r.SetRequest(r.Request().WithContext(ctx))
	me, err := p.cfg.Accounts.Self(ctx)
	if err != nil {
		return err
	}
	r.who, r.signedIn, r.csrf, r.me = pr, true, csrf, me
	return nil
}

// sameOrigin refuses unsafe requests that a browser marks as coming from another site.
// Browsers send Origin on every POST; a request without it (curl, tests) is judged by the
// CSRF token alone.
func sameOrigin(req *http.Request) bool {
	if site := req.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return false
	}
	o := req.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && strings.EqualFold(u.Host, req.Host)
}

// loginURL is the login page that returns to u afterwards.
func loginURL(u *url.URL) string {
	if u.Path == "/" || u.Path == "" {
		return "/login"
	}
	return "/login?next=" + url.QueryEscape(u.RequestURI())
}

// localPath returns next when it is a path on this site, else "/": the login never sends
// anyone elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
