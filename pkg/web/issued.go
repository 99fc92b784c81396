package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/upload"
)

// issuedDownloadRoute sends an issued document (PDF); like the evidence downloads it is
// not compressed.
const issuedDownloadRoute = "/issued-documents/:id/download"

// issuedRoutes are the pages of the certification body's written part: the report and
// the issued documents (quality profile, certificate). The services check each object.
func (p *Pages) issuedRoutes() []route {
	return []route{
		{http.MethodGet, "/procedures/:id/report", rule{need: access.ProcedureRead}, p.reportPage},
		{http.MethodGet, "/procedures/:id/profile", rule{need: access.ProcedureRead}, p.profilePage},
		{http.MethodPost, "/procedures/:id/report", rule{need: access.ProcedureAssess}, p.reportSave},
		{http.MethodPost, "/procedures/:id/issued-documents", rule{need: access.ProcedureAssess}, p.reissue},
		{http.MethodGet, issuedDownloadRoute, rule{need: access.ProcedureRead}, p.issuedDownload},
	}
}

// issuedView is one issued document as the procedure page lists it.
type issuedView struct {
	D     cert.IssuedDocument
	Title string // "Qualitätsprofil, Fassung 2" or "Urkunde"
}

// issuedOf lists a procedure's issued documents for its page; without the Issued service
// (a server that issues none) the list is empty.
func (p *Pages) issuedOf(r *request, id uuid.UUID) ([]issuedView, error) {
	if p.svc.Issued == nil {
		return nil, nil
	}
	docs, err := p.svc.Issued.List(r.ctx(), id)
	if err != nil {
		return nil, err
	}
	out := make([]issuedView, len(docs))
	for i, d := range docs {
		t := d.Kind.Label()
		if d.Kind == cert.IssuedProfile {
			t += ", Fassung " + strconv.Itoa(d.Version)
		}
		out[i] = issuedView{D: d, Title: t}
	}
	return out, nil
}

// reportView is the report page: the text fields and a finding per member Kita.
type reportView struct {
	P          cert.Procedure
	CenterName string
	Report     cert.Report
	Sites      []reportSite
	Editable   bool
	Form       formState
}

// reportSite is one member Kita of the center with its finding.
type reportSite struct {
	KitaID uuid.UUID
	Name   string
	Text   string
}

// reportPage shows the report: a form for assessors while the procedure is assessed.
func (p *Pages) reportPage(r *request) error {
	pr, err := p.procedureOf(r)
	if err != nil {
		return err
	}
	if p.svc.Issued == nil {
		return cert.ErrNotFound
	}
	rep, err := p.svc.Issued.Report(r.ctx(), pr.ID)
	if err != nil {
		return err
	}
	return p.renderReport(r, http.StatusOK, pr, rep, formState{})
}

// reportSave writes the report at the version shown; a change made meanwhile comes back
// with the new values (409), a refused field at its place (422).
func (p *Pages) reportSave(r *request) error {
	pr, err := p.procedureOf(r)
	if err != nil {
		return err
	}
	if p.svc.Issued == nil {
		return cert.ErrNotFound
	}
	m, err := reportVersion(r)
	if err != nil {
		return err
	}
	in := cert.Report{Remarks: r.FormValue("remarks"), Recommendations: r.FormValue("recommendations")}
	form, _ := r.FormParams()
	for key, vals := range form {
		if id, ok := strings.CutPrefix(key, "finding-"); ok && len(vals) > 0 {
			kita, err := uuid.Parse(id)
			if err != nil {
				continue
			}
			in.Findings = append(in.Findings, cert.VisitFinding{KitaID: kita, Text: vals[0]})
		}
	}
	if _, err := p.svc.Issued.PutReport(r.ctx(), pr.ID, m, in); err == nil {
		return r.redirect("/procedures/"+pr.ID.String()+"/report", "gespeichert")
	} else if st, ok := formError(err); ok {
		if st.Stale {
			cur, err := p.svc.Issued.Report(r.ctx(), pr.ID)
			if err != nil {
				return err
			}
			return p.renderReport(r, http.StatusConflict, pr, cur, st)
		}
		in.Version = r.formInt("version")
		return p.renderReport(r, st.formStatus(), pr, in, st)
	} else {
		return err
	}
}

// reportVersion reads the hidden version of the report form (0 before the first save).
func reportVersion(r *request) (cert.IfMatch, error) {
	v := r.FormValue("version")
	if v == "0" {
		return cert.Expect(0), nil
	}
	return r.versionOf()
}

// formInt reads a number field of the form; 0 when it is missing.
func (r *request) formInt(name string) int {
	n, _ := strconv.Atoi(r.FormValue(name))
	return n
}

// renderReport renders the report page for rep.
func (p *Pages) renderReport(r *request, status int, pr cert.Procedure, rep cert.Report, st formState) error {
	v := reportView{P: pr, CenterName: p.centerName(r, pr.CenterID), Report: rep, Form: st,
		Editable: r.can(access.ProcedureAssess) && (pr.State == cert.StateInReview || pr.State == cert.StateVisitScheduled || pr.State == cert.StateVisited)}
	found := map[uuid.UUID]string{}
	for _, f := range rep.Findings {
		found[f.KitaID] = f.Text
	}
	for _, k := range pr.Related.KitaIDs {
		name := ""
		if kita, err := p.svc.Kitas.Get(r.ctx(), k); err == nil {
			name = kita.Name
		}
		v.Sites = append(v.Sites, reportSite{KitaID: k, Name: name, Text: found[k]})
	}
	return r.render(status, "report", "Bericht – "+v.CenterName, v)
}

// reissue issues a corrected quality profile as a new version.
func (p *Pages) reissue(r *request) error {
	pr, err := p.procedureOf(r)
	if err != nil {
		return err
	}
	if p.svc.Issued == nil {
		return cert.ErrNotFound
	}
	if _, err := p.svc.Issued.Reissue(r.ctx(), pr.ID); err != nil {
		return err
	}
	return r.redirect("/procedures/"+pr.ID.String()+"#h-dokumente", "ausgestellt")
}

// issuedDownload sends an issued document as an attachment.
func (p *Pages) issuedDownload(r *request) error {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil || p.svc.Issued == nil {
		return cert.ErrNotFound
	}
	d, number, body, err := p.svc.Issued.Open(r.ctx(), id)
	if err != nil {
		return err
	}
	dl := upload.Download{Body: body, MediaType: d.MediaType, FileName: d.FileName(number), Size: d.Size, SHA256: d.SHA256}
	if err := dl.Send(r.Response()); err != nil && r.Response().Committed {
		p.cfg.Log.WarnContext(r.ctx(), "issued document download broke off", "document_id", id.String(), "error", err.Error())
		return nil
	} else if err != nil {
		return err
	}
	return nil
}
