package web

// masterDataRoutes are the pages of Kitas, providers, youth offices and contacts: lists, details, forms.
func (p *Pages) masterDataRoutes() []route {
	return nil
}
