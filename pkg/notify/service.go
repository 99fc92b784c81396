package notify

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// Service gives people access to the outbox: coordinators see it and retry failures.
type Service struct {
	Store Store
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
		if a, ok := s.Store.(cert.AuditStore); ok {
			return cert.Audit(ctx, a, s.Clock.Now(), "notification.retry", "notification", id.String(),
				map[string]any{"status": string(before.Status), "attempts": before.Attempts, "last_error": before.LastError},
				map[string]any{"status": string(out.Status), "attempts": out.Attempts, "last_error": out.LastError})
		}
		return nil
	})
	return out, err
}
