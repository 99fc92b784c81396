package httpapi

import "github.com/getkin/kin-openapi/openapi3"

// Text input never carries control characters: PostgreSQL cannot store NUL at all, and
// the others (escape, backspace, C1 codes) are never meant in a name or an address. Fields
// marked `x-multiline: true` in the spec (comments, reasons, notes) also take tab, line
// feed and carriage return. docs/api.md says the same.
const (
	singleLinePattern = `^[^\x{0}-\x{1F}\x{7F}-\x{9F}]*$`
	multiLinePattern  = `^[^\x{0}-\x{8}\x{B}\x{C}\x{E}-\x{1F}\x{7F}-\x{9F}]*$`
	multiLineMarker   = "x-multiline"
)

// forbidControlChars gives every string of the document that has neither a pattern nor an
// enum the pattern that refuses control characters, so that the request validator checks
// every text field, parameter and header, present and future, in one place.
func forbidControlChars(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Type.Is("string") && s.Pattern == "" && len(s.Enum) == 0 {
			s.Pattern = singleLinePattern
			if multi, _ := s.Extensions[multiLineMarker].(bool); multi {
				s.Pattern = multiLinePattern
			}
		}
		walk(s.Items)
		walk(s.Not)
		walk(s.AdditionalProperties.Schema)
		for _, p := range s.Properties {
			walk(p)
		}
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, r := range list {
				walk(r)
			}
		}
	}
	params := func(ps openapi3.Parameters) {
		for _, p := range ps {
			if p.Value != nil {
				walk(p.Value.Schema)
			}
		}
	}
	if doc.Components != nil {
		for _, s := range doc.Components.Schemas {
			walk(s)
		}
		for _, p := range doc.Components.Parameters {
			if p.Value != nil {
				walk(p.Value.Schema)
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		params(item.Parameters)
		for _, op := range item.Operations() {
			params(op.Parameters)
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					walk(mt.Schema)
				}
			}
		}
	}
}

// controlCharMessage says in German why a text was refused, or "" when pattern is not ours.
func controlCharMessage(pattern string) string {
	switch pattern {
	case singleLinePattern:
		return "Enthält ein Steuerzeichen (etwa NUL, Tabulator oder Zeilenumbruch); das ist hier nicht erlaubt."
	case multiLinePattern:
		return "Enthält ein Steuerzeichen (etwa NUL); erlaubt sind nur Tabulator und Zeilenumbruch."
	}
	return ""
}
