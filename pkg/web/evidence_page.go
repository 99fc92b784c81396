package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/filetype"
)

// uploadScript is the progressive enhancement of the upload forms (static/upload.js):
// drag and drop and a progress bar; the forms work without it.
const uploadScript = AssetsPrefix + "app/upload.js"

// questionnaireView is the questionnaire page of a procedure: its criteria by area, each
// with answer, documents and review, and the forms the viewer may use now.
type questionnaireView struct {
	P          cert.Procedure
	CenterName string
	Content    bool // the viewer reads answers and documents (evidence.read); else statuses and counts only
	Areas      []questionArea
	Answered   int
	Total      int
	Used       string // stored bytes of the procedure, "1,2 MB"
	Limit      string // the most a procedure may store
	FileLimit  string // the most one file may have
	FileMax    int64
	TooLarge   string // the service's refusal of a file over FileLimit, for the browser's own check
	Accept     string // the file input's accept list
	Types      string // "PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS"
	Editable   bool   // some criterion may change now: the upload forms are there
	Reviewable bool   // the viewer reviews the criteria now
	Returned   []questionItem
	Failed     *evidenceFailure // the refused form of the last POST, if any
}

// questionArea is one area of the catalogue with its criteria of the questionnaire.
type questionArea struct {
	Code, Name string
	Items      []questionItem
}

// questionItem is one criterion as the page shows it.
type questionItem struct {
	cert.QuestionItem
	Anchor    string // the id of its section: k-CODE
	Documents []documentView
	// The refused form of the last POST, at the form it came from; Note when that form
	// is not shown any more (the criterion locked meanwhile).
	AnswerFail, UploadFail, ReviewFail, Note *evidenceFailure
}

// documentView is a current document with the refused form of the last POST on it.
type documentView struct {
	cert.Document
	ReplaceFail, DeleteFail *evidenceFailure
}

// The forms of the questionnaire page, as an evidenceFailure names them.
const (
	formAnswer  = "answer"
	formUpload  = "upload"
	formReplace = "replace"
	formReview  = "review"
	formDelete  = "delete"
)

// evidenceFailure is a refused form of the questionnaire page shown again: which form of
// which criterion (and document), the messages and the values sent.
type evidenceFailure struct {
	Form     string
	Code     string
	Document string // the document of a replace or delete form
	formState
	Values url.Values
	At     string // the id of the element that shows it (the form, else the criterion; "": only the top of the page)
}

// ID is the prefix of the form's field ids: f-ID-FIELD.
func (f *evidenceFailure) ID() string { return formFieldPrefix(f.Form, f.Code, f.Document) }

// Anchor is the id of the form on the page.
func (f *evidenceFailure) Anchor() string { return formAnchor(f.Form, f.Code, f.Document) }

// Value returns the value sent for a field.
func (f *evidenceFailure) Value(name string) string {
	if f == nil {
		return ""
	}
	return f.Values.Get(name)
}

// Error returns the message at a field.
func (f *evidenceFailure) Error(name string) string {
	if f == nil {
		return ""
	}
	return f.Errors[name]
}

// moveTo shows the failure at another form of its criterion: the summary's links follow.
func (f *evidenceFailure) moveTo(form string) {
	from := f.ID()
	f.Form, f.Document = form, ""
	for i, m := range f.Summary {
		if rest, ok := strings.CutPrefix(m.Field, from); ok {
			f.Summary[i].Field = f.ID() + rest
		}
	}
}

// formFieldPrefix is what the ids of a form's fields start with after "f-": the form and
// the criterion, or the document for a replace or delete form.
func formFieldPrefix(form, code, doc string) string {
	if doc != "" && (form == formReplace || form == formDelete) {
		return form + "-" + doc
	}
	return form + "-" + code
}

// formAnchor is the id of a form of the page.
func formAnchor(form, code, doc string) string {
	names := map[string]string{formAnswer: "antwort", formUpload: "hochladen", formReplace: "ersetzen", formReview: "pruefung", formDelete: "loeschen"}
	if doc != "" && (form == formReplace || form == formDelete) {
		return names[form] + "-" + doc
	}
	return names[form] + "-" + code
}

// evidence returns the questionnaire service, or an internal error when the server was
// built without one (every `serve` has it).
func (p *Pages) evidence() (*cert.Evidence, error) {
	if p.svc.Evidence == nil {
		return nil, errors.New("web: the services have no evidence store (cert.Services.SetEvidence)")
	}
	return p.svc.Evidence, nil
}

