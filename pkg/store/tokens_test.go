package store_test

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

// revokeAfterRead is the store with a revocation committed right after a request has read
// its token or session and before it writes the last use: the interleaving of a request
// racing a revoke or a logout.
type revokeAfterRead struct {
	*store.DB
	clock cert.Clock
}

func (r revokeAfterRead) TokenByHash(ctx context.Context, hash string) (auth.Token, error) {
	t, err := r.DB.TokenByHash(ctx, hash)
	if err == nil {
		err = r.RevokeToken(ctx, t.ID, r.clock.Now())
	}
	return t, err
}

func (r revokeAfterRead) SessionByHash(ctx context.Context, hash string) (auth.Session, error) {
	s, err := r.DB.SessionByHash(ctx, hash)
	if err == nil {
		err = r.RevokeSession(ctx, s.ID, r.clock.Now())
	}
	return s, err
}

// TestTouchNeverUnrevokes: writing a token's or a session's last use never writes its
// revocation back. A request that read the token before a revoke committed and writes its
// last use afterwards left the token valid for good (found in review).
func TestTouchNeverUnrevokes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := access.WithPrincipal(context.Background(), access.System)
		clock := cert.NewFixedClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
		cfg := authtest.Settings()
		cfg.PrincipalTTL = 0
		accounts := auth.NewService(db, clock, cfg)
		u, err := accounts.CreateUser(ctx, auth.NewUser{Email: "leitung@example.org", DisplayName: "Leitung",
			Role: access.RoleCoordinator, Password: "ein langes Passwort 123"})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := accounts.IssueToken(ctx, u.ID, "race", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		login, err := accounts.Login(ctx, "leitung@example.org", "ein langes Passwort 123", "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * cfg.TouchEvery) // the last use is due to be written

		racing := auth.NewService(revokeAfterRead{DB: db, clock: clock}, clock, cfg)
		_, _ = racing.TokenPrincipal(ctx, tok.Secret)
		_, _, _ = racing.SessionPrincipal(ctx, login.Secret)

		if _, err := accounts.TokenPrincipal(ctx, tok.Secret); cert.ErrorCode(err) != cert.EUNAUTHORIZED {
			t.Errorf("token after a revoke that raced its last use: %v, want refused", err)
		}
		if _, _, err := accounts.SessionPrincipal(ctx, login.Secret); cert.ErrorCode(err) != cert.EUNAUTHORIZED {
			t.Errorf("session after a logout that raced its last use: %v, want refused", err)
		}
	})
}
