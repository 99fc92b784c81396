package cert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ParseCatalogue reads a catalogue document (the CatalogueDocument shape of the API, as
// `kitacert catalogue import FILE` reads it), removes the blanks around codes, names and
// texts, and validates it (see Catalogue.Validate). Decoding is strict (see
// DecodeCatalogue); the rules of Validate are checked only once the document has the
// right shape, so a file with both kinds of problems reports its shape first.
func ParseCatalogue(data []byte) (Catalogue, error) {
	c, err := DecodeCatalogue(data)
	if err != nil {
		return Catalogue{}, err // the rules are checked on a well-formed document only
	}
	c = c.normalized()
	if err := c.Validate(); err != nil {
		return Catalogue{}, err
	}
	return c, nil
}

// DecodeCatalogue reads a catalogue document strictly but checks only its shape, not the
// rules of Validate: stored catalogues are read back with it, which were validated when
// they were put. Every problem is an EINVALID error naming the field by its path, all at
// once: an unknown field ("areas[1].criteria[0].bogus"), a missing required field, null, a
// value of the wrong type. A document that is no JSON, or has anything after it, names the
// field "document" and, for a syntax error, the line.
func DecodeCatalogue(data []byte) (Catalogue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	err := dec.Decode(&raw)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errTrailing
		}
	}
	if err != nil {
		msg := "Der Kriterienkatalog ist kein gültiges JSON: " + jsonProblem(data, err)
		return Catalogue{}, &Error{Code: EINVALID, Message: msg, Fields: []FieldError{{Field: "document", Message: msg}}}
	}
	var doc catalogueDoc
	if fields := decodeStrict(raw, &doc); len(fields) > 0 {
		return Catalogue{}, catalogueInvalid(fields)
	}
	return doc.catalogue(), nil
}

// errTrailing is the problem of a document followed by more than blanks.
var errTrailing = errors.New("trailing data")

// jsonProblem says in German what keeps data from being JSON, with the line and the
// character for a syntax error, for people fixing a file.
func jsonProblem(data []byte, err error) string {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, errTrailing):
		return "Nach dem Dokument folgen noch weitere Zeichen."
	case errors.As(err, &se):
		// Offset counts the offending byte; the place is that byte's own, so that a line
		// break inside a string is reported at the end of its line, not at column 0 of
		// the next one.
		before := data[:max(0, min(int(se.Offset), len(data))-1)]
		line := 1 + bytes.Count(before, []byte("\n"))
		col := 1 + len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:])))
		return fmt.Sprintf("Syntaxfehler in Zeile %d, Zeichen %d.", line, col)
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "Das Dokument ist leer oder bricht ab."
	}
	return "Das Dokument ist nicht lesbar."
}
