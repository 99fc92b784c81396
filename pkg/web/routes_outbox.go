package web

// outboxRoutes are the pages of notifications and the audit trail.
func (p *Pages) outboxRoutes() []route {
	return nil
}
