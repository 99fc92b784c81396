package httpapi

import (
	"context"
	"errors"
	"net/http"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/upload"
)

// issued returns the report and issued documents service, or an internal error when the
// server was built without one (every `serve` has it).
func (s *Server) issued() (*cert.Issued, error) {
	if s.svc.Issued == nil {
		return nil, errors.New("httpapi: the services issue no documents (cert.Services.SetIssuer)")
	}
	return s.svc.Issued, nil
}

// GetReport implements api.StrictServerInterface.
func (s *Server) GetReport(ctx context.Context, r api.GetReportRequestObject) (api.GetReportResponseObject, error) {
	is, err := s.issued()
	if err != nil {
		return nil, err
	}
	rep, err := is.Report(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetReport200JSONResponse{Body: reportOut(rep), Headers: api.GetReport200ResponseHeaders{ETag: etag(rep.Version)}}, nil
}

// PutReport implements api.StrictServerInterface.
func (s *Server) PutReport(ctx context.Context, r api.PutReportRequestObject) (api.PutReportResponseObject, error) {
	is, err := s.issued()
	if err != nil {
		return nil, err
	}
	in := cert.Report{Remarks: deref(r.Body.Remarks), Recommendations: deref(r.Body.Recommendations)}
	if r.Body.VisitFindings != nil {
		for _, f := range *r.Body.VisitFindings {
			in.Findings = append(in.Findings, cert.VisitFinding{KitaID: f.KitaId, Text: f.Text})
		}
	}
	rep, err := is.PutReport(ctx, r.Id, ifMatch(r.Params.IfMatch), in)
	if err != nil {
		return nil, err
	}
	return api.PutReport200JSONResponse{Body: reportOut(rep), Headers: api.PutReport200ResponseHeaders{ETag: etag(rep.Version)}}, nil
}

// ListIssuedDocuments implements api.StrictServerInterface.
func (s *Server) ListIssuedDocuments(ctx context.Context, r api.ListIssuedDocumentsRequestObject) (api.ListIssuedDocumentsResponseObject, error) {
	is, err := s.issued()
	if err != nil {
		return nil, err
	}
	docs, err := is.List(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	out := make([]api.IssuedDocument, len(docs))
	for i, d := range docs {
		out[i] = issuedOut(d)
	}
	return api.ListIssuedDocuments200JSONResponse{Items: out}, nil
}

// ReissueProfile implements api.StrictServerInterface.
func (s *Server) ReissueProfile(ctx context.Context, r api.ReissueProfileRequestObject) (api.ReissueProfileResponseObject, error) {
	is, err := s.issued()
	if err != nil {
		return nil, err
	}
	d, err := is.Reissue(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.ReissueProfile201JSONResponse(issuedOut(d)), nil
}

// DownloadIssuedDocument implements api.StrictServerInterface.
func (s *Server) DownloadIssuedDocument(ctx context.Context, r api.DownloadIssuedDocumentRequestObject) (api.DownloadIssuedDocumentResponseObject, error) {
	is, err := s.issued()
	if err != nil {
		return nil, err
	}
	d, number, body, err := is.Open(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return issuedDownload{upload.Download{Body: body, MediaType: d.MediaType, FileName: d.FileName(number), Size: d.Size, SHA256: d.SHA256}}, nil
}

// issuedDownload is an issued document's content as the API's response.
type issuedDownload struct{ upload.Download }

// VisitDownloadIssuedDocumentResponse implements api.DownloadIssuedDocumentResponseObject.
func (d issuedDownload) VisitDownloadIssuedDocumentResponse(w http.ResponseWriter) error {
	return d.Send(w)
}

// reportOut renders a report.
func reportOut(r cert.Report) api.Report {
	out := api.Report{ProcedureId: r.ProcedureID, Remarks: r.Remarks, Recommendations: r.Recommendations, Version: r.Version,
		VisitFindings: make([]api.VisitFinding, len(r.Findings))}
	if r.Version > 0 {
		t := r.UpdatedAt
		out.UpdatedAt = &t
	}
	for i, f := range r.Findings {
		out.VisitFindings[i] = api.VisitFinding{KitaId: f.KitaID, Text: f.Text}
	}
	return out
}

// issuedOut renders an issued document.
func issuedOut(d cert.IssuedDocument) api.IssuedDocument {
	return api.IssuedDocument{Id: d.ID, ProcedureId: d.ProcedureID, Kind: api.IssuedDocumentKind(d.Kind), Revision: d.Version,
		MediaType: d.MediaType, Size: d.Size, Sha256: d.SHA256, CreatedAt: d.CreatedAt}
}
