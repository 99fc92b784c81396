package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// startRoutes are the pages of the start pages of the roles and what they link to (nominate, search).
func (p *Pages) startRoutes() []route {
	return []route{
		{http.MethodGet, "/search", rule{}, p.search},
		{http.MethodGet, "/procedures/new", rule{need: access.ProcedureNominate}, p.nominatePage},
		{http.MethodPost, "/procedures/new", rule{need: access.ProcedureNominate}, p.nominate},
	}
}
