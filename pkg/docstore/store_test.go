package docstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/docstore"
)

const pdfType = "application/pdf"

// content returns n pseudo-random bytes (fixed seed).
func content(n int) []byte {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// brokenReader yields data, then fails like a broken upload.
type brokenReader struct {
	data []byte
	err  error
}

func (b *brokenReader) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		return 0, b.err
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

var errBroken = errors.New("connection reset by uploader")

func readAll(t *testing.T, s *docstore.Store, key string) []byte {
	t.Helper()
	r, err := s.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("Open(%q): %v", key, err)
	}
	defer func() { _ = r.Close() }()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("reading %q: %v", key, err)
	}
	return b
}

func keys(t *testing.T, s *docstore.Store, prefix string) []string {
	t.Helper()
	var ks []string
	err := s.Walk(context.Background(), prefix, func(key string, _ time.Time) error {
		ks = append(ks, key)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk(%q): %v", prefix, err)
	}
	return ks
}

// assertNothingStored checks that neither the store nor, for fileblob, its directory
// holds anything: no blob, no sidecar, no temporary file.
func assertNothingStored(t *testing.T, s *docstore.Store, dir, key string) {
	t.Helper()
	if _, err := s.Open(context.Background(), key); !errors.Is(err, docstore.ErrNotFound) {
		t.Errorf("Open(%q) after the failed Put: %v, want ErrNotFound", key, err)
	}
	if ks := keys(t, s, ""); len(ks) != 0 {
		t.Errorf("the store holds %q after the failed Put", ks)
	}
	if dir != "" {
		if files := regularFiles(t, dir); len(files) != 0 {
			t.Errorf("the directory holds %q after the failed Put", files)
		}
	}
}

// TestStore runs one behaviour table against every driver.
func TestStore(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, s *docstore.Store, dir string)
	}{
		{"round trip", testRoundTrip},
		{"empty content", testEmpty},
		{"exactly at the limit", testAtLimit},
		{"too large", testTooLarge},
		{"broken reader", testBrokenReader},
		{"cancelled context", testCancelled},
		{"open missing", testOpenMissing},
		{"put existing", testPutExisting},
		{"put racing", testPutRacing},
		{"delete", testDelete},
		{"walk", testWalk},
		{"check", testCheck},
	}
	for _, h := range harnesses {
		t.Run(h.name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					s, dir := h.open(t)
					c.run(t, s, dir)
				})
			}
		})
	}
}

func testRoundTrip(t *testing.T, s *docstore.Store, dir string) {
	data := content(200_000) // several chunks of Put's buffer
	key := "evidence/0b8e6c55-3a47-4b8e-9d64-1f0a4b7e2c11"
	got, err := s.Put(context.Background(), key, bytes.NewReader(data), pdfType, 1<<20)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	sum := sha256.Sum256(data)
	if want := (docstore.Stored{Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}); got != want {
		t.Errorf("Put = %+v, want %+v", got, want)
	}
	if back := readAll(t, s, key); !bytes.Equal(back, data) {
		t.Errorf("read back %d bytes, not the %d written", len(back), len(data))
	}
	if dir != "" {
		want := []string{key, key + ".attrs"}
		if files := regularFiles(t, dir); !slices.Equal(files, want) {
			t.Errorf("directory holds %q, want %q", files, want)
		}
	}
}

func testEmpty(t *testing.T, s *docstore.Store, _ string) {
	got, err := s.Put(context.Background(), "empty", strings.NewReader(""), pdfType, 10)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if want := (docstore.Stored{SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}); got != want {
		t.Errorf("Put = %+v, want %+v", got, want)
	}
	if back := readAll(t, s, "empty"); len(back) != 0 {
		t.Errorf("read back %d bytes, want none", len(back))
	}
}

func testAtLimit(t *testing.T, s *docstore.Store, _ string) {
	data := content(1000)
	got, err := s.Put(context.Background(), "k", bytes.NewReader(data), pdfType, 1000)
	if err != nil || got.Size != 1000 {
		t.Fatalf("Put of exactly the limit = %+v, %v", got, err)
	}
	if back := readAll(t, s, "k"); !bytes.Equal(back, data) {
		t.Errorf("read back differs")
	}
}

func testTooLarge(t *testing.T, s *docstore.Store, dir string) {
	// Over the limit within the first chunk, and after several chunks were written.
	for _, c := range []struct{ n, limit int }{{1001, 1000}, {100_000, 70_000}} {
		key := "evidence/too-large"
		_, err := s.Put(context.Background(), key, bytes.NewReader(content(c.n)), pdfType, int64(c.limit))
		if !errors.Is(err, docstore.ErrTooLarge) {
			t.Fatalf("Put of %d bytes with limit %d: %v, want ErrTooLarge", c.n, c.limit, err)
		}
		assertNothingStored(t, s, dir, key)
	}
}

func testBrokenReader(t *testing.T, s *docstore.Store, dir string) {
	for _, n := range []int{0, 10, 100_000} {
		key := "evidence/broken"
		_, err := s.Put(context.Background(), key, &brokenReader{data: content(n), err: errBroken}, pdfType, 0)
		if !errors.Is(err, errBroken) {
			t.Fatalf("Put with a reader failing after %d bytes: %v, want the reader's error", n, err)
		}
		assertNothingStored(t, s, dir, key)
	}
}

