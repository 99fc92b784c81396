package httpapi

import (
	"time"

	"github.com/oapi-codegen/nullable"

	"github.com/kitacert/kitacert/pkg/cert"
)

// page reads the shared list parameters.
func page(limit *int, cursor *string, includeArchived *bool) (cert.Page, error) {
	return cert.NewPage(deref(limit), deref(cursor), deref(includeArchived))
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// nullOf renders an optional value as an explicit JSON null or value. Responses always set
// nullable fields through this, so that a field is never left "unspecified".
func nullOf[T any](p *T) nullable.Nullable[T] {
	if p == nil {
		return nullable.NewNullNullable[T]()
	}
	return nullable.NewNullableWithValue(*p)
}

// optional reads a nullable PATCH field: absent, null or a value.
func optional[T any](n nullable.Nullable[T]) cert.Optional[T] {
	if !n.IsSpecified() {
		return cert.Optional[T]{}
	}
	if n.IsNull() {
		return cert.Optional[T]{Set: true}
	}
	v := n.MustGet()
	return cert.Optional[T]{Set: true, Value: &v}
}

// cursorOf renders a list's next cursor; nil when the list is complete.
func cursorOf(c string) *string {
	if c == "" {
		return nil
	}
	return &c
}

// mapPtr converts an optional value between named types.
func mapPtr[A ~string, B ~string](p *A) *B {
	if p == nil {
		return nil
	}
	b := B(*p)
	return &b
}

// timestamps returns the meta times in UTC as the API shows them.
func timestamps(m cert.Meta) (created, updated time.Time, archived nullable.Nullable[time.Time]) {
	return m.CreatedAt.UTC(), m.UpdatedAt.UTC(), nullOf(m.ArchivedAt)
}
