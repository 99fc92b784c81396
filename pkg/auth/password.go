package auth

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// FieldCurrentPassword and FieldNewPassword are the fields a password change names in
// its refusals.
const (
	FieldCurrentPassword = "current_password"
	FieldNewPassword     = "new_password"
)

// ErrWrongCurrentPassword refuses a password change whose current password is wrong.
var ErrWrongCurrentPassword = &cert.Error{Code: cert.EINVALID, Message: "Das bisherige Passwort ist falsch.",
	Fields: []cert.FieldError{{Field: FieldCurrentPassword, Message: "Das bisherige Passwort ist falsch."}}}

// ChangePassword sets a new password for the caller. The current password must be right;
// a wrong one counts as a failed login of the account, so that a stolen session cannot
// guess faster than the login form allows (ErrTooManyAttempts over the limit). The new
// password follows the same rules as any other. The caller's other browser sessions end;
// the current one (access.Principal.SessionID) is kept. API tokens stay valid.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	p, ok := access.From(ctx)
	if !ok || p.UserID == uuid.Nil {
		return cert.ErrUnauthenticated
	}
	keep := uuid.Nil
	if p.SessionID != nil {
		keep = *p.SessionID
	}
	var refused error
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.store.User(ctx, p.UserID)
		if err != nil {
			return err
		}
		key := EmailKey(u.Email)
		if err := s.store.LockLogin(ctx, key); err != nil {
			return err
		}
		now := s.now()
		byEmail, _, err := s.store.LoginFailures(ctx, key, "", now.Add(-s.cfg.LoginWindow))
		if err != nil {
			return err
		}
		if byEmail >= int64(s.cfg.MaxFailsPerEmail) {
			refused = ErrTooManyAttempts
			return nil
		}
		if u.PasswordHash == "" || !VerifyPassword(u.PasswordHash, current) {
			if err := s.failed(ctx, key, "", &u); err != ErrBadCredentials {
				return err
			}
			refused = ErrWrongCurrentPassword // commit the recorded failure, then refuse
			return nil
		}
		if err := checkPassword(FieldNewPassword, next); err != nil {
			return err
		}
		if u.PasswordHash, err = HashPassword(next); err != nil {
			return err
		}
		u.UpdatedAt = now
		if err := s.store.UpdateUser(ctx, &u); err != nil {
			return err
		}
		ended, err := s.store.RevokeOtherSessions(ctx, u.ID, keep, now)
		if err != nil {
			return err
		}
		return s.audit(ctx, "password_changed", "user", u.ID, nil, map[string]any{"other_sessions_ended": ended})
	})
	if err != nil {
		return err
	}
	if refused != nil {
		return refused
	}
	s.cache.forgetUser(p.UserID)
	return nil
}

// Now is the time of the service's clock, for pages that show whether a token or session
// is still valid.
func (s *Service) Now() time.Time { return s.now() }
