package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/labstack/echo/v4"

	"github.com/kitacert/kitacert/pkg/cert"
)

// strictJSONBinder decodes request bodies and rejects unknown fields, as a second line
// behind the spec validator (which rejects them first with a field-level problem).
type strictJSONBinder struct{}

// Bind implements echo.Binder.
func (strictJSONBinder) Bind(i any, c echo.Context) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(i)
	if err == nil {
		// One JSON value and nothing after it: `{...}xyz` or `{...}{...}` is malformed.
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("unerwartete Zeichen nach dem JSON-Wert")
		}
	}
	if err != nil {
		return bindProblem(err)
	}
	return nil
}

// bindProblem says in German what the decoder did not accept, naming the field where it
// can, and never shows Go's own wording (types, struct fields). The spec validator runs
// first and catches nearly everything; this is the second line.
func bindProblem(err error) error {
	field, msg := "body", "Kein gültiges JSON."
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		field, msg = typeErr.Field, "Falscher Typ oder Wert außerhalb des erlaubten Bereichs."
	case errors.As(err, &syntaxErr):
		msg = fmt.Sprintf("Kein gültiges JSON (Fehler bei Zeichen %d).", syntaxErr.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		msg = "Kein gültiges JSON: der Inhalt ist leer oder bricht ab."
	}
	return &cert.Error{Code: cert.EINVALID, Message: "Kein gültiges JSON.", Fields: []cert.FieldError{{Field: field, Message: msg}}}
}

// recoverer turns a panic into a logged internal error, so that one bad request never
// takes the process down.
func recoverer(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					if r == http.ErrAbortHandler {
						panic(r)
					}
					log.ErrorContext(c.Request().Context(), "panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()), "request_id", requestID(c))
					err = fmt.Errorf("panic: %v", r)
				}
			}()
			return next(c)
		}
	}
}
