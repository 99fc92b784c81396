package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

// HeaderRequestID carries the request id in both directions.
const HeaderRequestID = "X-Request-ID"

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

type ctxKey int

const requestIDKey ctxKey = iota

// RequestIDFrom returns the request id that the middleware put into ctx.
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func requestID(c echo.Context) string { return RequestIDFrom(c.Request().Context()) }

// withRequestID takes the client's X-Request-ID when it is short and plain (so it cannot
// forge log lines), otherwise makes one, and echoes it back.
func withRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(HeaderRequestID)
		if !validRequestID.MatchString(id) {
			id = uuid.NewString()
		}
		c.Response().Header().Set(HeaderRequestID, id)
		ctx := context.WithValue(c.Request().Context(), requestIDKey, id)
		c.SetRequest(c.Request().WithContext(ctx))
		return next(c)
	}
}

// observe renders errors, then writes one access log line and the request metrics. It
// logs the route template, never the query string (it may carry names or e-mail addresses).
// A 503 is logged as a warning: the outage itself is logged once (down), not per request;
// an API answer below 500 tells down that the database answers again.
func observe(log *slog.Logger, m *metrics, known map[string]bool, down *outage) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			if err := next(c); err != nil {
				c.Error(err)
			}
			elapsed := time.Since(start)
			route := c.Path()
			if !known[c.Request().Method+" "+route] {
				route = "unmatched"
			}
			status := c.Response().Status
			m.observe(c.Request().Method, route, strconv.Itoa(status), elapsed)
			level := slog.LevelInfo
			switch {
			case status == http.StatusServiceUnavailable:
				level = slog.LevelWarn
			case status >= 500:
				level = slog.LevelError
			case route != "unmatched" && strings.HasPrefix(route, "/api/v1/"):
				down.answered()
			}
			log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", c.Request().Method),
				slog.String("route", route),
				slog.Int("status", status),
				slog.Duration("duration", elapsed),
				slog.Int64("bytes", c.Response().Size),
				slog.String("request_id", requestID(c)),
			)
			return nil
		}
	}
}
