package httpapi_test

import (
	"strings"
	"testing"
)

// TestServerServesAssets: serve's router hands out the vendored front-end files without a
// login, from the binary.
func TestServerServesAssets(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		r := a.do("GET", "/assets/kern/kern.min.css", nil, "Authorization", "")
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") || len(r.Body) < 1000 {
			t.Errorf("kern.min.css: %d %q, %d bytes", r.Status, r.Header.Get("Content-Type"), len(r.Body))
		}
		if r := a.do("GET", "/assets/nope.js", nil, "Authorization", ""); r.Status != 404 {
			t.Errorf("an unknown asset: %d, want 404", r.Status)
		}
	})
}
