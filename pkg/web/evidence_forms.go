package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// criterionParams reads the route's procedure :id and criterion :code; the service
// decides whether the code is one of the questionnaire (404 if not).
func criterionParams(r *request) (uuid.UUID, string, error) {
	id, err := procedureParam(r)
	if err != nil {
		return uuid.Nil, "", err
	}
	code := strings.TrimSpace(r.Param("code"))
	if code == "" {
		return uuid.Nil, "", cert.ErrNotFound
	}
	return id, code, nil
}

// answerVersion reads the hidden "version" of an answer or review form: the answer's
// version the person saw, 0 while nothing was stored, sent on as If-Match.
func answerVersion(v string) (cert.IfMatch, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return cert.IfMatch{}, &cert.Error{Code: cert.EINVALID, Message: "Das Formular ist unvollständig. Bitte laden Sie die Seite neu."}
	}
	return cert.Expect(n), nil
}

// answerSave stores the Kita's text for a criterion (Evidence.PutAnswer) at the version
// shown; a change made meanwhile is refused with 409 and the new text.
func (p *Pages) answerSave(r *request) error {
	id, code, err := criterionParams(r)
	if err != nil {
		return err
	}
	ev, err := p.evidence()
	if err != nil {
		return err
	}
	form, _ := r.FormParams()
	m, err := answerVersion(form.Get("version"))
	if err == nil {
		_, err = ev.PutAnswer(r.ctx(), id, code, m, form.Get("text"))
	}
	if err != nil {
		return p.evidenceRefused(r, id, &evidenceFailure{Form: formAnswer, Code: code, Values: form}, err)
	}
	return r.redirect(questionnaireURL(id, "antwort", code), "")
}

// reviewSave records the assessor's review of a criterion (Evidence.Review): accepted,
// or returned with a comment for the Kita.
func (p *Pages) reviewSave(r *request) error {
	id, code, err := criterionParams(r)
	if err != nil {
		return err
	}
	ev, err := p.evidence()
	if err != nil {
		return err
	}
	form, _ := r.FormParams()
	m, err := answerVersion(form.Get("version"))
	if err == nil {
		in := cert.ReviewInput{Status: cert.ReviewStatus(form.Get("status")), Comment: form.Get("comment")}
		_, err = ev.Review(r.ctx(), id, code, m, in)
	}
	if err != nil {
		return p.evidenceRefused(r, id, &evidenceFailure{Form: formReview, Code: code, Values: form}, err)
	}
	return r.redirect(questionnaireURL(id, "geprueft", code), "")
}

// documentDelete deletes a current document with its earlier versions once the box
// "confirm" is ticked (Evidence.DeleteDocument).
func (p *Pages) documentDelete(r *request) error {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return cert.ErrNotFound
	}
	ev, err := p.evidence()
	if err != nil {
		return err
	}
	d, err := ev.Document(r.ctx(), id)
	if err != nil {
		return err
	}
	form, _ := r.FormParams()
	if form.Get("confirm") != "1" {
		err = &cert.Error{Code: cert.EINVALID, Message: "Bitte bestätigen Sie das Löschen.",
			Fields: []cert.FieldError{{Field: "confirm", Message: "Bitte bestätigen Sie, dass das Dokument mit allen Fassungen gelöscht wird."}}}
	} else {
		err = ev.DeleteDocument(r.ctx(), id)
	}
	if err != nil && !errors.As(err, new(*cert.Error)) {
		// The rows go in a transaction, the contents after it: when the document is gone,
		// only a content was left behind, which the orphan sweep removes.
		if _, gone := ev.Document(r.ctx(), id); cert.ErrorCode(gone) == cert.ENOTFOUND {
			p.cfg.Log.WarnContext(r.ctx(), "document deleted, blob left for the orphan sweep", "document_id", id.String(), "error", err.Error())
			err = nil
		}
	}
	if err != nil {
		return p.evidenceRefused(r, d.ProcedureID, &evidenceFailure{Form: formDelete, Code: d.Code, Document: d.ID.String(), Values: form}, err)
	}
	return r.redirect(questionnaireURL(d.ProcedureID, "geloescht", d.Code), "")
}

// evidenceRefused shows the questionnaire again with the refusal err at the form f came
// from; errors that are not about the form (not found, forbidden, outages) are returned.
func (p *Pages) evidenceRefused(r *request, id uuid.UUID, f *evidenceFailure, err error) error {
	st, status, ok := evidenceFormError(err, f.ID())
	if !ok {
		return err
	}
	f.formState = st
	return p.renderQuestionnaire(r, status, id, f)
}

// evidenceFormError turns a service error into what a form of the questionnaire shows
// and the status of the page: 422 for input, 409 for the state or a stale version, 413
// for a file or a procedure over its limit, 415 for a type that is not accepted. The
// summary links to the fields as the form names them (f-PREFIX-FIELD). ok is false for
// errors that are not about the form.
func evidenceFormError(err error, prefix string) (formState, int, bool) {
	var ce *cert.Error
	if !errors.As(err, &ce) {
		return formState{}, 0, false
	}
	st := formState{Errors: map[string]string{}}
	status := http.StatusUnprocessableEntity
	fields := ce.Fields
	switch ce.Code {
	case cert.EINVALID:
	case cert.ECONFLICT:
		status = http.StatusConflict
	case cert.EPRECONDITIONFAILED:
		st.Stale = true
		return st, http.StatusConflict, true
	case cert.ETOOLARGE:
		status = http.StatusRequestEntityTooLarge
		if len(fields) == 0 {
			fields = []cert.FieldError{{Field: "file", Message: ce.Message}}
		}
	case cert.EUNSUPPORTED:
		status = http.StatusUnsupportedMediaType
		if len(fields) == 0 {
			fields = []cert.FieldError{{Field: "file", Message: ce.Message}}
		}
	default:
		return formState{}, 0, false
	}
	for _, fe := range fields {
		if !formFields[fe.Field] {
			// A field the form does not show (version, replaces): the message stands
			// above the form.
			st.Problem = strings.TrimSpace(st.Problem + " " + fe.Message)
			continue
		}
		if _, dup := st.Errors[fe.Field]; !dup {
			st.Errors[fe.Field] = fe.Message
			st.Summary = append(st.Summary, fieldMessage{Field: prefix + "-" + fe.Field, Message: fe.Message})
		}
	}
	if len(fields) == 0 {
		st.Problem = ce.Message
	}
	return st, status, true
}

// formFields are the fields the questionnaire's forms show (and link to from a summary).
var formFields = map[string]bool{"text": true, "file": true, "title": true, "period_from": true, "period_to": true,
	"status": true, "comment": true, "confirm": true}

// uploadValues is a form's values for a refused upload: the text fields read so far.
func uploadValues(fields url.Values) url.Values {
	if fields == nil {
		return url.Values{}
	}
	return fields
}
