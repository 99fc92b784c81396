package cert

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// Evidence keeps the questionnaire of procedures: the answers per criterion, their
// evidence documents and the assessor's review (docs/evidence.md).
type Evidence struct {
	core
	store      EvidenceStore
	blobs      Blobs
	catalogues catalogueReader
	cfg        EvidenceSettings
	retention  RetentionStore
}

// Limits of the texts of the questionnaire.
const (
	MaxAnswerLen        = 20000
	MaxReviewCommentLen = 4000
	MaxDocumentTitleLen = 200
	MaxFileNameLen      = 200
)

// questionnaire loads the procedure, checks that the caller may see its evidence at all
// and returns the procedure with its catalogue and variant.
func (s *Evidence) procedure(ctx context.Context, id uuid.UUID) (Procedure, Catalogue, Variant, error) {
	p, err := s.store.Procedure(ctx, id)
	if err != nil {
		return Procedure{}, Catalogue{}, "", err
	}
	if err := mayRead(ctx, access.ProcedureRead, p.Related); err != nil {
		return Procedure{}, Catalogue{}, "", err
	}
	if err := mayRead(ctx, access.EvidenceExists, p.Related); err != nil {
		return Procedure{}, Catalogue{}, "", ErrForbidden
	}
	c, err := s.catalogues.catalogue(ctx, p.CatalogueVersion)
	if err != nil {
		return Procedure{}, Catalogue{}, "", err
	}
	center, err := s.store.Center(ctx, p.CenterID)
	if err != nil {
		return Procedure{}, Catalogue{}, "", err
	}
	return p, c, VariantOf(center.Kind, p.Kind), nil
}

// criterionOf finds the criterion code of the procedure's questionnaire.
func criterionOf(c Catalogue, v Variant, code string) (Area, Criterion, error) {
	for _, a := range c.Areas {
		for _, cr := range a.Criteria {
			if cr.Code == code && cr.AppliesTo(v) {
				a.Criteria = nil
				return a, cr, nil
			}
		}
	}
	return Area{}, Criterion{}, NotFound("Das Kriterium " + code + " des Fragebogens")
}

// editable reports whether the answer to a criterion may change in the procedure's state:
// while registered every criterion not yet handed in, while evidence is requested only
// the criteria the assessor returned.
func editable(p Procedure, st ReviewStatus) bool {
	switch p.State {
	case StateRegistered:
		return st == "" || st == ReviewOpen || st == ReviewReturned
	case StateEvidenceRequested:
		return st == ReviewReturned
	}
	return false
}

// lockedError says why a criterion cannot change now.
func lockedError(p Procedure, code string, st ReviewStatus) error {
	if p.State == StateEvidenceRequested {
		return Errorf(ECONFLICT, "Das Kriterium %s wurde nicht zurückgegeben: nachgereicht werden nur die zurückgegebenen Kriterien.", code)
	}
	if st == ReviewSubmitted || st == ReviewAccepted {
		return Errorf(ECONFLICT, "Die Angaben zum Kriterium %s sind eingereicht und gesperrt (Stand „%s“).", code, p.State.Label())
	}
	return Errorf(ECONFLICT, "Im Stand „%s“ können keine Angaben zum Fragebogen gemacht werden.", p.State.Label())
}

// Questionnaire returns the procedure's questionnaire: each criterion of its variant with
// answer and documents. Roles with evidence.exists but not evidence.read (youth offices)
// get the statuses and the number of documents only: texts, titles and file names are
// left out.
func (s *Evidence) Questionnaire(ctx context.Context, procedureID uuid.UUID) (Questionnaire, error) {
	p, c, v, err := s.procedure(ctx, procedureID)
	if err != nil {
		return Questionnaire{}, err
	}
	pr, _ := principal(ctx)
	content := pr.Can(access.EvidenceRead, p.Related)
	canWrite := pr.Can(access.EvidenceWrite, p.Related)
	answers, err := s.store.Answers(ctx, p.ID)
	if err != nil {
		return Questionnaire{}, err
	}
	docs, err := s.store.Documents(ctx, p.ID)
	if err != nil {
		return Questionnaire{}, err
	}
	byCode := map[string]Answer{}
	for _, a := range answers {
		byCode[a.Code] = a
	}
	q := Questionnaire{Procedure: p, Variant: v, ShowContent: content, Limits: s.cfg}
	for _, d := range docs {
		q.TotalBytes += d.Size
	}
	for _, a := range c.Areas {
		area := a
		area.Criteria = nil
		for _, cr := range a.Criteria {
			if !cr.AppliesTo(v) {
				continue
			}
			ans, ok := byCode[cr.Code]
			if !ok {
				ans = Answer{ProcedureID: p.ID, Code: cr.Code}
			}
			it := QuestionItem{Area: area, Criterion: cr, Answer: ans, Editable: canWrite && editable(p, ans.Status)}
			for _, d := range docs {
				if d.Code != cr.Code {
					continue
				}
				if !content {
					d = Document{ID: d.ID, ProcedureID: d.ProcedureID, Code: d.Code, ChainID: d.ChainID, Version: d.Version,
						SupersededAt: d.SupersededAt, UploadedAt: d.UploadedAt}
				}
				if d.Current() {
					it.Documents = append(it.Documents, d)
				} else {
					it.History = append(it.History, d)
				}
			}
			it.Answered = it.Answer.Text != "" || len(it.Documents) > 0
			if !content {
				it.Answer.Text, it.Answer.ReviewComment = "", ""
			}
			q.Items = append(q.Items, it)
		}
	}
	return q, nil
}

