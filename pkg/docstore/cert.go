package docstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
)

// CertBlobs is a Store as the domain's cert.Blobs: the documents of the questionnaire and
// the issued documents live in it.
type CertBlobs struct{ s *Store }

var _ cert.Blobs = (*CertBlobs)(nil)

// ForCert wraps s for the domain.
func ForCert(s *Store) *CertBlobs { return &CertBlobs{s: s} }

// Put implements cert.Blobs; content over the limit is cert.ErrBlobTooLarge.
func (b *CertBlobs) Put(ctx context.Context, key string, r io.Reader, mediaType string, limit int64) (int64, string, error) {
	st, err := b.s.Put(ctx, key, r, mediaType, limit)
	if errors.Is(err, ErrTooLarge) {
		return 0, "", fmt.Errorf("%w (%v)", cert.ErrBlobTooLarge, err)
	}
	if err != nil {
		return 0, "", err
	}
	return st.Size, st.SHA256, nil
}

// Open implements cert.Blobs.
func (b *CertBlobs) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	return b.s.Open(ctx, key)
}

// Delete implements cert.Blobs.
func (b *CertBlobs) Delete(ctx context.Context, key string) error { return b.s.Delete(ctx, key) }

// Walk implements cert.BlobWalker.
func (b *CertBlobs) Walk(ctx context.Context, prefix string, fn func(key string, modTime time.Time) error) error {
	return b.s.Walk(ctx, prefix, fn)
}

// Check verifies that the bucket answers.
func (b *CertBlobs) Check(ctx context.Context) error { return b.s.Check(ctx) }

// Close closes the bucket.
func (b *CertBlobs) Close() error { return b.s.Close() }
