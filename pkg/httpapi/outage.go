package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/store"
)

// RetryAfterUnavailable is the Retry-After of a 503 answer while the database is unreachable.
const RetryAfterUnavailable = 5 * time.Second

// unavailableDetail is the detail of a 503 answer.
const unavailableDetail = "Die Datenbank ist gerade nicht erreichbar oder antwortet nicht rechtzeitig. Bitte in einigen Sekunden erneut versuchen."

// withDeadline gives every request a deadline: a database that does not answer ends the
// request after d instead of holding it (and a pool connection) until it returns.
func withDeadline(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

// outage remembers whether the database is unreachable, so that an outage is logged once
// when it begins and once when it ends, not with every request that fails meanwhile.
type outage struct {
	log  *slog.Logger
	down atomic.Bool
}

// failed records a request that found the database unreachable; only the first of an
// outage is logged.
func (o *outage) failed(ctx context.Context, err error) {
	if o.down.CompareAndSwap(false, true) {
		o.log.ErrorContext(ctx, "database unreachable; answering 503 until it answers again", "error", err)
	}
}

// answered records a request that reached the database.
func (o *outage) answered() {
	if o.down.CompareAndSwap(true, false) {
		o.log.Info("database reachable again")
	}
}

// unavailableProblem is the answer while the database cannot be reached.
func unavailableProblem() Problem {
	k := httpKinds[http.StatusServiceUnavailable]
	return Problem{Type: ProblemTypePrefix + k.slug, Title: k.title, Status: k.status, Detail: unavailableDetail}
}

// setRetryAfter writes a Retry-After header in whole seconds (at least 1).
func setRetryAfter(c echo.Context, d time.Duration) {
	secs := int64((d + time.Second - 1) / time.Second)
	c.Response().Header().Set("Retry-After", strconv.FormatInt(max(secs, 1), 10))
}

// isUnavailable reports whether err means the database did not answer.
func isUnavailable(err error) bool { return store.IsUnavailable(err) }
