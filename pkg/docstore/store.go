package docstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"

	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/memblob"
	"gocloud.dev/blob/s3blob"
)

// Store keeps the contents of documents (evidence, quality profiles, certificates).
// It is safe for concurrent use.
type Store struct {
	bucket *blob.Bucket
	dir    string // the directory of a file:// bucket, "" for others
}

// setting is the configuration variable that holds the bucket URL.
const setting = "KITACERT_BLOB_URL"

// Open opens the bucket at url (file://, s3://, mem://; see the package documentation);
// an unknown scheme or a bad URL is an error naming the setting KITACERT_BLOB_URL.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", setting, err)
	}
	var b *blob.Bucket
	var dir string
	switch u.Scheme {
	case "file":
		if (u.Host != "" && u.Host != "localhost") || !path.IsAbs(u.Path) || u.Path == "/" {
			return nil, fmt.Errorf("%s: want file:///absolute/directory, got %q", setting, rawURL)
		}
		setDefault(u, "create_dir", "true")
		setDefault(u, "no_tmp_dir", "true")
		dir = filepath.FromSlash(u.Path)
		b, err = (&fileblob.URLOpener{}).OpenBucketURL(ctx, u)
	case "s3":
		if u.Host == "" {
			return nil, fmt.Errorf("%s: want s3://bucket?…, got %q without a bucket", setting, rawURL)
		}
		setDefault(u, "request_checksum_calculation", "when_required")
		setDefault(u, "response_checksum_validation", "when_required")
		b, err = (&s3blob.URLOpener{}).OpenBucketURL(ctx, u)
	case "mem":
		b, err = (&memblob.URLOpener{}).OpenBucketURL(ctx, u)
	default:
		return nil, fmt.Errorf("%s: unknown scheme %q, want file://, s3:// or mem://", setting, u.Scheme)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", setting, err)
	}
	return &Store{bucket: b, dir: dir}, nil
}

// setDefault sets the query parameter key of u to value unless u has it.
func setDefault(u *url.URL, key, value string) {
	q := u.Query()
	if !q.Has(key) {
		q.Set(key, value)
		u.RawQuery = q.Encode()
	}
}

// Check verifies that the bucket answers (for /readyz) by listing one blob; for a
// file:// bucket it also checks that the directory is there (fileblob lists a missing
// one as empty).
func (s *Store) Check(ctx context.Context) error {
	if s.dir != "" {
		fi, err := os.Stat(s.dir)
		if err != nil {
			return fmt.Errorf("docstore: %w", err)
		}
		if !fi.IsDir() {
			return fmt.Errorf("docstore: %s is no directory", s.dir)
		}
	}
	ok, err := s.bucket.IsAccessible(ctx)
	if err != nil {
		return fmt.Errorf("docstore: bucket not reachable: %w", err)
	}
	if !ok {
		return errors.New("docstore: bucket does not exist")
	}
	return nil
}

// Close releases the bucket.
func (s *Store) Close() error {
	return s.bucket.Close()
}
