package auth

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// User is an account of kitacert.
type User struct {
	ID            uuid.UUID
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Email         string
	DisplayName   string
	Role          access.Role
	YouthOfficeID *uuid.UUID // for role youth_office
	KitaID        *uuid.UUID // for role kita_leader
	PasswordHash  string     // argon2id; empty: the user logs in with API tokens only
	DisabledAt    *time.Time
}

// Disabled reports whether the user is disabled.
func (u User) Disabled() bool { return u.DisabledAt != nil }

// Principal returns the principal of a request made by u.
func (u User) Principal() access.Principal {
	return access.Principal{UserID: u.ID, Role: u.Role, YouthOfficeID: u.YouthOfficeID, KitaID: u.KitaID}
}

// EmailKey is the form in which e-mail addresses are compared: unique case-insensitively.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// NewUser is what it takes to create a user.
type NewUser struct {
	Email         string
	DisplayName   string
	Role          access.Role
	YouthOfficeID *uuid.UUID
	KitaID        *uuid.UUID
	Password      string // optional
}

// UserPatch holds the fields of a user an admin changes.
type UserPatch struct {
	DisplayName   *string
	Role          *access.Role
	YouthOfficeID cert.Optional[uuid.UUID]
	KitaID        cert.Optional[uuid.UUID]
	Disabled      *bool
	Password      *string
}

// validate checks a user's own fields.
func (u User) validate() error {
	var v cert.Validation
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
		v.Add("email", "Keine gültige E-Mail-Adresse.")
	}
	if n := len([]rune(u.DisplayName)); n == 0 || n > 200 {
		v.Add("display_name", "Darf nicht leer und höchstens 200 Zeichen lang sein.")
	}
	if !u.Role.Valid() {
		v.Add("role", "Unbekannte Rolle.")
	}
	v.Check((u.Role == access.RoleYouthOffice) == (u.YouthOfficeID != nil), "youth_office_id",
		"Genau die Rolle youth_office braucht ein Jugendamt.")
	v.Check((u.Role == access.RoleKitaLeader) == (u.KitaID != nil), "kita_id",
		"Genau die Rolle kita_leader braucht eine Kita.")
	return v.Err()
}

func checkPassword(field, pw string) error {
	if len([]rune(pw)) < MinPasswordLength {
		return &cert.Error{Code: cert.EINVALID, Message: "Das Passwort ist zu kurz.",
			Fields: []cert.FieldError{{Field: field, Message: "Mindestens 12 Zeichen."}}}
	}
	return nil
}

// UserFilter selects users for a list.
type UserFilter struct {
	cert.Page
	Role access.Role
	Q    string
}

// Token is an API token; the secret itself is never stored, only its hash.
type Token struct {
	ID         uuid.UUID
	UserID     uuid.UUID
	Name       string
	Hash       string
	Hint       string // the first characters, to recognise a token in a list
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// Session is a browser login.
type Session struct {
	ID         uuid.UUID
	UserID     uuid.UUID
	Hash       string
	CSRF       string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
	RevokedAt  *time.Time
}

// LoginAttempt records one login, for rate limiting.
type LoginAttempt struct {
	ID       uuid.UUID
	At       time.Time
	EmailKey string
	Address  string
	Success  bool
}

// Store is what the account service needs from persistence; pkg/store implements it.
type Store interface {
	cert.TxRunner
	cert.AuditStore
	YouthOffice(ctx context.Context, id uuid.UUID) (cert.YouthOffice, error)
	Kita(ctx context.Context, id uuid.UUID) (cert.Kita, error)

	CreateUser(ctx context.Context, u *User) error
	User(ctx context.Context, id uuid.UUID) (User, error)
	UserByEmail(ctx context.Context, emailKey string) (User, error)
	Users(ctx context.Context, f UserFilter) (cert.List[User], error)
	// UpdateUser stores u if the stored version still is u.Version, then bumps it.
	UpdateUser(ctx context.Context, u *User) error
	CountUsers(ctx context.Context) (int64, error)

	CreateToken(ctx context.Context, t *Token) error
	Token(ctx context.Context, id uuid.UUID) (Token, error)
	TokenByHash(ctx context.Context, hash string) (Token, error)
	Tokens(ctx context.Context, userID uuid.UUID) ([]Token, error)
	// TouchToken sets last_used_at of a token that is not revoked; it never touches
	// revoked_at, so a request racing a revoke cannot bring the token back.
	TouchToken(ctx context.Context, id uuid.UUID, at time.Time) error
	// RevokeToken sets revoked_at of a token that is not yet revoked.
	RevokeToken(ctx context.Context, id uuid.UUID, at time.Time) error

	CreateSession(ctx context.Context, s *Session) error
	SessionByHash(ctx context.Context, hash string) (Session, error)
	// TouchSession sets last_seen_at of a session that is not revoked (see TouchToken).
	TouchSession(ctx context.Context, id uuid.UUID, at time.Time) error
	// RevokeSession sets revoked_at of a session that is not yet revoked.
	RevokeSession(ctx context.Context, id uuid.UUID, at time.Time) error
	// RevokeOtherSessions revokes every open session of a user except keep (uuid.Nil:
	// none kept) and returns how many it revoked.
	RevokeOtherSessions(ctx context.Context, userID, keep uuid.UUID, at time.Time) (int64, error)

	// LockLogin serialises the logins of one account until the transaction ends.
	LockLogin(ctx context.Context, emailKey string) error
	RecordLoginAttempt(ctx context.Context, a LoginAttempt) error
	// LoginFailures counts failed attempts since a time, per e-mail and per address.
	LoginFailures(ctx context.Context, emailKey, address string, since time.Time) (byEmail, byAddress int64, err error)
}
