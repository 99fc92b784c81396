package store

import (
	"context"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

type answerRow struct {
	ProcedureID   uuid.UUID `gorm:"primaryKey"`
	Code          string    `gorm:"primaryKey"`
	Text          string
	Status        string
	ReviewComment string
	Version       int
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
	UpdatedBy     *uuid.UUID
	ReviewedAt    *time.Time
	ReviewedBy    *uuid.UUID
}

func (answerRow) TableName() string { return "answers" }

type documentRow struct {
	ID           uuid.UUID `gorm:"primaryKey"`
	ProcedureID  uuid.UUID
	Code         string
	ChainID      uuid.UUID
	Version      int
	SupersededAt *time.Time
	Title        string
	PeriodFrom   cert.Date
	PeriodTo     cert.Date
	FileName     string
	MediaType    string
	Size         int64
	Sha256       string `gorm:"column:sha256"`
	BlobKey      string
	UploadedAt   time.Time
	UploadedBy   *uuid.UUID
}

func (documentRow) TableName() string { return "documents" }

func init() { registerRowModels(&answerRow{}, &documentRow{}) }

// Answers implements cert.EvidenceStore: a procedure's answers by code.
func (db *DB) Answers(ctx context.Context, procedureID uuid.UUID) ([]cert.Answer, error) {
	var rows []answerRow
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Order("code").Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	out := make([]cert.Answer, len(rows))
	for i, r := range rows {
		out[i] = cert.Answer{ProcedureID: r.ProcedureID, Code: r.Code, Text: r.Text, Status: cert.ReviewStatus(r.Status),
			ReviewComment: r.ReviewComment, Version: r.Version, UpdatedAt: r.UpdatedAt.UTC(), UpdatedBy: r.UpdatedBy,
			ReviewedAt: utcPtr(r.ReviewedAt), ReviewedBy: r.ReviewedBy}
	}
	return out, nil
}

// PutAnswer implements cert.EvidenceStore: version 1 inserts, a later one updates the
// row at the version before it (ErrStale when it moved meanwhile).
func (db *DB) PutAnswer(ctx context.Context, a cert.Answer) error {
	r := answerRow{ProcedureID: a.ProcedureID, Code: a.Code, Text: a.Text, Status: string(a.Status), ReviewComment: a.ReviewComment,
		Version: a.Version, UpdatedAt: a.UpdatedAt, UpdatedBy: a.UpdatedBy, ReviewedAt: a.ReviewedAt, ReviewedBy: a.ReviewedBy}
	if a.Version == 1 {
		err := mapError(db.conn(ctx).Create(&r).Error)
		if cert.ErrorCode(err) == cert.ECONFLICT { // inserted meanwhile by another writer
			return cert.ErrStale
		}
		return err
	}
	res := db.conn(ctx).Model(&answerRow{}).Where("procedure_id = ? AND code = ? AND version = ?", a.ProcedureID, a.Code, a.Version-1).
		Updates(map[string]any{"text": r.Text, "status": r.Status, "review_comment": r.ReviewComment, "version": r.Version,
			"updated_at": r.UpdatedAt, "updated_by": r.UpdatedBy, "reviewed_at": r.ReviewedAt, "reviewed_by": r.ReviewedBy})
	if res.Error != nil {
		return mapError(res.Error)
	}
	if res.RowsAffected != 1 {
		return cert.ErrStale
	}
	return nil
}

// SubmitAnswers implements cert.EvidenceStore.
func (db *DB) SubmitAnswers(ctx context.Context, procedureID uuid.UUID, at time.Time) (int, error) {
	res := db.conn(ctx).Exec(`UPDATE answers SET status = 'submitted', version = version + 1, updated_at = ?
		WHERE procedure_id = ? AND status IN ('open', 'returned')`, at, procedureID)
	return int(res.RowsAffected), mapError(res.Error)
}

// Documents implements cert.EvidenceStore: every version of a procedure's documents, by
// code, then oldest first.
func (db *DB) Documents(ctx context.Context, procedureID uuid.UUID) ([]cert.Document, error) {
	var rows []documentRow
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if !a.UploadedAt.Equal(b.UploadedAt) {
			return a.UploadedAt.Before(b.UploadedAt)
		}
		return a.ID.String() < b.ID.String()
	})
	out := make([]cert.Document, len(rows))
	for i, r := range rows {
		out[i] = r.document()
	}
	return out, nil
}

// Document implements cert.EvidenceStore.
func (db *DB) Document(ctx context.Context, id uuid.UUID) (cert.Document, error) {
	var r documentRow
	if err := db.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return cert.Document{}, mapError(err)
	}
	return r.document(), nil
}

