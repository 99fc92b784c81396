package web

// sealRoutes are the pages of seals: list and the seal page with its acts.
func (p *Pages) sealRoutes() []route {
	return nil
}