// Answer returns the answer to one criterion (Version 0 when nothing is stored yet).
func (s *Evidence) Answer(ctx context.Context, procedureID uuid.UUID, code string) (Answer, error) {
	p, c, v, err := s.procedure(ctx, procedureID)
	if err != nil {
		return Answer{}, err
	}
	if err := mayRead(ctx, access.EvidenceRead, p.Related); err != nil {
		return Answer{}, ErrForbidden
	}
	if _, _, err := criterionOf(c, v, code); err != nil {
		return Answer{}, err
	}
	return s.answer(ctx, p.ID, code)
}

// answer reads the stored answer to code, or an empty one.
func (s *Evidence) answer(ctx context.Context, procedureID uuid.UUID, code string) (Answer, error) {
	answers, err := s.store.Answers(ctx, procedureID)
	if err != nil {
		return Answer{}, err
	}
	for _, a := range answers {
		if a.Code == code {
			return a, nil
		}
	}
	return Answer{ProcedureID: procedureID, Code: code}, nil
}

// PutAnswer sets the Kita's text for a criterion (evidence.write, while the criterion is
// open). The precondition is the answer's version (0: none stored yet).
func (s *Evidence) PutAnswer(ctx context.Context, procedureID uuid.UUID, code string, m IfMatch, text string) (Answer, error) {
	text = strings.TrimSpace(text)
	var v Validation
	checkControl(&v, "text", text, true)
	v.Check(len([]rune(text)) <= MaxAnswerLen, "text", tooLong(MaxAnswerLen))
	if err := v.Err(); err != nil {
		return Answer{}, err
	}
	var out Answer
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		p, a, err := s.writable(ctx, procedureID, code)
		if err != nil {
			return err
		}
		if err := m.check(a.Version, true); err != nil {
			return err
		}
		before := answerAudit(a)
		if a.Status == "" {
			a.Status = ReviewOpen
		}
		pr, _ := principal(ctx)
		a.Text, a.Version, a.UpdatedAt, a.UpdatedBy = text, a.Version+1, s.now(), userID(pr.UserID)
		if err := s.store.PutAnswer(ctx, a); err != nil {
			return err
		}
		out = a
		return s.audit(ctx, "answer.put", "procedure", p.ID, before, answerAudit(a))
	})
	return out, err
}

// writable locks the procedure and checks that the caller may change the criterion now:
// visible (404), evidence.write (403), a criterion of the questionnaire (404), open (409).
func (s *Evidence) writable(ctx context.Context, procedureID uuid.UUID, code string) (Procedure, Answer, error) {
	if err := s.store.LockProcedure(ctx, procedureID); err != nil {
		return Procedure{}, Answer{}, err
	}
	p, c, v, err := s.procedure(ctx, procedureID)
	if err != nil {
		return Procedure{}, Answer{}, err
	}
	if err := mayWrite(ctx, access.ProcedureRead, access.EvidenceWrite, p.Related); err != nil {
		return Procedure{}, Answer{}, err
	}
	if _, _, err := criterionOf(c, v, code); err != nil {
		return Procedure{}, Answer{}, err
	}
	a, err := s.answer(ctx, p.ID, code)
	if err != nil {
		return Procedure{}, Answer{}, err
	}
	if !editable(p, a.Status) {
		return Procedure{}, Answer{}, lockedError(p, code, a.Status)
	}
	return p, a, nil
}

