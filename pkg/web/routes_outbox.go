package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// outboxRoutes are the pages of notifications and the audit trail.
func (p *Pages) outboxRoutes() []route {
	return []route{
		{http.MethodGet, "/notifications", rule{need: access.NotificationRead}, p.notifications},
		{http.MethodPost, "/notifications/:id/retry", rule{need: access.NotificationRetry}, p.notificationRetry},
		{http.MethodGet, "/audit", rule{need: access.AuditRead}, p.audit},
	}
}
