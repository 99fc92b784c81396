package httpapi_test

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
)

// TestTooManyLoginsRetryAfter: a 429 tells the client when to try again: at the latest
// when the login window (15 minutes) has passed.
func TestTooManyLoginsRetryAfter(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		a.newPasswordUser(access.RoleAssessor, "warten@example.org", "richtig-langes-passwort")
		anon := []string{"Authorization", ""}
		for range 5 {
			a.must(401, "POST", loginPath, map[string]any{"email": "warten@example.org", "password": "falsch-falsch-falsch"}, anon...)
		}
		r := a.do("POST", loginPath, map[string]any{"email": "warten@example.org", "password": "richtig-langes-passwort"}, anon...)
		if r.Status != 429 || r.Header.Get("Retry-After") != "900" {
			t.Fatalf("status %d, Retry-After %q: %s", r.Status, r.Header.Get("Retry-After"), r.Body)
		}
	})
}
