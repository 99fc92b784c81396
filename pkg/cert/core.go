package cert

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
)

// core is what every service shares: transactions, the audit trail, the clock and the
// time zone in which "today" is computed.
type core struct {
	tx    TxRunner
	log   AuditAppender
	clock Clock
	loc   *time.Location
}

// Today returns the current calendar day in the service's time zone.
func (c *core) Today() Date { return Today(c.clock, c.loc) }

func (c *core) now() time.Time { return c.clock.Now().UTC().Truncate(time.Microsecond) }

// audit records a change in the same transaction.
func (c *core) audit(ctx context.Context, action, resourceType string, id uuid.UUID, before, after map[string]any) error {
	return Audit(ctx, c.log, c.now(), action, resourceType, id.String(), before, after)
}

// errNoChange tells change that the object stays as it is (archiving an archived object).
var errNoChange = errors.New("no change")

// entity is a pointer to a master-data type with an embedded Meta.
type entity[T any] interface {
	*T
	meta() *Meta
}

// op describes one change of a master-data object for change.
type op[T any] struct {
	kind   string // resource type in the audit trail
	action string // audit action: update, archive
	load   func(context.Context, uuid.UUID) (T, error)
	guard  func(ctx context.Context, cur T) error // authorization, before anything else
	mutate func(ctx context.Context, cur T) (T, error)
	save   func(context.Context, *T) error // must fail with ErrStale when the version moved
	fields func(T) map[string]any          // for the audit trail
}

// change loads an object, checks access and the precondition, lets mutate produce the new
// state, saves it and appends the audit entry, all in one transaction.
// Under "If-Match: *" a lost race with another writer is tried again (RetryStale).
func change[T any, P entity[T]](ctx context.Context, s *core, id uuid.UUID, m IfMatch, required bool, o op[T]) (T, error) {
	var out T
	err := RetryStale(m, func() error { return changeOnce[T, P](ctx, s, id, m, required, o, &out) })
	return out, err
}

// changeOnce is one attempt of change.
func changeOnce[T any, P entity[T]](ctx context.Context, s *core, id uuid.UUID, m IfMatch, required bool, o op[T], res *T) error {
	var out T
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		cur, err := o.load(ctx, id)
		if err != nil {
			return err
		}
		if err := o.guard(ctx, cur); err != nil {
			return err
		}
		if err := m.check(P(&cur).meta().Version, required); err != nil {
			return err
		}
		next, err := o.mutate(ctx, cur)
		if errors.Is(err, errNoChange) {
			out = cur
			return nil
		}
		if err != nil {
			return err
		}
		P(&next).meta().UpdatedAt = s.now()
		if err := o.save(ctx, &next); err != nil {
			return err
		}
		out = next
		return s.audit(ctx, o.action, o.kind, id, o.fields(cur), o.fields(next))
	})
	*res = out
	return err
}

// newMeta stamps a new object.
func (s *core) newMeta() Meta {
	now := s.now()
	return Meta{ID: NewID(), Version: 1, CreatedAt: now, UpdatedAt: now}
}

// archive is the mutate step of every archive action.
func (s *core) archive(m *Meta) error {
	if m.Archived() {
		return errNoChange
	}
	now := s.now()
	m.ArchivedAt = &now
	return nil
}

// errArchived refuses changes to archived objects.
func errArchived(what string) error {
	return Errorf(ECONFLICT, "%s ist archiviert und kann nicht mehr geändert werden.", what)
}

// requireActive turns a failed or archived lookup of a referenced object into a field error.
func requireActive(err error, archived bool, field, what string) error {
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return &Error{Code: EINVALID, Message: what + " existiert nicht.", Fields: []FieldError{{field, what + " existiert nicht."}}}
	case err != nil:
		return err
	case archived:
		return &Error{Code: EINVALID, Message: what + " ist archiviert.", Fields: []FieldError{{field, what + " ist archiviert."}}}
	}
	return nil
}

// one is a page of a single item, for "is there any?" questions.
var one = Page{Limit: 1}
