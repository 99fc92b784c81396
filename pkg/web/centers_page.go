package web

import (
	"net/http"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// centerPage is the center page: "Wo stehen wir?" on top, then the members, the
// membership history, the seals and procedures, and for CenterWrite roles the forms.
type centerPage struct {
	Center     cert.Center
	Report     cert.StatusReport
	History    []cert.Membership // every membership, the ended ones too, oldest first
	Seals      []centerSealRow
	Procedures []cert.Procedure
	CanWrite   bool // the role may change centers and the center is not archived
	Rules      compositionView
	Forms      centerForms
	Kitas      []option // the Kitas that may join (CanWrite only)
	Roles      []option
	Today      string // YYYY-MM-DD, the default of the date fields
	// Questionnaire: the status block links the open procedure's questionnaire.
	Questionnaire bool
}

// centerSealRow is a seal of the center with its status today.
type centerSealRow struct {
	Seal  cert.Seal
	State cert.SealState
}

// centerForms are the forms of the center page as the last attempt left them: values as
// sent and the service's answer. The zero value shows the center's current values.
type centerForms struct {
	Edit    centerForm
	Add     memberForm
	Row     formState // a member's role change or end of membership was refused
	Archive formState // archiving was refused
	RowKita string    // … the Kita of that row
}

// center shows the center page.
func (p *Pages) center(r *request) error {
	id, err := centerParamID(r, "id")
	if err != nil {
		return err
	}
	return p.renderCenter(r, id, http.StatusOK, centerForms{})
}

// centerParamID reads a uuid path parameter; anything else is "not found".
func centerParamID(r *request, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(r.Param(name))
	if err != nil {
		return uuid.Nil, cert.ErrNotFound
	}
	return id, nil
}

// renderCenter renders the center page with status, the forms as f left them.
func (p *Pages) renderCenter(r *request, id uuid.UUID, status int, f centerForms) error {
	ctx := r.ctx()
	c, history, err := p.svc.Centers.Memberships(ctx, id, true)
	if err != nil {
		return err
	}
	v := centerPage{Center: c, History: history, Forms: f, Roles: memberRoles,
		CanWrite: r.can(access.CenterWrite) && !c.Archived(), Rules: compositionRules(c), Questionnaire: p.questionnaireLink(r)}
	if v.Report, err = p.svc.Status.CenterStatus(ctx, id); err != nil {
		return err
	}
	v.Today = v.Report.AsOf.String()
	if r.can(access.SealRead) {
		seals, err := p.svc.Seals.List(ctx, cert.SealFilter{Page: cert.Page{Limit: cert.MaxLimit}, CenterID: &id})
		if err != nil {
			return err
		}
		for _, s := range seals.Items {
			v.Seals = append(v.Seals, centerSealRow{Seal: s, State: p.svc.Seals.State(s)})
		}
	}
	if r.can(access.ProcedureRead) {
		procs, err := p.svc.Procedures.List(ctx, cert.ProcedureFilter{Page: cert.Page{Limit: cert.MaxLimit}, CenterID: &id})
		if err != nil {
			return err
		}
		v.Procedures = procs.Items
	}
	if !f.Edit.Sent || f.Edit.State.Stale {
		v.Forms.Edit = centerForm{Kind: string(c.Kind), Name: c.Name, SizeExceptionReason: centerText(c.SizeExceptionReason), State: f.Edit.State}
	}
	if v.CanWrite {
		if v.Kitas, err = p.joinableKitas(r, c); err != nil {
			return err
		}
	}
	return r.render(status, "center", c.Name, v)
}

// centerText returns *s, or "" for nil.
func centerText(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// centerRefused shows the center page again after the service refused a form, with its
// German messages (422, or 409 for a rule of the state or a stale version); set puts the
// form state where its form is. Errors that are not about the input are returned.
func (p *Pages) centerRefused(r *request, id uuid.UUID, err error, f centerForms, set func(*centerForms, formState)) error {
	st, ok := formError(err)
	if !ok {
		return err
	}
	set(&f, st)
	return p.renderCenter(r, id, centerRefusalStatus(err, st), f)
}

// centerRefusalStatus is the status of a form shown again: 409 for a conflict with the state
// (such as a composition rule), which formStatus gives only when no field is named, else
// formStatus's answer.
func centerRefusalStatus(err error, st formState) int {
	if cert.ErrorCode(err) == cert.ECONFLICT {
		return http.StatusConflict
	}
	return st.formStatus()
}
