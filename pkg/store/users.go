package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

type userRow struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	Version       int
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
	Email         string
	EmailKey      string
	DisplayName   string
	Role          string
	YouthOfficeID *uuid.UUID
	KitaID        *uuid.UUID
	PasswordHash  *string
	DisabledAt    *time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) domain() auth.User {
	u := auth.User{ID: r.ID, Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Email: r.Email,
		DisplayName: r.DisplayName, Role: access.Role(r.Role), YouthOfficeID: r.YouthOfficeID, KitaID: r.KitaID,
		DisabledAt: utcPtr(r.DisabledAt)}
	if r.PasswordHash != nil {
		u.PasswordHash = *r.PasswordHash
	}
	return u
}

func userToRow(u auth.User) userRow {
	r := userRow{ID: u.ID, Version: u.Version, CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC(), Email: u.Email,
		EmailKey: auth.EmailKey(u.Email), DisplayName: u.DisplayName, Role: string(u.Role), YouthOfficeID: u.YouthOfficeID,
		KitaID: u.KitaID, DisabledAt: utcPtr(u.DisabledAt)}
	if u.PasswordHash != "" {
		r.PasswordHash = &u.PasswordHash
	}
	return r
}

// CreateUser implements auth.Store.
func (db *DB) CreateUser(ctx context.Context, u *auth.User) error {
	r := userToRow(*u)
	return mapError(db.conn(ctx).Create(&r).Error)
}

// User implements auth.Store.
func (db *DB) User(ctx context.Context, id uuid.UUID) (auth.User, error) {
	r, err := getRow[userRow](ctx, db, id)
	return r.domain(), err
}

// UserByEmail implements auth.Store.
func (db *DB) UserByEmail(ctx context.Context, emailKey string) (auth.User, error) {
	var r userRow
	err := db.conn(ctx).Where("email_key = ?", emailKey).Take(&r).Error
	return r.domain(), mapError(err)
}

// Users implements auth.Store.
func (db *DB) Users(ctx context.Context, f auth.UserFilter) (cert.List[auth.User], error) {
	q := db.conn(ctx).Model(&userRow{})
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.Q != "" {
		q = q.Where(`email_key LIKE ? ESCAPE '\'`, "%"+likeEscape(auth.EmailKey(f.Q))+"%")
	}
	p := f.Page
	p.IncludeArchived = true // users are disabled, not archived
	return listRows(q, p, userRow.domain, func(r userRow) uuid.UUID { return r.ID })
}

// UpdateUser implements auth.Store.
func (db *DB) UpdateUser(ctx context.Context, u *auth.User) error {
	r := userToRow(*u)
	cols := map[string]any{"updated_at": r.UpdatedAt, "display_name": r.DisplayName, "role": r.Role,
		"youth_office_id": r.YouthOfficeID, "kita_id": r.KitaID, "password_hash": r.PasswordHash, "disabled_at": r.DisabledAt}
	if err := updateRow(ctx, db, "users", u.ID, u.Version, cols); err != nil {
		return err
	}
	u.Version++
	return nil
}

// CountUsers implements auth.Store.
func (db *DB) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := db.conn(ctx).Model(&userRow{}).Count(&n).Error
	return n, mapError(err)
}
