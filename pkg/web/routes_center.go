package web

// centerRoutes are the pages of centers: list, the center page with status, members and history.
func (p *Pages) centerRoutes() []route {
	return nil
}
