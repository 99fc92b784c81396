package web

import (
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/upload"
)

// documentUpload stores an evidence document for a criterion from the upload form
// (multipart/form-data, read as a stream: upload.ReadForm spools the file to a bounded
// temporary file), a new one or, with "replaces", a new version of a current one. A
// refusal shows the questionnaire again with the message at the form: 413 too large, 415
// a type that is not accepted, 409 locked or replaced meanwhile, 422 fields.
func (p *Pages) documentUpload(r *request) error {
	id, code, err := criterionParams(r)
	if err != nil {
		return err
	}
	ev, err := p.evidence()
	if err != nil {
		return err
	}
	f := &evidenceFailure{Form: formUpload, Code: code}
	mr, err := r.multipartBody()
	if err != nil {
		return p.evidenceRefused(r, id, f, &cert.Error{Code: cert.EINVALID, Message: "Bitte senden Sie das Formular mit der gewählten Datei ab.",
			Fields: []cert.FieldError{{Field: "file", Message: "Bitte wählen Sie eine Datei."}}})
	}
	file, fields, err := upload.ReadForm(mr, ev.Limits().MaxFileBytes, ev.TooLarge)
	if err != nil {
		return p.evidenceRefused(r, id, f, err)
	}
	defer func() { _ = file.Close() }()
	f.Values = uploadValues(fields)
	if rep := strings.TrimSpace(fields.Get("replaces")); rep != "" {
		f.Form, f.Document = formReplace, rep
	}
	// Where the browser has no date picker, 31.12.2026 is understood too.
	for _, name := range []string{"period_from", "period_to"} {
		if d, ok := formDate(strings.TrimSpace(fields.Get(name))); ok {
			fields.Set(name, d.String())
		}
	}
	in, err := upload.Parse(file, fields)
	if err == nil {
		_, err = ev.Upload(r.ctx(), id, code, in)
	}
	if err != nil {
		return p.evidenceRefused(r, id, f, err)
	}
	notice := "hochgeladen"
	if in.Replaces != nil {
		notice = "ersetzt"
	}
	return r.redirect(questionnaireURL(id, notice, code), "")
}

// uploadTooLarge answers an upload that the server's body limit refused before any page
// handler ran (its Content-Length is over the limit per file): the questionnaire with the
// message at the criterion's upload form, as for a file found too large while reading
// it. It reports false when that page cannot be shown (then the plain error page is).
func (p *Pages) uploadTooLarge(r *request, detail string) bool {
	if !r.signedIn || r.Request().Method != http.MethodPost || r.Path() != uploadRoute {
		return false
	}
	id, code, err := criterionParams(r)
	if err != nil {
		return false
	}
	f := &evidenceFailure{Form: formUpload, Code: code}
	st, status, ok := evidenceFormError(&cert.Error{Code: cert.ETOOLARGE, Message: detail}, f.ID())
	if !ok {
		return false
	}
	f.formState = st
	// The body was not read: which document a replace was for is not known.
	return p.renderQuestionnaire(r, status, id, f) == nil
}

// documentDownload sends a document's content as an attachment with its type, name and
// length (Evidence.OpenDocument, evidence.read).
func (p *Pages) documentDownload(r *request) error {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return cert.ErrNotFound
	}
	ev, err := p.evidence()
	if err != nil {
		return err
	}
	d, body, err := ev.OpenDocument(r.ctx(), id)
	if err != nil {
		return err
	}
	dl := upload.Download{Body: body, MediaType: d.MediaType, FileName: d.FileName, Size: d.Size, SHA256: d.SHA256}
	if err := dl.Send(r.Response()); err != nil {
		if r.Response().Committed {
			// The client went away, or the store failed midway: the status is sent.
			p.cfg.Log.WarnContext(r.ctx(), "document download broke off", "document_id", id.String(), "error", err.Error())
			return nil
		}
		return err
	}
	return nil
}
