package web_test

import (
	"net/http"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
)

// TestPagesGzip: pages go out gzipped to a browser that accepts it; the API does not
// (compression is a middleware of the page and asset routes only).
func TestPagesGzip(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		b := s.as(t, access.RoleCoordinator)
		anon := s.anonymous(t)
		for path, who := range map[string]*browser{"/": b, "/login": anon, "/accessibility": b} {
			p := who.do(http.MethodGet, path, nil, "Accept-Encoding", "gzip")
			if p.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s: %d, Content-Encoding %q, want gzip", path, p.Status, p.Header.Get("Content-Encoding"))
			}
		}
		if p := b.do(http.MethodGet, "/", nil); p.Header.Get("Content-Encoding") != "" {
			t.Errorf("/ without Accept-Encoding: Content-Encoding %q", p.Header.Get("Content-Encoding"))
		}
		if p := b.do(http.MethodGet, "/api/v1/kitas", nil, "Accept-Encoding", "gzip"); p.Status != http.StatusOK || p.Header.Get("Content-Encoding") != "" {
			t.Errorf("API: %d, Content-Encoding %q, want 200 and none", p.Status, p.Header.Get("Content-Encoding"))
		}
	})
}