// answerAudit is what the audit trail records of an answer: no text (personal data may be
// in it), only its length and status.
func answerAudit(a Answer) map[string]any {
	if a.Version == 0 {
		return nil
	}
	return map[string]any{"code": a.Code, "status": string(a.Status), "text_length": len([]rune(a.Text)), "version": a.Version}
}

// Review records the assessor's review of one criterion (procedure.assess, while the
// procedure is in review): accepted, or returned with a comment that the Kita sees.
func (s *Evidence) Review(ctx context.Context, procedureID uuid.UUID, code string, m IfMatch, in ReviewInput) (Answer, error) {
	in.Comment = strings.TrimSpace(in.Comment)
	var v Validation
	v.Check(in.Status == ReviewAccepted || in.Status == ReviewReturned, "status", NotAllowed("accepted (angenommen)", "returned (zurückgegeben)"))
	v.Check(in.Status != ReviewReturned || in.Comment != "", "comment", "Bitte schreiben Sie, was fehlt oder zu ändern ist.")
	checkControl(&v, "comment", in.Comment, true)
	v.Check(len([]rune(in.Comment)) <= MaxReviewCommentLen, "comment", tooLong(MaxReviewCommentLen))
	if err := v.Err(); err != nil {
		return Answer{}, err
	}
	var out Answer
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockProcedure(ctx, procedureID); err != nil {
			return err
		}
		p, c, variant, err := s.procedure(ctx, procedureID)
		if err != nil {
			return err
		}
		if err := mayWrite(ctx, access.ProcedureRead, access.ProcedureAssess, p.Related); err != nil {
			return err
		}
		if _, _, err := criterionOf(c, variant, code); err != nil {
			return err
		}
		if p.State != StateInReview {
			return Errorf(ECONFLICT, "Kriterien werden im Stand „%s“ geprüft; das Verfahren ist im Stand „%s“.", StateInReview.Label(), p.State.Label())
		}
		a, err := s.answer(ctx, p.ID, code)
		if err != nil {
			return err
		}
		if err := m.check(a.Version, true); err != nil {
			return err
		}
		before := answerAudit(a)
		pr, _ := principal(ctx)
		now := s.now()
		a.Status, a.ReviewComment, a.ReviewedAt, a.ReviewedBy = in.Status, in.Comment, &now, userID(pr.UserID)
		if in.Status == ReviewAccepted && in.Comment == "" {
			a.ReviewComment = ""
		}
		if a.Version == 0 {
			a.UpdatedAt = now
		}
		a.Version++
		if err := s.store.PutAnswer(ctx, a); err != nil {
			return err
		}
		out = a
		return s.audit(ctx, "answer.review", "procedure", p.ID, before, answerAudit(a))
	})
	return out, err
}

