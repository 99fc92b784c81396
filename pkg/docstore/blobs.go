package docstore

import (
	"context"
	"fmt"
	"io"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// Open returns a reader of the blob under key, which the caller closes; a missing key
// gives an error for which errors.Is(err, ErrNotFound) holds.
func (s *Store) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	r, err := s.bucket.NewReader(ctx, key, nil)
	if err != nil {
		if gcerrors.Code(err) == gcerrors.NotFound {
			return nil, fmt.Errorf("docstore: open %q: %w", key, ErrNotFound)
		}
		return nil, fmt.Errorf("docstore: open %q: %w", key, err)
	}
	return r, nil
}

// Delete removes the blob under key; a missing key is no error.
func (s *Store) Delete(ctx context.Context, key string) error {
	err := s.bucket.Delete(ctx, key)
	if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("docstore: delete %q: %w", key, err)
	}
	return nil
}

// Walk calls fn for every blob under prefix with its key and modification time, in the
// order of the keys, and stops at the first error of fn, which it returns. fn may delete
// the blob it is given. (For the orphan sweep: blobs without a database row, older than
// a grace period, are removed by the caller.)
func (s *Store) Walk(ctx context.Context, prefix string, fn func(key string, modTime time.Time) error) error {
	it := s.bucket.List(&blob.ListOptions{Prefix: prefix})
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("docstore: walk %q: %w", prefix, err)
		}
		if obj.IsDir {
			continue
		}
		if err := fn(obj.Key, obj.ModTime); err != nil {
			return err
		}
	}
}
