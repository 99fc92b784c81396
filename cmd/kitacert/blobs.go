package main

import (
	"context"
	"fmt"

	"github.com/kitacert/kitacert/pkg/docstore"
)

// openBlobs opens the blob store of KITACERT_BLOB_URL for the documents.
func openBlobs(ctx context.Context, cfg config) (*docstore.CertBlobs, error) {
	st, err := docstore.Open(ctx, cfg.BlobURL)
	if err != nil {
		return nil, fmt.Errorf("KITACERT_BLOB_URL: %w", err)
	}
	return docstore.ForCert(st), nil
}
