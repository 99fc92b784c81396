package store_test

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/store"
)

// TestSearchKeysMigrationExists: the Go step that rebuilds the search keys of existing
// rows (RebuildSearchKeys, tested through the API in pkg/httpapi) is attached to the
// migration named search_keys; renaming the file would silently drop the backfill.
func TestSearchKeysMigrationExists(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		ms, err := store.Migrations(d)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			found = found || m.Name == "search_keys"
		}
		if !found {
			t.Errorf("%s: no migration named search_keys", d)
		}
	}
}
