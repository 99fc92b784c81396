package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

type notificationRow struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	DedupKey      string
	SubjectType   string
	SubjectID     *uuid.UUID
	CenterID      *uuid.UUID
	Reminder      string
	DueOn         cert.Date
	ValidityEnd   cert.Date
	Channel       string
	Recipient     string
	RecipientName string
	RecipientRole string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LeaseUntil    *time.Time
	LastError     string
	FailureKind   *string // NULL: no failure
	ReplyCode     string
	SentAt        *time.Time
	MessageID     string
	Payload       string
}

func (notificationRow) TableName() string { return "notifications" }

type sweepRunRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	StartedAt  time.Time
	FinishedAt *time.Time
	AsOf       cert.Date
	Created    int
	Skipped    int
	Cancelled  int
	Opened     int
	Error      string
}

func (sweepRunRow) TableName() string { return "sweep_runs" }

func init() { registerRowModels(&notificationRow{}, &sweepRunRow{}) }

func notificationToRow(n notify.Notification) notificationRow {
	payload := []byte("{}")
	if n.Payload != nil {
		if b, err := json.Marshal(n.Payload); err == nil { // a payload is plain data: it always marshals
			payload = b
		}
	}
	return notificationRow{ID: n.ID, CreatedAt: n.CreatedAt.UTC(), DedupKey: n.DedupKey, SubjectType: n.SubjectType,
		SubjectID: n.SubjectID, CenterID: n.CenterID, Reminder: string(n.Reminder), DueOn: n.DueOn, ValidityEnd: n.ValidityEnd,
		Channel: string(n.Channel), Recipient: n.Recipient, RecipientName: n.RecipientName, RecipientRole: string(n.RecipientRole),
		Status: string(n.Status), Attempts: n.Attempts, NextAttemptAt: n.NextAttemptAt.UTC(), LeaseUntil: utcPtr(n.LeaseUntil),
		LastError: n.LastError, FailureKind: failureKindCol(n.FailureKind), ReplyCode: n.ReplyCode,
		SentAt: utcPtr(n.SentAt), MessageID: n.MessageID, Payload: string(payload)}
}

func (r notificationRow) domain() notify.Notification {
	payload, err := notify.DecodePayload(r.SubjectType, []byte(r.Payload))
	if err != nil { // rendering it fails and says why; the row stays readable
		payload = notify.UnreadablePayload{Kind: r.SubjectType, Err: err.Error()}
	}
	return notify.Notification{ID: r.ID, CreatedAt: r.CreatedAt.UTC(), DedupKey: r.DedupKey, SubjectType: r.SubjectType,
		SubjectID: r.SubjectID, CenterID: r.CenterID, Reminder: notify.Reminder(r.Reminder), DueOn: r.DueOn, ValidityEnd: r.ValidityEnd,
		Channel: notify.Channel(r.Channel), Recipient: r.Recipient, RecipientName: r.RecipientName, RecipientRole: notify.Role(r.RecipientRole),
		Status: notify.Status(r.Status), Attempts: r.Attempts, NextAttemptAt: r.NextAttemptAt.UTC(), LeaseUntil: utcPtr(r.LeaseUntil),
		LastError: r.LastError, FailureKind: failureKindOf(r.FailureKind), ReplyCode: r.ReplyCode,
		SentAt: utcPtr(r.SentAt), MessageID: r.MessageID, Payload: payload}
}

// failureKindOf reads the failure_kind column.
func failureKindOf(col *string) notify.FailureKind {
	if col == nil {
		return ""
	}
	return notify.FailureKind(*col)
}

// failureKindCol is the failure_kind column of a kind: NULL for none.
func failureKindCol(k notify.FailureKind) *string {
	if k == "" {
		return nil
	}
	s := string(k)
	return &s
}

// InsertNotifications implements notify.Store: INSERT … ON CONFLICT (dedup_key) DO NOTHING.
func (db *DB) InsertNotifications(ctx context.Context, ns []notify.Notification) (int, error) {
	if len(ns) == 0 {
		return 0, nil
	}
	rows := make([]notificationRow, len(ns))
	for i, n := range ns {
		rows[i] = notificationToRow(n)
	}
	res := db.conn(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedup_key"}}, DoNothing: true}).
		CreateInBatches(&rows, 500)
	return int(res.RowsAffected), mapError(res.Error)
}

// CancelPending implements notify.Store.
func (db *DB) CancelPending(ctx context.Context, subjectType string, subjectID uuid.UUID, keep []notify.Reminder) (int, error) {
	q := db.conn(ctx).Model(&notificationRow{}).Where("subject_type = ? AND subject_id = ? AND status = ?", subjectType, subjectID, string(notify.StatusPending))
	if len(keep) > 0 {
		ks := make([]string, len(keep))
		for i, k := range keep {
			ks[i] = string(k)
		}
		q = q.Where("reminder NOT IN ?", ks)
	}
	res := q.Updates(map[string]any{"status": string(notify.StatusCancelled), "lease_until": nil})
	return int(res.RowsAffected), mapError(res.Error)
}

// CancelSealReminders implements cert.ReminderCanceller.
func (db *DB) CancelSealReminders(ctx context.Context, sealID uuid.UUID) (int, error) {
	return db.CancelPending(ctx, "seal", sealID, nil)
}

// RenewLease implements notify.Store.
func (db *DB) RenewLease(ctx context.Context, ids []uuid.UUID, now time.Time, lease time.Duration) ([]uuid.UUID, error) {
	var held []uuid.UUID
	if len(ids) == 0 {
		return nil, nil
	}
	err := db.InTx(ctx, func(ctx context.Context) error {
		q := db.conn(ctx).Model(&notificationRow{}).Where("id IN ? AND status = ? AND lease_until > ?",
			ids, string(notify.StatusPending), now.UTC())
		if db.dialect == Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.Order("id").Pluck("id", &held).Error; err != nil {
			return err
		}
		if len(held) == 0 {
			return nil
		}
		until := now.UTC().Add(lease)
		return db.conn(ctx).Model(&notificationRow{}).Where("id IN ?", held).Update("lease_until", until).Error
	})
	return held, mapError(err)
}

// ClaimDue implements notify.Store. PostgreSQL takes the rows FOR UPDATE SKIP LOCKED, so
// concurrent workers never pick the same row; SQLite serialises write transactions.
func (db *DB) ClaimDue(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]notify.Notification, error) {
	var out []notify.Notification
	err := db.InTx(ctx, func(ctx context.Context) error {
		q := db.conn(ctx).Where("status = ? AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)",
			string(notify.StatusPending), now.UTC(), now.UTC()).Order("next_attempt_at, id").Limit(limit)
		if db.dialect == Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		var rows []notificationRow
		if err := q.Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		ids := make([]uuid.UUID, len(rows))
		until := now.UTC().Add(lease)
		for i := range rows {
			ids[i] = rows[i].ID
			rows[i].LeaseUntil = &until
			out = append(out, rows[i].domain())
		}
		return db.conn(ctx).Model(&notificationRow{}).Where("id IN ?", ids).Update("lease_until", until).Error
	})
	return out, mapError(err)
}

