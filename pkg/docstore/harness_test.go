package docstore_test

import (
	"context"
	"encoding/pem"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/kitacert/kitacert/pkg/docstore"
)

// bucketName is the bucket the S3 harness creates.
const bucketName = "kitacert"

// harness opens a fresh, empty store on one driver.
type harness struct {
	name string
	// open returns the store and, for fileblob, its directory ("" otherwise).
	open func(t *testing.T) (*docstore.Store, string)
}

var harnesses = []harness{
	{"mem", openMem},
	{"file", openFile},
	{"s3", openS3},
	{"s3 over https", openS3TLS},
}

func openStore(t *testing.T, url string) *docstore.Store {
	t.Helper()
	s, err := docstore.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("Open(%q): %v", url, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func openMem(t *testing.T) (*docstore.Store, string) {
	return openStore(t, "mem://"), ""
}

func openFile(t *testing.T) (*docstore.Store, string) {
	dir := filepath.Join(t.TempDir(), "blobs") // missing: Open creates it
	return openStore(t, "file://"+filepath.ToSlash(dir)), dir
}

// s3Server serves an in-memory S3 (gofakes3) over a real HTTP listener, with the bucket
// created, and points the AWS SDK's environment at it. Over TLS the SDK behaves
// differently (it sends unsigned, aws-chunked bodies with trailing checksums unless
// request_checksum_calculation is when_required), so both are tested; the SDK trusts
// the test server's certificate through AWS_CA_BUNDLE.
func s3Server(t *testing.T, tls bool) *httptest.Server {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucketName); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(gofakes3.New(backend, gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
	if tls {
		srv.StartTLS()
		bundle := filepath.Join(t.TempDir(), "ca.pem")
		cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
		if err := os.WriteFile(bundle, cert, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("AWS_CA_BUNDLE", bundle)
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	t.Setenv("AWS_ACCESS_KEY_ID", "kitacert-test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "kitacert-test-secret")
	t.Setenv("AWS_SESSION_TOKEN", "")
	none := filepath.Join(t.TempDir(), "none")
	t.Setenv("AWS_CONFIG_FILE", none) // keep the developer's ~/.aws out
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return srv
}

func s3URL(srv *httptest.Server, bucket string) string {
	return "s3://" + bucket + "?endpoint=" + srv.URL + "&region=eu-central-1&use_path_style=true"
}

func openS3(t *testing.T) (*docstore.Store, string) {
	return openStore(t, s3URL(s3Server(t, false), bucketName)), ""
}

func openS3TLS(t *testing.T) (*docstore.Store, string) {
	return openStore(t, s3URL(s3Server(t, true), bucketName)), ""
}

// regularFiles lists the regular files under dir, relative to it.
func regularFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
