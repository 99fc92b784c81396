package httpapi_test

import (
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kitacert/kitacert/api"
)

// textField is one string the spec lets a client send: a parameter or a body field.
type textField struct {
	op        string   // "POST /api/v1/kitas"
	in        string   // query, header, path or body
	name      string   // the field as problems name it: q, address.street, members[0].role
	path      []string // body: the way to the field; "[]" is a list position
	own       bool     // the schema has a pattern or enum of its own
	multiLine bool     // x-multiline: tab and line feed are allowed
}

// specTextFields walks the spec and returns every string a request can carry, so that a
// field added later is checked without touching the test.
func specTextFields(t *testing.T) []textField {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	var out []textField
	for p, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + p
			for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
				for _, pr := range ps {
					s := pr.Value.Schema.Value
					if s.Type.Is("string") {
						out = append(out, textField{op: name, in: pr.Value.In, name: pr.Value.Name, own: s.Pattern != "" || len(s.Enum) > 0})
					}
				}
			}
			if op.RequestBody == nil {
				continue
			}
			var walk func(s *openapi3.Schema, path []string)
			walk = func(s *openapi3.Schema, path []string) {
				switch {
				case s.Type.Is("string"):
					multi, _ := s.Extensions["x-multiline"].(bool)
					out = append(out, textField{op: name, in: "body", name: fieldName(path), path: path,
						own: s.Pattern != "" || len(s.Enum) > 0, multiLine: multi})
				case s.Type.Is("array"):
					walk(s.Items.Value, append(append([]string{}, path...), "[]"))
				default:
					for k, ps := range s.Properties {
						walk(ps.Value, append(append([]string{}, path...), k))
					}
				}
			}
			// Multipart uploads are read by their handler (pkg/upload); their text fields
			// are checked by the service (TestEvidenceJourney).
			if js := op.RequestBody.Value.Content.Get("application/json"); js != nil {
				walk(js.Schema.Value, nil)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].op+out[i].name < out[j].op+out[j].name })
	return out
}

// fieldName renders a body path as problems do: members[0].kita_id.
func fieldName(path []string) string {
	var b strings.Builder
	for _, p := range path {
		if p == "[]" {
			b.WriteString("[0]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// bodyWith is a JSON body that holds v at path and nothing else.
func bodyWith(path []string, v any) any {
	if len(path) == 0 {
		return v
	}
	inner := bodyWith(path[1:], v)
	if path[0] == "[]" {
		return []any{inner}
	}
	return obj{path[0]: inner}
}

// send puts value into the field f of its operation and returns the answer.
func (f textField) send(a *env, value string) response {
	method, p, _ := strings.Cut(f.op, " ")
	if f.in == "path" {
		p = strings.Replace(p, "{"+f.name+"}", url.PathEscape(value), 1)
	}
	p = strings.NewReplacer("{id}", unknownID, "{kita_id}", unknownID, "{version}", "T1").Replace(p)
	switch f.in {
	case "path":
		return a.do(method, p, nil)
	case "query":
		return a.do(method, p+"?"+url.Values{f.name: {value}}.Encode(), nil)
	case "header":
		return a.do(method, p, obj{}, f.name, value)
	}
	return a.do(method, p, bodyWith(f.path, value), "If-Match", "*")
}

// fieldMessages returns the messages that the problem in r gives for field.
func fieldMessages(t *testing.T, r response, field string) []string {
	t.Helper()
	var msgs []string
	errs, _ := r.JSON(t)["errors"].([]any)
	for _, e := range errs {
		if m := e.(map[string]any); m["field"] == field {
			msgs = append(msgs, m["message"].(string))
		}
	}
	return msgs
}

// TestControlCharactersRefused sends NUL and other control characters to every text
// field, parameter and header of the spec: each is a 400 naming the field, on both
// databases (PostgreSQL cannot store NUL; before, it answered 500). Multi-line fields
// (x-multiline) take tab and line feed; all others refuse them too.
func TestControlCharactersRefused(t *testing.T) {
	t.Parallel()
	fields := specTextFields(t)
	if len(fields) < 100 {
		t.Fatalf("only %d text fields found in the spec; the walk is broken", len(fields))
	}
	eachDB(t, func(t *testing.T, a *env) {
		for _, f := range fields {
			if f.in == "path" && f.name != "version" {
				continue // ids are UUIDs; their 400 is checked by TestPathIDs
			}
			t.Run(f.op+" "+f.in+" "+f.name, func(t *testing.T) {
				a := a.in(t)
				for _, bad := range []string{"a\x00b", "\x1b[31m", "x\x7f", "\u0085"} {
					r := f.send(a, bad)
					if r.Status != 400 {
						t.Fatalf("%q: status %d, want 400\n%s", bad, r.Status, r.Body)
					}
					checkProblem(t, r, 400, probValidation, nil)
					msgs := fieldMessages(t, r, f.name)
					if len(msgs) == 0 {
						t.Fatalf("%q: no error for %s\n%s", bad, f.name, r.Body)
					}
					if !f.own && !strings.Contains(strings.Join(msgs, " "), "Steuerzeichen") {
						t.Errorf("%q: messages %q do not name the control character", bad, msgs)
					}
				}
				if f.in != "body" {
					return
				}
				msgs := fieldMessages(t, f.send(a, "Zeile 1\n\tZeile 2\r\n"), f.name)
				if f.multiLine == (len(msgs) > 0) {
					t.Errorf("line feed and tab in %s (multi-line %v): messages %q", f.name, f.multiLine, msgs)
				}
			})
		}
	})
}

// TestNULReachesNoDatabase pins the reported cases with otherwise valid input, so that
// only the NUL can be at fault.
func TestNULReachesNoDatabase(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		runCases(t, a, []apiCase{
			{name: "login without credentials", method: "POST", path: "/api/v1/session", body: obj{"email": "a\x00b", "password": "x"},
				headers: []string{"Authorization", ""}, status: 400, problem: probValidation, fields: []string{"email"}},
			{name: "search", method: "GET", path: kitasPath + "?q=%00", status: 400, problem: probValidation, fields: []string{"q"}},
			{name: "city filter", method: "GET", path: kitasPath + "?city=K%C3%B6ln%00", status: 400, problem: probValidation, fields: []string{"city"}},
			{name: "create", method: "POST", path: providersPath, body: obj{"name": "Träger\x00", "kind": "awo"},
				status: 400, problem: probValidation, fields: []string{"name"}},
			{name: "multi-line comment keeps its lines", method: "POST", path: providersPath, body: obj{"name": "Träger\tNord", "kind": "awo"},
				status: 400, problem: probValidation, fields: []string{"name"}},
		})
	})
}
