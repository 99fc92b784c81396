package store

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

type youthOfficeRow struct {
	MetaRow
	Name       string
	SearchName string
	Code       string
	Region     string
}

func (youthOfficeRow) TableName() string { return "youth_offices" }

func (r youthOfficeRow) domain() cert.YouthOffice {
	return cert.YouthOffice{Meta: r.meta(), Name: r.Name, Code: r.Code, Region: cert.Region(r.Region)}
}

func youthOfficeToRow(o cert.YouthOffice) youthOfficeRow {
	return youthOfficeRow{MetaRow: metaToRow(o.Meta), Name: o.Name, SearchName: cert.SearchKey(o.Name), Code: o.Code, Region: string(o.Region)}
}

// CreateYouthOffice implements cert.YouthOfficeStore.
func (db *DB) CreateYouthOffice(ctx context.Context, o *cert.YouthOffice) error {
	r := youthOfficeToRow(*o)
	return mapError(db.conn(ctx).Create(&r).Error)
}

// YouthOffice implements cert.YouthOfficeStore.
func (db *DB) YouthOffice(ctx context.Context, id uuid.UUID) (cert.YouthOffice, error) {
	r, err := getRow[youthOfficeRow](ctx, db, id)
	return r.domain(), err
}

// YouthOffices implements cert.YouthOfficeStore.
func (db *DB) YouthOffices(ctx context.Context, f cert.YouthOfficeFilter) (cert.List[cert.YouthOffice], error) {
	q := whereSearch(db.conn(ctx).Model(&youthOfficeRow{}), f.Q)
	if f.Region != "" {
		q = q.Where("region = ?", f.Region)
	}
	return listRows(q, f.Page, youthOfficeRow.domain, func(r youthOfficeRow) uuid.UUID { return r.ID })
}

// UpdateYouthOffice implements cert.YouthOfficeStore.
func (db *DB) UpdateYouthOffice(ctx context.Context, o *cert.YouthOffice) error {
	r := youthOfficeToRow(*o)
	cols := metaCols(o.Meta)
	cols["name"], cols["search_name"], cols["code"], cols["region"] = r.Name, r.SearchName, r.Code, r.Region
	if err := updateRow(ctx, db, r.TableName(), o.ID, o.Version, cols); err != nil {
		return err
	}
	o.Version++
	return nil
}
