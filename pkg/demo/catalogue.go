package demo

import (
	"bytes"
	"context"
	_ "embed" // the illustrative catalogue
	"fmt"

	"github.com/kitacert/kitacert/pkg/cert"
)

// illustrativeCatalogue is a made-up criteria catalogue in the shape of the real one (the
// eight areas, basic and advanced criteria, AND/OR groups, minimums per area). It is NOT
// the official catalogue of the seal "Familienzentrum NRW", whose thresholds are not
// public here; it lets a demo or a test instance run procedures end to end.
//
//go:embed catalogue_illustrative.json
var illustrativeCatalogue []byte

// IllustrativeCatalogueVersion is the version of the illustrative catalogue.
const IllustrativeCatalogueVersion = "2020-illustrativ"

// IllustrativeCatalogue returns the illustrative catalogue document (the
// CatalogueDocument shape of the API, marked "illustrative": true), a copy of the
// embedded file.
func IllustrativeCatalogue() []byte { return bytes.Clone(illustrativeCatalogue) }

// LoadCatalogue loads the illustrative catalogue through svc (ctx needs a principal with
// catalogue.write, such as access.System). It is idempotent: when the version exists
// already, it leaves it alone, so that a restart never touches a catalogue against which
// findings were recorded.
func LoadCatalogue(ctx context.Context, svc *cert.Services) error {
	c, err := cert.ParseCatalogue(illustrativeCatalogue)
	if err != nil {
		return fmt.Errorf("demo: illustrative catalogue: %w", err)
	}
	_, err = svc.Catalogues.Get(ctx, c.Version)
	switch {
	case err == nil:
		return nil
	case cert.ErrorCode(err) != cert.ENOTFOUND:
		return fmt.Errorf("demo: look up catalogue %s: %w", c.Version, err)
	}
	if _, _, err := svc.Catalogues.Put(ctx, c); err != nil {
		return fmt.Errorf("demo: load catalogue %s: %w", c.Version, err)
	}
	return nil
}
