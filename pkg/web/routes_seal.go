package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// sealRoutes are the pages of seals: list and the seal page with its acts.
func (p *Pages) sealRoutes() []route {
	return []route{
		{http.MethodGet, "/seals", rule{need: access.SealRead}, p.sealList},
		{http.MethodGet, "/seals/:id", rule{need: access.SealRead}, p.sealPage},
		{http.MethodPost, "/seals/:id/extend", rule{need: access.SealExtend}, p.sealExtend},
		{http.MethodPost, "/seals/:id/revoke", rule{need: access.SealRevoke}, p.sealRevoke},
	}
}
