package httpapi

import (
	"context"
	"net/http"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/upload"
)

// UploadDocument implements api.StrictServerInterface.
func (s *Server) UploadDocument(ctx context.Context, r api.UploadDocumentRequestObject) (api.UploadDocumentResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	f, fields, err := upload.ReadForm(r.Body, ev.Limits().MaxFileBytes, ev.TooLarge)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	in, err := upload.Parse(f, fields)
	if err != nil {
		return nil, err
	}
	d, err := ev.Upload(ctx, r.Id, r.Code, in)
	if err != nil {
		return nil, err
	}
	return api.UploadDocument201JSONResponse(documentOut(d)), nil
}

// DownloadDocument implements api.StrictServerInterface.
func (s *Server) DownloadDocument(ctx context.Context, r api.DownloadDocumentRequestObject) (api.DownloadDocumentResponseObject, error) {
	ev, err := s.evidence()
	if err != nil {
		return nil, err
	}
	d, body, err := ev.OpenDocument(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return download{upload.Download{Body: body, MediaType: d.MediaType, FileName: d.FileName, Size: d.Size, SHA256: d.SHA256}}, nil
}

// download is a document's content as the API's response.
type download struct{ upload.Download }

// VisitDownloadDocumentResponse implements api.DownloadDocumentResponseObject.
func (d download) VisitDownloadDocumentResponse(w http.ResponseWriter) error { return d.Send(w) }
