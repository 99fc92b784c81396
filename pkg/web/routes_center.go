package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// centerRoutes are the pages of centers: list, the center page with status, members and history.
func (p *Pages) centerRoutes() []route {
	read, write := rule{need: access.CenterRead}, rule{need: access.CenterWrite}
	return []route{
		{http.MethodGet, "/centers", read, p.centers},
		{http.MethodGet, "/centers/new", write, p.newCenter},
		{http.MethodPost, "/centers/new", write, p.createCenter},
		{http.MethodGet, "/centers/:id", read, p.center},
		{http.MethodPost, "/centers/:id", write, p.updateCenter},
		{http.MethodPost, "/centers/:id/archive", write, p.archiveCenter},
		{http.MethodPost, "/centers/:id/members", write, p.addMember},
		{http.MethodPost, "/centers/:id/members/:kita/role", write, p.setMemberRole},
		{http.MethodPost, "/centers/:id/members/:kita/end", write, p.endMember},
	}
}