// Upload stores an evidence document for a criterion (evidence.write, while the criterion
// is open): its type is detected from the content (PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS),
// its size bounded per file and per procedure. The content goes to the blob store first,
// then the row commits; a failure in between deletes the blob again, and what a crash
// leaves is removed by the orphan sweep (SweepOrphans).
func (s *Evidence) Upload(ctx context.Context, procedureID uuid.UUID, code string, in Upload) (Document, error) {
	in.Title, in.FileName = strings.TrimSpace(in.Title), cleanFileName(in.FileName)
	if err := s.checkUpload(in); err != nil {
		return Document{}, err
	}
	// Everything that can be refused without the content is checked before it is stored.
	if err := s.tx.InTx(ctx, func(ctx context.Context) error {
		_, _, err := s.uploadable(ctx, procedureID, code, in)
		return err
	}); err != nil {
		return Document{}, err
	}
	t, err := detectType(in.Content, in.Size)
	if err != nil {
		return Document{}, err
	}
	pr, _ := principal(ctx)
	d := Document{ID: NewID(), ProcedureID: procedureID, Code: code, Version: 1, Title: in.Title, PeriodFrom: in.PeriodFrom,
		PeriodTo: in.PeriodTo, FileName: in.FileName, MediaType: t.MediaType, UploadedBy: userID(pr.UserID)}
	d.ChainID = d.ID
	d.BlobKey = EvidenceBlobPrefix + procedureID.String() + "/" + d.ID.String() + t.Extension
	size, sum, err := s.blobs.Put(ctx, d.BlobKey, io.NewSectionReader(in.Content, 0, in.Size), d.MediaType, s.cfg.MaxFileBytes)
	if errors.Is(err, ErrBlobTooLarge) {
		return Document{}, s.tooLarge()
	}
	if err != nil {
		return Document{}, fmt.Errorf("store the document: %w", err)
	}
	d.Size, d.SHA256 = size, sum
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		p, prev, err := s.uploadable(ctx, procedureID, code, in)
		if err != nil {
			return err
		}
		used, err := s.store.StoredBytes(ctx, p.ID)
		if err != nil {
			return err
		}
		if used+d.Size > s.cfg.MaxTotalBytes {
			return &Error{Code: ETOOLARGE, Message: fmt.Sprintf("Für dieses Verfahren sind höchstens %s Belege erlaubt; gespeichert sind %s, die Datei hat %s.",
				FormatBytes(s.cfg.MaxTotalBytes), FormatBytes(used), FormatBytes(d.Size))}
		}
		d.UploadedAt = s.now()
		if prev != nil {
			if err := s.store.SupersedeDocument(ctx, prev.ID, d.UploadedAt); errors.Is(err, ErrStale) {
				return Errorf(ECONFLICT, "Das Dokument „%s“ wurde inzwischen ersetzt; bitte ersetzen Sie die neue Fassung.", prev.Title)
			} else if err != nil {
				return err
			}
			d.ChainID, d.Version = prev.ChainID, prev.Version+1
		}
		if err := s.store.InsertDocument(ctx, d); errors.Is(err, ErrStale) {
			return Errorf(ECONFLICT, "Das Dokument wurde inzwischen ersetzt; bitte laden Sie die Seite neu.")
		} else if err != nil {
			return err
		}
		return s.audit(ctx, "document.upload", "procedure", p.ID, nil, documentAudit(d))
	})
	if err != nil {
		if derr := s.blobs.Delete(context.WithoutCancel(ctx), d.BlobKey); derr != nil {
			err = errors.Join(err, fmt.Errorf("delete the blob of the refused upload (the orphan sweep will): %w", derr))
		}
		return Document{}, err
	}
	return d, nil
}

// EvidenceBlobPrefix is where evidence contents live in the blob store.
const EvidenceBlobPrefix = "evidence/"

// uploadable checks an upload against the procedure inside a transaction and returns the
// document it replaces, if any.
func (s *Evidence) uploadable(ctx context.Context, procedureID uuid.UUID, code string, in Upload) (Procedure, *Document, error) {
	p, _, err := s.writable(ctx, procedureID, code)
	if err != nil {
		return Procedure{}, nil, err
	}
	if in.Replaces == nil {
		return p, nil, nil
	}
	prev, err := s.store.Document(ctx, *in.Replaces)
	if err != nil || prev.ProcedureID != p.ID || prev.Code != code {
		return Procedure{}, nil, &Error{Code: EINVALID, Message: "Das zu ersetzende Dokument gehört nicht zu diesem Kriterium.",
			Fields: []FieldError{{Field: "replaces", Message: "Kein Dokument dieses Kriteriums."}}}
	}
	if !prev.Current() {
		return Procedure{}, nil, Errorf(ECONFLICT, "Das Dokument „%s“ wurde inzwischen ersetzt; bitte ersetzen Sie die neue Fassung.", prev.Title)
	}
	return p, &prev, nil
}

// checkUpload checks the fields of an upload and its size before anything is stored.
func (s *Evidence) checkUpload(in Upload) error {
	var v Validation
	checkName(&v, "title", in.Title, MaxDocumentTitleLen)
	checkControl(&v, "title", in.Title, false)
	v.Check(len([]rune(in.FileName)) <= MaxFileNameLen, "file", "Der Dateiname ist zu lang.")
	v.Check(in.PeriodFrom.IsZero() || in.PeriodTo.IsZero() || !in.PeriodTo.Before(in.PeriodFrom), "period_to", "Das Ende des Zeitraums liegt vor seinem Beginn.")
	v.Check(in.Content != nil && in.Size > 0, "file", "Die Datei ist leer.")
	if err := v.Err(); err != nil {
		return err
	}
	if in.Size > s.cfg.MaxFileBytes {
		return s.tooLarge()
	}
	return nil
}

// tooLarge is the refusal of a file over the limit per file.
func (s *Evidence) tooLarge() error {
	return &Error{Code: ETOOLARGE, Message: fmt.Sprintf("Die Datei ist größer als %s; erlaubt sind höchstens %s je Datei.",
		FormatBytes(s.cfg.MaxFileBytes), FormatBytes(s.cfg.MaxFileBytes))}
}

// cleanFileName keeps the last element of a client's file name, without control
// characters or quotes, so that it is safe in a Content-Disposition header.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	return strings.TrimSpace(name)
}

