package cert

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// AuditEntry is one row of the append-only audit trail: who changed what, when, in which
// request, and the changed fields before and after (never secrets).
type AuditEntry struct {
	ID           uuid.UUID
	At           time.Time
	ActorID      *uuid.UUID
	ActorRole    string
	Action       string // create, update, archive, member.add, login, token.issue, …
	ResourceType string // kita, center, user, token, session, …
	ResourceID   string
	RequestID    string
	Before       map[string]any
	After        map[string]any
}

// AuditFilter selects audit entries; zero fields do not filter.
type AuditFilter struct {
	Page
	Q            string // part of the action, the resource id or a recorded value
	ResourceType string
	ResourceID   string
	ActorID      *uuid.UUID
	From, To     *time.Time // half-open: From <= at < To
	// FromDay and ToDay are whole days in the service's time zone: FromDay's start is
	// a From, the end of ToDay a To. AuditTrail.List turns them into From and To.
	FromDay, ToDay *Date
	NewestFirst    bool
}

// AuditAppender appends to the audit trail; every service writes through it.
type AuditAppender interface {
	AppendAudit(ctx context.Context, e *AuditEntry) error
}

// AuditStore appends to and reads the audit trail; it has no way to change a row.
type AuditStore interface {
	AuditAppender
	AuditEntries(ctx context.Context, f AuditFilter) (List[AuditEntry], error)
}

// AuditTrail reads the audit trail.
type AuditTrail struct {
	core
	store AuditStore
}

func newAuditTrail(c core, store AuditStore) *AuditTrail {
	return &AuditTrail{core: c, store: store}
}

// Audit appends an entry for a change made in ctx (actor and request id come from ctx),
// keeping only the fields that differ between before and after.
func Audit(ctx context.Context, store AuditAppender, now time.Time, action, resourceType string, id string, before, after map[string]any) error {
	b, a := diff(before, after)
	e := &AuditEntry{ID: NewID(), At: now.UTC(), Action: action, ResourceType: resourceType, ResourceID: id,
		RequestID: access.RequestID(ctx), Before: b, After: a}
	if p, ok := access.From(ctx); ok {
		e.ActorRole = string(p.Role)
		e.ActorID = userID(p.UserID)
	} else {
		e.ActorRole = "anonymous"
	}
	return store.AppendAudit(ctx, e)
}

// diff keeps the keys whose values differ; a nil side stays nil (create, delete).
func diff(before, after map[string]any) (map[string]any, map[string]any) {
	if before == nil || after == nil {
		return before, after
	}
	b, a := map[string]any{}, map[string]any{}
	for k, v := range after {
		if !reflect.DeepEqual(before[k], v) {
			b[k], a[k] = before[k], v
		}
	}
	for k, v := range before {
		if _, ok := after[k]; !ok {
			b[k] = v
		}
	}
	return b, a
}

// List returns audit entries; only roles with audit.read may.
func (s *AuditTrail) List(ctx context.Context, f AuditFilter) (List[AuditEntry], error) {
	if err := RequireAll(ctx, access.AuditRead); err != nil {
		return List[AuditEntry]{}, err
	}
	if f.FromDay != nil {
		t := f.FromDay.Time(s.loc)
		f.From, f.FromDay = &t, nil
	}
	if f.ToDay != nil {
		t := f.ToDay.AddDays(1).Time(s.loc)
		f.To, f.ToDay = &t, nil
	}
	return s.store.AuditEntries(ctx, f)
}

func strOrNil(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func idOrNil(p *uuid.UUID) any {
	if p == nil {
		return nil
	}
	return p.String()
}

func (o YouthOffice) auditFields() map[string]any {
	return map[string]any{"name": o.Name, "code": o.Code, "region": string(o.Region), "archived": o.Archived()}
}

func (p Provider) auditFields() map[string]any {
	return map[string]any{"name": p.Name, "kind": string(p.Kind), "archived": p.Archived()}
}

func (k Kita) auditFields() map[string]any {
	return map[string]any{"name": k.Name, "provider_id": k.ProviderID.String(), "youth_office_id": k.YouthOfficeID.String(),
		"address.street": k.Address.Street, "address.postal_code": k.Address.PostalCode, "address.city": k.Address.City,
		"district": k.District, "kibiz_id": strOrNil(k.KibizID), "archived": k.Archived()}
}

func (c Center) auditFields() map[string]any {
	m := map[string]any{"kind": string(c.Kind), "name": c.Name, "size_exception_reason": strOrNil(c.SizeExceptionReason), "archived": c.Archived()}
	for _, mem := range c.Members {
		m["members."+mem.KitaID.String()] = string(mem.Role)
	}
	return m
}

// auditFields of a contact name the person but leave out e-mail and phone values: the
// trail says that they changed, not what they are.
func (c Contact) auditFields() map[string]any {
	return map[string]any{"name": c.Name, "email": mask(c.Email), "phone": mask(c.Phone), "function": string(c.Function),
		"salutation": string(c.Salutation), "title": c.Title, "kita_id": idOrNil(c.KitaID), "provider_id": idOrNil(c.ProviderID), "youth_office_id": idOrNil(c.YouthOfficeID),
		"archived": c.Archived()}
}

// maskKey keys the markers of masked values. It is random per process: before and after
// of one entry are compared with the same key, but nobody can test a guess against the
// trail (a plain hash of an e-mail address would be a lookup table).
var maskKey = func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic(err)
	}
	return k
}()

// mask replaces personal contact data with a marker that still changes when the value does.
func mask(s string) string {
	if s == "" {
		return ""
	}
	m := hmac.New(sha256.New, maskKey)
	m.Write([]byte(s))
	return "•••" + hex.EncodeToString(m.Sum(nil))[:8]
}

// userID is the id of the user behind the principal, nil for kitacert itself.
func userID(id uuid.UUID) *uuid.UUID {
	if id == uuid.Nil {
		return nil
	}
	return &id
}
