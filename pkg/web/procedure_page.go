package web

import (
	"net/http"
	"slices"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// procedureView is the procedure page: the facts, the history and the steps the caller
// may take now.
type procedureView struct {
	P          cert.Procedure
	CenterName string
	CenterLink bool     // the caller may open the center page
	Network    bool     // the center is a network: a visit goes to two Kitas
	Sites      []option // the center's active member Kitas (value: Kita id), for the visit
	VisitSites []string // the names of the Kitas of the planned visit
	Assessor   string
	Events     []eventView
	Allowed    []cert.Action
	Failed     *stepFailure // the refused step of the last POST, if any
	// Questionnaire: the page links the procedure's questionnaire.
	Questionnaire bool
	// Returned are the codes of the criteria the assessor returned, which a request for
	// evidence names by itself (only when that step is allowed).
	Returned []string
	// Issued are the quality profiles and the certificate; CanReissue offers a corrected
	// profile to assessors after the decision.
	Issued     []issuedView
	CanReissue bool
}

// procedureOf reads the procedure of the route's :id as the caller may see it; a
// malformed id is "not found".
func (p *Pages) procedureOf(r *request) (cert.Procedure, error) {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return cert.Procedure{}, cert.ErrNotFound
	}
	return p.svc.Procedures.Get(r.ctx(), id)
}

// procedurePage shows one procedure.
func (p *Pages) procedurePage(r *request) error {
	pr, err := p.procedureOf(r)
	if err != nil {
		return err
	}
	return p.renderProcedure(r, http.StatusOK, pr, nil)
}

// renderProcedure builds and renders the procedure page of pr, with the refused step f.
func (p *Pages) renderProcedure(r *request, status int, pr cert.Procedure, f *stepFailure) error {
	v, err := p.procedureView(r, pr)
	if err != nil {
		return err
	}
	v.Failed = f
	title := "Verfahren " + pr.Kind.Label() + " " + pr.Year.String()
	if v.CenterName != "" {
		title += " – " + v.CenterName
	}
	return r.render(status, "procedure", title, v)
}

// procedureView gathers what the procedure page shows of pr.
func (p *Pages) procedureView(r *request, pr cert.Procedure) (procedureView, error) {
	v := procedureView{P: pr, Allowed: p.svc.Procedures.AllowedFor(r.ctx(), pr), Assessor: p.assessorName(r, pr.AssessorID),
		Questionnaire: p.questionnaireLink(r)}
	if p.svc.Evidence != nil && slices.Contains(v.Allowed, cert.ActRequestEvidence) {
		q, err := p.svc.Evidence.Questionnaire(r.ctx(), pr.ID)
		if err != nil {
			return v, err
		}
		for _, it := range q.Returned() {
			v.Returned = append(v.Returned, it.Criterion.Code)
		}
	}
	issued, err := p.issuedOf(r, pr.ID)
	if err != nil {
		return v, err
	}
	v.Issued, v.CanReissue = issued, r.can(access.ProcedureAssess) && (pr.State == cert.StateCertified || pr.State == cert.StateNotCertified)
	names := map[string]string{}
	if c, err := p.svc.Centers.Get(r.ctx(), pr.CenterID); err == nil {
		v.CenterName, v.CenterLink, v.Network = c.Name, true, c.Kind == cert.CenterNetwork
		for _, m := range c.Members {
			if m.Active() {
				names[m.KitaID.String()] = m.KitaName
				v.Sites = append(v.Sites, option{Value: m.KitaID.String(), Label: m.KitaName + " (" + centerRoleLabel(m.Role) + ")"})
			}
		}
	} else if cert.ErrorCode(err) != cert.ENOTFOUND && cert.ErrorCode(err) != cert.EFORBIDDEN {
		return v, err
	}
	for _, id := range pr.VisitSites {
		v.VisitSites = append(v.VisitSites, siteName(names, id.String()))
	}
	events, err := p.svc.Procedures.Events(r.ctx(), pr.ID)
	if err != nil {
		return v, err
	}
	v.Events = make([]eventView, len(events))
	for i, e := range events {
		v.Events[i] = p.eventView(r, e, names)
	}
	return v, nil
}

// assessorName says who assesses: "Sie" for the assessor themselves, the name where the
// caller may read accounts, else that someone is assigned.
func (p *Pages) assessorName(r *request, id *uuid.UUID) string {
	switch {
	case id == nil:
		return "noch nicht zugewiesen"
	case *id == r.who.UserID:
		return "Sie (" + r.me.DisplayName + ")"
	case r.who.Role == access.RoleAdmin:
		if u, err := p.cfg.Accounts.User(r.ctx(), *id); err == nil {
			return u.DisplayName
		}
	}
	return "zugewiesen"
}

// siteName is the name of a Kita of the center, or a neutral text for one that left.
func siteName(names map[string]string, id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return "Kita (nicht mehr Mitglied)"
}