// MarkSent implements notify.Store.
func (db *DB) MarkSent(ctx context.Context, id uuid.UUID, at time.Time, messageID string) error {
	return db.setNotification(ctx, id, map[string]any{"status": string(notify.StatusSent), "sent_at": at.UTC(),
		"message_id": messageID, "lease_until": nil, "last_error": "", "failure_kind": nil, "reply_code": "",
		"attempts": gorm.Expr("attempts + 1")})
}

// MarkRetry implements notify.Store.
func (db *DB) MarkRetry(ctx context.Context, id uuid.UUID, attempts int, next time.Time, f notify.Failure) error {
	return db.setNotification(ctx, id, map[string]any{"attempts": attempts, "next_attempt_at": next.UTC(),
		"lease_until": nil, "last_error": f.Text, "failure_kind": failureKindCol(f.Kind), "reply_code": f.Code})
}

// MarkFailed implements notify.Store.
func (db *DB) MarkFailed(ctx context.Context, id uuid.UUID, attempts int, f notify.Failure) error {
	return db.setNotification(ctx, id, map[string]any{"status": string(notify.StatusFailed), "attempts": attempts,
		"lease_until": nil, "last_error": f.Text, "failure_kind": failureKindCol(f.Kind), "reply_code": f.Code})
}

func (db *DB) setNotification(ctx context.Context, id uuid.UUID, cols map[string]any) error {
	res := db.conn(ctx).Model(&notificationRow{}).Where("id = ?", id).Updates(cols)
	if res.Error == nil && res.RowsAffected == 0 {
		return cert.ErrNotFound
	}
	return mapError(res.Error)
}

// Notification implements notify.Store.
func (db *DB) Notification(ctx context.Context, id uuid.UUID) (notify.Notification, error) {
	r, err := getRow[notificationRow](ctx, db, id)
	return r.domain(), err
}

// Notifications implements notify.Store.
func (db *DB) Notifications(ctx context.Context, f notify.Filter) (cert.List[notify.Notification], error) {
	q := db.conn(ctx).Model(&notificationRow{})
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if f.CenterID != nil {
		q = q.Where("center_id = ?", *f.CenterID)
	}
	if f.Reminder != "" {
		q = q.Where("reminder = ?", string(f.Reminder))
	}
	if f.Q != "" {
		cond, args := searchCond("search_name", f.Q)
		raw := "%" + likeEscape(strings.TrimSpace(f.Q)) + "%"
		like := strings.ToLower(raw)
		q = q.Where(`(center_id IN (?) OR LOWER(recipient) LIKE ? ESCAPE '\' OR LOWER(recipient_name) LIKE ? ESCAPE '\' OR recipient_name LIKE ? ESCAPE '\')`,
			db.conn(ctx).Model(&centerRow{}).Select("id").Where(cond, args...), like, like, raw)
	}
	p := f.Page
	p.IncludeArchived = true
	return listRows(q, p, notificationRow.domain, func(r notificationRow) uuid.UUID { return r.ID })
}

// Requeue implements notify.Store.
func (db *DB) Requeue(ctx context.Context, id uuid.UUID, now time.Time) error {
	res := db.conn(ctx).Model(&notificationRow{}).Where("id = ? AND status = ?", id, string(notify.StatusFailed)).
		Updates(map[string]any{"status": string(notify.StatusPending), "attempts": 0, "next_attempt_at": now.UTC(), "lease_until": nil})
	if res.Error != nil {
		return mapError(res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := db.Notification(ctx, id); err != nil {
			return err
		}
		return cert.Errorf(cert.ECONFLICT, "Nur fehlgeschlagene Benachrichtigungen können erneut versendet werden.")
	}
	return nil
}

// CountByStatus implements notify.Store.
func (db *DB) CountByStatus(ctx context.Context) (map[notify.Status]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	if err := db.conn(ctx).Model(&notificationRow{}).Select("status, COUNT(*) AS n").Group("status").Scan(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	out := map[notify.Status]int64{}
	for _, r := range rows {
		out[notify.Status(r.Status)] = r.N
	}
	return out, nil
}

var _ notify.Store = (*DB)(nil)

// CancelProcedureReminders implements cert.ProcedureReminderCanceller.
func (db *DB) CancelProcedureReminders(ctx context.Context, procedureID uuid.UUID) (int, error) {
	return db.CancelPending(ctx, "procedure", procedureID, nil)
}
