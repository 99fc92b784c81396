package cert

import (
	"errors"
	"strings"
)

// Describe returns err as a German sentence for a person: the message of a domain error
// followed by its field messages ("evidence_due_on: Darf nicht …"), without the English
// code that Error() puts first; for any other error a generic German sentence (the
// details belong in the log, not in a text a person reads).
func Describe(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) {
		return "Ein technischer Fehler ist aufgetreten; Einzelheiten stehen im Protokoll."
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, f := range e.Fields {
		if f.Message == e.Message { // a conflict blames its field with the same sentence
			continue
		}
		b.WriteString(" ")
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Message)
	}
	return b.String()
}
