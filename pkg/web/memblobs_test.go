package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
)

// memBlobs is a blob store in memory for the page tests, a copy of the one in
// pkg/httpapi/blobs_test.go (TEMPORARY: docstore's mem:// replaces it once pkg/docstore lands).
// It is per site: the demo snapshot's copies start without blobs.
type memBlobs struct {
	mu  sync.Mutex
	m   map[string][]byte
	mod map[string]time.Time // when each blob was written (zero: long ago)
}

// Walk implements cert.BlobWalker.
func (b *memBlobs) Walk(_ context.Context, prefix string, fn func(key string, modTime time.Time) error) error {
	b.mu.Lock()
	keys := make([]string, 0, len(b.m))
	for k := range b.m {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	mods := map[string]time.Time{}
	for _, k := range keys {
		mods[k] = b.mod[k]
	}
	b.mu.Unlock()
	sort.Strings(keys)
	for _, k := range keys {
		if err := fn(k, mods[k]); err != nil {
			return err
		}
	}
	return nil
}

func (b *memBlobs) Put(_ context.Context, key string, r io.Reader, _ string, limit int64) (int64, string, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return 0, "", err
	}
	if int64(len(data)) > limit {
		return 0, "", fmt.Errorf("put %s: %w", key, cert.ErrBlobTooLarge)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.m[key]; ok {
		return 0, "", errors.New("exists")
	}
	b.m[key] = data
	sum := sha256.Sum256(data)
	return int64(len(data)), hex.EncodeToString(sum[:]), nil
}

func (b *memBlobs) Open(_ context.Context, key string) (io.ReadCloser, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, ok := b.m[key]
	if !ok {
		return nil, errors.New("not found")
	}
	return io.NopCloser(bytes.NewReader(d)), nil
}

func (b *memBlobs) Delete(_ context.Context, key string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.m, key)
	return nil
}
