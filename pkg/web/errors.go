package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// errorPageLookup bounds the session lookup of an error page outside any route.
const errorPageLookup = 2 * time.Second

// errorPage is what the error template shows.
type errorPage struct {
	Status       int
	Heading      string
	Detail       string
	SignInAgain  bool // 401: the session ended
	SupportsBack bool
}

// errorHeadings are the German headings of the error pages.
var errorHeadings = map[int]string{
	http.StatusBadRequest:            "Die Eingabe ist fehlerhaft",
	http.StatusUnauthorized:          "Bitte melden Sie sich an",
	http.StatusForbidden:             "Keine Berechtigung",
	http.StatusNotFound:              "Seite nicht gefunden",
	http.StatusMethodNotAllowed:      "Seite nicht gefunden",
	http.StatusConflict:              "Das geht so nicht",
	http.StatusPreconditionFailed:    "Jemand hat diesen Eintrag inzwischen geändert",
	http.StatusRequestEntityTooLarge: "Die Eingabe ist zu groß",
	http.StatusTooManyRequests:       "Zu viele Versuche",
	http.StatusServiceUnavailable:    "kitacert ist gerade nicht erreichbar",
}

// IsPagePath reports whether a path belongs to the pages (an error there is a German
// HTML page) rather than to the API, the probes or the metrics (problem+json or text).
func IsPagePath(p string) bool {
	for _, prefix := range []string{"/api/", "/healthz", "/readyz", "/metrics"} {
		if p == strings.TrimSuffix(prefix, "/") || strings.HasPrefix(p, prefix) {
			return false
		}
	}
	return true
}

// ErrorPage renders an error of a page request as a German page with the status. detail
// is the German explanation the API would give (problem detail); requestID is shown on
// 500 so that the operator can find the log line.
func (p *Pages) ErrorPage(c echo.Context, status int, detail, requestID string) {
	setPageHeaders(c.Response().Header())
	r, ok := c.Get(requestKey).(*request)
	if !ok {
		r = &request{Context: c, p: p}
		// A page that does not exist still shows who is signed in. The request's own
		// deadline has ended with its handler; the lookup gets a short one of its own.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), errorPageLookup)
		defer cancel()
		c.SetRequest(c.Request().WithContext(ctx))
		_ = p.resolveSession(r)
	}
	if status == http.StatusUnauthorized && !r.signedIn && c.Request().Method == http.MethodGet {
		_ = c.Redirect(http.StatusSeeOther, loginURL(c.Request().URL))
		return
	}
	if status == http.StatusMethodNotAllowed {
		status = http.StatusNotFound
	}
	if status == http.StatusRequestEntityTooLarge && p.uploadTooLarge(r, detail) {
		return
	}
	heading := errorHeadings[status]
	switch {
	case status == http.StatusNotFound:
		detail = "Diese Seite gibt es nicht, oder Sie dürfen sie nicht sehen. Prüfen Sie die Adresse oder gehen Sie zur Startseite."
	case status >= 500 && status != http.StatusServiceUnavailable:
		heading = "Ein Fehler ist aufgetreten"
		detail = "Das hätte nicht passieren dürfen. Der Fehler ist protokolliert; bitte nennen Sie dem Betrieb die Vorgangsnummer."
	case heading == "":
		heading = "Die Anfrage konnte nicht bearbeitet werden"
	}
	v := r.newView(heading, errorPage{Status: status, Heading: heading, Detail: detail, SignInAgain: status == http.StatusUnauthorized})
	v.RequestID = requestID
	if err := p.write(r, status, "error", v); err != nil {
		_ = c.String(status, heading)
	}
}
