package web

// accountRoutes are the pages of Mein Konto: profile, password, API tokens.
func (p *Pages) accountRoutes() []route {
	return nil
}