// cancellingReader cancels the upload's context once it has yielded its data, then
// ends normally.
type cancellingReader struct {
	data   []byte
	cancel context.CancelFunc
}

func (c *cancellingReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		c.cancel()
		return 0, io.EOF
	}
	n := copy(p, c.data)
	c.data = c.data[n:]
	return n, nil
}

func testCancelled(t *testing.T, s *docstore.Store, dir string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.Put(ctx, "k", &cancellingReader{data: content(50_000), cancel: cancel}, pdfType, 0)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Put with a cancelled context: %v, want context.Canceled", err)
	}
	assertNothingStored(t, s, dir, "k")
}

func testOpenMissing(t *testing.T, s *docstore.Store, _ string) {
	r, err := s.Open(context.Background(), "evidence/missing")
	if !errors.Is(err, docstore.ErrNotFound) {
		t.Fatalf("Open of a missing key: %v, %v; want ErrNotFound", r, err)
	}
}

func testPutExisting(t *testing.T, s *docstore.Store, _ string) {
	first := content(300)
	if _, err := s.Put(context.Background(), "k", bytes.NewReader(first), pdfType, 0); err != nil {
		t.Fatal(err)
	}
	_, err := s.Put(context.Background(), "k", strings.NewReader("overwritten"), pdfType, 0)
	if !errors.Is(err, docstore.ErrExists) {
		t.Fatalf("Put on an existing key: %v, want ErrExists", err)
	}
	if back := readAll(t, s, "k"); !bytes.Equal(back, first) {
		t.Errorf("the existing blob changed to %q", back)
	}
}

// gatedReader signals when Put first reads from it, then waits for the gate before
// yielding its data.
type gatedReader struct {
	started chan struct{}
	gate    chan struct{}
	r       io.Reader
}

func (g *gatedReader) Read(p []byte) (int, error) {
	if g.started != nil {
		close(g.started)
		g.started = nil
		<-g.gate
	}
	return g.r.Read(p)
}

// testPutRacing checks the conditional write: a Put that passed the existence check
// while another Put of the same key was under way must not overwrite it.
func testPutRacing(t *testing.T, s *docstore.Store, _ string) {
	slow := &gatedReader{started: make(chan struct{}), gate: make(chan struct{}), r: strings.NewReader("slow")}
	started := slow.started
	errc := make(chan error, 1)
	go func() {
		_, err := s.Put(context.Background(), "k", slow, pdfType, 0)
		errc <- err
	}()
	<-started // the slow Put is past its existence check, its writer open
	if _, err := s.Put(context.Background(), "k", strings.NewReader("fast"), pdfType, 0); err != nil {
		t.Fatalf("fast Put: %v", err)
	}
	close(slow.gate)
	if err := <-errc; !errors.Is(err, docstore.ErrExists) {
		t.Errorf("slow Put: %v, want ErrExists", err)
	}
	if back := readAll(t, s, "k"); string(back) != "fast" {
		t.Errorf("blob holds %q, want the first completed Put's %q", back, "fast")
	}
}

func testDelete(t *testing.T, s *docstore.Store, dir string) {
	if _, err := s.Put(context.Background(), "evidence/d", strings.NewReader("x"), pdfType, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(context.Background(), "evidence/d"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := s.Open(context.Background(), "evidence/d"); !errors.Is(err, docstore.ErrNotFound) {
		t.Errorf("Open after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete(context.Background(), "evidence/d"); err != nil {
		t.Errorf("Delete of a missing key: %v, want nil", err)
	}
	if dir != "" {
		if files := regularFiles(t, dir); len(files) != 0 {
			t.Errorf("directory holds %q after Delete", files)
		}
	}
}

func testWalk(t *testing.T, s *docstore.Store, _ string) {
	ctx := context.Background()
	before := time.Now().Add(-time.Minute) // S3 has second precision; clocks of a real store drift
	for _, k := range []string{"evidence/b", "evidence/a", "profiles/c", "evidencex"} {
		if _, err := s.Put(ctx, k, strings.NewReader(k), pdfType, 0); err != nil {
			t.Fatal(err)
		}
	}
	after := time.Now().Add(time.Minute)
	var got []string
	err := s.Walk(ctx, "evidence/", func(key string, mod time.Time) error {
		if mod.Before(before) || mod.After(after) {
			t.Errorf("%s: modification time %v, want about now", key, mod)
		}
		got = append(got, key)
		return s.Delete(ctx, key) // the orphan sweep deletes as it walks
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	if want := []string{"evidence/a", "evidence/b"}; !slices.Equal(got, want) {
		t.Errorf("Walk visited %q, want %q", got, want)
	}
	if rest, want := keys(t, s, ""), []string{"evidencex", "profiles/c"}; !slices.Equal(rest, want) {
		t.Errorf("after deleting while walking the store holds %q, want %q", rest, want)
	}

	stop := errors.New("stop")
	calls := 0
	err = s.Walk(ctx, "", func(string, time.Time) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Walk with fn failing: %v after %d calls, want fn's error after 1", err, calls)
	}
}

func testCheck(t *testing.T, s *docstore.Store, _ string) {
	if err := s.Check(context.Background()); err != nil {
		t.Errorf("Check: %v", err)
	}
}
