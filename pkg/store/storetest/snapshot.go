package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
)

// Snapshot is a database that is built once per test process and dialect (migrated, then
// filled by a build function), of which every test gets a copy of its own: a copy of the
// file on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL. Tests that all start from the
// same large fixture (the demo data set) pay for it once instead of once per test; each
// copy is as independent as a fresh database. Close it from TestMain.
type Snapshot struct {
	build func(t testing.TB, db *store.DB)

	mu    sync.Mutex
	built map[store.Dialect]*snapshot
}

// snapshot is the template of one dialect: a closed SQLite file or a PostgreSQL database
// that no connection holds, so that it can be copied.
type snapshot struct {
	once sync.Once
	ok   bool   // the build went through
	file string // SQLite: the template file
	dir  string // SQLite: its directory
	db   string // PostgreSQL: the template database
}

// NewSnapshot returns a snapshot filled by build; build runs in the first test that opens
// the snapshot on a dialect, and a failure there fails every test that needs it.
func NewSnapshot(build func(t testing.TB, db *store.DB)) *Snapshot {
	return &Snapshot{build: build, built: map[store.Dialect]*snapshot{}}
}

// Each runs fn as a subtest per dialect (as Each does), on a copy of the snapshot.
func (s *Snapshot) Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			fn(t, s.Open(t, d))
		})
	}
}

// Open returns a copy of the snapshot on dialect d, closed (and dropped) when the test ends.
func (s *Snapshot) Open(t testing.TB, d store.Dialect) *store.DB {
	t.Helper()
	s.mu.Lock()
	sn := s.built[d]
	if sn == nil {
		sn = &snapshot{}
		s.built[d] = sn
	}
	s.mu.Unlock()
	sn.once.Do(func() { s.make(t, d, sn) })
	if !sn.ok {
		t.Fatalf("the %s snapshot could not be built (see the first test that needed it)", d)
	}
	if d == store.Postgres {
		return s.copyPostgres(t, sn)
	}
	return s.copySQLite(t, sn)
}

// make builds the template of dialect d; a t.Fatal in build leaves sn.ok false.
func (s *Snapshot) make(t testing.TB, d store.Dialect, sn *snapshot) {
	t.Helper()
	var u string
	switch d {
	case store.Postgres:
		sn.db = databaseName(t, "s")
		u = createDatabase(t, sn.db, "")
	default:
		dir, err := os.MkdirTemp("", "kitacert-snapshot-")
		if err != nil {
			t.Fatal(err)
		}
		sn.dir, sn.file = dir, filepath.Join(dir, "kitacert.db")
		u = "sqlite:" + sn.file
	}
	db, err := store.Open(context.Background(), u, store.Options{MaxOpenConns: 10, ConnMaxIdle: time.Minute})
	if err != nil {
		t.Fatalf("open the %s snapshot: %v", d, err)
	}
	defer func() { _ = db.Close() }()
	if _, err := db.Migrate(context.Background(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("migrate the %s snapshot: %v", d, err)
	}
	s.build(t, db)
	if t.Failed() {
		return
	}
	if d == store.SQLite {
		// Everything into the main file, so that a copy of it is the whole database.
		if _, err := db.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			t.Fatalf("checkpoint the snapshot: %v", err)
		}
	}
	sn.ok = true
}

// copySQLite copies the template file into the test's temp dir and opens it.
func (s *Snapshot) copySQLite(t testing.TB, sn *snapshot) *store.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kitacert.db")
	if err := copyFile(sn.file, path); err != nil {
		t.Fatalf("copy the snapshot: %v", err)
	}
	db, err := store.Open(context.Background(), "sqlite:"+path, store.Options{MaxOpenConns: 10, ConnMaxIdle: time.Minute})
	if err != nil {
		t.Fatalf("open the copy of the snapshot: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// copyPostgres creates a database from the template and opens it; it is dropped at the end.
func (s *Snapshot) copyPostgres(t testing.TB, sn *snapshot) *store.DB {
	t.Helper()
	name := databaseName(t, "c")
	u := createDatabase(t, name, sn.db)
	db, err := store.Open(context.Background(), u, store.Options{MaxOpenConns: 10, ConnMaxIdle: time.Minute})
	if err != nil {
		t.Fatalf("open the copy of the snapshot: %v", err)
	}
	t.Cleanup(func() {
		_ = db.Close()
		dropDatabase(name)
	})
	return db
}

// Close removes the templates. Call it from TestMain after m.Run.
func (s *Snapshot) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, sn := range s.built {
		if sn.dir != "" {
			errs = append(errs, os.RemoveAll(sn.dir))
		}
		if sn.db != "" {
			dropDatabase(sn.db)
		}
	}
	return errors.Join(errs...)
}

// databaseName is a new database name: the test database's name, a kind letter and a
// random suffix, so that .ci/run can drop whatever a crashed run left (`DB_%`).
func databaseName(t testing.TB, kind string) string {
	t.Helper()
	u := postgresURL(t)
	var b [5]byte
	_, _ = rand.Read(b[:])
	return strings.TrimPrefix(u.Path, "/") + "_" + kind + hex.EncodeToString(b[:])
}

// postgresURL is KITACERT_TEST_POSTGRES parsed; a test without it is skipped.
func postgresURL(t testing.TB) *url.URL {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skipf("%s not set", PostgresEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	return u
}

// createDatabase creates the database name (as a copy of template unless that is empty)
// on the test server and returns its URL.
func createDatabase(t testing.TB, name, template string) string {
	t.Helper()
	sql := `CREATE DATABASE "` + name + `"`
	if template != "" {
		sql += ` TEMPLATE "` + template + `"`
	}
	if err := onServer(func(admin *store.DB) error { return admin.Gorm().Exec(sql).Error }); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	u := postgresURL(t)
	u.Path = "/" + name
	return u.String()
}

// dropDatabase drops the database name, ending any connection left to it.
func dropDatabase(name string) {
	_ = onServer(func(admin *store.DB) error {
		return admin.Gorm().Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`).Error
	})
}

// onServer runs fn on a connection to the test database (KITACERT_TEST_POSTGRES).
func onServer(fn func(admin *store.DB) error) error {
	base := os.Getenv(PostgresEnv)
	if base == "" {
		return fmt.Errorf("%s not set", PostgresEnv)
	}
	admin, err := store.Open(context.Background(), base, store.Options{MaxOpenConns: 1, ConnMaxIdle: time.Minute})
	if err != nil {
		return err
	}
	defer func() { _ = admin.Close() }()
	return fn(admin)
}

// copyFile copies the file from to the new file to.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}
