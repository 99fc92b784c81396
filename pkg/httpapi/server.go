// Package httpapi serves kitacert's REST API with echo. It implements the server interface
// that oapi-codegen generates from api/openapi.yaml, validates each request against that
// document, and renders every error as RFC 9457 problem+json.
package httpapi

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/web"
)

// MaxBodyBytes is the largest request body accepted (1 MiB, the "1MiB" of BodyLimit); more gives 413.
const MaxBodyBytes = 1 << 20

// Config is what the HTTP layer needs.
type Config struct {
	Log      *slog.Logger
	Service  *cert.Services
	Accounts *auth.Service
	Outbox   *notify.Service
	DB       Database
	// Registry collects the metrics of /metrics; other parts of kitacert (the sweep) add
	// theirs to it. nil: a registry of its own.
	Registry *prometheus.Registry
	// SweepHealth, when set, is asked by /readyz; anything but "ok" is reported as
	// "degraded" without failing readiness (a late sweep must not take the API down).
	SweepHealth func(ctx context.Context) string
	// RequestTimeout is the deadline of every request (required: the config owns its
	// default). A request whose database does not answer in time gets 503 with Retry-After.
	RequestTimeout time.Duration
	// Cookies decides when the session cookie is marked Secure (HTTPS only); the zero
	// value, web.CookieAuto, does so everywhere but on plain HTTP to a loopback host.
	Cookies web.CookieMode
	// Location is the time zone of the pages (Europe/Berlin); required.
	Location *time.Location
	// Site is the operator's texts for the legal pages.
	Site web.Site
	// BlobCheck, when set, is asked by /readyz whether the blob store answers; an error
	// makes the replica not ready.
	BlobCheck func(ctx context.Context) error
	// UploadTimeout is the deadline of a document upload, which carries up to the limit
	// per file (cert.EvidenceSettings); zero: RequestTimeout.
	UploadTimeout time.Duration
}

// Database is what the HTTP layer asks of the database itself, beside the services:
// /readyz pings it and checks its schema, /metrics reads the statistics of its pool.
// *store.DB implements it.
type Database interface {
	Ping(ctx context.Context) error
	CheckSchema(ctx context.Context) error
	SQL() *sql.DB
}

// Server implements the generated strict server interface.
type Server struct {
	svc         *cert.Services
	accounts    *auth.Service
	outbox      *notify.Service
	db          Database
	log         *slog.Logger
	cookies     web.CookieMode
	sweepHealth func(ctx context.Context) string
	blobCheck   func(ctx context.Context) error
}

var _ api.StrictServerInterface = (*Server)(nil)

// New builds the echo instance with every route and middleware.
func New(cfg Config) (*echo.Echo, error) {
	doc, err := loadSpec(api.Spec)
	if err != nil {
		return nil, err
	}
	if cfg.Service == nil || cfg.Accounts == nil || cfg.Outbox == nil || cfg.DB == nil {
		return nil, errors.New("httpapi: Config needs Service, Accounts, Outbox and DB")
	}
	if cfg.RequestTimeout <= 0 {
		return nil, errors.New("httpapi: Config needs a RequestTimeout")
	}
	s := &Server{svc: cfg.Service, accounts: cfg.Accounts, outbox: cfg.Outbox, db: cfg.DB, log: cfg.Log, cookies: cfg.Cookies,
		sweepHealth: cfg.SweepHealth, blobCheck: cfg.BlobCheck}
	m := newMetrics(cfg.DB.SQL(), cfg.Registry)
	pages, err := web.New(web.Config{Log: cfg.Log, Service: cfg.Service, Accounts: cfg.Accounts, Outbox: cfg.Outbox,
		Cookies: cfg.Cookies, Location: cfg.Location, Site: cfg.Site})
	if err != nil {
		return nil, err
	}

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	timeout := cfg.RequestTimeout
	down := &outage{log: cfg.Log}
	e.HTTPErrorHandler = errorHandler(cfg.Log, down, cfg.Accounts.LoginWindow(), pages)
	// Client addresses (for login rate limits) are taken from the connection, never from
	// X-Forwarded-For, which any client can set.
	e.IPExtractor = echo.ExtractIPDirect()
	e.Binder = strictJSONBinder{}

	known := map[string]bool{}
	uploads := uploadLimits(cfg)
	e.Use(withRequestID, observe(cfg.Log, m, known, down), recoverer(cfg.Log), uploads.bodyLimit, uploads.deadline(timeout))

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", echo.WrapHandler(metricsHandler(m)))
	e.GET("/api/openapi.yaml", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "application/yaml", api.Spec)
	})
	pages.Register(e)

	v := newValidator(doc)
	api.RegisterHandlers(validatedRouter{e: e, mw: []echo.MiddlewareFunc{s.authenticate, v.middleware}}, api.NewStrictHandler(s, nil))
	for _, r := range e.Routes() {
		known[r.Method+" "+r.Path] = true
	}
	return e, nil
}
