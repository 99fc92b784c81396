package pdfdoc

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrInvalid is wrapped by every error about input that would give a broken
// document.
var ErrInvalid = errors.New("pdfdoc: invalid input")

// checker collects the faults of one input.
type checker struct {
	glyphs *glyphChecker
	faults []string
}

// newChecker returns a checker with a fresh glyph cache.
func newChecker() (*checker, error) {
	g, err := newGlyphChecker()
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: parse fonts: %w", err)
	}
	return &checker{glyphs: g}, nil
}

// fault records one fault.
func (c *checker) fault(format string, args ...any) {
	c.faults = append(c.faults, fmt.Sprintf(format, args...))
}

// required checks a field that must not be blank, then its text.
func (c *checker) required(field, s string) {
	if strings.TrimSpace(s) == "" {
		c.fault("%s is empty", field)
		return
	}
	c.text(field, s)
}

// text checks that s is valid UTF-8 without control characters other than
// line breaks and tabs, and that the fonts have a glyph for every character.
func (c *checker) text(field, s string) {
	if !utf8.ValidString(s) {
		c.fault("%s is not valid UTF-8", field)
		return
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			c.fault("%s contains the control character %U", field, r)
			return
		case !c.glyphs.has(r):
			c.fault("%s contains %q (%U), which the font cannot show", field, r, r)
			return
		}
	}
}

// meta checks the metadata every document needs.
func (c *checker) meta(m Meta) {
	c.required("Meta.Title", m.Title)
	c.text("Meta.Subject", m.Subject)
	c.text("Meta.Author", m.Author)
	if m.Created.IsZero() {
		c.fault("Meta.Created is zero")
	}
}

// err returns nil or one error naming every fault.
func (c *checker) err(what string) error {
	if len(c.faults) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s: %s", ErrInvalid, what, strings.Join(c.faults, "; "))
}
