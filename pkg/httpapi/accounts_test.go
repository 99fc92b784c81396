package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

const loginPath = "/api/v1/session"

// newPasswordUser creates a user who can log in with a password.
func (a *env) newPasswordUser(role access.Role, email, password string) auth.User {
	a.t.Helper()
	u, err := a.accounts.CreateUser(sys, auth.NewUser{Email: email, DisplayName: "Test", Role: role, Password: password})
	if err != nil {
		a.t.Fatal(err)
	}
	return u
}

// cookieOf extracts the session cookie from a login answer.
func cookieOf(t *testing.T, r response) string {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "kitacert_session" {
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("cookie flags: HttpOnly %v SameSite %v", c.HttpOnly, c.SameSite)
			}
			return c.Name + "=" + c.Value
		}
	}
	t.Fatalf("no session cookie in %v", r.Header)
	return ""
}

func TestSessionLoginCSRFLogout(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		a.newPasswordUser(access.RoleCoordinator, "Koordination@Example.org", "richtig-langes-passwort")
		anon := []string{"Authorization", ""}

		a.must(401, "POST", loginPath, map[string]any{"email": "koordination@example.org", "password": "falsch-falsch-falsch"}, anon...)
		a.must(401, "POST", loginPath, map[string]any{"email": "niemand@example.org", "password": "falsch-falsch-falsch"}, anon...)
		r := a.do("POST", loginPath, map[string]any{"email": "KOORDINATION@example.org", "password": "richtig-langes-passwort"}, anon...)
		if r.Status != 201 {
			t.Fatalf("login: %d %s", r.Status, r.Body)
		}
		body := r.JSON(t)
		csrf, _ := body["csrf_token"].(string)
		if csrf == "" || body["user"].(map[string]any)["role"] != "coordinator" {
			t.Fatalf("login body: %v", body)
		}
		cookie := cookieOf(t, r)
		withCookie := []string{"Authorization", "", "Cookie", cookie}

		if r := a.do("GET", "/api/v1/me", nil, withCookie...); r.Status != 200 {
			t.Fatalf("GET /me with cookie: %d %s", r.Status, r.Body)
		}
		yo := map[string]any{"name": "Jugendamt X", "code": "X-1", "region": "rheinland"}
		if r := a.do("POST", "/api/v1/youth-offices", yo, withCookie...); r.Status != 403 {
			t.Fatalf("unsafe request with cookie but without CSRF token: %d, want 403", r.Status)
		}
		if r := a.do("POST", "/api/v1/youth-offices", yo, append(withCookie, "X-CSRF-Token", "wrong")...); r.Status != 403 {
			t.Fatalf("wrong CSRF token: %d, want 403", r.Status)
		}
		if r := a.do("POST", "/api/v1/youth-offices", yo, append(withCookie, "X-CSRF-Token", csrf)...); r.Status != 201 {
			t.Fatalf("with CSRF token: %d %s", r.Status, r.Body)
		}
		if r := a.do("DELETE", loginPath, nil, append(withCookie, "X-CSRF-Token", csrf)...); r.Status != 204 {
			t.Fatalf("logout: %d %s", r.Status, r.Body)
		}
		if r := a.do("GET", "/api/v1/me", nil, withCookie...); r.Status != 401 {
			t.Fatalf("cookie after logout: %d, want 401", r.Status)
		}
	})
}

func TestLoginRateLimit(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		a.newPasswordUser(access.RoleAssessor, "pruefung@example.org", "richtig-langes-passwort")
		anon := []string{"Authorization", ""}
		for i := 0; i < 5; i++ {
			a.must(401, "POST", loginPath, map[string]any{"email": "pruefung@example.org", "password": "falsch-falsch-falsch"}, anon...)
		}
		// Locked: even the right password is refused while the window lasts.
		p := a.must(429, "POST", loginPath, map[string]any{"email": "pruefung@example.org", "password": "richtig-langes-passwort"}, anon...)
		if p["type"] != "urn:kitacert:problem:too-many-requests" {
			t.Errorf("problem %v", p)
		}
		a.clock.Advance(16 * time.Minute)
		a.must(201, "POST", loginPath, map[string]any{"email": "pruefung@example.org", "password": "richtig-langes-passwort"}, anon...)
	})
}

