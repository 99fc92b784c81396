package web

import "net/http"

// accountRoutes are the pages of Mein Konto: profile, password, API tokens. Every
// signed-in user has an account; the services keep each to their own.
func (p *Pages) accountRoutes() []route {
	signedIn := rule{}
	return []route{
		{http.MethodGet, "/account", signedIn, p.account},
		{http.MethodPost, "/account/password", signedIn, p.changePassword},
		{http.MethodPost, "/account/tokens", signedIn, p.createToken},
		{http.MethodPost, "/account/tokens/:id/revoke", signedIn, p.revokeToken},
	}
}
