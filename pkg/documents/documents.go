// Package documents renders the documents kitacert issues for a procedure, the quality
// profile and the certificate, as PDFs (pkg/pdfdoc) from the domain's ProfileData: it
// says every fact in German, as the pages do.
package documents

import (
	"bytes"
	"fmt"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/pdfdoc"
)

// Renderer implements cert.DocumentRenderer.
type Renderer struct {
	// Issuer names the certification body on the documents.
	Issuer string
	// Awarder says in whose name the seal is awarded.
	Awarder string
}

var _ cert.DocumentRenderer = Renderer{}

// DefaultIssuer and DefaultAwarder are what kitacert prints without other settings.
const (
	DefaultIssuer  = "PädQUIS gGmbH – Zertifizierungsstelle Familienzentrum NRW"
	DefaultAwarder = "im Auftrag des Ministeriums für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration des Landes Nordrhein-Westfalen"
)

// Profile implements cert.DocumentRenderer.
func (r Renderer) Profile(d cert.ProfileData) ([]byte, error) {
	p := pdfdoc.Profile{Title: "Qualitätsprofil", CenterName: d.Center.Name, CenterKind: centerKind(d.Center.Kind),
		CertificationNumber: d.Procedure.CertificationNumber, ProcedureKind: d.Procedure.Kind.Label(),
		KindergartenYear: d.Procedure.Year.String(), CatalogueVersion: d.Catalogue.Version, CatalogueTitle: d.Catalogue.Title,
		Outcome: outcome(d.Procedure.State), DecidedOn: d.Procedure.DecidedOn.German(), Assessor: r.issuer(),
		Remarks: d.Report.Remarks, Recommendations: d.Report.Recommendations, Version: d.Version,
		IssuedOn: d.IssuedOn.German(), Issuer: r.issuer()}
	if d.Procedure.DecidedOn.IsZero() {
		p.DecidedOn = d.IssuedOn.German()
	}
	names := map[string]string{}
	for i, k := range d.Kitas {
		role := ""
		if d.Center.Kind == cert.CenterNetwork && i < len(d.Center.Members) {
			role = d.Center.Members[i].Role.Label()
		}
		p.Kitas = append(p.Kitas, pdfdoc.Kita{Name: k.Name, Address: address(k.Address), Role: role})
		names[k.ID.String()] = k.Name
	}
	for _, f := range d.Report.Findings {
		site := names[f.KitaID.String()]
		if site == "" { // the Kita left the center after the visit
			site = "Einrichtung, die dem Familienzentrum nicht mehr angehört"
		}
		p.VisitFindings = append(p.VisitFindings, pdfdoc.Finding{Site: site, Text: f.Text})
	}
	for _, a := range d.Areas() {
		area := pdfdoc.Area{Code: a.Area.Code, Name: a.Area.Name, Kind: a.Area.Kind.Label(), Points: a.Score.Points,
			MinPoints: a.Area.MinPoints, Met: a.Score.Passed}
		for _, c := range a.Criteria {
			text := c.Text
			if text == "" { // the text is optional in a catalogue file
				text = "(ohne Wortlaut im Katalog " + d.Catalogue.Version + ")"
			}
			area.Criteria = append(area.Criteria, pdfdoc.Criterion{Code: c.Code, Text: text, Level: c.Level.Label(),
				Points: c.Points, Met: c.Finding.Met, Note: c.Finding.Note})
		}
		p.Areas = append(p.Areas, area)
	}
	p.TotalPoints = d.TotalPoints()
	var b bytes.Buffer
	m := pdfdoc.Meta{Title: "Qualitätsprofil – " + d.Center.Name, Subject: subject(d), Author: r.issuer(), Created: d.IssuedAt}
	if err := pdfdoc.RenderProfile(&b, p, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Certificate implements cert.DocumentRenderer.
func (r Renderer) Certificate(d cert.ProfileData) ([]byte, error) {
	if d.Seal == nil {
		return nil, fmt.Errorf("certificate of procedure %s: no seal", d.Procedure.ID)
	}
	c := pdfdoc.Certificate{CenterName: d.Center.Name, CertificationNumber: d.Seal.CertificationNumber,
		ValidFrom: d.Seal.ValidFrom.German(), ValidUntil: d.Seal.ValidUntil.German(), IssuedOn: d.IssuedOn.German(),
		Issuer: r.issuer(), Awarder: r.Awarder}
	if c.Awarder == "" {
		c.Awarder = DefaultAwarder
	}
	for _, k := range d.Kitas {
		c.Kitas = append(c.Kitas, k.Name)
	}
	var b bytes.Buffer
	m := pdfdoc.Meta{Title: "Urkunde Gütesiegel Familienzentrum NRW – " + d.Center.Name, Subject: subject(d), Author: r.issuer(), Created: d.IssuedAt}
	if err := pdfdoc.RenderCertificate(&b, c, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (r Renderer) issuer() string {
	if r.Issuer == "" {
		return DefaultIssuer
	}
	return r.Issuer
}

// subject is the metadata subject of both documents.
func subject(d cert.ProfileData) string {
	s := "Gütesiegel „Familienzentrum NRW“, " + d.Procedure.Kind.Label() + " " + d.Procedure.Year.String()
	if d.Procedure.CertificationNumber != "" {
		s += ", " + d.Procedure.CertificationNumber
	}
	return s
}

func centerKind(k cert.CenterKind) string {
	if k == cert.CenterNetwork {
		return "Verbund-Familienzentrum"
	}
	return "Familienzentrum (Einzeleinrichtung)"
}

func outcome(s cert.State) string {
	if s == cert.StateCertified {
		return "Zertifiziert"
	}
	return "Nicht zertifiziert"
}

func address(a cert.Address) string {
	s := a.Street
	if a.PostalCode != "" || a.City != "" {
		if s != "" {
			s += ", "
		}
		s += a.PostalCode + " " + a.City
	}
	return s
}
