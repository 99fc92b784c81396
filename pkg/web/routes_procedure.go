package web

// procedureRoutes are the pages of procedures: list, the procedure page, its steps and the assessment.
func (p *Pages) procedureRoutes() []route {
	return nil
}
