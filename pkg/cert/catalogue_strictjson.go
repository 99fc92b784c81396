package cert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// decodeStrict fills dst (a pointer to a document type such as catalogueDoc) from the JSON
// value raw and returns every problem with the path of the value at fault, all at once.
// encoding/json alone is not strict enough: it accepts null for a string, ignores missing
// members, and with DisallowUnknownFields stops at the first unknown member and names it
// without its path ("areas[1].colour").
//
// The shape comes from the Go type: a struct is an object whose members are named by the
// fields' `json` tags, each required unless tagged `doc:"optional"`; a slice is a list;
// strings, integers and booleans are read by encoding/json. Unknown members, missing
// required ones, null and values of the wrong type are reported; the rest is decoded.
func decodeStrict(raw json.RawMessage, dst any) []FieldError {
	var d strictDecoder
	d.value("", raw, reflect.ValueOf(dst).Elem())
	return d.v.fields
}

// strictDecoder collects the problems of one document.
type strictDecoder struct {
	v Validation
}

// value decodes raw into dst, the value at path ("" for the document itself).
func (d *strictDecoder) value(path string, raw json.RawMessage, dst reflect.Value) {
	if path != "" && string(bytes.TrimSpace(raw)) == "null" {
		d.v.Add(path, "Darf nicht null sein.")
		return
	}
	switch dst.Kind() {
	case reflect.Struct:
		d.object(path, raw, dst)
	case reflect.Slice:
		d.list(path, raw, dst)
	default:
		if json.Unmarshal(raw, dst.Addr().Interface()) != nil {
			d.v.Add(orDocument(path), "Falscher Typ; erwartet: "+kindName(dst.Kind())+".")
		}
	}
}

// object decodes a JSON object into the struct dst.
func (d *strictDecoder) object(path string, raw json.RawMessage, dst reflect.Value) {
	var members map[string]json.RawMessage
	if !startsWith(raw, '{') || json.Unmarshal(raw, &members) != nil {
		d.v.Add(orDocument(path), "Falscher Typ; erwartet: "+kindName(reflect.Struct)+".")
		return
	}
	fields := documentFields(dst.Type())
	var unknown []string
	for name := range members {
		if !slices.ContainsFunc(fields, func(f documentField) bool { return f.name == name }) {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		d.v.Add(join(path, name), "Unbekanntes Feld.")
	}
	for _, f := range fields {
		member, ok := members[f.name]
		switch {
		case ok:
			d.value(join(path, f.name), member, dst.Field(f.index))
		case f.required:
			d.v.Add(join(path, f.name), "Pflichtfeld.")
		}
	}
}

// list decodes a JSON array into the slice dst.
func (d *strictDecoder) list(path string, raw json.RawMessage, dst reflect.Value) {
	var elems []json.RawMessage
	if !startsWith(raw, '[') || json.Unmarshal(raw, &elems) != nil {
		d.v.Add(orDocument(path), "Falscher Typ; erwartet: "+kindName(reflect.Slice)+".")
		return
	}
	out := reflect.MakeSlice(dst.Type(), len(elems), len(elems))
	for i, e := range elems {
		d.value(fmt.Sprintf("%s[%d]", path, i), e, out.Index(i))
	}
	dst.Set(out)
}

// documentField is a member of a document object.
type documentField struct {
	name     string // the JSON name
	index    int    // the index of the struct field
	required bool
}

// documentFields lists the members of the document struct type t, in field order.
func documentFields(t reflect.Type) []documentField {
	var out []documentField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		out = append(out, documentField{name: name, index: i, required: f.Tag.Get("doc") != "optional"})
	}
	return out
}

// kindName names a JSON type in German by the Go kind it is decoded into.
func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Struct:
		return "Objekt"
	case reflect.Slice:
		return "Liste"
	case reflect.String:
		return "Text"
	case reflect.Bool:
		return "true oder false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "ganze Zahl"
	}
	return "anderer Typ"
}

func startsWith(raw json.RawMessage, c byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == c
}

// join appends a member name to a path: "areas[0]" + "code" is "areas[0].code".
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// orDocument names the document itself when path is empty.
func orDocument(path string) string {
	if path == "" {
		return "document"
	}
	return path
}