func TestTokensOfTheCaller(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		issued := a.must(201, "POST", "/api/v1/me/tokens", map[string]any{"name": "Skript"})
		secret := issued["secret"].(string)
		if !strings.HasPrefix(secret, "kc_") || len(secret) < 40 {
			t.Fatalf("secret %q", secret)
		}
		id := issued["token"].(map[string]any)["id"].(string)
		list := a.must(200, "GET", "/api/v1/me/tokens", nil)
		if strings.Contains(mustJSON(list), secret) {
			t.Fatal("token list shows a secret")
		}
		bearer := []string{"Authorization", "Bearer " + secret}
		a.must(200, "GET", "/api/v1/me", nil, bearer...)
		a.must(200, "DELETE", "/api/v1/me/tokens/"+id, nil)
		a.must(401, "GET", "/api/v1/me", nil, bearer...)
		a.must(401, "GET", "/api/v1/me", nil, "Authorization", "Bearer kc_unknown")
		a.must(401, "GET", "/api/v1/me", nil, "Authorization", "Basic abc")
		a.must(401, "GET", "/api/v1/kitas", nil, "Authorization", "")

		// expired
		short := a.must(201, "POST", "/api/v1/me/tokens", map[string]any{"name": "kurz", "expires_at": a.clock.Now().Add(time.Hour).Format(time.RFC3339)})
		a.clock.Advance(2 * time.Hour)
		a.must(401, "GET", "/api/v1/me", nil, "Authorization", "Bearer "+short["secret"].(string))
		a.must(400, "POST", "/api/v1/me/tokens", map[string]any{"name": "alt", "expires_at": "2020-01-01T00:00:00Z"})

		// someone else's token is not found
		_, other := a.newUser(access.RoleAssessor, nil, nil)
		mine := a.must(201, "POST", "/api/v1/me/tokens", map[string]any{"name": "meins"})
		a.must(404, "DELETE", "/api/v1/me/tokens/"+mine["token"].(map[string]any)["id"].(string), nil, "Authorization", "Bearer "+other)
	})
}

func TestUsersAdministration(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		_, admin := a.newUser(access.RoleAdmin, nil, nil)
		asAdmin := []string{"Authorization", "Bearer " + admin}
		a.must(403, "GET", "/api/v1/users", nil) // the coordinator may not
		u := a.must(201, "POST", "/api/v1/users", map[string]any{"email": "neu@example.org", "display_name": "Neu", "role": "assessor",
			"password": "ein-langes-passwort"}, asAdmin...)
		if u["has_password"] != true || u["disabled"] != false {
			t.Fatalf("user %v", u)
		}
		if strings.Contains(mustJSON(u), "argon2") {
			t.Fatal("password hash in the answer")
		}
		p := a.must(409, "POST", "/api/v1/users", map[string]any{"email": "NEU@example.org", "display_name": "Doppelt", "role": "assessor"}, asAdmin...)
		wantFields(t, p, "email")
		p = a.must(400, "POST", "/api/v1/users", map[string]any{"email": "yo@example.org", "display_name": "JA", "role": "youth_office"}, asAdmin...)
		wantFields(t, p, "youth_office_id")
		a.must(400, "POST", "/api/v1/users", map[string]any{"email": "kurz@example.org", "display_name": "K", "role": "admin", "password": "kurz"}, asAdmin...)
		id := u["id"].(string)
		a.must(428, "PATCH", "/api/v1/users/"+id, map[string]any{"disabled": true}, asAdmin...)
		// an unknown account is a 404 even without If-Match: visibility comes before preconditions
		a.must(404, "PATCH", "/api/v1/users/"+unknownID, map[string]any{"disabled": true}, asAdmin...)
		got := a.must(200, "PATCH", "/api/v1/users/"+id, map[string]any{"disabled": true}, append(asAdmin, "If-Match", `"1"`)...)
		if got["disabled"] != true {
			t.Fatalf("not disabled: %v", got)
		}
		a.must(200, "GET", "/api/v1/users/"+id, nil, asAdmin...)
		list := a.must(200, "GET", "/api/v1/users?role=assessor", nil, asAdmin...)
		if n := len(list["items"].([]any)); n != 1 {
			t.Fatalf("%d assessors listed", n)
		}
	})
}

func TestAuditTrail(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yo := a.must(201, "POST", "/api/v1/youth-offices", map[string]any{"name": "Jugendamt A", "code": "A-1", "region": "rheinland"},
			"X-Request-ID", "req-create")
		id := yo["id"].(string)
		a.must(200, "PATCH", "/api/v1/youth-offices/"+id, map[string]any{"name": "Jugendamt B"}, "If-Match", `"1"`)
		list := a.must(200, "GET", "/api/v1/audit?resource_type=youth_office&resource_id="+id, nil)
		items := list["items"].([]any)
		if len(items) != 2 {
			t.Fatalf("%d audit entries, want 2: %v", len(items), items)
		}
		first, second := items[0].(map[string]any), items[1].(map[string]any)
		if first["action"] != "create" || first["request_id"] != "req-create" || first["actor_role"] != "coordinator" || first["actor_id"] == nil {
			t.Errorf("create entry %v", first)
		}
		before, after := second["before"].(map[string]any), second["after"].(map[string]any)
		if second["action"] != "update" || before["name"] != "Jugendamt A" || after["name"] != "Jugendamt B" || len(after) != 1 {
			t.Errorf("update entry %v", second)
		}
		_, leader := a.newUser(access.RoleAssessor, nil, nil)
		a.must(403, "GET", "/api/v1/audit", nil, "Authorization", "Bearer "+leader)
	})
}

// TestAuditIsAppendOnly: the database itself refuses to change or delete audit rows.
func TestAuditIsAppendOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		a.must(201, "POST", "/api/v1/providers", map[string]any{"name": "Träger", "kind": "awo"})
		if err := a.db.Gorm().Exec("UPDATE audit_log SET action = 'forged'").Error; err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("UPDATE audit_log: err = %v, want append-only refusal", err)
		}
		if err := a.db.Gorm().Exec("DELETE FROM audit_log").Error; err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("DELETE FROM audit_log: err = %v, want append-only refusal", err)
		}
	})
}

