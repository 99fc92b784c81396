package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// start is the start page of each role. Each role's page is a handler of its own; a role
// without one sees the common start page with its navigation.
func (p *Pages) start(r *request) error {
	switch r.who.Role {
	case access.RoleKitaLeader:
		if r.who.KitaID != nil {
			return p.renderKitaStatus(r, *r.who.KitaID, true)
		}
	case access.RoleCoordinator:
		return p.coordinatorStart(r)
	case access.RoleAssessor:
		return p.assessorStart(r)
	case access.RoleYouthOffice:
		return p.youthOfficeStart(r)
	case access.RoleAdmin:
		return p.adminStart(r)
	}
	return r.render(http.StatusOK, "start", "Start", nil)
}
