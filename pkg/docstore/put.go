package docstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// Stored is what Put wrote.
type Stored struct {
	Size   int64  // bytes
	SHA256 string // lower-case hex
}

// copyBufLen is the size of the chunks Put reads.
const copyBufLen = 32 << 10

// Put streams r into the blob key with the given media type, computing size and SHA-256
// as it goes. limit > 0 bounds the size: more bytes give ErrTooLarge, and the write is
// aborted so that nothing is stored under key. An error of r (a broken upload) or of ctx
// likewise leaves nothing under key. Put never overwrites: a key that exists gives an
// error wrapping ErrExists (keys are new UUID-based names chosen by the caller).
func (s *Store) Put(ctx context.Context, key string, r io.Reader, mediaType string, limit int64) (Stored, error) {
	if key == "" {
		return Stored{}, errors.New("docstore: empty key")
	}
	exists, err := s.bucket.Exists(ctx, key)
	if err != nil {
		return Stored{}, fmt.Errorf("docstore: put %q: %w", key, err)
	}
	if exists {
		return Stored{}, fmt.Errorf("docstore: put %q: %w", key, ErrExists)
	}
	// Cancelling wctx before Close makes the driver drop the write.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.bucket.NewWriter(wctx, key, &blob.WriterOptions{ContentType: mediaType, IfNotExist: true})
	if err != nil {
		return Stored{}, fmt.Errorf("docstore: put %q: %w", key, err)
	}
	abort := func(err error) (Stored, error) {
		cancel()
		_ = w.Close() // reports the cancellation
		return Stored{}, err
	}
	h := sha256.New()
	var n int64
	buf := make([]byte, copyBufLen)
	for {
		m, rerr := r.Read(buf)
		if m > 0 {
			if limit > 0 && n+int64(m) > limit {
				return abort(ErrTooLarge)
			}
			h.Write(buf[:m])
			if _, err := w.Write(buf[:m]); err != nil {
				return abort(fmt.Errorf("docstore: put %q: %w", key, err))
			}
			n += int64(m)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return abort(fmt.Errorf("docstore: put %q: read: %w", key, rerr))
		}
	}
	if err := ctx.Err(); err != nil {
		return abort(fmt.Errorf("docstore: put %q: %w", key, err))
	}
	if err := w.Close(); err != nil {
		if gcerrors.Code(err) == gcerrors.FailedPrecondition {
			return Stored{}, fmt.Errorf("docstore: put %q: %w", key, ErrExists)
		}
		return Stored{}, fmt.Errorf("docstore: put %q: %w", key, err)
	}
	return Stored{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
