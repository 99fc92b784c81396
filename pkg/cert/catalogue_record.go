package cert

import (
	"context"
	"fmt"
)

// Record renders c as the store keeps it: the document and the columns beside it.
func (c Catalogue) Record() (CatalogueRecord, error) {
	doc, err := c.MarshalDocument()
	if err != nil {
		return CatalogueRecord{}, err
	}
	return CatalogueRecord{Version: c.Version, Title: c.Title, Illustrative: c.Illustrative, Document: doc,
		LoadedAt: c.LoadedAt, LoadedBy: c.LoadedBy}, nil
}

// Catalogue decodes a stored catalogue (DecodeCatalogue: the shape only, it was validated
// when it was put). The record's columns are the truth for version, title, illustrative
// and when and by whom it was loaded. A document that does not decode is an internal
// error, not the caller's.
func (r CatalogueRecord) Catalogue() (Catalogue, error) {
	c, err := DecodeCatalogue(r.Document)
	if err != nil {
		return Catalogue{}, fmt.Errorf("stored catalogue %s is unreadable: %v", r.Version, err)
	}
	c.Version, c.Title, c.Illustrative = r.Version, r.Title, r.Illustrative
	c.LoadedAt, c.LoadedBy = r.LoadedAt.UTC(), r.LoadedBy
	return c, nil
}

// catalogueGetter is the part of a store that reads one catalogue.
type catalogueGetter interface {
	Catalogue(ctx context.Context, version string) (CatalogueRecord, error)
}

// catalogueLister is the part of a store that lists catalogues.
type catalogueLister interface {
	Catalogues(ctx context.Context) ([]CatalogueRecord, error)
}

// readCatalogue reads one catalogue version from the store and decodes it; a missing
// version is the store's ErrNotFound. Inside a transaction the store locks the row (see
// (*store.DB).Catalogue).
func readCatalogue(ctx context.Context, st catalogueGetter, version string) (Catalogue, error) {
	r, err := st.Catalogue(ctx, version)
	if err != nil {
		return Catalogue{}, err
	}
	return r.Catalogue()
}

// readCatalogues reads and decodes every catalogue version, in the store's order.
func readCatalogues(ctx context.Context, st catalogueLister) ([]Catalogue, error) {
	rs, err := st.Catalogues(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Catalogue, len(rs))
	for i, r := range rs {
		if out[i], err = r.Catalogue(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
