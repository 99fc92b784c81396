package web

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// Config is what the pages need: the same services as the API.
type Config struct {
	Log      *slog.Logger
	Service  *cert.Services
	Accounts *auth.Service
	Outbox   *notify.Service
	// Cookies decides when the session cookie is Secure.
	Cookies CookieMode
	// Location is the time zone in which times are shown (Europe/Berlin); required.
	Location *time.Location
	// Site holds the operator's texts: Impressum, Datenschutz, feedback contact.
	Site Site
}

// Pages renders kitacert's web pages. Build it with New, add its routes with Register.
type Pages struct {
	cfg    Config
	svc    *cert.Services
	tmpl   *templates
	routes []route
	// pageExists holds the paths of the GET routes, for the navigation.
	pageExists map[string]bool
}

// New parses the templates and builds the route table. It fails on a template that does
// not parse, so that a broken page never reaches a running server.
func New(cfg Config) (*Pages, error) {
	if cfg.Service == nil || cfg.Accounts == nil || cfg.Outbox == nil || cfg.Location == nil {
		return nil, errors.New("web: Config needs Service, Accounts, Outbox and Location")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	t, err := parseTemplates(cfg.Location)
	if err != nil {
		return nil, err
	}
	p := &Pages{cfg: cfg, svc: cfg.Service, tmpl: t}
	p.routes = p.table()
	p.pageExists = map[string]bool{}
	for _, r := range p.routes {
		if r.method == http.MethodGet {
			p.pageExists[r.path] = true
		}
	}
	return p, nil
}

// Register adds the vendored files and every page to e.
func (p *Pages) Register(e *echo.Echo) {
	RegisterAssets(e)
	for _, r := range p.routes {
		e.Add(r.method, r.path, p.handle(r), compress)
	}
}
