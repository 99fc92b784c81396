package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

const (
	oldPassword = "das alte Passwort 123"
	newPassword = "das neue Passwort 456"
)

// passwordSite is an account with two browser sessions and a token.
type passwordSite struct {
	accounts    *auth.Service
	user        auth.User
	first, more auth.Login
	token       auth.IssuedToken
	db          *store.DB
}

func newPasswordSite(t *testing.T, db *store.DB) passwordSite {
	t.Helper()
	sys := access.WithPrincipal(context.Background(), access.System)
	clock := cert.NewFixedClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
	accounts := auth.NewService(db, clock, authtest.Settings())
	u, err := accounts.CreateUser(sys, auth.NewUser{Email: "planung@example.org", DisplayName: "Planung",
		Role: access.RoleCoordinator, Password: oldPassword})
	if err != nil {
		t.Fatal(err)
	}
	ps := passwordSite{accounts: accounts, user: u, db: db}
	for _, l := range []*auth.Login{&ps.first, &ps.more} {
		if *l, err = accounts.Login(sys, u.Email, oldPassword, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
	}
	if ps.token, err = accounts.IssueToken(access.WithPrincipal(sys, u.Principal()), u.ID, "Skript", time.Time{}); err != nil {
		t.Fatal(err)
	}
	return ps
}

// in returns the context of a request made with the first session.
func (ps passwordSite) in(t *testing.T) context.Context {
	t.Helper()
	p, _, err := ps.accounts.SessionPrincipal(context.Background(), ps.first.Secret)
	if err != nil {
		t.Fatal(err)
	}
	return access.WithPrincipal(context.Background(), p)
}

// TestChangePassword: the new password logs in, the old one no longer does; the other
// session ends, the current one and the token stay; the audit names the change and no
// secret.
func TestChangePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ps := newPasswordSite(t, db)
		ctx := ps.in(t)
		if err := ps.accounts.ChangePassword(ctx, oldPassword, newPassword); err != nil {
			t.Fatal(err)
		}
		bg := context.Background()
		if _, err := ps.accounts.Login(bg, ps.user.Email, oldPassword, "192.0.2.2"); cert.ErrorCode(err) != cert.EUNAUTHORIZED {
			t.Errorf("old password: %v, want 401", err)
		}
		if _, err := ps.accounts.Login(bg, ps.user.Email, newPassword, "192.0.2.2"); err != nil {
			t.Errorf("new password: %v", err)
		}
		if _, _, err := ps.accounts.SessionPrincipal(bg, ps.first.Secret); err != nil {
			t.Errorf("current session ended: %v", err)
		}
		if _, _, err := ps.accounts.SessionPrincipal(bg, ps.more.Secret); cert.ErrorCode(err) != cert.EUNAUTHORIZED {
			t.Errorf("other session: %v, want 401", err)
		}
		if _, err := ps.accounts.TokenPrincipal(bg, ps.token.Secret); err != nil {
			t.Errorf("token: %v", err)
		}
		sys := access.WithPrincipal(bg, access.System)
		list, err := db.AuditEntries(sys, cert.AuditFilter{Page: cert.Page{Limit: cert.MaxLimit}, ResourceType: "user", ResourceID: ps.user.ID.String()})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range list.Items {
			if e.Action == "password_changed" && e.ResourceID == ps.user.ID.String() {
				found = true
				if e.After["other_sessions_ended"] != float64(1) && e.After["other_sessions_ended"] != int64(1) {
					t.Errorf("audit after %v, want one other session ended", e.After)
				}
				for k := range e.After {
					if k != "other_sessions_ended" {
						t.Errorf("audit carries %s", k)
					}
				}
			}
		}
		if !found {
			t.Errorf("no audit entry password_changed in %+v", list.Items)
		}
	})
}

// TestChangePasswordRefusals: a wrong current password names current_password and counts
// as a failed login (the fifth locks the account's logins and password changes); a short
// new password names new_password; neither changes anything.
func TestChangePasswordRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ps := newPasswordSite(t, db)
		ctx := ps.in(t)
		err := ps.accounts.ChangePassword(ctx, oldPassword, "zu kurz")
		if ce, ok := err.(*cert.Error); !ok || ce.Code != cert.EINVALID || len(ce.Fields) != 1 || ce.Fields[0].Field != auth.FieldNewPassword {
			t.Errorf("short password: %v", err)
		}
		for i := 0; i < 5; i++ {
			if err := ps.accounts.ChangePassword(ctx, "falsch falsch falsch", newPassword); err != auth.ErrWrongCurrentPassword {
				t.Fatalf("wrong current password #%d: %v", i+1, err)
			}
		}
		if err := ps.accounts.ChangePassword(ctx, oldPassword, newPassword); err != auth.ErrTooManyAttempts {
			t.Errorf("after five failures: %v, want ErrTooManyAttempts", err)
		}
		if _, err := ps.accounts.Login(context.Background(), ps.user.Email, oldPassword, "192.0.2.9"); err != auth.ErrTooManyAttempts {
			t.Errorf("login after five failures: %v, want ErrTooManyAttempts", err)
		}
		if _, _, err := ps.accounts.SessionPrincipal(context.Background(), ps.more.Secret); err != nil {
			t.Errorf("a refused change ended the other session: %v", err)
		}
	})
}
