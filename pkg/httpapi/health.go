package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthz answers while the process runs; it checks nothing else.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readiness is the body of /readyz.
type readiness struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// readyz answers 200 when the database answers and its schema is current, else 503.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	r := readiness{Status: "ok", Checks: map[string]string{"database": "ok", "schema": "ok"}}
	if err := s.db.Ping(ctx); err != nil {
		r.Status, r.Checks["database"], r.Checks["schema"] = "unavailable", "unreachable", "unknown"
	} else if err := s.db.CheckSchema(ctx); err != nil {
		r.Status, r.Checks["schema"] = "unavailable", err.Error()
	}
	if r.Status != "ok" {
		return c.JSON(http.StatusServiceUnavailable, r)
	}
	return c.JSON(http.StatusOK, r)
}

func metricsHandler(m *metrics) http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
