package store

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

type providerRow struct {
	MetaRow
	Name       string
	SearchName string
	Kind       string
}

func (providerRow) TableName() string { return "providers" }

func (r providerRow) domain() cert.Provider {
	return cert.Provider{Meta: r.meta(), Name: r.Name, Kind: cert.ProviderKind(r.Kind)}
}

func providerToRow(p cert.Provider) providerRow {
	return providerRow{MetaRow: metaToRow(p.Meta), Name: p.Name, SearchName: cert.SearchKey(p.Name), Kind: string(p.Kind)}
}

// CreateProvider implements cert.ProviderStore.
func (db *DB) CreateProvider(ctx context.Context, p *cert.Provider) error {
	r := providerToRow(*p)
	return mapError(db.conn(ctx).Create(&r).Error)
}

// Provider implements cert.ProviderStore.
func (db *DB) Provider(ctx context.Context, id uuid.UUID) (cert.Provider, error) {
	r, err := getRow[providerRow](ctx, db, id)
	return r.domain(), err
}

// Providers implements cert.ProviderStore.
func (db *DB) Providers(ctx context.Context, f cert.ProviderFilter) (cert.List[cert.Provider], error) {
	q := whereSearch(db.conn(ctx).Model(&providerRow{}), f.Q)
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	return listRows(q, f.Page, providerRow.domain, func(r providerRow) uuid.UUID { return r.ID })
}

// UpdateProvider implements cert.ProviderStore.
func (db *DB) UpdateProvider(ctx context.Context, p *cert.Provider) error {
	r := providerToRow(*p)
	cols := metaCols(p.Meta)
	cols["name"], cols["search_name"], cols["kind"] = r.Name, r.SearchName, r.Kind
	if err := updateRow(ctx, db, r.TableName(), p.ID, p.Version, cols); err != nil {
		return err
	}
	p.Version++
	return nil
}