func (r documentRow) document() cert.Document {
	return cert.Document{ID: r.ID, ProcedureID: r.ProcedureID, Code: r.Code, ChainID: r.ChainID, Version: r.Version,
		SupersededAt: utcPtr(r.SupersededAt), Title: r.Title, PeriodFrom: r.PeriodFrom, PeriodTo: r.PeriodTo, FileName: r.FileName,
		MediaType: r.MediaType, Size: r.Size, SHA256: r.Sha256, BlobKey: r.BlobKey, UploadedAt: r.UploadedAt.UTC(), UploadedBy: r.UploadedBy}
}

// InsertDocument implements cert.EvidenceStore.
func (db *DB) InsertDocument(ctx context.Context, d cert.Document) error {
	r := documentRow{ID: d.ID, ProcedureID: d.ProcedureID, Code: d.Code, ChainID: d.ChainID, Version: d.Version, SupersededAt: d.SupersededAt,
		Title: d.Title, PeriodFrom: d.PeriodFrom, PeriodTo: d.PeriodTo, FileName: d.FileName, MediaType: d.MediaType, Size: d.Size,
		Sha256: d.SHA256, BlobKey: d.BlobKey, UploadedAt: d.UploadedAt, UploadedBy: d.UploadedBy}
	err := mapError(db.conn(ctx).Create(&r).Error)
	if cert.ErrorCode(err) == cert.ECONFLICT { // a second new version of the same chain
		return cert.ErrStale
	}
	return err
}

// SupersedeDocument implements cert.EvidenceStore.
func (db *DB) SupersedeDocument(ctx context.Context, id uuid.UUID, at time.Time) error {
	res := db.conn(ctx).Model(&documentRow{}).Where("id = ? AND superseded_at IS NULL", id).Update("superseded_at", at)
	if res.Error != nil {
		return mapError(res.Error)
	}
	if res.RowsAffected != 1 {
		return cert.ErrStale
	}
	return nil
}

// DeleteDocumentChain implements cert.EvidenceStore.
func (db *DB) DeleteDocumentChain(ctx context.Context, chainID uuid.UUID) ([]cert.Document, error) {
	var rows []documentRow
	if err := db.conn(ctx).Where("chain_id = ?", chainID).Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	if err := db.conn(ctx).Where("chain_id = ?", chainID).Delete(&documentRow{}).Error; err != nil {
		return nil, mapError(err)
	}
	out := make([]cert.Document, len(rows))
	for i, r := range rows {
		out[i] = r.document()
	}
	return out, nil
}

// StoredBytes implements cert.EvidenceStore.
func (db *DB) StoredBytes(ctx context.Context, procedureID uuid.UUID) (int64, error) {
	var n struct{ N int64 }
	err := db.conn(ctx).Raw(`SELECT COALESCE(SUM(size), 0) AS n FROM documents WHERE procedure_id = ?`, procedureID).Scan(&n).Error
	return n.N, mapError(err)
}

// EndedWithEvidence implements cert.RetentionStore.
func (db *DB) EndedWithEvidence(ctx context.Context) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := db.conn(ctx).Raw(`SELECT p.id FROM procedures p WHERE p.open = ? AND (
		EXISTS (SELECT 1 FROM documents d WHERE d.procedure_id = p.id) OR
		EXISTS (SELECT 1 FROM answers a WHERE a.procedure_id = p.id)) ORDER BY p.id`, false).Scan(&ids).Error
	return ids, mapError(err)
}

// DeleteEvidence implements cert.RetentionStore.
func (db *DB) DeleteEvidence(ctx context.Context, procedureID uuid.UUID) ([]cert.Document, int, error) {
	var rows []documentRow
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Find(&rows).Error; err != nil {
		return nil, 0, mapError(err)
	}
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Delete(&documentRow{}).Error; err != nil {
		return nil, 0, mapError(err)
	}
	res := db.conn(ctx).Where("procedure_id = ?", procedureID).Delete(&answerRow{})
	if res.Error != nil {
		return nil, 0, mapError(res.Error)
	}
	out := make([]cert.Document, len(rows))
	for i, r := range rows {
		out[i] = r.document()
	}
	return out, int(res.RowsAffected), nil
}

// UnreferencedBlobs implements cert.RetentionStore.
func (db *DB) UnreferencedBlobs(ctx context.Context, keys []string) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	var used []string
	err := db.conn(ctx).Raw(`SELECT blob_key FROM documents WHERE blob_key IN ? UNION SELECT blob_key FROM issued_documents WHERE blob_key IN ?`,
		keys, keys).Scan(&used).Error
	if err != nil {
		return nil, mapError(err)
	}
	named := make(map[string]bool, len(used))
	for _, k := range used {
		named[k] = true
	}
	var out []string
	for _, k := range keys {
		if !named[k] {
			out = append(out, k)
		}
	}
	return out, nil
}
