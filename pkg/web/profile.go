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
	Areas     []profileArea
	Total     int
	Findings  []reportSite
	Certified bool
}

// profileKita is one Kita of the center.
type profileKita struct {
	Name, Address, Role string
}

// profileArea is one area with its result and its criteria of the procedure's variant.
type profileArea struct {
	Code, Name, Kind  string
	Points, MinPoints int
	Passed            bool
	Criteria          []profileCriterion
}

// profileCriterion is one criterion with its finding.
type profileCriterion struct {
	Code, Text, Level string
	Points            int
	Met               bool
	Note              string
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
			role = centerRoleLabel(d.Center.Members[i].Role)
		}
		v.Kitas = append(v.Kitas, profileKita{Name: k.Name, Address: k.Address.Street + ", " + k.Address.PostalCode + " " + k.Address.City, Role: role})
		names[k.ID.String()] = k.Name
	}
	met := map[string]cert.AssessmentItem{}
	for _, it := range d.Assessment.Items {
		met[it.Code] = it
	}
	for i, a := range d.Catalogue.Areas {
		area := profileArea{Code: a.Code, Name: a.Name, Kind: "Leistungsbereich", MinPoints: a.MinPoints}
		if a.Kind == cert.AreaStructure {
			area.Kind = "Strukturbereich"
		}
		if i < len(d.Assessment.Score.Areas) {
			area.Points, area.Passed = d.Assessment.Score.Areas[i].Points, d.Assessment.Score.Areas[i].Passed
		}
		for _, c := range a.Criteria {
			if !c.AppliesTo(d.Variant) {
				continue
			}
			level := "Basis"
			if c.Level == cert.LevelAdvanced {
				level = "Aufbau"
			}
			it := met[c.Code]
			area.Criteria = append(area.Criteria, profileCriterion{Code: c.Code, Text: c.Text, Level: level, Points: c.Points, Met: it.Met, Note: it.Note})
		}
		v.Total += area.Points
		v.Areas = append(v.Areas, area)
	}
	for _, f := range d.Report.Findings {
		v.Findings = append(v.Findings, reportSite{KitaID: f.KitaID, Name: names[f.KitaID.String()], Text: f.Text})
	}
	return r.render(http.StatusOK, "profile", "Qualitätsprofil – "+d.Center.Name, v)
}
