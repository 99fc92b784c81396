package auth

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// MaxActiveTokens bounds the valid (not revoked, not expired) tokens of one account.
const MaxActiveTokens = 50

// IssuedToken is a new token with its secret, which is shown exactly once.
type IssuedToken struct {
	Token
	Secret string
}

// IssueToken creates an API token for a user. Callers issue tokens for themselves; admins
// (and the CLI) for anyone. A zero expiry means the default lifetime; tokens always expire.
func (s *Service) IssueToken(ctx context.Context, userID uuid.UUID, name string, expiresAt time.Time) (IssuedToken, error) {
	if err := selfOrAdmin(ctx, userID); err != nil {
		return IssuedToken{}, err
	}
	now := s.now()
	if expiresAt.IsZero() {
		expiresAt = now.Add(s.cfg.TokenValid)
	}
	var v cert.Validation
	name = stringsTrim(name)
	v.Check(name != "" && len([]rune(name)) <= 100, "name", "Darf nicht leer und höchstens 100 Zeichen lang sein.")
	v.Check(expiresAt.After(now), "expires_at", "Muss in der Zukunft liegen.")
	v.Check(expiresAt.Before(now.AddDate(2, 0, 1)), "expires_at", "Höchstens zwei Jahre.")
	if err := v.Err(); err != nil {
		return IssuedToken{}, err
	}
	secret, err := newSecret(TokenPrefix)
	if err != nil {
		return IssuedToken{}, err
	}
	exp := expiresAt.UTC().Truncate(time.Microsecond)
	t := Token{ID: cert.NewID(), UserID: userID, Name: name, Hash: HashSecret(secret), Hint: secret[:len(TokenPrefix)+4],
		CreatedAt: now, ExpiresAt: &exp}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.store.User(ctx, userID)
		if err != nil {
			return err
		}
		if u.Disabled() {
			return cert.Errorf(cert.ECONFLICT, "Das Konto ist deaktiviert.")
		}
		existing, err := s.store.Tokens(ctx, userID)
		if err != nil {
			return err
		}
		active := 0
		for _, old := range existing {
			if old.RevokedAt == nil && (old.ExpiresAt == nil || now.Before(*old.ExpiresAt)) {
				active++
			}
		}
		if active >= MaxActiveTokens {
			return cert.Conflict("name", "Es gibt bereits 50 gültige Tokens für dieses Konto; bitte zuerst nicht mehr benötigte widerrufen.")
		}
		if err := s.store.CreateToken(ctx, &t); err != nil {
			return err
		}
		return s.audit(ctx, "token.issue", "token", t.ID, nil, map[string]any{"user_id": userID.String(), "name": name,
			"expires_at": exp.Format(time.RFC3339)})
	})
	return IssuedToken{Token: t, Secret: secret}, err
}

// Tokens lists a user's tokens (never their secrets).
func (s *Service) Tokens(ctx context.Context, userID uuid.UUID) ([]Token, error) {
	if err := selfOrAdmin(ctx, userID); err != nil {
		return nil, err
	}
	return s.store.Tokens(ctx, userID)
}

// RevokeToken revokes a token. userID, when not nil, must own it (the /me routes);
// admins and the CLI pass uuid.Nil to revoke any token.
func (s *Service) RevokeToken(ctx context.Context, userID, tokenID uuid.UUID) (Token, error) {
	var out Token
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		t, err := s.store.Token(ctx, tokenID)
		if err != nil {
			return err
		}
		owner := userID
		if owner == uuid.Nil {
			if err := requireAdmin(ctx); err != nil {
				return err
			}
			owner = t.UserID
		}
		if t.UserID != owner {
			return cert.ErrNotFound
		}
		if err := selfOrAdmin(ctx, owner); err != nil {
			return err
		}
		if t.RevokedAt != nil {
			out = t
			return nil
		}
		now := s.now()
		t.RevokedAt = &now
		if err := s.store.RevokeToken(ctx, t.ID, now); err != nil {
			return err
		}
		out = t
		return s.audit(ctx, "token.revoke", "token", t.ID, nil, map[string]any{"user_id": t.UserID.String(), "name": t.Name})
	})
	if err == nil {
		s.cache.forgetToken(out.ID)
	}
	return out, err
}

// TokenPrincipal resolves a bearer token. Unknown, revoked and expired tokens and tokens
// of disabled users all give the same 401. A token resolved in the last
// Settings.PrincipalTTL costs no query, unless its last use is to be written again
// (Settings.TouchEvery).
func (s *Service) TokenPrincipal(ctx context.Context, secret string) (access.Principal, error) {
	if checkTokenShape(secret) != nil {
		return access.Principal{}, cert.ErrUnauthenticated
	}
	hash := HashSecret(secret)
	now := s.now()
	if e, ok := s.cache.get(hash, now); ok && !s.touchDue(e.lastUsed, now) {
		if e.expiresAt != nil && !now.Before(*e.expiresAt) {
			return access.Principal{}, cert.ErrUnauthenticated
		}
		return e.principal, nil
	}
	epoch := s.cache.begin()
	t, err := s.store.TokenByHash(ctx, hash)
	if err != nil {
		return access.Principal{}, unauthenticated(err)
	}
	if t.RevokedAt != nil || (t.ExpiresAt != nil && !now.Before(*t.ExpiresAt)) {
		return access.Principal{}, cert.ErrUnauthenticated
	}
	u, err := s.store.User(ctx, t.UserID)
	if err != nil || u.Disabled() {
		return access.Principal{}, unauthenticated(err)
	}
	if s.touchDue(t.LastUsedAt, now) {
		t.LastUsedAt = &now
		if err := s.store.TouchToken(ctx, t.ID, now); err != nil {
			return access.Principal{}, err
		}
	}
	p := u.Principal()
	s.cache.put(hash, cachedPrincipal{principal: p, tokenID: t.ID, expiresAt: t.ExpiresAt, lastUsed: t.LastUsedAt}, epoch, now)
	return p, nil
}

// touchDue reports whether a token last used at last is to be written as used now.
func (s *Service) touchDue(last *time.Time, now time.Time) bool {
	return last == nil || now.Sub(*last) >= s.cfg.TouchEvery
}

// selfOrAdmin lets a principal act on their own account, and admins on any.
func selfOrAdmin(ctx context.Context, userID uuid.UUID) error {
	p, ok := access.From(ctx)
	if !ok {
		return cert.ErrUnauthenticated
	}
	if p.UserID == userID || p.ScopeOf(access.UserManage) == access.All {
		return nil
	}
	return cert.ErrNotFound
}
