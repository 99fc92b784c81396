package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// adminView is the administrator's start page: how many accounts there are, and the way
// to users, the policy table and the audit trail.
type adminView struct {
	Users     int
	UsersMore bool
	CanUsers  bool
	CanAudit  bool
}

// adminStart renders the administrator's start page.
func (p *Pages) adminStart(r *request) error {
	v := adminView{CanUsers: r.can(access.UserManage), CanAudit: r.can(access.AuditRead)}
	if v.CanUsers {
		users, more, err := collect(func(pg cert.Page) (cert.List[auth.User], error) {
			return p.cfg.Accounts.Users(r.ctx(), auth.UserFilter{Page: pg})
		})
		if err != nil {
			return err
		}
		v.Users, v.UsersMore = len(users), more
	}
	return r.render(http.StatusOK, "start_admin", "Start", v)
}
