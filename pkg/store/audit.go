package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

type auditRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	At           time.Time `gorm:"autoCreateTime:false"`
	ActorID      *uuid.UUID
	ActorRole    string
	Action       string
	ResourceType string
	ResourceID   string
	RequestID    string
	Changes      string
}

func (auditRow) TableName() string { return "audit_log" }

type auditChanges struct {
	Before map[string]any `json:"before,omitempty"`
	After  map[string]any `json:"after,omitempty"`
}

func (r auditRow) domain() cert.AuditEntry {
	var ch auditChanges
	_ = json.Unmarshal([]byte(r.Changes), &ch)
	return cert.AuditEntry{ID: r.ID, At: r.At.UTC(), ActorID: r.ActorID, ActorRole: r.ActorRole, Action: r.Action,
		ResourceType: r.ResourceType, ResourceID: r.ResourceID, RequestID: r.RequestID, Before: ch.Before, After: ch.After}
}

// AppendAudit implements cert.AuditStore. There is deliberately no update or delete.
func (db *DB) AppendAudit(ctx context.Context, e *cert.AuditEntry) error {
	ch, err := json.Marshal(auditChanges{Before: e.Before, After: e.After})
	if err != nil {
		return err
	}
	r := auditRow{ID: e.ID, At: e.At.UTC(), ActorID: e.ActorID, ActorRole: e.ActorRole, Action: e.Action,
		ResourceType: e.ResourceType, ResourceID: e.ResourceID, RequestID: e.RequestID, Changes: string(ch)}
	return mapError(db.conn(ctx).Create(&r).Error)
}

// AuditEntries implements cert.AuditStore: oldest (or newest) first, keyset-paged by id.
// q compares with LOWER(), which folds only ASCII letters on SQLite.
func (db *DB) AuditEntries(ctx context.Context, f cert.AuditFilter) (cert.List[cert.AuditEntry], error) {
	q := db.conn(ctx).Model(&auditRow{})
	if f.ResourceType != "" {
		q = q.Where("resource_type = ?", f.ResourceType)
	}
	if f.ResourceID != "" {
		q = q.Where("resource_id = ?", f.ResourceID)
	}
	if f.ActorID != nil {
		q = q.Where("actor_id = ?", *f.ActorID)
	}
	if f.From != nil {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("at < ?", f.To.UTC())
	}
	if f.Q != "" {
		like := "%" + likeEscape(strings.ToLower(f.Q)) + "%"
		q = q.Where(`(LOWER(action) LIKE ? ESCAPE '\' OR LOWER(resource_id) LIKE ? ESCAPE '\' OR LOWER(changes) LIKE ? ESCAPE '\')`, like, like, like)
	}
	p := f.Page
	p.IncludeArchived = true // the audit log has no archive column
	p.Descending = f.NewestFirst
	return listRows(q, p, auditRow.domain, func(r auditRow) uuid.UUID { return r.ID })
}
