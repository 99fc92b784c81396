package httpapi

import (
	"context"
	"errors"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

// evidence returns the questionnaire service, or an internal error when the server was
// built without one (every `serve` has it).
func (s *Server) evidence() (*cert.Evidence, error) {
	if s.svc.Evidence == nil {
		return nil, errors.New("httpapi: the services have no evidence store (cert.Services.SetEvidence)")
	}
	return s.svc.Evidence, nil
}

// GetQuestionnaire implements api.StrictServerInterface.
func (s *Server) GetQuestionnaire(ctx context.Context, r api.GetQuestionnaireRequestObject) (api.GetQuestionnaireResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	q, err := ev.Questionnaire(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetQuestionnaire200JSONResponse(questionnaireOut(q)), nil
}

// PutAnswer implements api.StrictServerInterface.
func (s *Server) PutAnswer(ctx context.Context, r api.PutAnswerRequestObject) (api.PutAnswerResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	a, err := ev.PutAnswer(ctx, r.Id, r.Code, ifMatch(r.Params.IfMatch), r.Body.Text)
	if err != nil {
		return nil, err
	}
	return api.PutAnswer200JSONResponse{Body: answerOut(a, true), Headers: api.PutAnswer200ResponseHeaders{ETag: etag(a.Version)}}, nil
}

// PutReview implements api.StrictServerInterface.
func (s *Server) PutReview(ctx context.Context, r api.PutReviewRequestObject) (api.PutReviewResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	a, err := ev.Review(ctx, r.Id, r.Code, ifMatch(r.Params.IfMatch), cert.ReviewInput{Status: cert.ReviewStatus(r.Body.Status), Comment: deref(r.Body.Comment)})
	if err != nil {
		return nil, err
	}
	return api.PutReview200JSONResponse{Body: answerOut(a, true), Headers: api.PutReview200ResponseHeaders{ETag: etag(a.Version)}}, nil
}

// ListCriterionDocuments implements api.StrictServerInterface.
func (s *Server) ListCriterionDocuments(ctx context.Context, r api.ListCriterionDocumentsRequestObject) (api.ListCriterionDocumentsResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	q, err := ev.Questionnaire(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	if !q.ShowContent {
		return nil, cert.ErrForbidden
	}
	for _, it := range q.Items {
		if it.Criterion.Code == r.Code {
			out := append(documentsOut(it.History), documentsOut(it.Documents)...)
			return api.ListCriterionDocuments200JSONResponse{Items: out}, nil
		}
	}
	return nil, cert.NotFound("Das Kriterium " + r.Code + " des Fragebogens")
}

// GetDocument implements api.StrictServerInterface.
func (s *Server) GetDocument(ctx context.Context, r api.GetDocumentRequestObject) (api.GetDocumentResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	d, err := ev.Document(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetDocument200JSONResponse(documentOut(d)), nil
}

// DeleteDocument implements api.StrictServerInterface.
func (s *Server) DeleteDocument(ctx context.Context, r api.DeleteDocumentRequestObject) (api.DeleteDocumentResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	if err := ev.DeleteDocument(ctx, r.Id); err != nil {
		var ce *cert.Error
		if errors.As(err, &ce) {
			return nil, err
		}
		// The rows are gone; a blob left behind is the orphan sweep's.
		s.log.WarnContext(ctx, "document deleted, blob left for the orphan sweep", "document_id", r.Id.String(), "error", err.Error())
	}
	return api.DeleteDocument204Response{}, nil
}

// questionnaireOut renders a questionnaire.
func questionnaireOut(q cert.Questionnaire) api.Questionnaire {
	out := api.Questionnaire{ProcedureId: q.Procedure.ID, Variant: api.QuestionnaireVariant(q.Variant), Content: q.ShowContent,
		Answered: q.Answered(), TotalBytes: q.TotalBytes, Items: make([]api.QuestionnaireItem, len(q.Items)),
		Limits: api.QuestionnaireLimits{MaxFileBytes: q.Limits.MaxFileBytes, MaxTotalBytes: q.Limits.MaxTotalBytes}}
	for i, it := range q.Items {
		item := api.QuestionnaireItem{Code: it.Criterion.Code, AreaCode: it.Area.Code, AreaName: it.Area.Name,
			Level: api.QuestionnaireItemLevel(it.Criterion.Level), Points: it.Criterion.Points, Answer: answerOut(it.Answer, q.ShowContent),
			Editable: it.Editable, Documents: documentsOut(it.Documents), History: documentsOut(it.History)}
		if it.Criterion.Text != "" {
			item.Text = &it.Criterion.Text
		}
		out.Items[i] = item
	}
	return out
}

// answerOut renders an answer; without content, text and comment are left out.
func answerOut(a cert.Answer, content bool) api.Answer {
	st := api.ReviewStatus(a.Status)
	if a.Status == "" {
		st = api.ReviewStatusNone
	}
	out := api.Answer{Code: a.Code, Status: st, Version: a.Version, ReviewedAt: a.ReviewedAt}
	if a.Version > 0 {
		t := a.UpdatedAt
		out.UpdatedAt = &t
	}
	if content {
		out.Text, out.ReviewComment = &a.Text, &a.ReviewComment
	}
	return out
}

// documentsOut renders documents.
func documentsOut(ds []cert.Document) []api.Document {
	out := make([]api.Document, len(ds))
	for i, d := range ds {
		out[i] = documentOut(d)
	}
	return out
}

// documentOut renders a document; the fields a role without evidence.read does not get
// are empty in d and left out.
func documentOut(d cert.Document) api.Document {
	out := api.Document{Id: d.ID, ProcedureId: d.ProcedureID, Code: d.Code, ChainId: d.ChainID, Revision: d.Version,
		Current: d.Current(), SupersededAt: d.SupersededAt, UploadedAt: d.UploadedAt,
		PeriodFrom: datePtr(d.PeriodFrom), PeriodTo: datePtr(d.PeriodTo)}
	if d.BlobKey != "" || d.SHA256 != "" {
		out.Title, out.FileName, out.MediaType, out.Size, out.Sha256 = &d.Title, &d.FileName, &d.MediaType, &d.Size, &d.SHA256
	}
	return out
}

// datePtr is a date or nil for the zero date.
func datePtr(d cert.Date) *cert.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}
