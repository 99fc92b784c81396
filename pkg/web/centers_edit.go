package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/kitacert/kitacert/pkg/cert"
)

// centerForm is the form of a center's own fields.
type centerForm struct {
	Sent                bool // the values are the ones sent, not the stored ones
	Kind                string
	Name                string
	SizeExceptionReason string
	State               formState
}

// readCenterForm reads the center fields of a form.
func readCenterForm(r *request) centerForm {
	return centerForm{Sent: true, Kind: r.FormValue("kind"), Name: r.FormValue("name"), SizeExceptionReason: r.FormValue("size_exception_reason")}
}

// updateCenter saves the center's own fields (name, size exception) at the version shown.
func (p *Pages) updateCenter(r *request) error {
	id, err := centerParamID(r, "id")
	if err != nil {
		return err
	}
	f := centerForms{Edit: readCenterForm(r)}
	setEdit := func(f *centerForms, st formState) { f.Edit.State = st }
	m, err := r.versionOf()
	if err == nil {
		reason := strings.TrimSpace(f.Edit.SizeExceptionReason)
		_, err = p.svc.Centers.Update(r.ctx(), id, m, cert.CenterPatch{Name: &f.Edit.Name,
			SizeExceptionReason: cert.Optional[string]{Set: true, Value: &reason}})
	}
	if err != nil {
		return p.centerRefused(r, id, err, f, setEdit)
	}
	return r.redirect("/centers/"+id.String(), "gespeichert")
}

// newMemberRows is how many member rows the form for a new center offers; more Kitas join
// on the center page afterwards.
const newMemberRows = 5

// newCenterPage is the form for a new center: its fields and up to newMemberRows members.
type newCenterPage struct {
	Form    centerForm
	Members []memberForm
	Kinds   []option
	Roles   []option
	Kitas   []option
	Today   string
	Rules   compositionView // the rules of a network (they name those of a single center too)
}

// newCenter shows the empty form for a new center.
func (p *Pages) newCenter(r *request) error {
	v := newCenterPage{Form: centerForm{Kind: string(cert.CenterNetwork)}, Members: make([]memberForm, newMemberRows)}
	for i := range v.Members {
		v.Members[i].Role = string(cert.RoleMember)
	}
	v.Members[0].Role = string(cert.RoleGrantRecipient)
	return p.renderNewCenter(r, http.StatusOK, v)
}

func (p *Pages) renderNewCenter(r *request, status int, v newCenterPage) error {
	var err error
	if v.Kitas, err = p.joinableKitas(r, cert.Center{}); err != nil {
		return err
	}
	v.Kinds, v.Roles = centerKinds, memberRoles
	v.Rules = compositionRules(cert.Center{Kind: cert.CenterNetwork})
	single := compositionRules(cert.Center{Kind: cert.CenterSingle})
	v.Rules.Counted = append(single.Counted[:1:1], v.Rules.Counted...)
	v.Today = p.svc.Centers.Today().String()
	return r.render(status, "center_new", "Familienzentrum anlegen", v)
}

// createCenter creates a center with the members of the filled rows; the service checks
// the composition. Refused, the form comes back with the messages at the rows.
func (p *Pages) createCenter(r *request) error {
	v := newCenterPage{Form: readCenterForm(r), Members: make([]memberForm, newMemberRows)}
	var members []cert.MemberInput
	var rows []int // the form row of each member sent
	var input cert.Validation
	for i := range v.Members {
		at := fmt.Sprintf("members[%d]", i)
		mf := memberForm{KitaID: r.FormValue(at + ".kita_id"), Role: r.FormValue(at + ".role"), JoinedOn: r.FormValue(at + ".joined_on")}
		v.Members[i] = mf
		if mf.KitaID == "" {
			continue
		}
		in, ok := mf.input(&input, at+".")
		if ok {
			members = append(members, in)
			rows = append(rows, i)
		}
	}
	c := cert.Center{Kind: cert.CenterKind(v.Form.Kind), Name: v.Form.Name}
	if reason := strings.TrimSpace(v.Form.SizeExceptionReason); reason != "" {
		c.SizeExceptionReason = &reason
	}
	err := input.Err()
	if err == nil {
		c, err = p.svc.Centers.Create(r.ctx(), c, members)
	}
	if err != nil {
		err = renumberMembers(err, rows)
		st, ok := formError(err)
		if !ok {
			return err
		}
		v.Form.State = st
		return p.renderNewCenter(r, centerRefusalStatus(err, st), v)
	}
	return r.redirect("/centers/"+c.ID.String(), "angelegt")
}

// renumberMembers names the fields of a refusal by the form rows: the service counts
// only the members sent, rows[i] is the row of its members[i].
func renumberMembers(err error, rows []int) error {
	var ce *cert.Error
	if !errors.As(err, &ce) || len(ce.Fields) == 0 {
		return err
	}
	out := *ce
	out.Fields = make([]cert.FieldError, len(ce.Fields))
	for i, f := range ce.Fields {
		var n int
		var rest string
		if _, serr := fmt.Sscanf(f.Field, "members[%d]%s", &n, &rest); serr == nil && n >= 0 && n < len(rows) {
			f.Field = fmt.Sprintf("members[%d]%s", rows[n], rest)
		}
		out.Fields[i] = f
	}
	return &out
}

// archiveCenter archives the center at the version shown once the box confirming the
// consequences is ticked: every membership ends today and the Kitas leave the coverage of
// the center's seals (Centers.Archive).
func (p *Pages) archiveCenter(r *request) error {
	id, err := centerParamID(r, "id")
	if err != nil {
		return err
	}
	m, err := r.versionOf()
	if err == nil && r.FormValue("confirm") != "1" {
		err = &cert.Error{Code: cert.EINVALID, Message: "Bitte bestätigen Sie das Archivieren.",
			Fields: []cert.FieldError{{Field: "confirm", Message: "Bitte bestätigen Sie, dass alle Mitgliedschaften heute enden."}}}
	}
	if err == nil {
		_, err = p.svc.Centers.Archive(r.ctx(), id, m)
	}
	if err != nil {
		return p.centerRefused(r, id, err, centerForms{}, func(f *centerForms, st formState) { f.Archive = st })
	}
	// The list, not the center page: archived, the center has no members in an Own scope
	// any more, and a youth office would find its page gone.
	return r.redirect("/centers", "archiviert")
}
