package cert

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// IssuedKind tells the documents kitacert issues for a procedure apart.
type IssuedKind string

// The kinds of issued documents.
const (
	IssuedProfile     IssuedKind = "quality_profile" // Qualitätsprofil (DVO KiBiz § 13), on certify and reject
	IssuedCertificate IssuedKind = "certificate"     // Urkunde of the seal, on certify
)

// Label is the German name of the kind.
func (k IssuedKind) Label() string {
	if k == IssuedCertificate {
		return "Urkunde"
	}
	return "Qualitätsprofil"
}

// IssuedDocument is a document kitacert issued: a PDF in the blob store that never
// changes; a corrected quality profile is a new version.
type IssuedDocument struct {
	ID          uuid.UUID
	ProcedureID uuid.UUID
	Kind        IssuedKind
	Version     int
	MediaType   string
	Size        int64
	SHA256      string
	BlobKey     string
	CreatedAt   time.Time
	CreatedBy   *uuid.UUID
}

// FileName is the name a download of the document carries.
func (d IssuedDocument) FileName(certificationNumber string) string {
	name := "Qualitaetsprofil"
	if d.Kind == IssuedCertificate {
		name = "Urkunde"
	}
	if certificationNumber != "" {
		name += "-" + certificationNumber
	}
	if d.Kind == IssuedProfile && d.Version > 1 {
		name += "-Fassung-" + itoa(d.Version)
	}
	return name + ".pdf"
}

// Report is the assessor's written part of the quality profile: remarks and
// recommendations, and the findings of the visit per visited site.
type Report struct {
	ProcedureID     uuid.UUID
	Remarks         string
	Recommendations string
	Findings        []VisitFinding
	Version         int // 0: nothing written yet
	UpdatedAt       time.Time
}

// VisitFinding is what the visit found at one site (a member Kita of the center).
type VisitFinding struct {
	KitaID uuid.UUID
	Text   string
}

// ProfileData is everything the quality profile and the certificate show, in domain
// types; a DocumentRenderer turns it into PDFs.
type ProfileData struct {
	Procedure  Procedure
	Center     Center
	Kitas      []Kita // the active members, in the order of Center.Members
	Catalogue  Catalogue
	Variant    Variant
	Assessment Assessment
	Report     Report
	Seal       *Seal // certify only
	IssuedAt   time.Time
	IssuedOn   Date
	Version    int // of the quality profile
}

// DocumentRenderer renders the issued documents (pkg/documents, with pkg/pdfdoc).
type DocumentRenderer interface {
	Profile(d ProfileData) ([]byte, error)
	Certificate(d ProfileData) ([]byte, error)
}

// IssuedStore is what Issued needs from persistence.
type IssuedStore interface {
	LockProcedure(ctx context.Context, id uuid.UUID) error
	Procedure(ctx context.Context, id uuid.UUID) (Procedure, error)
	Center(ctx context.Context, id uuid.UUID) (Center, error)
	Kita(ctx context.Context, id uuid.UUID) (Kita, error)
	Seal(ctx context.Context, id uuid.UUID) (Seal, error)
	AssessmentItems(ctx context.Context, procedureID uuid.UUID) ([]AssessmentItem, error)
	IssuedDocuments(ctx context.Context, procedureID uuid.UUID) ([]IssuedDocument, error)
	IssuedDocument(ctx context.Context, id uuid.UUID) (IssuedDocument, error)
	InsertIssuedDocument(ctx context.Context, d IssuedDocument) error
	Report(ctx context.Context, procedureID uuid.UUID) (Report, error)
	// PutReport inserts the report (Version 1) or updates it at Version-1 (else ErrStale).
	PutReport(ctx context.Context, r Report) error
}

// IssuedBlobPrefix is where issued documents live in the blob store.
const IssuedBlobPrefix = "issued/"

// ProfileArea is one area of the quality profile: its result and the criteria of the
// procedure's variant with their findings.
type ProfileArea struct {
	Area     Area // without its criteria
	Score    AreaScore
	Criteria []ProfileCriterion
}

// ProfileCriterion is one criterion of the profile with its finding (zero: not met).
type ProfileCriterion struct {
	Criterion
	Finding AssessmentItem
}

// Areas are the areas of the profile in catalogue order, each with its score and the
// criteria that apply to the variant; the PDF and the page show exactly these.
func (d ProfileData) Areas() []ProfileArea {
	found := map[string]AssessmentItem{}
	for _, it := range d.Assessment.Items {
		found[it.Code] = it
	}
	scores := map[string]AreaScore{}
	for _, a := range d.Assessment.Score.Areas {
		scores[a.Code] = a
	}
	out := make([]ProfileArea, 0, len(d.Catalogue.Areas))
	for _, a := range d.Catalogue.Areas {
		pa := ProfileArea{Area: a, Score: scores[a.Code]}
		pa.Area.Criteria = nil
		for _, c := range a.Criteria {
			if c.AppliesTo(d.Variant) {
				pa.Criteria = append(pa.Criteria, ProfileCriterion{Criterion: c, Finding: found[c.Code]})
			}
		}
		out = append(out, pa)
	}
	return out
}

// TotalPoints is the sum of the areas' points.
func (d ProfileData) TotalPoints() int {
	n := 0
	for _, a := range d.Assessment.Score.Areas {
		n += a.Points
	}
	return n
}
