package store_test

import (
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
)

// migrateBefore brings an empty database to the version before the migration called
// name, applying the migrations one by one as an older kitacert did; it fails the test
// when there is no such migration, so an upgrade test cannot pass without its upgrade.
func migrateBefore(t *testing.T, db *store.DB, d store.Dialect, name string) {
	t.Helper()
	ms, err := store.Migrations(d)
	if err != nil {
		t.Fatal(err)
	}
	g := db.Gorm()
	if err := g.Exec("CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamp NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == name {
			return
		}
		if err := g.Exec(m.SQL).Error; err != nil {
			t.Fatalf("%04d_%s: %v", m.Version, m.Name, err)
		}
		if err := g.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", m.Version, m.Name, time.Now().UTC()).Error; err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("no migration %s", name)
}
