// Package storetest opens fresh, migrated databases for tests: SQLite always, and
// PostgreSQL when KITACERT_TEST_POSTGRES holds a DSN. Each database is new: a file in the
// test's temp dir, or a schema of its own that is dropped when the test ends.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
)

// PostgresEnv is the environment variable with the PostgreSQL DSN for tests.
const PostgresEnv = "KITACERT_TEST_POSTGRES"

// Dialects returns the databases to test on. Under CI (CI=true) a missing PostgreSQL DSN
// fails the test instead of silently testing SQLite alone.
func Dialects(t testing.TB) []store.Dialect {
	t.Helper()
	if os.Getenv(PostgresEnv) != "" {
		return []store.Dialect{store.SQLite, store.Postgres}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but %s is not set: the PostgreSQL tests must run in CI", PostgresEnv)
	}
	return []store.Dialect{store.SQLite}
}

// Each runs fn as a subtest named after each dialect, on a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh, migrated database of dialect d, closed when the test ends.
func Open(t testing.TB, d store.Dialect) *store.DB {
	t.Helper()
	db := OpenEmpty(t, d)
	if _, err := db.Migrate(context.Background(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// URL returns the database URL of a fresh, empty database of dialect d.
func URL(t testing.TB, d store.Dialect) string {
	t.Helper()
	switch d {
	case store.Postgres:
		return freshSchema(t)
	default:
		return "sqlite:" + filepath.Join(t.TempDir(), "kitacert.db")
	}
}

// OpenEmpty returns a fresh database of dialect d without any migration applied.
func OpenEmpty(t testing.TB, d store.Dialect) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), URL(t, d), store.Options{MaxOpenConns: 10, ConnMaxIdle: time.Minute})
	if err != nil {
		t.Fatalf("open %s: %v", d, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// freshSchema creates a schema of its own on the test server and returns a URL whose
// search_path points at it; the schema is dropped when the test ends.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skipf("%s not set", PostgresEnv)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := store.Open(context.Background(), base, store.Options{MaxOpenConns: 1, ConnMaxIdle: time.Minute})
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	if err := admin.Gorm().Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_ = admin.Gorm().Exec("DROP SCHEMA " + schema + " CASCADE").Error
		_ = admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
