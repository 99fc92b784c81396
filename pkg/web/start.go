package web

import (
	"net/http"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
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

// statusView is the "Wo stehen wir?" page of a Kita or a center.
type statusView struct {
	Report    cert.StatusReport
	Kita      *cert.Kita // the Kita asked about (nil: a center's status)
	Start     bool       // shown as the Kita leader's start page
	Allowed   []cert.Action
	Procedure *cert.Procedure
}

// kitaStatus shows where a Kita stands (its center's seal, procedure and next step).
func (p *Pages) kitaStatus(r *request) error {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return cert.ErrNotFound
	}
	return p.renderKitaStatus(r, id, false)
}

func (p *Pages) renderKitaStatus(r *request, kitaID uuid.UUID, start bool) error {
	k, err := p.svc.Kitas.Get(r.ctx(), kitaID)
	if err != nil {
		return err
	}
	rep, err := p.svc.Status.KitaStatus(r.ctx(), kitaID)
	if err != nil {
		return err
	}
	title := "Wo stehen wir? – " + k.Name
	return r.render(http.StatusOK, "status", title, statusView{Report: rep, Kita: &k, Start: start, Allowed: rep.OpenAllowed, Procedure: rep.Open})
}
