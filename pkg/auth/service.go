package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// Settings tune logins and sessions. There are no defaults here: kitacert's config owns
// them (cmd/kitacert/tuning.go), and NewService refuses a missing value.
type Settings struct {
	SessionLifetime  time.Duration // absolute
	SessionIdle      time.Duration // without a request
	LoginWindow      time.Duration // rate-limit window
	MaxFailsPerEmail int           // failed logins per account in the window
	MaxFailsPerAddr  int           // failed logins per client address in the window
	TouchEvery       time.Duration // how often last-used times are written
	TokenValid       time.Duration // lifetime of a token created without an expiry
	// PrincipalTTL is how long a resolved bearer token is kept in memory; 0: not at all.
	// Changes made through this Service are seen at once; changes made by another process
	// after PrincipalTTL at the latest.
	PrincipalTTL time.Duration
}

// Validate names the first setting that is missing.
func (s Settings) Validate() error {
	for name, d := range map[string]time.Duration{"SessionLifetime": s.SessionLifetime, "SessionIdle": s.SessionIdle,
		"LoginWindow": s.LoginWindow, "TouchEvery": s.TouchEvery, "TokenValid": s.TokenValid} {
		if d <= 0 {
			return fmt.Errorf("auth settings: %s must be > 0, got %s", name, d)
		}
	}
	if s.MaxFailsPerEmail <= 0 || s.MaxFailsPerAddr <= 0 {
		return fmt.Errorf("auth settings: MaxFailsPerEmail and MaxFailsPerAddr must be > 0, got %d and %d", s.MaxFailsPerEmail, s.MaxFailsPerAddr)
	}
	if s.PrincipalTTL < 0 {
		return fmt.Errorf("auth settings: PrincipalTTL must not be negative, got %s", s.PrincipalTTL)
	}
	return nil
}

// Service manages users, API tokens and browser sessions.
type Service struct {
	store Store
	clock cert.Clock
	cfg   Settings
	cache *principalCache // nil: every token is read from the store
}

// NewService returns the account service. Settings that do not pass Validate are a
// programming error (the config validates them first) and panic.
func NewService(store Store, clock cert.Clock, cfg Settings) *Service {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	s := &Service{store: store, clock: clock, cfg: cfg}
	if s.cfg.PrincipalTTL > 0 {
		s.cache = newPrincipalCache(s.cfg.PrincipalTTL, principalCacheSize)
	}
	return s
}

// LoginWindow is how long failed logins count against an account or address: a refused
// login (429) may be tried again after it at the latest.
func (s *Service) LoginWindow() time.Duration { return s.cfg.LoginWindow }

// SessionLifetime is how long a browser session lasts at most: the session cookie's Max-Age.
func (s *Service) SessionLifetime() time.Duration { return s.cfg.SessionLifetime }

func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// requireAdmin allows the user.manage action (admins, and kitacert itself for the CLI).
func requireAdmin(ctx context.Context) error { return cert.RequireAll(ctx, access.UserManage) }

// audit appends an entry about an account event.
func (s *Service) audit(ctx context.Context, action, kind string, id uuid.UUID, before, after map[string]any) error {
	return cert.Audit(ctx, s.store, s.now(), action, kind, id.String(), before, after)
}

func (u User) auditFields() map[string]any {
	m := map[string]any{"display_name": u.DisplayName, "role": string(u.Role), "disabled": u.Disabled(),
		"password_set": u.PasswordHash != ""}
	if u.YouthOfficeID != nil {
		m["youth_office_id"] = u.YouthOfficeID.String()
	}
	if u.KitaID != nil {
		m["kita_id"] = u.KitaID.String()
	}
	return m
}
