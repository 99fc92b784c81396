package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/schedule"
)

// SweepDone is the bookmark of a seal whose reminder series is over.
var SweepDone = cert.NewDate(2999, time.December, 31)

// SealsToSweep implements schedule.Store: the seals whose bookmark is unset or has come,
// in id order after `after`. With the index on next_reminder_on the cost grows with the
// seals that are due, not with all seals.
func (db *DB) SealsToSweep(ctx context.Context, asOf cert.Date, after uuid.UUID, limit int) ([]schedule.SweepSeal, error) {
	var rows []struct {
		ID                  uuid.UUID
		CenterID            uuid.UUID
		CenterName          string
		CertificationNumber string
		ValidUntil          cert.Date
		SuccessorID         *uuid.UUID
		RevokedOn           cert.Date
		NextReminderOn      cert.Date
	}
	q := db.conn(ctx).Table("seals s").
		Select("s.id, s.center_id, c.name AS center_name, s.certification_number, s.valid_until, s.successor_id, s.revoked_on, s.next_reminder_on").
		Joins("JOIN centers c ON c.id = s.center_id").
		Where("(s.next_reminder_on IS NULL OR s.next_reminder_on <= ?)", asOf).
		Order("s.id").Limit(limit)
	if after != uuid.Nil {
		q = q.Where("s.id > ?", after)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	out := make([]schedule.SweepSeal, len(rows))
	for i, r := range rows {
		out[i] = schedule.SweepSeal{ID: r.ID, CenterID: r.CenterID, CenterName: r.CenterName, CertificationNumber: r.CertificationNumber,
			ValidUntil: r.ValidUntil, HasSuccessor: r.SuccessorID != nil, RevokedOn: r.RevokedOn, NextReminderOn: r.NextReminderOn}
	}
	return out, nil
}

// SetNextReminders implements schedule.Store: one UPDATE per day.
func (db *DB) SetNextReminders(ctx context.Context, byDay map[cert.Date][]uuid.UUID) error {
	for day, ids := range byDay {
		if day.IsZero() {
			day = SweepDone
		}
		for len(ids) > 0 {
			chunk := ids[:min(len(ids), 1000)]
			ids = ids[len(chunk):]
			if err := db.conn(ctx).Table("seals").Where("id IN ?", chunk).Update("next_reminder_on", day).Error; err != nil {
				return mapError(err)
			}
		}
	}
	return nil
}

// ProceduresToSweep implements schedule.Store: open procedures with a deadline near or past.
func (db *DB) ProceduresToSweep(ctx context.Context, asOf cert.Date) ([]schedule.SweepProcedure, error) {
	// The row is a named, embedded field: gorm's Scan ignores an anonymous field of an
	// unexported type and would leave every procedure column zero.
	var rows []struct {
		Row        procedureRow `gorm:"embedded"`
		CenterName string
	}
	soon := asOf.AddDays(notify.EvidenceWarnDays)
	err := db.conn(ctx).Table("procedures p").Select("p.*, c.name AS center_name").
		Joins("JOIN centers c ON c.id = p.center_id").
		Where("p.open = ?", true).
		Where(db.conn(ctx).Where("p.state IN ? AND p.evidence_due_on IS NOT NULL AND p.evidence_due_on <= ?",
			[]string{string(cert.StateRegistered), string(cert.StateEvidenceRequested)}, soon).
			Or("p.state = ? AND p.visit_on >= ? AND p.visit_on <= ?", string(cert.StateVisitScheduled), asOf, asOf.AddDays(notify.VisitWarnDays)).
			Or("p.state = ? AND p.visit_on <= ?", string(cert.StateVisited), asOf.AddDays(-7*notify.DecisionWeeks))).
		Order("p.id").Scan(&rows).Error
	if err != nil {
		return nil, mapError(err)
	}
	out := make([]schedule.SweepProcedure, len(rows))
	for i, r := range rows {
		p := r.Row.domain()
		out[i] = schedule.SweepProcedure{Procedure: p, CenterName: r.CenterName}
	}
	return out, nil
}

// OpenProceduresOf implements schedule.Store: the open procedure of each of the centers
// that has one, in one query.
func (db *DB) OpenProceduresOf(ctx context.Context, centerIDs []uuid.UUID) (map[uuid.UUID]cert.Procedure, error) {
	out := map[uuid.UUID]cert.Procedure{}
	if len(centerIDs) == 0 {
		return out, nil
	}
	var rows []procedureRow
	if err := db.conn(ctx).Where("center_id IN ? AND open = ?", centerIDs, true).Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	for _, r := range rows {
		out[r.CenterID] = r.domain()
	}
	return out, nil
}

// contactRoles maps contact functions to recipient roles.
var contactRoles = map[string]notify.Role{"kita_leader": notify.ToKitaLeader, "provider_contact": notify.ToProviderContact,
	"youth_office_planner": notify.ToYouthOfficePlanner}

// CentersPeople implements schedule.Store: the contacts of the centers' active Kitas, of
// their providers and of their youth offices, and the assessors of their open procedures,
// in three queries whatever the number of centers.
func (db *DB) CentersPeople(ctx context.Context, centerIDs []uuid.UUID) (map[uuid.UUID][]notify.Person, error) {
	out := map[uuid.UUID][]notify.Person{}
	if len(centerIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		CenterID   uuid.UUID
		Name       string
		Email      string
		Function   string
		Salutation string
		Title      string
	}
	const base = `SELECT m.center_id, c.name, c.email, c.function, c.salutation, c.title FROM center_memberships m
		JOIN kitas k ON k.id = m.kita_id JOIN contacts c ON c.archived_at IS NULL AND `
	const where = ` WHERE m.center_id IN ? AND m.left_on IS NULL`
	err := db.conn(ctx).Raw(base+`c.kita_id = k.id`+where+` UNION ALL `+base+`c.provider_id = k.provider_id`+where+
		` UNION ALL `+base+`c.youth_office_id = k.youth_office_id`+where, centerIDs, centerIDs, centerIDs).Scan(&rows).Error
	if err != nil {
		return nil, mapError(err)
	}
	for _, r := range rows {
		if role, ok := contactRoles[r.Function]; ok {
			out[r.CenterID] = append(out[r.CenterID], notify.Person{Role: role, Name: r.Name, Email: r.Email,
				Salutation: r.Salutation, Title: r.Title})
		}
	}
	var assessors []struct {
		CenterID    uuid.UUID
		DisplayName string
		Email       string
	}
	err = db.conn(ctx).Table("users u").Select("p.center_id, u.display_name, u.email").
		Joins("JOIN procedures p ON p.assessor_id = u.id").
		Where("p.center_id IN ? AND p.open = ? AND u.disabled_at IS NULL", centerIDs, true).Scan(&assessors).Error
	for _, a := range assessors {
		out[a.CenterID] = append(out[a.CenterID], notify.Person{Role: notify.ToAssessor, Name: a.DisplayName, Email: a.Email})
	}
	return out, mapError(err)
}

// Coordinators implements schedule.Store: every enabled coordinator account.
func (db *DB) Coordinators(ctx context.Context) ([]notify.Person, error) {
	var rows []struct{ DisplayName, Email string }
	err := db.conn(ctx).Table("users").Select("display_name, email").
		Where("role = ? AND disabled_at IS NULL", string(access.RoleCoordinator)).Order("id").Scan(&rows).Error
	out := make([]notify.Person, len(rows))
	for i, r := range rows {
		out[i] = notify.Person{Role: notify.ToCoordinator, Name: r.DisplayName, Email: r.Email}
	}
	return out, mapError(err)
}

// RecentReminders implements schedule.Store: reminders created in a period, one per
// subject and reminder (whoever received them), for the weekly digest.
func (db *DB) RecentReminders(ctx context.Context, since, until time.Time) ([]notify.Notification, error) {
	var rows []notificationRow
	err := db.conn(ctx).Where("created_at >= ? AND created_at < ? AND status <> ? AND subject_type <> ?",
		since.UTC(), until.UTC(), string(notify.StatusSkipped), "digest").
		Order("subject_type, subject_id, reminder, id").Find(&rows).Error
	if err != nil {
		return nil, mapError(err)
	}
	var out []notify.Notification
	seen := map[string]bool{}
	for _, r := range rows {
		key := r.SubjectType + ":" + strings.ToLower(r.Reminder) + ":" + idString(r.SubjectID)
		if !seen[key] {
			seen[key] = true
			out = append(out, r.domain())
		}
	}
	return out, nil
}

func idString(id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return id.String()
}

// StartSweep implements schedule.Store.
func (db *DB) StartSweep(ctx context.Context, id uuid.UUID, at time.Time, asOf cert.Date) error {
	return mapError(db.conn(ctx).Create(&sweepRunRow{ID: id, StartedAt: at.UTC(), AsOf: asOf}).Error)
}

// FinishSweep implements schedule.Store.
func (db *DB) FinishSweep(ctx context.Context, id uuid.UUID, at time.Time, r schedule.Counts, errText string) error {
	return mapError(db.conn(ctx).Model(&sweepRunRow{}).Where("id = ?", id).Updates(map[string]any{
		"finished_at": at.UTC(), "created": r.Created, "skipped": r.Skipped, "cancelled": r.Cancelled, "opened": r.Opened,
		"error": errText}).Error)
}

// LastSweepSuccess implements schedule.Store: when the last sweep without error finished.
func (db *DB) LastSweepSuccess(ctx context.Context) (time.Time, bool, error) {
	var r sweepRunRow
	err := db.conn(ctx).Where("finished_at IS NOT NULL AND error = ''").Order("finished_at DESC").Take(&r).Error
	if err == gorm.ErrRecordNotFound {
		return time.Time{}, false, nil
	}
	if err != nil || r.FinishedAt == nil {
		return time.Time{}, false, mapError(err)
	}
	return r.FinishedAt.UTC(), true, nil
}

// sweepLockKey is the PostgreSQL advisory lock that lets one replica sweep at a time. It
// is taken together with a hash of the current schema (the two-key form), so that the
// replicas of one installation exclude each other while installations in other schemas of
// the same database (the parallel test suite does this) do not.
const sweepLockKey = 0x6b697461

// WithSweepLock implements schedule.Store: on PostgreSQL it runs fn only if this process
// gets the advisory lock (ran is false when another replica holds it); on SQLite one
// process owns the file and fn always runs.
func (db *DB) WithSweepLock(ctx context.Context, fn func(ctx context.Context) error) (bool, error) {
	if db.dialect != Postgres {
		return true, fn(ctx)
	}
	ran := false
	err := db.gorm.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		var got bool
		if err := conn.Raw("SELECT pg_try_advisory_lock(?, hashtext(current_schema()))", sweepLockKey).Scan(&got).Error; err != nil {
			return err
		}
		if !got {
			return nil
		}
		defer conn.Exec("SELECT pg_advisory_unlock(?, hashtext(current_schema()))", sweepLockKey)
		ran = true
		return fn(ctx)
	})
	return ran, mapError(err)
}
