package notify

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// ServiceStore is what Service needs: reading notifications, requeueing a failed one and
// recording that in the audit trail, in one transaction.
type ServiceStore interface {
	cert.TxRunner
	cert.AuditAppender
	Notification(ctx context.Context, id uuid.UUID) (Notification, error)
	Notifications(ctx context.Context, f Filter) (cert.List[Notification], error)
	Requeue(ctx context.Context, id uuid.UUID, now time.Time) error
}

// Service gives people access to the outbox: coordinators see it and retry failures.
type Service struct {
	Store ServiceStore
	Clock cert.Clock
}

// List returns notifications, newest last.
func (s *Service) List(ctx context.Context, f Filter) (cert.List[Notification], error) {
	if err := cert.RequireAll(ctx, access.NotificationRead); err != nil {
		return cert.List[Notification]{}, err
	}
	return s.Store.Notifications(ctx, f)
}

// Retry sets a failed notification pending again, to be sent at the next worker run.
func (s *Service) Retry(ctx context.Context, id uuid.UUID) (Notification, error) {
	if err := cert.RequireAll(ctx, access.NotificationRetry); err != nil {
		return Notification{}, err
	}
	var out Notification
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		before, err := s.Store.Notification(ctx, id)
		if err != nil {
			return err
		}
		if err := s.Store.Requeue(ctx, id, s.Clock.Now()); err != nil {
			return err
		}
		if out, err = s.Store.Notification(ctx, id); err != nil {
			return err
		}
		return cert.Audit(ctx, s.Store, s.Clock.Now(), "notification.retry", "notification", id.String(),
			map[string]any{"status": string(before.Status), "attempts": before.Attempts, "last_error": before.LastError},
			map[string]any{"status": string(out.Status), "attempts": out.Attempts, "last_error": out.LastError})
	})
	return out, err
}
