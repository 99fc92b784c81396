package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/auth"
)

type tokenRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	UserID     uuid.UUID
	Name       string
	TokenHash  string
	Hint       string
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt  *time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (tokenRow) TableName() string { return "api_tokens" }

func (r tokenRow) domain() auth.Token {
	return auth.Token{ID: r.ID, UserID: r.UserID, Name: r.Name, Hash: r.TokenHash, Hint: r.Hint, CreatedAt: r.CreatedAt.UTC(),
		ExpiresAt: utcPtr(r.ExpiresAt), LastUsedAt: utcPtr(r.LastUsedAt), RevokedAt: utcPtr(r.RevokedAt)}
}

// CreateToken implements auth.Store.
func (db *DB) CreateToken(ctx context.Context, t *auth.Token) error {
	r := tokenRow{ID: t.ID, UserID: t.UserID, Name: t.Name, TokenHash: t.Hash, Hint: t.Hint, CreatedAt: t.CreatedAt.UTC(),
		ExpiresAt: utcPtr(t.ExpiresAt)}
	return mapError(db.conn(ctx).Create(&r).Error)
}

// Token implements auth.Store.
func (db *DB) Token(ctx context.Context, id uuid.UUID) (auth.Token, error) {
	r, err := getRow[tokenRow](ctx, db, id)
	return r.domain(), err
}

// TokenByHash implements auth.Store.
func (db *DB) TokenByHash(ctx context.Context, hash string) (auth.Token, error) {
	var r tokenRow
	err := db.conn(ctx).Where("token_hash = ?", hash).Take(&r).Error
	return r.domain(), mapError(err)
}

// Tokens implements auth.Store: newest first.
func (db *DB) Tokens(ctx context.Context, userID uuid.UUID) ([]auth.Token, error) {
	var rows []tokenRow
	if err := db.conn(ctx).Where("user_id = ?", userID).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	out := make([]auth.Token, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// TouchToken implements auth.Store: last use only, and only while not revoked.
func (db *DB) TouchToken(ctx context.Context, id uuid.UUID, at time.Time) error {
	return mapError(db.conn(ctx).Model(&tokenRow{}).Where("id = ? AND revoked_at IS NULL", id).
		Update("last_used_at", at.UTC()).Error)
}

// RevokeToken implements auth.Store.
func (db *DB) RevokeToken(ctx context.Context, id uuid.UUID, at time.Time) error {
	return mapError(db.conn(ctx).Model(&tokenRow{}).Where("id = ? AND revoked_at IS NULL", id).
		Update("revoked_at", at.UTC()).Error)
}

type sessionRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	UserID     uuid.UUID
	TokenHash  string
	CsrfToken  string
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt  time.Time
	LastSeenAt time.Time
	RevokedAt  *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

// CreateSession implements auth.Store.
func (db *DB) CreateSession(ctx context.Context, s *auth.Session) error {
	r := sessionRow{ID: s.ID, UserID: s.UserID, TokenHash: s.Hash, CsrfToken: s.CSRF, CreatedAt: s.CreatedAt.UTC(),
		ExpiresAt: s.ExpiresAt.UTC(), LastSeenAt: s.LastSeenAt.UTC()}
	return mapError(db.conn(ctx).Create(&r).Error)
}

// SessionByHash implements auth.Store.
func (db *DB) SessionByHash(ctx context.Context, hash string) (auth.Session, error) {
	var r sessionRow
	if err := db.conn(ctx).Where("token_hash = ?", hash).Take(&r).Error; err != nil {
		return auth.Session{}, mapError(err)
	}
	return auth.Session{ID: r.ID, UserID: r.UserID, Hash: r.TokenHash, CSRF: r.CsrfToken, CreatedAt: r.CreatedAt.UTC(),
		ExpiresAt: r.ExpiresAt.UTC(), LastSeenAt: r.LastSeenAt.UTC(), RevokedAt: utcPtr(r.RevokedAt)}, nil
}

// TouchSession implements auth.Store: last request only, and only while not revoked.
func (db *DB) TouchSession(ctx context.Context, id uuid.UUID, at time.Time) error {
	return mapError(db.conn(ctx).Model(&sessionRow{}).Where("id = ? AND revoked_at IS NULL", id).
		Update("last_seen_at", at.UTC()).Error)
}

// RevokeSession implements auth.Store.
func (db *DB) RevokeSession(ctx context.Context, id uuid.UUID, at time.Time) error {
	return mapError(db.conn(ctx).Model(&sessionRow{}).Where("id = ? AND revoked_at IS NULL", id).
		Update("revoked_at", at.UTC()).Error)
}

type loginAttemptRow struct {
	ID       uuid.UUID `gorm:"primaryKey"`
	At       time.Time
	EmailKey string
	Address  string
	Success  bool
}

func (loginAttemptRow) TableName() string { return "login_attempts" }

// LockLogin implements auth.Store: a transaction-scoped advisory lock per account on
// PostgreSQL; SQLite transactions hold the write lock from their start anyway.
func (db *DB) LockLogin(ctx context.Context, emailKey string) error {
	if db.dialect != Postgres {
		return nil
	}
	return mapError(db.conn(ctx).Exec("SELECT pg_advisory_xact_lock(hashtext(?))", "login:"+emailKey).Error)
}

// RecordLoginAttempt implements auth.Store; attempts older than a day are pruned on the way.
func (db *DB) RecordLoginAttempt(ctx context.Context, a auth.LoginAttempt) error {
	r := loginAttemptRow{ID: a.ID, At: a.At.UTC(), EmailKey: a.EmailKey, Address: a.Address, Success: a.Success}
	if err := db.conn(ctx).Create(&r).Error; err != nil {
		return mapError(err)
	}
	return mapError(db.conn(ctx).Where("email_key = ? AND at < ?", a.EmailKey, a.At.UTC().Add(-24*time.Hour)).
		Delete(&loginAttemptRow{}).Error)
}

// LoginFailures implements auth.Store.
func (db *DB) LoginFailures(ctx context.Context, emailKey, address string, since time.Time) (int64, int64, error) {
	var byEmail, byAddr int64
	q := db.conn(ctx).Model(&loginAttemptRow{}).Where("success = ? AND at >= ?", false, since.UTC())
	if err := q.Where("email_key = ?", emailKey).Count(&byEmail).Error; err != nil {
		return 0, 0, mapError(err)
	}
	q = db.conn(ctx).Model(&loginAttemptRow{}).Where("success = ? AND at >= ?", false, since.UTC())
	if err := q.Where("address = ?", address).Count(&byAddr).Error; err != nil {
		return 0, 0, mapError(err)
	}
	return byEmail, byAddr, nil
}

var _ auth.Store = (*DB)(nil)
