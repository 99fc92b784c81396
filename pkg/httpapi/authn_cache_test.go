package httpapi_test

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
)

// TestCachedTokenRefusedAtOnce: the principal of a token is cached, yet a revoked token,
// a disabled user and a changed role or scope take effect with the next request.
func TestCachedTokenRefusedAtOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yo := a.youthOffice()
		ks := a.kitas(2, yo, a.provider(), "Kita Cache ")
		c := a.center("single", "FZ Cache", members(ks[0]))
		status := "/api/v1/centers/" + idOf(c) + "/status"
		_, admin := a.newUser(access.RoleAdmin, nil, nil)
		asAdmin := bearer(admin)

		// revoked by its owner
		u, tok := a.newUser(access.RoleCoordinator, nil, nil)
		a.must(200, "GET", status, nil, bearer(tok)...)
		tokens := a.must(200, "GET", "/api/v1/me/tokens", nil, bearer(tok)...)["items"].([]any)
		a.must(200, "DELETE", "/api/v1/me/tokens/"+idOf(tokens[0].(obj)), nil, bearer(tok)...)
		a.must(401, "GET", status, nil, bearer(tok)...)

		// the user disabled by an admin
		u, tok = a.newUser(access.RoleCoordinator, nil, nil)
		a.must(200, "GET", status, nil, bearer(tok)...)
		a.must(200, "PATCH", "/api/v1/users/"+u.ID.String(), obj{"disabled": true}, append(asAdmin, "If-Match", "*")...)
		a.must(401, "GET", status, nil, bearer(tok)...)

		// the role narrowed to the leader of the other Kita: the center is out of scope
		u, tok = a.newUser(access.RoleCoordinator, nil, nil)
		a.must(200, "GET", status, nil, bearer(tok)...)
		a.must(200, "PATCH", "/api/v1/users/"+u.ID.String(), obj{"role": "kita_leader", "kita_id": idOf(ks[1])},
			append(asAdmin, "If-Match", "*")...)
		a.must(404, "GET", status, nil, bearer(tok)...)
		a.must(200, "GET", "/api/v1/kitas/"+idOf(ks[1])+"/status", nil, bearer(tok)...)
	})
}

// TestCachedTokenOtherProcess: a change made by another process (a second replica, the
// CLI) is not seen by this one's cache until authtest.Settings().PrincipalTTL has passed, the
// documented bound, and then at once.
func TestCachedTokenOtherProcess(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		u, tok := a.newUser(access.RoleCoordinator, nil, nil)
		a.must(200, "GET", "/api/v1/me", nil, bearer(tok)...)
		other := auth.NewService(a.db, a.clock, authtest.Settings())
		if _, err := other.DisableUser(sys, u.Email); err != nil {
			t.Fatal(err)
		}
		a.must(200, "GET", "/api/v1/me", nil, bearer(tok)...)
		a.clock.Advance(authtest.Settings().PrincipalTTL)
		a.must(401, "GET", "/api/v1/me", nil, bearer(tok)...)
	})
}
