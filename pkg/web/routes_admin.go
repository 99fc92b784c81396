package web

// adminRoutes are the pages of administration: users, roles and scopes; the policy table.
func (p *Pages) adminRoutes() []route {
	return nil
}
