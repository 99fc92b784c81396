package cert

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"
)

// ReviewStatus is where the answer to one criterion of the questionnaire stands.
type ReviewStatus string

// The review statuses of an answer.
const (
	ReviewOpen      ReviewStatus = "open"      // being answered by the Kita
	ReviewSubmitted ReviewStatus = "submitted" // handed in with submit_evidence: locked
	ReviewAccepted  ReviewStatus = "accepted"  // the assessor accepted it
	ReviewReturned  ReviewStatus = "returned"  // the assessor returned it with a comment; reopens with request_evidence
)

// Label is the German name of the status.
func (s ReviewStatus) Label() string {
	switch s {
	case ReviewOpen:
		return "In Bearbeitung"
	case ReviewSubmitted:
		return "Eingereicht"
	case ReviewAccepted:
		return "Angenommen"
	case ReviewReturned:
		return "Zurückgegeben"
	}
	return "Noch nicht beantwortet"
}

// Answer is the Kita's answer to one criterion of a procedure's questionnaire, with the
// assessor's review of it.
type Answer struct {
	ProcedureID   uuid.UUID
	Code          string
	Text          string
	Status        ReviewStatus
	ReviewComment string
	Version       int // 0: not stored yet
	UpdatedAt     time.Time
	UpdatedBy     *uuid.UUID
	ReviewedAt    *time.Time
	ReviewedBy    *uuid.UUID
}

// Document is one version of an evidence document (Belegmaterial) of a criterion. Its
// content lives in the blob store under BlobKey; a replaced document stays, superseded,
// as an earlier version of its chain.
type Document struct {
	ID           uuid.UUID
	ProcedureID  uuid.UUID
	Code         string
	ChainID      uuid.UUID // the id of the chain's first version
	Version      int       // 1, 2, … within the chain
	SupersededAt *time.Time
	Title        string
	PeriodFrom   Date // the period the document documents; may be zero
	PeriodTo     Date
	FileName     string
	MediaType    string
	Size         int64
	SHA256       string
	BlobKey      string
	UploadedAt   time.Time
	UploadedBy   *uuid.UUID
}

// Current reports whether d is the newest version of its chain.
func (d Document) Current() bool { return d.SupersededAt == nil }

// Upload is a document to store: its content, as the client sent it, and what it is.
type Upload struct {
	Title      string
	PeriodFrom Date
	PeriodTo   Date
	FileName   string
	Size       int64
	Content    io.ReaderAt // read by content type detection and then stored
	Replaces   *uuid.UUID  // a current document of the same criterion this one replaces
}

// QuestionItem is one criterion of a questionnaire with its answer and documents.
type QuestionItem struct {
	Area      Area // without its criteria
	Criterion Criterion
	Answer    Answer     // Version 0 and Status "" when nothing was stored yet
	Documents []Document // the current versions, oldest first
	History   []Document // superseded versions, oldest first
	Editable  bool       // the caller may change the answer and its documents now
	// Answered: the criterion has a text or a document (also for roles that see no content).
	Answered bool
}

// Questionnaire is a procedure's questionnaire: the criteria of its variant.
type Questionnaire struct {
	Procedure   Procedure
	Variant     Variant
	Items       []QuestionItem
	ShowContent bool  // false for roles that may only see that evidence exists
	TotalBytes  int64 // stored bytes of the procedure's documents (every version)
	Limits      EvidenceSettings
}

// Returned lists the items the assessor returned.
func (q Questionnaire) Returned() []QuestionItem {
	var out []QuestionItem
	for _, it := range q.Items {
		if it.Answer.Status == ReviewReturned {
			out = append(out, it)
		}
	}
	return out
}

// Answered counts the items with a text or a document.
func (q Questionnaire) Answered() int {
	n := 0
	for _, it := range q.Items {
		if it.Answered {
			n++
		}
	}
	return n
}

// ReviewInput is the assessor's review of one criterion.
type ReviewInput struct {
	Status  ReviewStatus // accepted or returned
	Comment string       // required when returned
}

// EvidenceSettings bound what a procedure may store.
type EvidenceSettings struct {
	MaxFileBytes  int64 // per document
	MaxTotalBytes int64 // per procedure, every version of every document
	// RetentionMonths is how long evidence is kept after EvidenceEnd (default 12: the end
	// of the seal's validity plus one year, or one year after a procedure without a seal).
	RetentionMonths int
}

// Blobs keeps document contents (pkg/docstore behind gocloud.dev/blob).
type Blobs interface {
	// Put stores r under the new key; more than limit bytes fail with an error for which
	// IsTooLarge holds, and a failure leaves nothing under key.
	Put(ctx context.Context, key string, r io.Reader, mediaType string, limit int64) (size int64, sha256 string, err error)
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
	BlobWalker
}

// ErrBlobTooLarge is what a Blobs implementation wraps when content is over its limit.
var ErrBlobTooLarge = &Error{Code: ETOOLARGE, Message: "Die Datei ist zu groß."}

// EvidenceStore is what Evidence needs from persistence.
type EvidenceStore interface {
	RetentionStore
	LockProcedure(ctx context.Context, id uuid.UUID) error
	Procedure(ctx context.Context, id uuid.UUID) (Procedure, error)
	Center(ctx context.Context, id uuid.UUID) (Center, error)
	Answers(ctx context.Context, procedureID uuid.UUID) ([]Answer, error)
	// PutAnswer inserts the answer (Version 1) or updates it when the stored version is
	// a.Version-1; otherwise ErrStale.
	PutAnswer(ctx context.Context, a Answer) error
	// SubmitAnswers sets every open or returned answer of the procedure to submitted.
	SubmitAnswers(ctx context.Context, procedureID uuid.UUID, at time.Time) (int, error)
	Documents(ctx context.Context, procedureID uuid.UUID) ([]Document, error)
	Document(ctx context.Context, id uuid.UUID) (Document, error)
	InsertDocument(ctx context.Context, d Document) error
	// SupersedeDocument marks the current document id as superseded at; ErrStale when it
	// is not current any more.
	SupersedeDocument(ctx context.Context, id uuid.UUID, at time.Time) error
	// DeleteDocumentChain deletes every version of a chain and returns them.
	DeleteDocumentChain(ctx context.Context, chainID uuid.UUID) ([]Document, error)
	// StoredBytes is the size of every document of the procedure, all versions.
	StoredBytes(ctx context.Context, procedureID uuid.UUID) (int64, error)
}
