package httpapi

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/web"
)

// SessionCookie is the name of the browser session cookie (the pages' own).
const SessionCookie = web.SessionCookie

// HeaderCSRF carries the CSRF token of a cookie session on unsafe requests.
const HeaderCSRF = "X-CSRF-Token"

type authCtxKey int

const (
	sessionSecretKey authCtxKey = iota
	clientAddrKey
	requestKey
)

// errCSRF refuses unsafe cookie requests without the session's CSRF token.
var errCSRF = &cert.Error{Code: cert.EFORBIDDEN, Message: "CSRF-Token fehlt oder ist falsch (Header X-CSRF-Token)."}

// authenticate resolves the caller of an API route: a bearer token, else the session
// cookie (with the CSRF token on unsafe methods). Only the login itself is public.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		ctx := context.WithValue(req.Context(), clientAddrKey, c.RealIP())
		ctx = context.WithValue(ctx, requestKey, req)
		ctx = access.WithRequestID(ctx, RequestIDFrom(ctx))
		if req.Method == http.MethodPost && c.Path() == "/api/v1/session" {
			c.SetRequest(req.WithContext(ctx))
			return next(c)
		}
		p, err := s.principal(c, ctx)
		if err != nil {
			if cert.ErrorCode(err) == cert.EUNAUTHORIZED {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="kitacert"`)
			}
			return err
		}
		ctx = access.WithPrincipal(ctx, p)
		if p.SessionID != nil {
			ck, _ := req.Cookie(SessionCookie)
			ctx = context.WithValue(ctx, sessionSecretKey, ck.Value)
		}
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}

func (s *Server) principal(c echo.Context, ctx context.Context) (access.Principal, error) {
	req := c.Request()
	if h := req.Header.Get(echo.HeaderAuthorization); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return access.Principal{}, cert.ErrUnauthenticated
		}
		return s.accounts.TokenPrincipal(ctx, strings.TrimSpace(token))
	}
	ck, err := req.Cookie(SessionCookie)
	if err != nil {
		return access.Principal{}, cert.ErrUnauthenticated
	}
	p, csrf, err := s.accounts.SessionPrincipal(ctx, ck.Value)
	if err != nil {
		return access.Principal{}, err
	}
	if unsafeMethod(req.Method) && subtle.ConstantTimeCompare([]byte(req.Header.Get(HeaderCSRF)), []byte(csrf)) != 1 {
		return access.Principal{}, errCSRF
	}
	return p, nil
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

func sessionSecret(ctx context.Context) string {
	s, _ := ctx.Value(sessionSecretKey).(string)
	return s
}

// httpRequest returns the HTTP request of an API call (for the cookie's Secure flag).
func httpRequest(ctx context.Context) *http.Request {
	r, _ := ctx.Value(requestKey).(*http.Request)
	if r == nil {
		return &http.Request{}
	}
	return r
}

func clientAddr(ctx context.Context) string {
	s, _ := ctx.Value(clientAddrKey).(string)
	return s
}
