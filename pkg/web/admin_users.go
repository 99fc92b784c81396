package web

import (
	"net/http"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
)

// adminUsersView is the list of accounts with its filters.
type adminUsersView struct {
	Q, Role string
	Roles   []option
	Rows    []adminUserRow
	Pager   pager
}

// adminUserRow is one account in the list, with the name of its scope.
type adminUserRow struct {
	auth.User
	Scope string
}

// adminUsers lists the accounts, filtered by e-mail address and role, a page at a time.
func (p *Pages) adminUsers(r *request) error {
	q := r.listQuery()
	role := access.Role(q.Values.Get("rolle"))
	if !role.Valid() {
		role = ""
	}
	list, err := p.cfg.Accounts.Users(r.ctx(), auth.UserFilter{Page: q.Page, Q: q.Q, Role: role})
	if err != nil {
		return err
	}
	v := adminUsersView{Q: q.Q, Role: string(role), Roles: roleOptions("Alle Rollen"), Pager: pagerFor("/admin/users", q, list.NextCursor)}
	names := scopeNames{p: p, r: r, known: map[uuid.UUID]string{}}
	for _, u := range list.Items {
		sc, err := names.of(u)
		if err != nil {
			return err
		}
		v.Rows = append(v.Rows, adminUserRow{User: u, Scope: sc})
	}
	return r.render(http.StatusOK, "admin_users", "Benutzer", v)
}

// roleOptions are the roles as choices of a select, after a first choice with value ""
// (none when first is "").
func roleOptions(first string) []option {
	var out []option
	if first != "" {
		out = append(out, option{Value: "", Label: first})
	}
	for _, role := range access.Roles {
		out = append(out, option{Value: string(role), Label: RoleLabels[role]})
	}
	return out
}

// scopeNames names the youth offices and Kitas of a list of users, each looked up once.
type scopeNames struct {
	p     *Pages
	r     *request
	known map[uuid.UUID]string
}

// of returns the name of u's youth office or Kita, "" for roles without one.
func (n scopeNames) of(u auth.User) (string, error) {
	id := u.YouthOfficeID
	if id == nil {
		id = u.KitaID
	}
	if id == nil {
		return "", nil
	}
	if name, ok := n.known[*id]; ok {
		return name, nil
	}
	sc, err := n.p.scopeOf(n.r, u)
	if err != nil {
		return "", err
	}
	n.known[*id] = sc.Name
	return sc.Name, nil
}
