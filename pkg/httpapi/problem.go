package httpapi

import (
	"errors"
	"github.com/kitacert/kitacert/pkg/web"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// ProblemTypePrefix starts every problem type; docs/api.md lists them all.
const ProblemTypePrefix = "urn:kitacert:problem:"

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty"`
	Instance  string       `json:"instance,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
	Errors    []FieldError `json:"errors,omitempty"`
	// AllowedActions is set when a procedure step is refused in the current state.
	AllowedActions []string `json:"allowed_actions,omitempty"`
}

// FieldError is one entry of a problem's errors list.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// problemKind is how one error code looks on the wire.
type problemKind struct {
	status int
	slug   string
	title  string
}

// problemKinds is the single place where error codes become HTTP statuses.
var problemKinds = map[string]problemKind{
	cert.EINVALID:              {http.StatusBadRequest, "validation", "Ungültige Anfrage"},
	cert.EUNAUTHORIZED:         {http.StatusUnauthorized, "unauthorized", "Anmeldung erforderlich"},
	cert.EFORBIDDEN:            {http.StatusForbidden, "forbidden", "Keine Berechtigung"},
	cert.ENOTFOUND:             {http.StatusNotFound, "not-found", "Nicht gefunden"},
	cert.ECONFLICT:             {http.StatusConflict, "conflict", "Konflikt mit dem aktuellen Stand"},
	cert.EPRECONDITIONFAILED:   {http.StatusPreconditionFailed, "stale", "Veralteter Stand"},
	cert.EPRECONDITIONREQUIRED: {http.StatusPreconditionRequired, "precondition-required", "If-Match fehlt"},
	cert.EINTERNAL:             {http.StatusInternalServerError, "internal", "Interner Fehler"},
	cert.ETOOLARGE:             {http.StatusRequestEntityTooLarge, "too-large", "Datei zu groß"},
	cert.EUNSUPPORTED:          {http.StatusUnsupportedMediaType, "unsupported-type", "Dateityp nicht erlaubt"},
	auth.ETOOMANY:              {http.StatusTooManyRequests, "too-many-requests", "Zu viele Anfragen"},
}

// httpKinds covers failures that echo itself reports before a handler runs.
var httpKinds = map[int]problemKind{
	http.StatusBadRequest:            {http.StatusBadRequest, "bad-request", "Ungültige Anfrage"},
	http.StatusNotFound:              {http.StatusNotFound, "not-found", "Nicht gefunden"},
	http.StatusMethodNotAllowed:      {http.StatusMethodNotAllowed, "method-not-allowed", "Methode nicht erlaubt"},
	http.StatusRequestEntityTooLarge: {http.StatusRequestEntityTooLarge, "too-large", "Anfrage zu groß"},
	http.StatusUnsupportedMediaType:  {http.StatusUnsupportedMediaType, "unsupported-media-type", "Nicht unterstützter Inhaltstyp"},
	http.StatusTooManyRequests:       {http.StatusTooManyRequests, "too-many-requests", "Zu viele Anfragen"},
	http.StatusServiceUnavailable:    {http.StatusServiceUnavailable, "unavailable", "Dienst nicht verfügbar"},
}

// httpDetails are German details for the statuses echo reports with English messages.
var httpDetails = map[int]string{
	http.StatusNotFound:              "Diese Adresse gibt es nicht.",
	http.StatusMethodNotAllowed:      "Diese Methode ist für diese Adresse nicht erlaubt.",
	http.StatusRequestEntityTooLarge: "Der Inhalt der Anfrage ist größer als 1 MiB.",
	http.StatusUnsupportedMediaType:  "Bitte JSON senden (Content-Type: application/json).",
}

// errorHandler renders every error as problem+json. Internal errors are logged with
// their details; the client learns only that something went wrong and the request id.
// An unreachable database is a 503 with Retry-After, logged once per outage (o); a 429
// carries Retry-After too (tooMany: how long the refusal lasts at most).
func errorHandler(log *slog.Logger, o *outage, tooMany time.Duration, pages *web.Pages) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		var he *echo.HTTPError
		if errors.As(err, &he) && he.Code == http.StatusMethodNotAllowed && paramSpansSegments(c) {
			err = echo.ErrNotFound
		}
		p := toProblem(err)
		if p.Status == http.StatusInternalServerError && isUnavailable(err) {
			p = unavailableProblem()
			o.failed(c.Request().Context(), err)
		}
		p.Instance = c.Request().URL.Path
		p.RequestID = requestID(c)
		switch p.Status {
		case http.StatusServiceUnavailable:
			setRetryAfter(c, RetryAfterUnavailable)
		case http.StatusTooManyRequests:
			setRetryAfter(c, tooMany)
		}
		if p.Status >= 500 && p.Status != http.StatusServiceUnavailable {
			log.ErrorContext(c.Request().Context(), "request failed", "error", err, "request_id", p.RequestID, "route", c.Path())
		}
		if web.IsPagePath(c.Request().URL.Path) {
			pages.ErrorPage(c, p.Status, p.Detail, p.RequestID)
			return
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(p.Status)
			return
		}
		_ = c.JSON(p.Status, p)
	}
}

// toProblem maps an error to its problem without request details.
func toProblem(err error) Problem {
	var ce *cert.Error
	if errors.As(err, &ce) {
		k, ok := problemKinds[ce.Code]
		if !ok || ce.Code == cert.EINTERNAL {
			return internalProblem()
		}
		p := Problem{Type: ProblemTypePrefix + k.slug, Title: k.title, Status: k.status, Detail: ce.Message}
		for _, f := range ce.Fields {
			p.Errors = append(p.Errors, FieldError(f))
		}
		if ce.AllowedActions != nil {
			p.AllowedActions = ce.AllowedActions
		}
		return p
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		if k, ok := httpKinds[he.Code]; ok {
			detail := httpDetails[he.Code]
			if detail == "" {
				detail = "Die Anfrage ist fehlerhaft."
			}
			return Problem{Type: ProblemTypePrefix + k.slug, Title: k.title, Status: k.status, Detail: detail}
		}
		if he.Code >= 400 && he.Code < 500 {
			return Problem{Type: ProblemTypePrefix + "bad-request", Title: http.StatusText(he.Code), Status: he.Code}
		}
	}
	return internalProblem()
}

func internalProblem() Problem {
	k := problemKinds[cert.EINTERNAL]
	return Problem{Type: ProblemTypePrefix + k.slug, Title: k.title, Status: k.status,
		Detail: "Ein interner Fehler ist aufgetreten. Bitte später erneut versuchen und bei Wiederholung die request_id melden."}
}
