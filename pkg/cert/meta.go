package cert

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Meta is what every stored master-data object carries.
type Meta struct {
	ID         uuid.UUID
	Version    int // starts at 1, grows by one with every change; the ETag
	CreatedAt  time.Time
	UpdatedAt  time.Time
	ArchivedAt *time.Time
}

// Archived reports whether the object is archived.
func (m Meta) Archived() bool { return m.ArchivedAt != nil }

// Page selects one page of a list.
type Page struct {
	Limit           int    // 1..MaxLimit; 0 means DefaultLimit
	After           string // the last id of the previous page, decoded from the cursor
	IncludeArchived bool
	Descending      bool // newest first: the page continues below After
	// ByName orders by the search key of the name (SearchKey: case and accents folded),
	// then id; the page continues after (AfterKey, After). Lists that support it say so.
	ByName   bool
	AfterKey string
}

// Paging limits.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// List is one page of objects in stable order (oldest first) and the cursor to the next.
type List[T any] struct {
	Items      []T
	NextCursor string
}

// NewPage validates limit and cursor as a client sent them.
func NewPage(limit int, cursor string, includeArchived bool) (Page, error) {
	var v Validation
	if limit == 0 {
		limit = DefaultLimit
	}
	v.Check(limit >= 1 && limit <= MaxLimit, "limit", "limit muss zwischen 1 und 500 liegen.")
	p := Page{Limit: limit, IncludeArchived: includeArchived}
	if cursor != "" {
		after, key, err := decodeAnyCursor(cursor)
		if err != nil {
			v.Add("cursor", "Ungültiger Cursor; bitte next_cursor der vorigen Seite verwenden.")
		}
		p.After, p.AfterKey = after, key
	}
	return p, v.Err()
}

// EncodeCursor makes the opaque cursor that points after id.
func EncodeCursor(id uuid.UUID) string {
	return base64.RawURLEncoding.EncodeToString([]byte(id.String()))
}

// EncodeNameCursor makes the cursor of a list by name (Page.ByName): after the row with
// this id and search key.
func EncodeNameCursor(id uuid.UUID, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(id.String() + ":" + key))
}

// decodeAnyCursor reads a cursor made by EncodeCursor or EncodeNameCursor.
func decodeAnyCursor(c string) (after, key string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", err
	}
	const n = 36 // the length of a UUID's text
	if len(b) > n && b[n] == ':' {
		key, b = string(b[n+1:]), b[:n]
	}
	id, err := uuid.ParseBytes(b)
	if err != nil {
		return "", "", err
	}
	return id.String(), key, nil
}

// DecodeCursor reads a cursor made by EncodeCursor.
func DecodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", err
	}
	id, err := uuid.ParseBytes(b)
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// TxRunner runs fn in one database transaction; fn's ctx carries the transaction.
type TxRunner interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// NewID returns a new time-ordered id (UUIDv7), so that id order is creation order.
func NewID() uuid.UUID {
	return uuid.Must(uuid.NewV7())
}

// clean trims surrounding white space from what people type.
func clean(s string) string { return strings.TrimSpace(s) }

// checkName validates a required name-like field after trimming.
func checkName(v *Validation, field, value string, max int) {
	switch n := len([]rune(value)); {
	case n == 0:
		v.Add(field, "Darf nicht leer sein.")
	case n > max:
		v.Add(field, "Ist zu lang.")
	}
}

// IfMatch is the precondition a client sent with a change (the If-Match header).
type IfMatch struct {
	Given   bool // a header was sent
	Any     bool // "If-Match: *": any stored version will do
	Version int  // the version the change is based on; -1 when the tag is not one of ours
}

// Expect returns the precondition "the stored version is v".
func Expect(v int) IfMatch { return IfMatch{Given: true, Version: v} }

// check compares the precondition with the stored version.
func (m IfMatch) check(stored int, required bool) error {
	switch {
	case !m.Given && required:
		return ErrVersionRequired
	case !m.Given || m.Any:
		return nil
	case m.Version != stored:
		return ErrStale
	}
	return nil
}

// staleAttempts bounds how often a change under "If-Match: *" is tried again after a
// concurrent writer moved the version: every round has one winner, so this covers that
// many concurrent writers of one object.
const staleAttempts = 100

// RetryStale runs fn, and again while it fails with ErrStale although the precondition
// names no version ("If-Match: *" or none at all): such a change means "whatever the
// version", so a concurrent writer is no reason to refuse it. Each attempt must be a
// transaction of its own, reading the stored version afresh.
func RetryStale(m IfMatch, fn func() error) error {
	for i := 1; ; i++ {
		err := fn()
		if !errors.Is(err, ErrStale) || (m.Given && !m.Any) || i >= staleAttempts {
			return err
		}
	}
}

// meta gives generic code access to the embedded Meta.
func (m *Meta) meta() *Meta { return m }
