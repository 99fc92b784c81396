package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// RevokeOtherSessions implements auth.Store: every open session of the user except keep
// (uuid.Nil: none kept) is revoked at at; it returns how many were.
func (db *DB) RevokeOtherSessions(ctx context.Context, userID, keep uuid.UUID, at time.Time) (int64, error) {
	res := db.conn(ctx).Model(&sessionRow{}).Where("user_id = ? AND id <> ? AND revoked_at IS NULL", userID, keep).
		Update("revoked_at", at.UTC())
	return res.RowsAffected, mapError(res.Error)
}
