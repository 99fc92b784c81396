package docstore_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/docstore"
)

func TestOpenRefusesBadURLs(t *testing.T) {
	dir := filepath.ToSlash(t.TempDir())
	for _, url := range []string{
		"",
		"gs://bucket",
		"https://example.org/blobs",
		"file://%zz",
		"file://relative/dir",
		"file:///",
		"file://" + dir + "?bogus=1",
		"s3://?region=eu-central-1",
		"s3://bucket?bogus=1",
		"mem://?bogus=1",
	} {
		s, err := docstore.Open(context.Background(), url)
		if err == nil {
			_ = s.Close()
			t.Errorf("Open(%q) succeeded, want an error", url)
			continue
		}
		if !strings.Contains(err.Error(), "KITACERT_BLOB_URL") {
			t.Errorf("Open(%q): %v, want it to name KITACERT_BLOB_URL", url, err)
		}
	}
}

func TestOpenFileCreatesDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	s := openStore(t, "file://"+filepath.ToSlash(dir))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("directory after Open: %v, %v", fi, err)
	}
	if err := s.Check(context.Background()); err != nil {
		t.Errorf("Check: %v", err)
	}
}

// TestFileTempNextToKey checks that fileblob writes its temporary file next to the key
// (no_tmp_dir), so the rename stays on one file system, and that Walk lists a temporary
// file a crash left, for the orphan sweep to remove.
func TestFileTempNextToKey(t *testing.T) {
	s, dir := openFile(t)
	slow := &gatedReader{started: make(chan struct{}), gate: make(chan struct{}), r: strings.NewReader("x")}
	started := slow.started
	errc := make(chan error, 1)
	go func() {
		_, err := s.Put(context.Background(), "evidence/k", slow, pdfType, 0)
		errc <- err
	}()
	<-started
	files := regularFiles(t, dir)
	close(slow.gate)
	if err := <-errc; err != nil {
		t.Fatalf("Put: %v", err)
	}
	if len(files) != 1 || !strings.HasPrefix(files[0], "evidence/k.") || !strings.HasSuffix(files[0], ".tmp") {
		t.Errorf("during Put the directory holds %q, want one evidence/k.….tmp", files)
	}

	left := filepath.Join(dir, "evidence", "j.18a2b3c4d5e6f708.tmp") // as a crash leaves it
	if err := os.WriteFile(left, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(t, s, "evidence/"), []string{"evidence/j.18a2b3c4d5e6f708.tmp", "evidence/k"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Walk lists %q, want %q", got, want)
	}
}

func TestCheckFails(t *testing.T) {
	t.Run("file directory gone", func(t *testing.T) {
		s, dir := openFile(t)
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := s.Check(context.Background()); err == nil {
			t.Error("Check succeeded without the directory")
		}
	})
	t.Run("s3 bucket missing", func(t *testing.T) {
		s := openStore(t, s3URL(s3Server(t, false), "no-such-bucket"))
		if err := s.Check(context.Background()); err == nil {
			t.Error("Check succeeded without the bucket")
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		s := openStore(t, s3URL(s3Server(t, false), bucketName))
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		cancel()
		if err := s.Check(ctx); err == nil {
			t.Error("Check succeeded with a cancelled context")
		}
	})
}
