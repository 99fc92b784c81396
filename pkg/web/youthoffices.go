package web

import (
	"net/url"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// youthOffices is the youth office (Jugendamt) kind of the master-data pages.
func (p *Pages) youthOffices() masterData[cert.YouthOffice] {
	fields := fieldSet("name", "code", "region")
	form := func() mdPage {
		return mdPage{Fields: fields, Options: map[string][]option{"region": withEmpty("Bitte wählen", regionLabels)}}
	}
	read := func(f url.Values) cert.YouthOfficePatch {
		fp := formParser{form: f}
		patch := cert.YouthOfficePatch{Name: fp.ptr("name"), Code: fp.ptr("code")}
		if s := fp.ptr("region"); s != nil {
			reg := cert.Region(*s)
			patch.Region = &reg
		}
		return patch
	}
	return masterData[cert.YouthOffice]{
		base: "/youth-offices", page: "youth_office", noun: "Neues Jugendamt",
		title: func(o cert.YouthOffice) string { return o.Name },
		meta:  func(o cert.YouthOffice) cert.Meta { return o.Meta },
		get:   p.svc.YouthOffices.Get,
		values: func(o cert.YouthOffice) formValues {
			return formValues{"name": o.Name, "code": o.Code, "region": string(o.Region)}
		},
		detail: func(r *request, o cert.YouthOffice) (mdPage, error) {
			return p.withKitas(r, r.can(access.YouthOfficeWrite), form, cert.KitaFilter{YouthOfficeID: &o.ID})
		},
		blank: func(*request) (mdPage, error) { return form(), nil },
		create: func(r *request, f url.Values) (cert.YouthOffice, error) {
			return p.svc.YouthOffices.Create(r.ctx(), read(f).Apply(cert.YouthOffice{}))
		},
		update: func(r *request, id uuid.UUID, m cert.IfMatch, f url.Values) (cert.YouthOffice, error) {
			return p.svc.YouthOffices.Update(r.ctx(), id, m, read(f))
		},
		archive: func(r *request, id uuid.UUID, m cert.IfMatch) (cert.YouthOffice, error) {
			return p.svc.YouthOffices.Archive(r.ctx(), id, m)
		},
	}
}

// youthOfficeList is GET /youth-offices: the youth offices, filtered by search and region.
func (p *Pages) youthOfficeList(r *request) error {
	q := r.listQuery()
	list, err := p.svc.YouthOffices.List(r.ctx(), cert.YouthOfficeFilter{Page: ordered(q), Q: q.Q, Region: cert.Region(q.Values.Get("region"))})
	if err != nil {
		return err
	}
	l := mdList{Options: map[string][]option{"region": withEmpty("Alle Regionen", regionLabels)}, CanCreate: r.can(access.YouthOfficeWrite),
		NewLabel: "Neues Jugendamt anlegen", Columns: []string{"Name", "Kennziffer", "Landesjugendamt"}, SearchLabel: "Name des Jugendamts", Filters: []mdFilter{{Name: "region", Label: "Landesjugendamt"}}}
	return renderList(r, "youth_offices", "Jugendämter", q, list.Items, list.NextCursor, l)
}
