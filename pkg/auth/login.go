package auth

import (
	"context"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// ErrBadCredentials is the one answer to a failed login, whatever the reason: an unknown
// address, a wrong password, a disabled account or one without password.
var ErrBadCredentials = &cert.Error{Code: cert.EUNAUTHORIZED, Message: "E-Mail-Adresse oder Passwort ist falsch."}

// ErrTooManyAttempts is returned while an account or address is rate-limited.
var ErrTooManyAttempts = &cert.Error{Code: ETOOMANY, Message: "Zu viele fehlgeschlagene Anmeldungen. Bitte in einigen Minuten erneut versuchen."}

// ETOOMANY is the error code for rate-limited requests (429).
const ETOOMANY = "too_many_requests"

// Login is a successful login: the cookie secret (shown once, to be set as cookie) and
// the CSRF token the browser must send with every unsafe request.
type Login struct {
	User    User
	Session Session
	Secret  string
	CSRF    string
}

// Login checks e-mail and password and opens a session. Failed attempts are counted per
// account and per client address; over the limit, even a right password is refused until
// the window has passed.
func (s *Service) Login(ctx context.Context, email, password, address string) (Login, error) {
	var out Login
	var refused error
	// One transaction per login, serialised per account: parallel guesses queue and each
	// sees the failures before it, so the limit holds (review finding: 30 parallel guesses
	// all got a password check).
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockLogin(ctx, EmailKey(email)); err != nil {
			return err
		}
		l, err := s.login(ctx, email, password, address)
		if err == ErrBadCredentials || err == ErrTooManyAttempts {
			refused = err // commit the recorded failure, then refuse
			return nil
		}
		out = l
		return err
	})
	if err != nil {
		return Login{}, err
	}
	if refused != nil {
		return Login{}, refused
	}
	return out, nil
}

func (s *Service) login(ctx context.Context, email, password, address string) (Login, error) {
	key := EmailKey(email)
	now := s.now()
	byEmail, byAddr, err := s.store.LoginFailures(ctx, key, address, now.Add(-s.cfg.LoginWindow))
	if err != nil {
		return Login{}, err
	}
	if byEmail >= int64(s.cfg.MaxFailsPerEmail) || byAddr >= int64(s.cfg.MaxFailsPerAddr) {
		return Login{}, ErrTooManyAttempts
	}
	u, err := s.store.UserByEmail(ctx, key)
	switch {
	case cert.ErrorCode(err) == cert.ENOTFOUND:
		VerifyPassword(dummyHash, password) // same time as a real check
		return Login{}, s.failed(ctx, key, address, nil)
	case err != nil:
		return Login{}, err
	}
	hash := u.PasswordHash
	if hash == "" {
		hash = dummyHash // a token-only account takes as long to refuse as any other
	}
	if !VerifyPassword(hash, password) || u.PasswordHash == "" || u.Disabled() {
		return Login{}, s.failed(ctx, key, address, &u)
	}
	secret, err := newSecret("")
	if err != nil {
		return Login{}, err
	}
	csrf, err := newSecret("")
	if err != nil {
		return Login{}, err
	}
	sess := Session{ID: cert.NewID(), UserID: u.ID, Hash: HashSecret(secret), CSRF: csrf, CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.SessionLifetime), LastSeenAt: now}
	ctx = access.WithPrincipal(ctx, u.Principal())
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.RecordLoginAttempt(ctx, LoginAttempt{ID: cert.NewID(), At: now, EmailKey: key, Address: address, Success: true}); err != nil {
			return err
		}
		if err := s.store.CreateSession(ctx, &sess); err != nil {
			return err
		}
		return s.audit(ctx, "login", "session", sess.ID, nil, map[string]any{"user_id": u.ID.String()})
	})
	if err != nil {
		return Login{}, err
	}
	return Login{User: u, Session: sess, Secret: secret, CSRF: csrf}, nil
}

// failed records a failed attempt and its audit entry, and returns ErrBadCredentials.
func (s *Service) failed(ctx context.Context, key, address string, u *User) error {
	now := s.now()
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.RecordLoginAttempt(ctx, LoginAttempt{ID: cert.NewID(), At: now, EmailKey: key, Address: address}); err != nil {
			return err
		}
		after := map[string]any{"known_user": u != nil}
		id := cert.NewID()
		if u != nil {
			after["user_id"] = u.ID.String()
		}
		return s.audit(ctx, "login_failed", "session", id, nil, after)
	})
	if err != nil {
		return err
	}
	return ErrBadCredentials
}

// Logout ends the session of ctx's principal.
func (s *Service) Logout(ctx context.Context, secret string) error {
	sess, err := s.store.SessionByHash(ctx, HashSecret(secret))
	if err != nil {
		return err
	}
	now := s.now()
	sess.RevokedAt = &now
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.RevokeSession(ctx, sess.ID, now); err != nil {
			return err
		}
		return s.audit(ctx, "logout", "session", sess.ID, nil, map[string]any{"user_id": sess.UserID.String()})
	})
}

// SessionPrincipal resolves a session cookie to its principal and the session's CSRF token.
func (s *Service) SessionPrincipal(ctx context.Context, secret string) (access.Principal, string, error) {
	if len(secret) != 43 {
		return access.Principal{}, "", cert.ErrUnauthenticated
	}
	sess, err := s.store.SessionByHash(ctx, HashSecret(secret))
	if err != nil {
		return access.Principal{}, "", unauthenticated(err)
	}
	now := s.now()
	if sess.RevokedAt != nil || !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > s.cfg.SessionIdle {
		return access.Principal{}, "", cert.ErrUnauthenticated
	}
	u, err := s.store.User(ctx, sess.UserID)
	if err != nil || u.Disabled() {
		return access.Principal{}, "", unauthenticated(err)
	}
	if now.Sub(sess.LastSeenAt) >= s.cfg.TouchEvery {
		sess.LastSeenAt = now
		if err := s.store.TouchSession(ctx, sess.ID, now); err != nil {
			return access.Principal{}, "", err
		}
	}
	p := u.Principal()
	p.SessionID = &sess.ID
	return p, sess.CSRF, nil
}

// unauthenticated keeps database outages visible and turns everything else into 401.
func unauthenticated(err error) error {
	if err != nil && cert.ErrorCode(err) == cert.EINTERNAL {
		return err
	}
	return cert.ErrUnauthenticated
}
