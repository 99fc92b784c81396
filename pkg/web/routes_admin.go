package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// adminRoutes are the pages of administration: users, roles and scopes (user.manage);
// the policy table, which is no secret, for every signed-in user.
func (p *Pages) adminRoutes() []route {
	manage := rule{need: access.UserManage}
	return []route{
		{http.MethodGet, "/admin/users", manage, p.adminUsers},
		{http.MethodGet, "/admin/users/new", manage, p.newUserPage},
		{http.MethodPost, "/admin/users/new", manage, p.createUser},
		{http.MethodGet, "/admin/users/:id", manage, p.userPage},
		{http.MethodPost, "/admin/users/:id", manage, p.updateUser},
		{http.MethodGet, "/admin/policy", rule{}, p.policyPage},
	}
}
