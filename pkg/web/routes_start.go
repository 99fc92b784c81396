package web

// startRoutes are the pages of the start pages of the roles and what they link to (nominate, search).
func (p *Pages) startRoutes() []route {
	return nil
}
