package httpapi

import (
	"context"

	"github.com/oapi-codegen/nullable"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/notify"
)

func notificationOut(n notify.Notification) api.Notification {
	ek := nullable.NewNullNullable[api.NotificationErrorKindCode]()
	if n.FailureKind != "" {
		ek.Set(api.NotificationErrorKindCode(n.FailureKind))
	}
	return api.Notification{ErrorKind: ek, ReplyCode: n.ReplyCode, Id: n.ID, CreatedAt: n.CreatedAt, Reminder: string(n.Reminder), SubjectType: n.SubjectType,
		SubjectId: nullOf(n.SubjectID), CenterId: nullOf(n.CenterID), DueOn: n.DueOn, Channel: api.NotificationChannel(n.Channel),
		Recipient: n.Recipient, RecipientName: n.RecipientName, RecipientRole: string(n.RecipientRole),
		Status: api.NotificationStatus(n.Status), Attempts: n.Attempts, NextAttemptAt: n.NextAttemptAt, LastError: n.LastError,
		SentAt: nullOf(n.SentAt), MessageId: n.MessageID}
}

// ListNotifications implements api.StrictServerInterface.
func (s *Server) ListNotifications(ctx context.Context, r api.ListNotificationsRequestObject) (api.ListNotificationsResponseObject, error) {
	p, err := page(r.Params.Limit, r.Params.Cursor, nil)
	if err != nil {
		return nil, err
	}
	list, err := s.outbox.List(ctx, notify.Filter{Page: p, Status: notify.Status(deref(r.Params.Status)),
		CenterID: r.Params.CenterId, Reminder: notify.Reminder(deref(r.Params.Reminder)), Q: deref(r.Params.Q)})
	if err != nil {
		return nil, err
	}
	out := api.ListNotifications200JSONResponse{Items: make([]api.Notification, len(list.Items)), NextCursor: cursorOf(list.NextCursor)}
	for i, n := range list.Items {
		out.Items[i] = notificationOut(n)
	}
	return out, nil
}

// RetryNotification implements api.StrictServerInterface.
func (s *Server) RetryNotification(ctx context.Context, r api.RetryNotificationRequestObject) (api.RetryNotificationResponseObject, error) {
	n, err := s.outbox.Retry(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.RetryNotification200JSONResponse(notificationOut(n)), nil
}
