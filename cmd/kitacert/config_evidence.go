package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"github.com/kitacert/kitacert/pkg/store"
)

// validateEvidence reads the blob URL and the limits of evidence documents.
func (c *config) validateEvidence() error {
	mb := func(name, v string, lo, hi int) (int64, error) {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return 0, fmt.Errorf("%s: want a number of megabytes between %d and %d, got %q", name, lo, hi, v)
		}
		return int64(n) * 1000 * 1000, nil
	}
	var err error
	if c.Evidence.MaxFileBytes, err = mb("KITACERT_EVIDENCE_MAX_FILE_MB", c.evidenceMaxFile, 1, 100); err != nil {
		return err
	}
	if c.Evidence.MaxTotalBytes, err = mb("KITACERT_EVIDENCE_MAX_TOTAL_MB", c.evidenceMax, 1, 100000); err != nil {
		return err
	}
	if c.Evidence.MaxTotalBytes < c.Evidence.MaxFileBytes {
		return fmt.Errorf("KITACERT_EVIDENCE_MAX_TOTAL_MB: must not be below KITACERT_EVIDENCE_MAX_FILE_MB (%s < %s)", c.evidenceMax, c.evidenceMaxFile)
	}
	n, err := strconv.Atoi(c.evidenceRetention)
	if err != nil || n < 0 || n > 120 {
		return fmt.Errorf("KITACERT_EVIDENCE_RETENTION_MONTHS: want a number of months between 0 and 120, got %q", c.evidenceRetention)
	}
	c.Evidence.RetentionMonths = n
	if c.BlobURL == "" {
		c.BlobURL = defaultBlobURL(c.DatabaseURL)
	}
	u, err := url.Parse(c.BlobURL)
	if err != nil || (u.Scheme != "file" && u.Scheme != "s3" && u.Scheme != "mem") {
		return fmt.Errorf("KITACERT_BLOB_URL: want file:///absolute/dir or s3://bucket?region=…, got %q", c.BlobURL)
	}
	return nil
}

// defaultBlobURL is a folder kitacert-files next to the SQLite file, or in the working
// directory for PostgreSQL.
func defaultBlobURL(databaseURL string) string {
	dir := "."
	if d, path, err := store.ParseURL(databaseURL); err == nil && d == store.SQLite {
		dir = filepath.Dir(path)
	}
	abs, err := filepath.Abs(filepath.Join(dir, "kitacert-files"))
	if err != nil {
		abs = filepath.Join(os.TempDir(), "kitacert-files")
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}
