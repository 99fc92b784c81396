package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/kitacert/kitacert/pkg/cert"
)

type contingentRow struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	Version       int
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
	YouthOfficeID uuid.UUID
	Year          int
	Places        int
	CarriedOver   int
}

func (contingentRow) TableName() string { return "contingents" }

func init() { registerRowModels(&contingentRow{}) }

// contingentView is a contingent with its used places.
type contingentView struct {
	Row  contingentRow `gorm:"embedded"`
	Used int
}

func (v contingentView) domain() cert.Contingent {
	r := v.Row
	return cert.Contingent{Meta: cert.Meta{ID: r.ID, Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()},
		YouthOfficeID: r.YouthOfficeID, Year: cert.KindergartenYear(r.Year), Places: r.Places, CarriedOver: r.CarriedOver, Used: v.Used}
}

// usedPlaces counts the initial procedures that hold a place of a contingent: all but the
// deferred (their place moved on) and the withdrawn (their place is free again).
const usedPlaces = `(SELECT COUNT(*) FROM procedures p WHERE p.youth_office_id = contingents.youth_office_id
	AND p.year = contingents.year AND p.kind = 'initial' AND p.state NOT IN ('deferred', 'withdrawn')) AS used`

func (db *DB) contingentQuery(ctx context.Context) *gorm.DB {
	return db.conn(ctx).Table("contingents").Select("contingents.*, " + usedPlaces)
}

// CreateContingent implements cert.ContingentStore.
func (db *DB) CreateContingent(ctx context.Context, c *cert.Contingent) error {
	r := contingentRow{ID: c.ID, Version: c.Version, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
		YouthOfficeID: c.YouthOfficeID, Year: int(c.Year), Places: c.Places, CarriedOver: c.CarriedOver}
	return mapError(db.conn(ctx).Create(&r).Error)
}

// Contingent implements cert.ContingentStore.
func (db *DB) Contingent(ctx context.Context, id uuid.UUID) (cert.Contingent, error) {
	var v contingentView
	err := db.contingentQuery(ctx).Where("contingents.id = ?", id).Take(&v).Error
	return v.domain(), mapError(err)
}

// ContingentFor implements cert.ContingentStore. On PostgreSQL the row is locked FOR
// UPDATE; SQLite transactions hold the write lock from their start anyway.
func (db *DB) ContingentFor(ctx context.Context, youthOfficeID uuid.UUID, year cert.KindergartenYear) (cert.Contingent, error) {
	q := db.conn(ctx)
	if db.dialect == Postgres {
		var r contingentRow
		err := q.Where("youth_office_id = ? AND year = ?", youthOfficeID, int(year)).
			Clauses(clause.Locking{Strength: "UPDATE"}).Take(&r).Error
		if err != nil {
			return cert.Contingent{}, mapError(err)
		}
	}
	var v contingentView
	err := db.contingentQuery(ctx).Where("contingents.youth_office_id = ? AND contingents.year = ?", youthOfficeID, int(year)).Take(&v).Error
	return v.domain(), mapError(err)
}

// Contingents implements cert.ContingentStore.
func (db *DB) Contingents(ctx context.Context, f cert.ContingentFilter) (cert.List[cert.Contingent], error) {
	q := db.contingentQuery(ctx)
	if f.YouthOfficeID != nil {
		q = q.Where("contingents.youth_office_id = ?", *f.YouthOfficeID)
	}
	if f.Year != nil {
		q = q.Where("contingents.year = ?", int(*f.Year))
	}
	if f.Scope != nil {
		q = q.Where("contingents.youth_office_id = ?", *f.Scope)
	}
	p := f.Page
	p.IncludeArchived = true
	return listRows(q, p, contingentView.domain, func(v contingentView) uuid.UUID { return v.Row.ID }, "contingents.")
}

// UpdateContingent implements cert.ContingentStore.
func (db *DB) UpdateContingent(ctx context.Context, c *cert.Contingent) error {
	if err := updateRow(ctx, db, "contingents", c.ID, c.Version, map[string]any{"updated_at": c.UpdatedAt.UTC(),
		"places": c.Places, "carried_over": c.CarriedOver}); err != nil {
		return err
	}
	c.Version++
	return nil
}
