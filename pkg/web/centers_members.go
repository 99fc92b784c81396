package web

import (
	"sort"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// memberForm is one member as a form sends it: Kita, role, joined on (YYYY-MM-DD).
type memberForm struct {
	KitaID, Role, JoinedOn string
	State                  formState
}

// input parses the form's Kita and date; what does not parse is recorded in v under the
// field names prefix+"kita_id" and prefix+"joined_on". The rules are the service's.
func (f memberForm) input(v *cert.Validation, prefix string) (cert.MemberInput, bool) {
	in := cert.MemberInput{Role: cert.MemberRole(f.Role)}
	ok := true
	id, err := uuid.Parse(f.KitaID)
	if err != nil {
		v.Add(prefix+"kita_id", "Bitte wählen Sie eine Kita aus.")
		ok = false
	}
	in.KitaID = id
	if in.JoinedOn, err = centerFormDate(f.JoinedOn); err != nil {
		v.Add(prefix+"joined_on", "Bitte geben Sie das Datum als Tag, Monat und Jahr an.")
		ok = false
	}
	return in, ok
}

// centerFormDate parses a date field (YYYY-MM-DD from <input type="date">); empty is the zero Date.
func centerFormDate(s string) (cert.Date, error) {
	if s == "" {
		return cert.Date{}, nil
	}
	return cert.ParseDate(s)
}

// addMember adds a Kita to the center at the version shown.
func (p *Pages) addMember(r *request) error {
	id, err := centerParamID(r, "id")
	if err != nil {
		return err
	}
	mf := memberForm{KitaID: r.FormValue("kita_id"), Role: r.FormValue("role"), JoinedOn: r.FormValue("joined_on")}
	f := centerForms{Add: mf}
	setAdd := func(f *centerForms, st formState) { f.Add.State = st }
	var v cert.Validation
	in, _ := mf.input(&v, "")
	err = v.Err()
	if err == nil {
		var m cert.IfMatch
		if m, err = r.versionOf(); err == nil {
			_, err = p.svc.Centers.AddMember(r.ctx(), id, m, in)
		}
	}
	if err != nil {
		return p.centerRefused(r, id, err, f, setAdd)
	}
	return r.redirect("/centers/"+id.String(), "gespeichert")
}

// setMemberRole changes a member's role at the version shown.
func (p *Pages) setMemberRole(r *request) error {
	return p.memberAction(r, func(centerID, kitaID uuid.UUID, m cert.IfMatch) error {
		_, err := p.svc.Centers.SetMemberRole(r.ctx(), centerID, kitaID, m, cert.MemberRole(r.FormValue("role")))
		return err
	})
}

// endMember ends a membership on the day sent (empty: today) at the version shown.
func (p *Pages) endMember(r *request) error {
	return p.memberAction(r, func(centerID, kitaID uuid.UUID, m cert.IfMatch) error {
		left, err := centerFormDate(r.FormValue("left_on"))
		if err != nil {
			return &cert.Error{Code: cert.EINVALID, Message: "Das Austrittsdatum ist kein Datum.",
				Fields: []cert.FieldError{{Field: "left_on", Message: "Bitte geben Sie das Datum als Tag, Monat und Jahr an."}}}
		}
		_, err = p.svc.Centers.RemoveMember(r.ctx(), centerID, kitaID, m, left)
		return err
	})
}

// memberAction runs a change of one member (path :id and :kita) and answers it: back to
// the center page, or the page again with the refusal above the members.
func (p *Pages) memberAction(r *request, do func(centerID, kitaID uuid.UUID, m cert.IfMatch) error) error {
	id, err := centerParamID(r, "id")
	if err != nil {
		return err
	}
	kita, err := centerParamID(r, "kita")
	if err != nil {
		return err
	}
	m, err := r.versionOf()
	if err == nil {
		err = do(id, kita, m)
	}
	if err != nil {
		return p.centerRefused(r, id, err, centerForms{RowKita: kita.String()}, func(f *centerForms, st formState) {
			f.Row = memberRowFields(st, kita.String())
		})
	}
	return r.redirect("/centers/"+id.String(), "gespeichert")
}

// memberRowFields points the error summary of a member row's form at the row's own fields
// (role-ID, left_on-ID); messages about the composition point at the rules (members).
func memberRowFields(st formState, kita string) formState {
	for i, f := range st.Summary {
		switch f.Field {
		case "role", "left_on":
			st.Summary[i].Field = f.Field + "-" + kita
		case "kita_id", "version":
			st.Summary[i].Field = "role-" + kita
		default:
			st.Summary[i].Field = "members"
		}
	}
	return st
}

// joinableKitas are the Kitas the caller may see that are in no active center, as choices
// of a select: for a center, those of its members' youth offices (a network is made of
// neighbours); for a new center (no members), all. The service decides whether one may join.
func (p *Pages) joinableKitas(r *request, c cert.Center) ([]option, error) {
	var offices []*uuid.UUID
	seen := map[uuid.UUID]bool{}
	for _, m := range c.Members {
		if !seen[m.KitaYouthOfficeID] {
			seen[m.KitaYouthOfficeID] = true
			office := m.KitaYouthOfficeID
			offices = append(offices, &office)
		}
	}
	if len(c.Members) == 0 {
		offices = []*uuid.UUID{nil}
	}
	all := cert.Page{Limit: cert.MaxLimit}
	taken := map[uuid.UUID]bool{}
	out := []option{{"", "Bitte wählen"}}
	for _, office := range offices {
		centers, err := p.svc.Centers.List(r.ctx(), cert.CenterFilter{Page: all, YouthOfficeID: office})
		if err != nil {
			return nil, err
		}
		for _, c := range centers.Items {
			for _, m := range c.Members {
				taken[m.KitaID] = true
			}
		}
		kitas, err := p.svc.Kitas.List(r.ctx(), cert.KitaFilter{Page: all, YouthOfficeID: office})
		if err != nil {
			return nil, err
		}
		for _, k := range kitas.Items {
			if !taken[k.ID] {
				out = append(out, option{k.ID.String(), k.Name + ", " + k.Address.City})
			}
		}
	}
	sort.SliceStable(out[1:], func(i, j int) bool { return out[1+i].Label < out[1+j].Label })
	return out, nil
}
