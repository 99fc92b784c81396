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

// readiness is the body of /readyz: {"status": "ok", "checks": {...}} when ready, else a
// 503 problem+json that carries the same checks.
type readiness struct {
	Problem
	Checks map[string]string `json:"checks"`
}

// readyz answers 200 when the database answers and its schema is current, else 503.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{"database": "ok", "schema": "ok"}
	ready := true
	if err := s.db.Ping(ctx); err != nil {
		ready, checks["database"], checks["schema"] = false, "unreachable", "unknown"
	} else if err := s.db.CheckSchema(ctx); err != nil {
		ready, checks["schema"] = false, err.Error()
	}
	if s.blobCheck != nil {
		// Without its blob store kitacert cannot take or give out documents.
		checks["blobs"] = "ok"
		if err := s.blobCheck(ctx); err != nil {
			ready, checks["blobs"] = false, "unreachable"
			s.log.WarnContext(ctx, "blob store unreachable", "error", err.Error())
		}
	}
	if ready {
		status := "ok"
		if s.sweepHealth != nil {
			if checks["sweep"] = s.sweepHealth(ctx); checks["sweep"] != "ok" {
				status = "degraded"
			}
		}
		return c.JSON(http.StatusOK, map[string]any{"status": status, "checks": checks})
	}
	k := httpKinds[http.StatusServiceUnavailable]
	body := readiness{Checks: checks, Problem: Problem{Type: ProblemTypePrefix + k.slug, Title: k.title, Status: k.status,
		Detail: "Der Dienst ist nicht bereit; siehe checks.", Instance: c.Request().URL.Path, RequestID: requestID(c)}}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	return c.JSON(http.StatusServiceUnavailable, body)
}

func metricsHandler(m *metrics) http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
