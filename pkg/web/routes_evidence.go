package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// uploadRoute is the page's document upload. Its suffix "/criteria/:code/documents" is
// what the server's body limit and upload deadline key on (pkg/httpapi, isUpload), so the
// path must keep it.
const uploadRoute = "/procedures/:id/criteria/:code/documents"

// downloadRoute sends a document's content; it is not compressed (compress).
const downloadRoute = "/documents/:id/download"

// evidenceRoutes are the pages of the questionnaire: the questionnaire with its forms, the
// answer, the documents and the assessor's review. The services check each object.
func (p *Pages) evidenceRoutes() []route {
	return []route{
		{http.MethodGet, "/procedures/:id/questionnaire", rule{need: access.EvidenceExists}, p.questionnairePage},
		{http.MethodPost, "/procedures/:id/criteria/:code/answer", rule{need: access.EvidenceWrite}, p.answerSave},
		{http.MethodPost, uploadRoute, rule{need: access.EvidenceWrite, upload: true}, p.documentUpload},
		{http.MethodPost, "/procedures/:id/criteria/:code/review", rule{need: access.ProcedureAssess}, p.reviewSave},
		{http.MethodGet, downloadRoute, rule{need: access.EvidenceRead}, p.documentDownload},
		{http.MethodPost, "/documents/:id/delete", rule{need: access.EvidenceWrite}, p.documentDelete},
	}
}