// documentAudit is what the audit trail records of a document: no title (it may name
// people), its code, version, type, size and hash.
func documentAudit(d Document) map[string]any {
	return map[string]any{"document_id": d.ID.String(), "code": d.Code, "version": d.Version, "media_type": d.MediaType,
		"size": d.Size, "sha256": d.SHA256}
}

// Document returns a document's row (evidence.read).
func (s *Evidence) Document(ctx context.Context, id uuid.UUID) (Document, error) {
	d, err := s.store.Document(ctx, id)
	if err != nil {
		return Document{}, err
	}
	p, err := s.store.Procedure(ctx, d.ProcedureID)
	if err != nil {
		return Document{}, err
	}
	if err := mayRead(ctx, access.ProcedureRead, p.Related); err != nil {
		return Document{}, err
	}
	if err := mayRead(ctx, access.EvidenceRead, p.Related); err != nil {
		return Document{}, ErrForbidden
	}
	return d, nil
}

// OpenDocument returns a document with a reader of its content (evidence.read).
func (s *Evidence) OpenDocument(ctx context.Context, id uuid.UUID) (Document, io.ReadCloser, error) {
	d, err := s.Document(ctx, id)
	if err != nil {
		return Document{}, nil, err
	}
	r, err := s.blobs.Open(ctx, d.BlobKey)
	if err != nil {
		return Document{}, nil, fmt.Errorf("open the blob of document %s: %w", d.ID, err)
	}
	return d, r, nil
}

// DeleteDocument deletes a current document with its earlier versions (evidence.write,
// while its criterion is open); the rows go in the transaction, the blobs after it.
func (s *Evidence) DeleteDocument(ctx context.Context, id uuid.UUID) error {
	var gone []Document
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		d, err := s.store.Document(ctx, id)
		if err != nil {
			return err
		}
		p, _, err := s.writable(ctx, d.ProcedureID, d.Code)
		if err != nil {
			return err
		}
		if !d.Current() {
			return Errorf(ECONFLICT, "Frühere Fassungen werden mit der aktuellen gelöscht.")
		}
		if gone, err = s.store.DeleteDocumentChain(ctx, d.ChainID); err != nil {
			return err
		}
		return s.audit(ctx, "document.delete", "procedure", p.ID, documentAudit(d), map[string]any{"versions_deleted": len(gone)})
	})
	if err != nil {
		return err
	}
	return s.deleteBlobs(ctx, gone)
}

// deleteBlobs deletes the contents of deleted rows; what fails is left to the orphan sweep.
func (s *Evidence) deleteBlobs(ctx context.Context, docs []Document) error {
	var errs []error
	for _, d := range docs {
		if err := s.blobs.Delete(context.WithoutCancel(ctx), d.BlobKey); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("delete blobs (the orphan sweep will): %w", errors.Join(errs...))
	}
	return nil
}

// returnedItems lists the returned criteria of a procedure as the request for evidence
// names them: "5.2: comment".
func (s *Evidence) returnedItems(ctx context.Context, procedureID uuid.UUID) ([]string, error) {
	answers, err := s.store.Answers(ctx, procedureID)
	if err != nil {
		return nil, err
	}
	sort.Slice(answers, func(i, j int) bool { return answers[i].Code < answers[j].Code })
	var out []string
	for _, a := range answers {
		if a.Status == ReviewReturned {
			out = append(out, "Kriterium "+a.Code+": "+strings.Join(strings.Fields(a.ReviewComment), " "))
		}
	}
	return out, nil
}

// FormatBytes writes a size the German way: "20 MB", "1,5 MB", "300 KB".
func FormatBytes(n int64) string {
	const kb, mb = 1000, 1000 * 1000
	switch {
	case n >= mb:
		s := fmt.Sprintf("%.1f", float64(n)/mb)
		s = strings.TrimSuffix(s, ".0")
		return strings.Replace(s, ".", ",", 1) + " MB"
	case n >= kb:
		return fmt.Sprintf("%d KB", (n+kb/2)/kb)
	}
	return fmt.Sprintf("%d Bytes", n)
}

// Limits returns the size limits of evidence.
func (s *Evidence) Limits() EvidenceSettings { return s.cfg }

// TooLarge is the refusal of a file over the limit per file, for callers that find it
// out while reading an upload.
func (s *Evidence) TooLarge() error { return s.tooLarge() }

// Blobs returns the blob store of the documents.
func (s *Evidence) Blobs() Blobs { return s.blobs }
