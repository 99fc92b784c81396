package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestAssetsServed: the vendored files come from the binary with their type, caching and
// nosniff; folders are not listed and paths out of the folder find nothing.
func TestAssetsServed(t *testing.T) {
	e := echo.New()
	RegisterAssets(e)
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	for path, typ := range map[string]string{
		"/assets/kern/kern.min.css":                                     "text/css; charset=utf-8",
		"/assets/kern/fonts/fira-sans/fira-sans-latin-400-normal.woff2": "font/woff2",
		"/assets/htmx/htmx.min.js":                                      "text/javascript; charset=utf-8",
	} {
		rec := get(path)
		want, err := fs.ReadFile(Assets(), path[len(AssetsPrefix):])
		if err != nil {
			t.Fatal(err)
		}
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != typ || rec.Body.String() != string(want) {
			t.Errorf("%s: %d %q, %d bytes; want 200 %q, %d bytes", path, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len(), typ, len(want))
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Cache-Control") != assetCache {
			t.Errorf("%s: headers %v", path, rec.Header())
		}
	}
	for _, path := range []string{"/assets/", "/assets/kern/", "/assets/nope.css", "/assets/../assets.go", "/assets/%2e%2e/assets.go"} {
		if rec := get(path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
}

// TestAssetsGzip: text assets go out gzipped to a client that accepts it and plain to one
// that does not; woff2 fonts are never gzipped (they are compressed already).
func TestAssetsGzip(t *testing.T) {
	e := echo.New()
	RegisterAssets(e)
	get := func(path string, gz bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec
	}
	want, err := fs.ReadFile(Assets(), "kern/kern.min.css")
	if err != nil {
		t.Fatal(err)
	}
	rec := get("/assets/kern/kern.min.css", true)
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Body.Len() > len(want)/4 {
		t.Fatalf("kern.min.css: %q, %d bytes for %d", rec.Header().Get("Content-Encoding"), rec.Body.Len(), len(want))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, want) {
		t.Errorf("kern.min.css unzipped: %d bytes, %v; want %d", len(got), err, len(want))
	}
	if rec := get("/assets/kern/kern.min.css", false); rec.Header().Get("Content-Encoding") != "" || rec.Body.Len() != len(want) {
		t.Errorf("without Accept-Encoding: %q, %d bytes", rec.Header().Get("Content-Encoding"), rec.Body.Len())
	}
	if rec := get("/assets/kern/fonts/fira-sans/fira-sans-latin-400-normal.woff2", true); rec.Header().Get("Content-Encoding") != "" || rec.Code != http.StatusOK {
		t.Errorf("woff2: %d %q, want it as it is", rec.Code, rec.Header().Get("Content-Encoding"))
	}
}
