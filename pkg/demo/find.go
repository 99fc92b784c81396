package demo

import (
	"context"

	"github.com/kitacert/kitacert/pkg/cert"
)

// lister returns one page of a list of the service, archived objects included.
type lister[T any] func(ctx context.Context, p cert.Page) (cert.List[T], error)

// scan calls fn for every object of list, page by page, until fn returns false.
func scan[T any](ctx context.Context, list lister[T], fn func(T) bool) error {
	p := cert.Page{Limit: cert.MaxLimit, IncludeArchived: true}
	for {
		page, err := list(ctx, p)
		if err != nil {
			return err
		}
		for _, item := range page.Items {
			if !fn(item) {
				return nil
			}
		}
		if page.NextCursor == "" {
			return nil
		}
		if p.After, err = cert.DecodeCursor(page.NextCursor); err != nil {
			return err
		}
	}
}

// findFirst returns the first object of list that matches.
func findFirst[T any](ctx context.Context, list lister[T], match func(T) bool) (T, bool, error) {
	var out T
	found := false
	err := scan(ctx, list, func(item T) bool {
		if match(item) {
			out, found = item, true
		}
		return !found
	})
	return out, found, err
}

// ensure returns the object find finds, or else the one create makes, counting creations in n.
func ensure[T any](n *int, find func() (T, bool, error), create func() (T, error)) (T, error) {
	out, found, err := find()
	if err != nil || found {
		return out, err
	}
	out, err = create()
	if err == nil {
		*n++
	}
	return out, err
}
