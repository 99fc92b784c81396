package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// table is every page of kitacert: method, path, who may open it, handler. Object-level
// checks (Own scopes) are the services' own; a page handler never decides access itself.
// Each area keeps its rows in a routes_*.go file of its own. docs/ui.md lists the pages;
// TestPageMatrix checks each against the policy for every role.
func (p *Pages) table() []route {
	public := rule{public: true}
	signedIn := rule{}
	rows := []route{
		{http.MethodGet, "/login", public, p.loginPage},
		{http.MethodPost, "/login", public, p.login},
		{http.MethodPost, "/logout", signedIn, p.logout},
		{http.MethodGet, "/", signedIn, p.start},
		{http.MethodGet, "/accessibility", public, p.accessibility},
		{http.MethodGet, "/imprint", public, p.imprint},
		{http.MethodGet, "/privacy", public, p.privacy},
		{http.MethodGet, "/kitas/:id/status", rule{need: access.KitaRead}, p.kitaStatus},
	}
	for _, area := range [][]route{p.accountRoutes(), p.adminRoutes(), p.masterDataRoutes(), p.centerRoutes(),
		p.procedureRoutes(), p.evidenceRoutes(), p.issuedRoutes(), p.sealRoutes(), p.outboxRoutes(), p.startRoutes()} {
		rows = append(rows, area...)
	}
	return rows
}
