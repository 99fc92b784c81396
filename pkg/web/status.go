package web

import (
	"net/http"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"

	"github.com/kitacert/kitacert/pkg/cert"
)

// statusView is the "Wo stehen wir?" page of a Kita (templates/pages/status.html); the
// block itself is the partial "status-block", which the center page shows too.
type statusView struct {
	Report cert.StatusReport
	Kita   *cert.Kita // the Kita asked about
	Start  bool       // shown as the Kita leader's start page
	// Questionnaire: the status block links the open procedure's questionnaire.
	Questionnaire bool
}

// questionnaireLink reports whether pages link questionnaires for the caller: the role
// sees some evidence (evidence.exists); the service narrows it per procedure.
func (p *Pages) questionnaireLink(r *request) bool {
	return p.svc.Evidence != nil && r.can(access.EvidenceExists)
}

// kitaStatus shows where a Kita stands (its center's seal, procedure and next step).
func (p *Pages) kitaStatus(r *request) error {
	id, err := centerParamID(r, "id")
	if err != nil {
		return err
	}
	return p.renderKitaStatus(r, id, false)
}

// renderKitaStatus renders the status page of the Kita kitaID; start marks it as the Kita
// leader's start page.
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
	return r.render(http.StatusOK, "status", title, statusView{Report: rep, Kita: &k, Start: start, Questionnaire: p.questionnaireLink(r)})
}
