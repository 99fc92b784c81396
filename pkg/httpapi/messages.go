package httpapi

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kitacert/kitacert/pkg/cert"
)

// The German messages of the request validator, one per kind of schema violation.

// schemaMessage says in German what a schema violation means.
func schemaMessage(se *openapi3.SchemaError) string {
	s := se.Schema
	switch se.SchemaField {
	case "required":
		return "Pflichtfeld."
	case "additionalProperties":
		return "Unbekanntes Feld."
	case "enum":
		var vals []string
		for _, v := range s.Enum {
			if v != nil {
				vals = append(vals, fmt.Sprint(v))
			}
		}
		return cert.NotAllowed(vals...)
	case "pattern":
		if msg := controlCharMessage(s.Pattern); msg != "" {
			return msg
		}
		switch s.Pattern {
		case "^[0-9]{5}$":
			return "Die Postleitzahl hat genau fünf Ziffern."
		case "^[0-9]{4}/[0-9]{2}$":
			return formatMessage("kindergarten-year")
		}
		return "Hat nicht das erwartete Format."
	case "format":
		return formatMessage(s.Format)
	case "minLength":
		if s.MinLength == 1 {
			return "Darf nicht leer sein."
		}
		return fmt.Sprintf("Muss mindestens %d Zeichen lang sein.", s.MinLength)
	case "maxLength":
		return fmt.Sprintf("Ist zu lang (höchstens %d Zeichen).", *s.MaxLength)
	case "minimum", "maximum":
		return rangeMessage(s)
	case "type", "nullable":
		if se.Value == nil {
			return "Darf nicht null sein."
		}
		return "Falscher Typ; erwartet: " + typeName(s) + "."
	case "minProperties":
		return "Mindestens ein Feld muss angegeben werden."
	case "minItems":
		return fmt.Sprintf("Mindestens %d Einträge.", s.MinItems)
	case "maxItems":
		return fmt.Sprintf("Höchstens %d Einträge.", *s.MaxItems)
	}
	return "Ungültiger Wert."
}

func formatMessage(format string) string {
	switch format {
	case "uuid":
		return "Keine gültige ID (UUID)."
	case "date":
		return "Kein gültiges Datum; erwartet JJJJ-MM-TT."
	case "date-time":
		return "Kein gültiger Zeitpunkt; erwartet RFC 3339."
	case "email":
		return "Keine gültige E-Mail-Adresse."
	case "day-or-time":
		return "Weder ein Datum (JJJJ-MM-TT) noch ein Zeitpunkt nach RFC 3339."
	case "kindergarten-year":
		return "Kein gültiges Kindergartenjahr; erwartet z. B. 2026/27 (das zweite Jahr folgt auf das erste)."
	}
	return "Hat nicht das erwartete Format."
}

func rangeMessage(s *openapi3.Schema) string {
	switch {
	case s.Min != nil && s.Max != nil:
		return fmt.Sprintf("Muss zwischen %g und %g liegen.", *s.Min, *s.Max)
	case s.Max != nil:
		return fmt.Sprintf("Darf höchstens %g sein.", *s.Max)
	case s.Min != nil:
		return fmt.Sprintf("Muss mindestens %g sein.", *s.Min)
	}
	return "Liegt außerhalb des erlaubten Bereichs."
}

func typeName(s *openapi3.Schema) string {
	switch {
	case s.Type.Is("string"):
		return "Text"
	case s.Type.Is("integer"):
		return "ganze Zahl"
	case s.Type.Is("number"):
		return "Zahl"
	case s.Type.Is("boolean"):
		return "true oder false"
	case s.Type.Is("array"):
		return "Liste"
	case s.Type.Is("object"):
		return "Objekt"
	}
	return "anderer Typ"
}
