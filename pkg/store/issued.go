package store

import (
	"context"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

type issuedDocumentRow struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	ProcedureID uuid.UUID
	Kind        string
	Version     int
	MediaType   string
	Size        int64
	Sha256      string `gorm:"column:sha256"`
	BlobKey     string
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
	CreatedBy   *uuid.UUID
}

func (issuedDocumentRow) TableName() string { return "issued_documents" }

type reportRow struct {
	ProcedureID     uuid.UUID `gorm:"primaryKey"`
	Remarks         string
	Recommendations string
	Version         int
	UpdatedAt       time.Time `gorm:"autoUpdateTime:false"`
}

func (reportRow) TableName() string { return "assessment_reports" }

type visitFindingRow struct {
	ProcedureID uuid.UUID `gorm:"primaryKey"`
	KitaID      uuid.UUID `gorm:"primaryKey"`
	Text        string
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
}

func (visitFindingRow) TableName() string { return "visit_findings" }

func init() { registerRowModels(&issuedDocumentRow{}, &reportRow{}, &visitFindingRow{}) }

// IssuedDocuments implements cert.IssuedStore: oldest first.
func (db *DB) IssuedDocuments(ctx context.Context, procedureID uuid.UUID) ([]cert.IssuedDocument, error) {
	var rows []issuedDocumentRow
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	sort.Slice(rows, func(i, j int) bool {
		if !rows[i].CreatedAt.Equal(rows[j].CreatedAt) {
			return rows[i].CreatedAt.Before(rows[j].CreatedAt)
		}
		if rows[i].Kind != rows[j].Kind {
			return rows[i].Kind > rows[j].Kind // the profile before the certificate
		}
		return rows[i].Version < rows[j].Version
	})
	out := make([]cert.IssuedDocument, len(rows))
	for i, r := range rows {
		out[i] = r.issued()
	}
	return out, nil
}

// IssuedDocument implements cert.IssuedStore.
func (db *DB) IssuedDocument(ctx context.Context, id uuid.UUID) (cert.IssuedDocument, error) {
	var r issuedDocumentRow
	if err := db.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return cert.IssuedDocument{}, mapError(err)
	}
	return r.issued(), nil
}

func (r issuedDocumentRow) issued() cert.IssuedDocument {
	return cert.IssuedDocument{ID: r.ID, ProcedureID: r.ProcedureID, Kind: cert.IssuedKind(r.Kind), Version: r.Version, MediaType: r.MediaType,
		Size: r.Size, SHA256: r.Sha256, BlobKey: r.BlobKey, CreatedAt: r.CreatedAt.UTC(), CreatedBy: r.CreatedBy}
}

// InsertIssuedDocument implements cert.IssuedStore; a second document of the same kind
// and version (a concurrent issue) is ErrStale.
func (db *DB) InsertIssuedDocument(ctx context.Context, d cert.IssuedDocument) error {
	r := issuedDocumentRow{ID: d.ID, ProcedureID: d.ProcedureID, Kind: string(d.Kind), Version: d.Version, MediaType: d.MediaType,
		Size: d.Size, Sha256: d.SHA256, BlobKey: d.BlobKey, CreatedAt: d.CreatedAt, CreatedBy: d.CreatedBy}
	err := mapError(db.conn(ctx).Create(&r).Error)
	if cert.ErrorCode(err) == cert.ECONFLICT {
		return cert.ErrStale
	}
	return err
}

// Report implements cert.IssuedStore: the report with its findings, or an empty one.
func (db *DB) Report(ctx context.Context, procedureID uuid.UUID) (cert.Report, error) {
	out := cert.Report{ProcedureID: procedureID}
	var r reportRow
	err := db.conn(ctx).Where("procedure_id = ?", procedureID).Take(&r).Error
	switch mapError(err) {
	case nil:
		out.Remarks, out.Recommendations, out.Version, out.UpdatedAt = r.Remarks, r.Recommendations, r.Version, r.UpdatedAt.UTC()
	case cert.ErrNotFound:
		return out, nil
	default:
		return cert.Report{}, mapError(err)
	}
	var fs []visitFindingRow
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Find(&fs).Error; err != nil {
		return cert.Report{}, mapError(err)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].KitaID.String() < fs[j].KitaID.String() })
	for _, f := range fs {
		out.Findings = append(out.Findings, cert.VisitFinding{KitaID: f.KitaID, Text: f.Text})
	}
	return out, nil
}

// PutReport implements cert.IssuedStore, with the findings replaced, in one transaction.
func (db *DB) PutReport(ctx context.Context, r cert.Report) error {
	return db.InTx(ctx, func(ctx context.Context) error {
		row := reportRow{ProcedureID: r.ProcedureID, Remarks: r.Remarks, Recommendations: r.Recommendations, Version: r.Version, UpdatedAt: r.UpdatedAt}
		if r.Version == 1 {
			if err := mapError(db.conn(ctx).Create(&row).Error); err != nil {
				if cert.ErrorCode(err) == cert.ECONFLICT {
					return cert.ErrStale
				}
				return err
			}
		} else {
			res := db.conn(ctx).Model(&reportRow{}).Where("procedure_id = ? AND version = ?", r.ProcedureID, r.Version-1).
				Updates(map[string]any{"remarks": r.Remarks, "recommendations": r.Recommendations, "version": r.Version, "updated_at": r.UpdatedAt})
			if res.Error != nil {
				return mapError(res.Error)
			}
			if res.RowsAffected != 1 {
				return cert.ErrStale
			}
		}
		if err := db.conn(ctx).Where("procedure_id = ?", r.ProcedureID).Delete(&visitFindingRow{}).Error; err != nil {
			return mapError(err)
		}
		for _, f := range r.Findings {
			if err := db.conn(ctx).Create(&visitFindingRow{ProcedureID: r.ProcedureID, KitaID: f.KitaID, Text: f.Text, UpdatedAt: r.UpdatedAt}).Error; err != nil {
				return mapError(err)
			}
		}
		return nil
	})
}