// TestNoSecretsInLogs captures the whole log of a login-and-use flow and looks for the
// password, the cookie, the token and the e-mail address.
func TestNoSecretsInLogs(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		email, password := "geheim.person@example.org", "sehr-geheimes-passwort-42"
		a.newPasswordUser(access.RoleCoordinator, email, password)
		anon := []string{"Authorization", ""}
		a.must(401, "POST", loginPath, map[string]any{"email": email, "password": "falsches-passwort-42"}, anon...)
		// The query string is refused (login takes no parameters) and must not be logged either.
		a.must(400, "POST", loginPath+"?email="+email, map[string]any{"email": email, "password": password}, anon...)
		r := a.do("POST", loginPath, map[string]any{"email": email, "password": password}, anon...)
		cookie := cookieOf(t, r)
		csrf := r.JSON(t)["csrf_token"].(string)
		session := []string{"Authorization", "", "Cookie", cookie, "X-CSRF-Token", csrf}
		tok := a.must(201, "POST", "/api/v1/me/tokens", map[string]any{"name": "x"}, session...)
		secret := tok["secret"].(string)
		a.must(200, "GET", "/api/v1/me", nil, "Authorization", "Bearer "+secret)
		a.must(200, "GET", "/api/v1/contacts?q="+email, nil, "Authorization", "Bearer "+secret)
		a.must(401, "GET", "/api/v1/me", nil, "Authorization", "Bearer "+secret+"x")
		a.must(204, "DELETE", loginPath, nil, session...)
		logs := a.logs.String()
		for _, s := range []string{password, secret, strings.TrimPrefix(cookie, "kitacert_session="), csrf, email, "geheim.person"} {
			if strings.Contains(logs, s) {
				t.Errorf("log contains %q:\n%s", s, logs)
			}
		}
	})
}

// wantFields checks the field names of a problem's errors list.
func wantFields(t *testing.T, p map[string]any, fields ...string) {
	t.Helper()
	errs, _ := p["errors"].([]any)
	var got []string
	for _, e := range errs {
		got = append(got, e.(map[string]any)["field"].(string))
	}
	if strings.Join(got, ",") != strings.Join(fields, ",") {
		t.Errorf("problem fields %v, want %v (%v)", got, fields, p)
	}
}

// TestSessionExpiry: a session ends after 2 hours without a request and after 12 hours
// in any case; a disabled user's session ends at once.
func TestSessionExpiry(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		u := a.newPasswordUser(access.RoleAssessor, "pruefer@example.org", "richtig-langes-passwort")
		login := func() []string {
			r := a.do("POST", loginPath, map[string]any{"email": "pruefer@example.org", "password": "richtig-langes-passwort"}, "Authorization", "")
			return []string{"Authorization", "", "Cookie", cookieOf(t, r)}
		}
		c := login()
		for i := 0; i < 7; i++ { // active every 100 minutes: still valid after 11 h 40 min
			a.clock.Advance(100 * time.Minute)
			a.must(200, "GET", "/api/v1/me", nil, c...)
		}
		a.clock.Advance(30 * time.Minute)
		a.must(401, "GET", "/api/v1/me", nil, c...)

		c = login()
		a.clock.Advance(2*time.Hour + time.Minute)
		a.must(401, "GET", "/api/v1/me", nil, c...)

		c = login()
		yes := true
		if _, err := a.accounts.UpdateUser(sys, u.ID, cert.IfMatch{Given: true, Any: true}, auth.UserPatch{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		a.must(401, "GET", "/api/v1/me", nil, c...)
	})
}

// TestAuditFilters: by actor and by time.
func TestAuditFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		planner, plannerToken := a.newUser(access.RoleCoordinator, nil, nil)
		a.must(201, "POST", "/api/v1/providers", map[string]any{"name": "Eins", "kind": "awo"})
		a.clock.Advance(time.Hour)
		mid := a.clock.Now()
		a.must(201, "POST", "/api/v1/providers", map[string]any{"name": "Zwei", "kind": "drk"}, "Authorization", "Bearer "+plannerToken)
		byActor := a.must(200, "GET", "/api/v1/audit?resource_type=provider&actor_id="+planner.ID.String(), nil)
		if n := len(byActor["items"].([]any)); n != 1 {
			t.Errorf("by actor: %d entries, want 1", n)
		}
		since := a.must(200, "GET", "/api/v1/audit?resource_type=provider&from="+mid.Format(time.RFC3339), nil)
		before := a.must(200, "GET", "/api/v1/audit?resource_type=provider&to="+mid.Format(time.RFC3339), nil)
		if len(since["items"].([]any)) != 1 || len(before["items"].([]any)) != 1 {
			t.Errorf("time filter: %d since, %d before; want 1 and 1", len(since["items"].([]any)), len(before["items"].([]any)))
		}
	})
}