// questionnaireURL is the questionnaire page with a notice, at the criterion code.
func questionnaireURL(id uuid.UUID, notice, code string) string {
	u := "/procedures/" + id.String() + "/questionnaire"
	if notice != "" {
		u += "?hinweis=" + notice
	}
	if code != "" {
		u += "#k-" + code
	}
	return u
}

// procedureParam reads the route's :id as a procedure id; a malformed one is "not found".
func procedureParam(r *request) (uuid.UUID, error) {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return uuid.Nil, cert.ErrNotFound
	}
	return id, nil
}

// questionnairePage shows a procedure's questionnaire.
func (p *Pages) questionnairePage(r *request) error {
	id, err := procedureParam(r)
	if err != nil {
		return err
	}
	return p.renderQuestionnaire(r, http.StatusOK, id, nil)
}

// renderQuestionnaire renders the questionnaire of procedure id with the refused form f.
func (p *Pages) renderQuestionnaire(r *request, status int, id uuid.UUID, f *evidenceFailure) error {
	ev, err := p.evidence()
	if err != nil {
		return err
	}
	q, err := ev.Questionnaire(r.ctx(), id)
	if err != nil {
		return err
	}
	v := p.questionnaireView(r, q, f)
	title := "Fragebogen – " + v.CenterName
	view := r.newView(title, v)
	if v.Editable {
		view.Scripts = []string{uploadScript}
	}
	return p.write(r, status, "questionnaire", view)
}

// questionnaireView arranges the questionnaire by area and puts the refused form f at its
// place.
func (p *Pages) questionnaireView(r *request, q cert.Questionnaire, f *evidenceFailure) questionnaireView {
	pr := q.Procedure
	tooLarge := ""
	var ce *cert.Error
	if errors.As(p.svc.Evidence.TooLarge(), &ce) {
		tooLarge = ce.Message
	}
	v := questionnaireView{P: pr, CenterName: p.centerName(r, pr.CenterID), Content: q.ShowContent, Answered: q.Answered(),
		Total: len(q.Items), Used: cert.FormatBytes(q.TotalBytes), Limit: cert.FormatBytes(q.Limits.MaxTotalBytes),
		FileLimit: cert.FormatBytes(q.Limits.MaxFileBytes), FileMax: q.Limits.MaxFileBytes, Accept: acceptList(),
		TooLarge: tooLarge, Types: filetype.AllowedList(), Failed: f,
		// The service reviews only in review, and only for procedure.assess (Evidence.Review).
		Reviewable: pr.State == cert.StateInReview && r.who.Can(access.ProcedureAssess, pr.Related)}
	placed := f == nil
	for _, it := range q.Items {
		item := questionItem{QuestionItem: it, Anchor: "k-" + it.Criterion.Code}
		mine := f != nil && f.Code == it.Criterion.Code
		for _, d := range it.Documents {
			dv := documentView{Document: d}
			if mine && it.Editable && f.Document == d.ID.String() {
				switch f.Form {
				case formReplace:
					dv.ReplaceFail, placed, f.At = f, true, f.Anchor()
				case formDelete:
					dv.DeleteFail, placed, f.At = f, true, f.Anchor()
				}
			}
			item.Documents = append(item.Documents, dv)
		}
		if mine && !placed {
			switch {
			case f.Form == formAnswer && it.Editable:
				item.AnswerFail = f
			case (f.Form == formUpload || f.Form == formReplace) && it.Editable:
				f.moveTo(formUpload) // a replaced document that is gone: the form for a new one
				item.UploadFail = f
			case f.Form == formReview && v.Reviewable:
				item.ReviewFail = f
			default:
				item.Note = f
			}
			f.At, placed = f.Anchor(), true
			if item.Note != nil {
				f.At = item.Anchor
			}
		}
		v.Editable = v.Editable || it.Editable
		if it.Answer.Status == cert.ReviewReturned {
			v.Returned = append(v.Returned, item)
		}
		if n := len(v.Areas); n == 0 || v.Areas[n-1].Code != it.Area.Code {
			v.Areas = append(v.Areas, questionArea{Code: it.Area.Code, Name: it.Area.Name})
		}
		a := &v.Areas[len(v.Areas)-1]
		a.Items = append(a.Items, item)
	}
	// A form of a criterion that is not in the questionnaire (a forged code) keeps its
	// message at the top of the page only (At "").
	return v
}

// acceptList is the file input's accept attribute: the extensions and media types of the
// accepted types. It helps the file picker; the service decides by the content.
func acceptList() string {
	var out []string
	for _, t := range filetype.Types {
		out = append(out, t.Extension)
		if t == filetype.JPEG {
			out = append(out, ".jpeg")
		}
		out = append(out, t.MediaType)
	}
	return strings.Join(out, ",")
}
