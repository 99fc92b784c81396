package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// BenchmarkPages renders pages through the whole router (session, policy, services,
// templates) at demo scale, on SQLite and, with KITACERT_TEST_POSTGRES, on PostgreSQL:
// the start page of each role, the login page, the Kita leader's status page and every
// list page without parameters as the coordinator (who sees the most). The goal is
// under 20 ms per page (docs/performance.md); the benchmark measures, it does not assert.
//
//	go test ./pkg/web -run '^$' -bench BenchmarkPages -benchmem
func BenchmarkPages(b *testing.B) {
	for _, d := range storetest.Dialects(b) {
		s := demoSite(b, d)
		kita := s.users[access.RoleKitaLeader].KitaID
		cases := []benchCase{
			{"login", "/login", ""},
			{"status", fmt.Sprintf("/kitas/%s/status", kita), access.RoleKitaLeader},
		}
		for _, role := range access.Roles {
			cases = append(cases, benchCase{"start/" + string(role), "/", role})
		}
		for _, rt := range s.pages.Routes() {
			if rt.Method == http.MethodGet && !rt.Public && rt.Path != "/" && !strings.Contains(rt.Path, ":") {
				cases = append(cases, benchCase{"list" + rt.Path, rt.Path, access.RoleCoordinator})
			}
		}
		for _, c := range cases {
			b.Run(string(d)+"/"+c.name, func(b *testing.B) {
				br := s.anonymous(b)
				if c.role != "" {
					br = s.as(b, c.role)
				}
				if p := br.get(c.path); p.Status != http.StatusOK {
					b.Fatalf("%s as %s: %d", c.path, c.role, p.Status)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					br.get(c.path)
				}
			})
		}
	}
}

// benchCase is one page of BenchmarkPages, opened as role ("": anonymous).
type benchCase struct {
	name, path string
	role       access.Role
}
