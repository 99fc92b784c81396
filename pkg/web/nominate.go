package web

import (
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// nominateForm is what the nomination form sends, as typed.
type nominateForm struct {
	CenterID, Kind, Year, Comment string
}

// nominateView is the nomination form with its choices and the state of the last try.
type nominateView struct {
	Form    nominateForm
	State   formState
	Centers []option
	Kinds   []option
	Years   []option
}

// nominatePage shows the nomination form; ?center= preselects a center.
func (p *Pages) nominatePage(r *request) error {
	f := nominateForm{CenterID: r.QueryParam("center"), Kind: string(cert.KindInitial),
		Year: cert.KindergartenYearOf(p.svc.Today()).String()}
	return p.renderNominate(r, http.StatusOK, f, formState{})
}

// nominate creates the procedure (the service checks the office, the contingent and the
// rules) and goes on to its page; a refusal shows the form again with the reason.
func (p *Pages) nominate(r *request) error {
	f := nominateForm{CenterID: r.FormValue("center_id"), Kind: r.FormValue("kind"), Year: r.FormValue("kindergarten_year"),
		Comment: r.FormValue("comment")}
	in, err := f.parse()
	if err == nil {
		var created cert.Procedure
		if created, err = p.svc.Procedures.Create(r.ctx(), in); err == nil {
			return r.redirect("/procedures/"+created.ID.String(), "angelegt")
		}
	}
	st, ok := formError(err)
	if !ok {
		return err
	}
	return p.renderNominate(r, st.formStatus(), f, st)
}

// parse reads the form into a nomination; what the service checks it leaves to it.
func (f nominateForm) parse() (cert.NewProcedure, error) {
	in := cert.NewProcedure{Kind: cert.ProcedureKind(f.Kind), Comment: strings.TrimSpace(f.Comment)}
	var fields []cert.FieldError
	id, err := uuid.Parse(f.CenterID)
	if err != nil {
		fields = append(fields, cert.FieldError{Field: "center_id", Message: "Bitte wählen Sie ein Familienzentrum."})
	}
	in.CenterID = id
	if in.Year, err = cert.ParseKindergartenYear(f.Year); err != nil {
		fields = append(fields, cert.FieldError{Field: "kindergarten_year", Message: "Bitte wählen Sie ein Kindergartenjahr."})
	}
	if len(fields) > 0 {
		return in, &cert.Error{Code: cert.EINVALID, Message: "Bitte prüfen Sie Ihre Eingaben.", Fields: fields}
	}
	return in, nil
}

// renderNominate shows the form with the centers the caller may see and the kindergarten
// years a nomination can be for (this one and the next).
func (p *Pages) renderNominate(r *request, status int, f nominateForm, st formState) error {
	centers, _, err := collect(func(pg cert.Page) (cert.List[cert.Center], error) {
		return p.svc.Centers.List(r.ctx(), cert.CenterFilter{Page: pg})
	})
	if err != nil {
		return err
	}
	v := nominateView{Form: f, State: st, Centers: []option{{Value: "", Label: "Bitte wählen"}}}
	for _, c := range centers {
		v.Centers = append(v.Centers, option{Value: c.ID.String(), Label: c.Name})
	}
	for _, k := range []cert.ProcedureKind{cert.KindInitial, cert.KindRecertification} {
		v.Kinds = append(v.Kinds, option{Value: string(k), Label: k.Label()})
	}
	year := cert.KindergartenYearOf(p.svc.Today())
	for _, y := range []cert.KindergartenYear{year, year.Next()} {
		v.Years = append(v.Years, option{Value: y.String(), Label: y.String()})
	}
	return r.render(status, "nominate", "Familienzentrum nominieren", v)
}
