package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// procedureRoutes are the pages of procedures: list, the procedure page, its steps and the assessment.
func (p *Pages) procedureRoutes() []route {
	read := rule{need: access.ProcedureRead}
	return []route{
		{http.MethodGet, "/procedures", read, p.procedureList},
		{http.MethodGet, "/procedures/:id", read, p.procedurePage},
		// One route for every step: the service checks the right of each action.
		{http.MethodPost, "/procedures/:id/step", rule{}, p.procedureStep},
		{http.MethodGet, "/procedures/:id/assessment", read, p.assessmentPage},
		{http.MethodPost, "/procedures/:id/assessment", rule{need: access.ProcedureAssess}, p.assessmentSave},
	}
}
