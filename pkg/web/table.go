package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// table is every page of kitacert: method, path, who may open it, handler. Object-level
// checks (Own scopes) are the services' own; a page handler never decides access itself.
// docs/ui.md lists the pages; TestPageMatrix checks each against the policy for every role.
func (p *Pages) table() []route {
	public := rule{public: true}
	signedIn := rule{}
	return []route{
		{http.MethodGet, "/login", public, p.loginPage},
		{http.MethodPost, "/login", public, p.login},
		{http.MethodPost, "/logout", signedIn, p.logout},
		{http.MethodGet, "/", signedIn, p.start},
		{http.MethodGet, "/accessibility", public, p.accessibility},
		{http.MethodGet, "/imprint", public, p.imprint},
		{http.MethodGet, "/privacy", public, p.privacy},
		{http.MethodGet, "/kitas/:id/status", rule{need: access.KitaRead}, p.kitaStatus},
	}
}
