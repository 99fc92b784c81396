package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// stepFailure is a refused step as the procedure page shows it again: at the step's form,
// the reason, the messages by field and the values that were sent.
type stepFailure struct {
	Action cert.Action
	formState
	Values url.Values
}

// Value returns the value sent for a field of the refused step.
func (f *stepFailure) Value(name string) string {
	if f == nil {
		return ""
	}
	return f.Values.Get(name)
}

// Sent reports whether value was among the values sent for a field (checkboxes).
func (f *stepFailure) Sent(name, value string) bool {
	if f == nil {
		return false
	}
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// msgDate is the message for a date the browser or a person sent in a form we cannot read.
const msgDate = "Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ)."

// procedureStep takes one step of the state machine (contracts.md): the service checks
// the right, the version, the state and the fields; a refused step shows the procedure
// page again with the reason at the step's form.
func (p *Pages) procedureStep(r *request) error {
	pr, err := p.procedureOf(r)
	if err != nil {
		return err
	}
	id := pr.ID
	form, _ := r.FormParams()
	in, err := stepInput(form)
	if err == nil {
		var m cert.IfMatch
		if m, err = r.versionOf(); err == nil {
			_, err = p.svc.Procedures.Transition(r.ctx(), id, m, in)
		}
	}
	if err == nil {
		back := strings.TrimSpace(form.Get("back"))
		if back == "" {
			back = "/procedures/" + id.String()
		}
		return r.redirect(localPath(back), "erledigt")
	}
	st, ok := formError(err)
	if !ok {
		return err
	}
	f := &stepFailure{Action: in.Action, formState: stepFields(st), Values: form}
	if st.Stale { // the page shows the procedure as it is now
		if pr, err = p.svc.Procedures.Get(r.ctx(), id); err != nil {
			return err
		}
	}
	return p.renderProcedure(r, st.formStatus(), pr, f)
}

// stepInput reads a step form; dates and Kita ids that do not parse are field errors.
func stepInput(form url.Values) (cert.TransitionInput, error) {
	in := cert.TransitionInput{Action: cert.Action(strings.TrimSpace(form.Get("action"))), Comment: form.Get("comment"),
		Missing: form.Get("missing"), Reason: form.Get("reason")}
	var v cert.Validation
	for _, d := range []struct {
		name string
		to   *cert.Date
	}{{"evidence_due_on", &in.EvidenceDueOn}, {"visit_on", &in.VisitOn}, {"decided_on", &in.DecidedOn}, {"valid_from", &in.ValidFrom}} {
		s := strings.TrimSpace(form.Get(d.name))
		if s == "" {
			continue
		}
		date, ok := formDate(s)
		v.Check(ok, d.name, msgDate)
		*d.to = date
	}
	for _, s := range form["visit_sites"] {
		id, err := uuid.Parse(s)
		v.Check(err == nil, "visit_sites", "Bitte wählen Sie Kitas aus der Liste.")
		in.VisitSites = append(in.VisitSites, id)
	}
	return in, v.Err()
}

// stepFields names the fields of a step's errors as its form does: visit_sites[1] is the
// group of checkboxes visit_sites.
func stepFields(st formState) formState {
	out := formState{Errors: map[string]string{}, Problem: st.Problem, Stale: st.Stale}
	for _, m := range st.Summary {
		name := m.Field
		if i := strings.IndexByte(name, '['); i > 0 {
			name = name[:i]
		}
		if _, dup := out.Errors[name]; dup {
			continue
		}
		out.Errors[name] = m.Message
		out.Summary = append(out.Summary, fieldMessage{Field: name, Message: m.Message})
	}
	return out
}

// formDate reads a date as <input type="date"> sends it (2027-08-01) or as a person types
// it where the browser has no date picker (01.08.2027).
func formDate(s string) (cert.Date, bool) {
	if d, err := cert.ParseDate(s); err == nil {
		return d, true
	}
	t, err := time.Parse("02.01.2006", s)
	if err != nil {
		return cert.Date{}, false
	}
	d, err := cert.ParseDate(t.Format(cert.DateLayout))
	return d, err == nil
}
