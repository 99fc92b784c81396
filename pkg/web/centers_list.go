package web

import (
	"net/http"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// centerList is what the list of centers shows: the filters as sent, their choices, one
// page of centers and the paging.
type centerList struct {
	Query        listQuery
	Kind         string
	YouthOffice  string
	Kinds        []option
	YouthOffices []option
	Items        []cert.Center
	Pager        pager
	CanCreate    bool
}

// centers lists the centers the caller may see, filtered by search text, kind and youth
// office; with htmx only the result part is rendered (fragment).
func (p *Pages) centers(r *request) error {
	q := r.listQuery()
	v := centerList{Query: q, Kind: r.QueryParam("art"), YouthOffice: r.QueryParam("jugendamt"), CanCreate: r.can(access.CenterWrite)}
	f := cert.CenterFilter{Page: q.Page, Q: q.Q, Kind: cert.CenterKind(v.Kind)}
	if !cert.CenterKind(v.Kind).Valid() {
		f.Kind, v.Kind = "", ""
	}
	if id, err := uuid.Parse(v.YouthOffice); err == nil {
		f.YouthOfficeID = &id
	} else {
		v.YouthOffice = ""
	}
	list, err := p.svc.Centers.List(r.ctx(), f)
	if err != nil {
		return err
	}
	v.Items = list.Items
	v.Pager = pagerFor("/centers", q, list.NextCursor)
	v.Kinds = append([]option{{"", "Alle Arten"}}, centerKinds...)
	if v.YouthOffices, err = p.centerOfficeOptions(r, "Alle Jugendämter"); err != nil {
		return err
	}
	return r.render(http.StatusOK, "centers", "Familienzentren", v)
}

// centerOfficeOptions are the youth offices the caller may see as choices of a select,
// after a first choice labelled none (value "").
func (p *Pages) centerOfficeOptions(r *request, none string) ([]option, error) {
	list, err := p.svc.YouthOffices.List(r.ctx(), cert.YouthOfficeFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		return nil, err
	}
	out := []option{{"", none}}
	for _, o := range list.Items {
		out = append(out, option{o.ID.String(), o.Name})
	}
	return out, nil
}
