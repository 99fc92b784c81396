package store

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

type kitaRow struct {
	MetaRow
	Name          string
	SearchName    string
	ProviderID    uuid.UUID
	YouthOfficeID uuid.UUID
	Street        string
	PostalCode    string
	City          string
	CityKey       string
	District      string
	KibizID       *string
}

func (kitaRow) TableName() string { return "kitas" }

func (r kitaRow) domain() cert.Kita {
	return cert.Kita{
		Meta: r.meta(), Name: r.Name, ProviderID: r.ProviderID, YouthOfficeID: r.YouthOfficeID,
		Address:  cert.Address{Street: r.Street, PostalCode: r.PostalCode, City: r.City},
		District: r.District, KibizID: r.KibizID,
	}
}

func kitaToRow(k cert.Kita) kitaRow {
	return kitaRow{
		MetaRow: metaToRow(k.Meta), Name: k.Name, SearchName: cert.SearchKey(k.Name),
		ProviderID: k.ProviderID, YouthOfficeID: k.YouthOfficeID,
		Street: k.Address.Street, PostalCode: k.Address.PostalCode, City: k.Address.City,
		CityKey: cert.SearchKey(k.Address.City), District: k.District, KibizID: k.KibizID,
	}
}

// CreateKita implements cert.KitaStore.
func (db *DB) CreateKita(ctx context.Context, k *cert.Kita) error {
	r := kitaToRow(*k)
	return mapError(db.conn(ctx).Create(&r).Error)
}

// Kita implements cert.KitaStore.
func (db *DB) Kita(ctx context.Context, id uuid.UUID) (cert.Kita, error) {
	r, err := getRow[kitaRow](ctx, db, id)
	return r.domain(), err
}

// Kitas implements cert.KitaStore.
func (db *DB) Kitas(ctx context.Context, f cert.KitaFilter) (cert.List[cert.Kita], error) {
	q := whereSearch(db.conn(ctx).Model(&kitaRow{}), f.Q)
	if f.YouthOfficeID != nil {
		q = q.Where("youth_office_id = ?", *f.YouthOfficeID)
	}
	if f.ProviderID != nil {
		q = q.Where("provider_id = ?", *f.ProviderID)
	}
	if f.City != "" {
		q = q.Where("city_key = ?", cert.SearchKey(f.City))
	}
	if f.IDs != nil {
		q = q.Where("id IN ?", f.IDs)
	}
	if f.Scope.YouthOffice != nil {
		q = q.Where("youth_office_id = ?", *f.Scope.YouthOffice)
	}
	if f.Scope.Kita != nil {
		q = q.Where("id = ?", *f.Scope.Kita)
	}
	return listRows(q, f.Page, kitaRow.domain, func(r kitaRow) uuid.UUID { return r.ID })
}

// UpdateKita implements cert.KitaStore.
func (db *DB) UpdateKita(ctx context.Context, k *cert.Kita) error {
	r := kitaToRow(*k)
	cols := metaCols(k.Meta)
	for col, v := range map[string]any{
		"name": r.Name, "search_name": r.SearchName, "provider_id": r.ProviderID, "youth_office_id": r.YouthOfficeID,
		"street": r.Street, "postal_code": r.PostalCode, "city": r.City, "city_key": r.CityKey,
		"district": r.District, "kibiz_id": r.KibizID,
	} {
		cols[col] = v
	}
	if err := updateRow(ctx, db, r.TableName(), k.ID, k.Version, cols); err != nil {
		return err
	}
	k.Version++
	return nil
}
