package auth

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// CreateUser creates an account (admins and the CLI).
func (s *Service) CreateUser(ctx context.Context, in NewUser) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	now := s.now()
	u := User{ID: cert.NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, Email: stringsTrim(in.Email),
		DisplayName: stringsTrim(in.DisplayName), Role: in.Role, YouthOfficeID: in.YouthOfficeID, KitaID: in.KitaID}
	if err := u.validate(); err != nil {
		return User{}, err
	}
	if in.Password != "" {
		if err := checkPassword("password", in.Password); err != nil {
			return User{}, err
		}
		h, err := HashPassword(in.Password)
		if err != nil {
			return User{}, err
		}
		u.PasswordHash = h
	}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkScopeRefs(ctx, u); err != nil {
			return err
		}
		if err := s.store.CreateUser(ctx, &u); err != nil {
			return err
		}
		return s.audit(ctx, "user.create", "user", u.ID, nil, u.auditFields())
	})
	return u, err
}

// checkScopeRefs checks that a user's youth office or Kita exists.
func (s *Service) checkScopeRefs(ctx context.Context, u User) error {
	if u.YouthOfficeID != nil {
		if _, err := s.store.YouthOffice(ctx, *u.YouthOfficeID); err != nil {
			return refError(err, "youth_office_id", "Das Jugendamt existiert nicht.")
		}
	}
	if u.KitaID != nil {
		if _, err := s.store.Kita(ctx, *u.KitaID); err != nil {
			return refError(err, "kita_id", "Die Kita existiert nicht.")
		}
	}
	return nil
}

func refError(err error, field, msg string) error {
	if cert.ErrorCode(err) == cert.ENOTFOUND {
		return &cert.Error{Code: cert.EINVALID, Message: msg, Fields: []cert.FieldError{{Field: field, Message: msg}}}
	}
	return err
}

// User returns one account (admins).
func (s *Service) User(ctx context.Context, id uuid.UUID) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	return s.store.User(ctx, id)
}

// UserByEmail returns the account with this e-mail address (admins and the CLI).
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	return s.store.UserByEmail(ctx, EmailKey(email))
}

// Users lists accounts (admins).
func (s *Service) Users(ctx context.Context, f UserFilter) (cert.List[User], error) {
	if err := requireAdmin(ctx); err != nil {
		return cert.List[User]{}, err
	}
	return s.store.Users(ctx, f)
}

// CountUsers tells whether the installation has any account yet.
func (s *Service) CountUsers(ctx context.Context) (int64, error) { return s.store.CountUsers(ctx) }

// UpdateUser changes an account (admins); m must name the current version. Disabling ends
// every session and makes every token of the user useless at once.
func (s *Service) UpdateUser(ctx context.Context, id uuid.UUID, m cert.IfMatch, p UserPatch) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	var out User
	// "If-Match: *" means whatever the version: a lost race with another writer is tried again.
	err := cert.RetryStale(m, func() error {
		return s.store.InTx(ctx, func(ctx context.Context) error {
			cur, err := s.store.User(ctx, id)
			if err != nil {
				return err
			}
			if !m.Given {
				return cert.ErrVersionRequired
			}
			if !m.Any && m.Version != cur.Version {
				return cert.ErrStale
			}
			next := cur
			if p.DisplayName != nil {
				next.DisplayName = stringsTrim(*p.DisplayName)
			}
			if p.Role != nil {
				next.Role = *p.Role
			}
			if p.YouthOfficeID.Set {
				next.YouthOfficeID = p.YouthOfficeID.Value
			}
			if p.KitaID.Set {
				next.KitaID = p.KitaID.Value
			}
			if p.Disabled != nil {
				switch {
				case *p.Disabled && next.DisabledAt == nil:
					now := s.now()
					next.DisabledAt = &now
				case !*p.Disabled:
					next.DisabledAt = nil
				}
			}
			if p.Password != nil {
				if err := checkPassword("password", *p.Password); err != nil {
					return err
				}
				if next.PasswordHash, err = HashPassword(*p.Password); err != nil {
					return err
				}
			}
			if err := next.validate(); err != nil {
				return err
			}
			if err := s.checkScopeRefs(ctx, next); err != nil {
				return err
			}
			if self, _ := access.From(ctx); self.UserID == id && next.Role != access.RoleAdmin {
				return cert.Conflict("role", "Sie können sich nicht selbst die Administrationsrechte entziehen.")
			}
			if self, _ := access.From(ctx); self.UserID == id && next.Disabled() {
				return cert.Conflict("disabled", "Sie können sich nicht selbst deaktivieren.")
			}
			next.UpdatedAt = s.now()
			if err := s.store.UpdateUser(ctx, &next); err != nil {
				return err
			}
			out = next
			action := "user.update"
			if next.Disabled() && !cur.Disabled() {
				action = "user.disable"
			}
			return s.audit(ctx, action, "user", id, cur.auditFields(), next.auditFields())
		})
	})
	if err == nil {
		s.cache.forgetUser(id)
	}
	return out, err
}

// DisableUser disables the account with this e-mail address (the CLI).
func (s *Service) DisableUser(ctx context.Context, email string) (User, error) {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return User{}, err
	}
	yes := true
	return s.UpdateUser(ctx, u.ID, cert.Expect(u.Version), UserPatch{Disabled: &yes})
}

// Self returns the account of the caller.
func (s *Service) Self(ctx context.Context) (User, error) {
	p, ok := access.From(ctx)
	if !ok || p.UserID == uuid.Nil {
		return User{}, cert.ErrUnauthenticated
	}
	return s.store.User(ctx, p.UserID)
}
