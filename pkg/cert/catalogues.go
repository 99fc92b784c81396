package cert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/kitacert/kitacert/pkg/access"
)

// CataloguesStore is what Catalogues needs from persistence.
type CataloguesStore interface {
	// PutCatalogue stores a catalogue version, replacing one with the same version.
	PutCatalogue(ctx context.Context, r CatalogueRecord) error
	// Catalogue returns one version, or ErrNotFound; in a transaction it locks the row.
	Catalogue(ctx context.Context, version string) (CatalogueRecord, error)
	// Catalogues lists every version, oldest version string first.
	Catalogues(ctx context.Context) ([]CatalogueRecord, error)
	// CatalogueInUse reports whether any procedure has findings against the version.
	CatalogueInUse(ctx context.Context, version string) (bool, error)
}

// Catalogues keeps the versions of the criteria catalogue.
type Catalogues struct {
	core
	store CataloguesStore
}

func newCatalogues(c core, store CataloguesStore) *Catalogues {
	return &Catalogues{core: c, store: store}
}

// Put validates a catalogue and stores it under its version: created is true for
// a new version, false when it replaced one. Only roles with catalogue.write everywhere
// may (coordinators, the system). A version against which findings were already recorded
// cannot be replaced (ECONFLICT naming "version"): those findings were scored with it.
// The catalogue's codes, names and texts are trimmed; LoadedAt and LoadedBy are set here.
func (s *Catalogues) Put(ctx context.Context, c Catalogue) (Catalogue, bool, error) {
	p, err := principal(ctx)
	if err != nil {
		return Catalogue{}, false, err
	}
	if p.ScopeOf(access.CatalogueWrite) != access.All {
		return Catalogue{}, false, ErrForbidden
	}
	c = c.normalized()
	if err := c.Validate(); err != nil {
		return Catalogue{}, false, err
	}
	c.LoadedAt, c.LoadedBy = s.now(), userID(p.UserID)
	created := false
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		// Reading the old version first locks it in the store (see (*store.DB).Catalogue),
		// so that no finding can be recorded against it between the check and the put.
		old, err := readCatalogue(ctx, s.store, c.Version)
		var before map[string]any
		switch {
		case ErrorCode(err) == ENOTFOUND:
			created = true
		case err != nil:
			return err
		default:
			inUse, err := s.store.CatalogueInUse(ctx, c.Version)
			if err != nil {
				return err
			}
			if inUse {
				return Conflict("version", fmt.Sprintf("Gegen den Kriterienkatalog %s wurden bereits Befunde erfasst; er kann nicht mehr ersetzt werden. Bitte unter einer neuen Version laden.", c.Version))
			}
			before = old.auditFields()
		}
		rec, err := c.Record()
		if err != nil {
			return err
		}
		if err := s.store.PutCatalogue(ctx, rec); err != nil {
			return err
		}
		return Audit(ctx, s.log, s.now(), "catalogue.put", "catalogue", c.Version, before, c.auditFields())
	})
	if err != nil {
		return Catalogue{}, false, err
	}
	return c, created, nil
}

// Get returns one catalogue version.
func (s *Catalogues) Get(ctx context.Context, version string) (Catalogue, error) {
	if err := mayRead(ctx, access.CatalogueRead, access.Related{}); err != nil {
		return Catalogue{}, err
	}
	c, err := readCatalogue(ctx, s.store, version)
	if ErrorCode(err) == ENOTFOUND {
		return Catalogue{}, NotFound("Kriterienkatalog")
	}
	return c, err
}

// List lists every loaded catalogue version, oldest version string first.
func (s *Catalogues) List(ctx context.Context) ([]Catalogue, error) {
	scope, err := listFilter(ctx, access.CatalogueRead)
	if err != nil {
		return nil, err
	}
	if scope.Nothing {
		return []Catalogue{}, nil
	}
	return readCatalogues(ctx, s.store)
}

// latestVersion returns the version new procedures are assessed against by
// default: the newest loaded version by string order ("2020" after "2019"). An official
// catalogue is preferred to an illustrative one, whatever their versions: the sample
// shipped with kitacert ("2020-illustrativ") must not become the default once the real
// catalogue is loaded. It is ECONFLICT (naming catalogue_version) when no catalogue is
// loaded at all.
func (s *Catalogues) latestVersion(ctx context.Context) (string, error) {
	all, err := s.store.Catalogues(ctx)
	if err != nil {
		return "", err
	}
	best, found := CatalogueRecord{}, false
	for _, c := range all {
		if !found || newerCatalogue(c, best) {
			best, found = c, true
		}
	}
	if !found {
		return "", Conflict("catalogue_version", "Es ist noch kein Kriterienkatalog geladen.")
	}
	return best.Version, nil
}

// newerCatalogue reports whether a is a better default than b: official before
// illustrative, then the greater version string.
func newerCatalogue(a, b CatalogueRecord) bool {
	if a.Illustrative != b.Illustrative {
		return !a.Illustrative
	}
	return a.Version > b.Version
}

// versionFor returns the requested catalogue version, or the default one; an unknown
// version is a field error on catalogue_version.
func (s *Catalogues) versionFor(ctx context.Context, version string) (string, error) {
	if version == "" {
		return s.latestVersion(ctx)
	}
	if _, err := s.store.Catalogue(ctx, version); err != nil {
		return "", requireActive(err, false, "catalogue_version", "Der Kriterienkatalog")
	}
	return version, nil
}

// catalogue returns one version without checking access; in a transaction it locks the
// version against a concurrent replacement.
func (s *Catalogues) catalogue(ctx context.Context, version string) (Catalogue, error) {
	return readCatalogue(ctx, s.store, version)
}

// auditFields summarise a catalogue for the audit trail; the digest tells whether the
// document changed.
func (c Catalogue) auditFields() map[string]any {
	doc, _ := c.MarshalDocument()
	sum := sha256.Sum256(doc)
	return map[string]any{"title": c.Title, "illustrative": c.Illustrative, "areas": len(c.Areas),
		"criteria": c.CriteriaCount(), "groups": len(c.Groups), "document_sha256": hex.EncodeToString(sum[:]),
		"loaded_at": c.LoadedAt.UTC().Format("2006-01-02T15:04:05.999999Z07:00"), "loaded_by": idOrNil(c.LoadedBy)}
}
