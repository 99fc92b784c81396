package auth

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// Settings tune logins and sessions.
type Settings struct {
	SessionLifetime   time.Duration // absolute; default 12 h
	SessionIdle       time.Duration // without a request; default 2 h
	LoginWindow       time.Duration // rate-limit window; default 15 min
	MaxFailsPerEmail  int           // failed logins per account in the window; default 5
	MaxFailsPerAddr   int           // failed logins per client address in the window; default 20
	TouchEvery        time.Duration // how often last-used times are written; default 1 min
	DefaultTokenValid time.Duration // default token lifetime; default 90 days
	// PrincipalTTL is how long a resolved bearer token is kept in memory; default
	// DefaultPrincipalTTL, negative: not at all. Changes made through this Service are
	// seen at once; changes made by another process after PrincipalTTL at the latest.
	PrincipalTTL time.Duration
}

func (s Settings) withDefaults() Settings {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&s.SessionLifetime, 12*time.Hour)
	def(&s.SessionIdle, 2*time.Hour)
	def(&s.LoginWindow, 15*time.Minute)
	def(&s.TouchEvery, time.Minute)
	def(&s.DefaultTokenValid, 90*24*time.Hour)
	def(&s.PrincipalTTL, DefaultPrincipalTTL)
	if s.MaxFailsPerEmail == 0 {
		s.MaxFailsPerEmail = 5
	}
	if s.MaxFailsPerAddr == 0 {
		s.MaxFailsPerAddr = 20
	}
	return s
}

// Service manages users, API tokens and browser sessions.
type Service struct {
	store Store
	clock cert.Clock
	cfg   Settings
	cache *principalCache // nil: every token is read from the store
}

// NewService returns the account service.
func NewService(store Store, clock cert.Clock, cfg Settings) *Service {
	s := &Service{store: store, clock: clock, cfg: cfg.withDefaults()}
	if s.cfg.PrincipalTTL > 0 {
		s.cache = newPrincipalCache(s.cfg.PrincipalTTL, principalCacheSize)
	}
	return s
}

// LoginWindow is how long failed logins count against an account or address: a refused
// login (429) may be tried again after it at the latest.
func (s *Service) LoginWindow() time.Duration { return s.cfg.LoginWindow }

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
