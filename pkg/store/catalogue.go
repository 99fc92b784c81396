package store

import (
	"context"
	"sort"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/kitacert/kitacert/pkg/cert"
)

func init() { registerRowModels(&catalogueRow{}, &assessmentItemRow{}) }

// catalogueRow is one catalogue version; the areas, criteria and groups are kept as the
// document the domain gives (cert.CatalogueRecord.Document), which the store does not read.
type catalogueRow struct {
	Version      string `gorm:"primaryKey"`
	Title        string
	Illustrative bool
	Document     string
	LoadedAt     time.Time `gorm:"autoCreateTime:false"`
	LoadedBy     *uuid.UUID
}

func (catalogueRow) TableName() string { return "catalogues" }

func (r catalogueRow) record() cert.CatalogueRecord {
	return cert.CatalogueRecord{Version: r.Version, Title: r.Title, Illustrative: r.Illustrative, Document: []byte(r.Document),
		LoadedAt: r.LoadedAt.UTC(), LoadedBy: r.LoadedBy}
}

// assessmentItemRow is one finding of a procedure.
type assessmentItemRow struct {
	ProcedureID uuid.UUID `gorm:"primaryKey"`
	Code        string    `gorm:"primaryKey"`
	Met         bool
	Note        string
}

func (assessmentItemRow) TableName() string { return "assessment_items" }

// PutCatalogue implements cert.CatalogueStore: it inserts the version or overwrites
// every column but the version (the key procedures refer to).
func (db *DB) PutCatalogue(ctx context.Context, c cert.CatalogueRecord) error {
	r := catalogueRow{Version: c.Version, Title: c.Title, Illustrative: c.Illustrative, Document: string(c.Document),
		LoadedAt: c.LoadedAt.UTC(), LoadedBy: c.LoadedBy}
	return mapError(db.conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "version"}},
		DoUpdates: clause.AssignmentColumns([]string{"title", "illustrative", "document", "loaded_at", "loaded_by"}),
	}).Create(&r).Error)
}

// Catalogue implements cert.CatalogueStore. Inside a transaction on PostgreSQL it locks
// the row (FOR NO KEY UPDATE) until the transaction ends, so that replacing a catalogue
// and recording findings against it take turns; procedures may still refer to it
// meanwhile. SQLite transactions take the write lock at BEGIN, which serialises them anyway.
func (db *DB) Catalogue(ctx context.Context, version string) (cert.CatalogueRecord, error) {
	q := db.conn(ctx).Where("version = ?", version)
	if _, inTx := ctx.Value(txKey{}).(*gorm.DB); inTx && db.dialect == Postgres {
		q = q.Clauses(clause.Locking{Strength: "NO KEY UPDATE"})
	}
	var r catalogueRow
	if err := q.Take(&r).Error; err != nil {
		return cert.CatalogueRecord{}, mapError(err)
	}
	return r.record(), nil
}

// Catalogues implements cert.CatalogueStore: every version, oldest version string first
// (byte order, the same on every database).
func (db *DB) Catalogues(ctx context.Context) ([]cert.CatalogueRecord, error) {
	var rows []catalogueRow
	if err := db.conn(ctx).Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Version < rows[j].Version })
	out := make([]cert.CatalogueRecord, len(rows))
	for i, r := range rows {
		out[i] = r.record()
	}
	return out, nil
}

// AssessmentItems implements cert.CatalogueStore: ordered by code in byte order.
func (db *DB) AssessmentItems(ctx context.Context, procedureID uuid.UUID) ([]cert.AssessmentItem, error) {
	var rows []assessmentItemRow
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
	out := make([]cert.AssessmentItem, len(rows))
	for i, r := range rows {
		out[i] = cert.AssessmentItem{Code: r.Code, Met: r.Met, Note: r.Note}
	}
	return out, nil
}

// PutAssessmentItems implements cert.CatalogueStore: it deletes the procedure's findings
// and inserts items, in one transaction (the caller's, or its own).
func (db *DB) PutAssessmentItems(ctx context.Context, procedureID uuid.UUID, items []cert.AssessmentItem) error {
	return db.InTx(ctx, func(ctx context.Context) error {
		if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Delete(&assessmentItemRow{}).Error; err != nil {
			return mapError(err)
		}
		if len(items) == 0 {
			return nil
		}
		rows := make([]assessmentItemRow, len(items))
		for i, it := range items {
			rows[i] = assessmentItemRow{ProcedureID: procedureID, Code: it.Code, Met: it.Met, Note: it.Note}
		}
		return mapError(db.conn(ctx).CreateInBatches(rows, 100).Error)
	})
}

// CatalogueInUse implements cert.CatalogueStore: whether a procedure assessed against the
// version has any finding.
func (db *DB) CatalogueInUse(ctx context.Context, version string) (bool, error) {
	var n int64
	err := db.conn(ctx).Table("assessment_items AS a").Joins("JOIN procedures AS p ON p.id = a.procedure_id").
		Where("p.catalogue_version = ?", version).Count(&n).Error
	return n > 0, mapError(err)
}
