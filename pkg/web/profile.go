package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/cert"
)

// profileView is the quality profile (and, for a certified procedure, the certificate) as
// a page: the same facts as the PDFs, from the same ProfileData.
type profileView struct {
	D         cert.ProfileData
	Network   bool
	Kitas     []profileKita
	Areas     []cert.ProfileArea
	Total     int
	Findings  []reportSite
	Certified bool
}

// profileKita is one Kita of the center.
type profileKita struct {
	Name, Address, Role string
}

// profilePage shows the quality profile of a decided procedure, and the certificate of a
// certified one; it prints like the PDFs (print.css).
func (p *Pages) profilePage(r *request) error {
	pr, err := p.procedureOf(r)
	if err != nil {
		return err
	}
	if p.svc.Issued == nil {
		return cert.ErrNotFound
	}
	d, err := p.svc.Issued.Profile(r.ctx(), pr.ID)
	if cert.ErrorCode(err) == cert.ECONFLICT {
		return cert.NotFound("Das Qualitätsprofil")
	}
	if err != nil {
		return err
	}
	v := profileView{D: d, Network: d.Center.Kind == cert.CenterNetwork, Certified: d.Seal != nil}
	names := map[string]string{}
	for i, k := range d.Kitas {
		role := ""
		if v.Network && i < len(d.Center.Members) {
			role = d.Center.Members[i].Role.Label()
		}
		v.Kitas = append(v.Kitas, profileKita{Name: k.Name, Address: k.Address.Street + ", " + k.Address.PostalCode + " " + k.Address.City, Role: role})
		names[k.ID.String()] = k.Name
	}
	v.Areas = d.Areas()
	v.Total = d.TotalPoints()
	for _, f := range d.Report.Findings {
		v.Findings = append(v.Findings, reportSite{KitaID: f.KitaID, Name: names[f.KitaID.String()], Text: f.Text})
	}
	return r.render(http.StatusOK, "profile", "Qualitätsprofil – "+d.Center.Name, v)
}
