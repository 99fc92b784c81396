package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one forward-only step of the schema, frozen once released.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations of a dialect in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".sql")
		if !ok {
			continue
		}
		num, name, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s: want NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrations of %s: version %d where %d was expected", d, m.Version, i+1)
		}
	}
	return out, nil
}

// SchemaStatus describes how the database's schema relates to the code's.
type SchemaStatus struct {
	Current int // highest applied version; 0 for an empty database
	Latest  int // highest version this binary knows
}

// UpToDate reports whether the schema is exactly what the code expects.
func (s SchemaStatus) UpToDate() bool { return s.Current == s.Latest }

// ErrSchemaBehind is returned by CheckSchema when migrations are pending.
type ErrSchemaBehind struct{ SchemaStatus }

func (e ErrSchemaBehind) Error() string {
	return fmt.Sprintf("database schema is at version %d, this kitacert needs %d: run `kitacert migrate` (or `kitacert serve --migrate`)", e.Current, e.Latest)
}

// ErrSchemaAhead is returned by CheckSchema when the database is newer than the binary.
type ErrSchemaAhead struct{ SchemaStatus }

func (e ErrSchemaAhead) Error() string {
	return fmt.Sprintf("database schema is at version %d, newer than this kitacert knows (%d): upgrade kitacert", e.Current, e.Latest)
}

const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamp NOT NULL
)`

// Status reads the applied version without changing anything.
func (db *DB) Status(ctx context.Context) (SchemaStatus, error) {
	ms, err := Migrations(db.dialect)
	if err != nil {
		return SchemaStatus{}, err
	}
	st := SchemaStatus{Latest: len(ms)}
	if !db.gorm.Migrator().HasTable("schema_migrations") {
		return st, nil
	}
	var cur *int
	if err := db.gorm.WithContext(ctx).Raw("SELECT MAX(version) FROM schema_migrations").Scan(&cur).Error; err != nil {
		return st, err
	}
	if cur != nil {
		st.Current = *cur
	}
	return st, nil
}

// CheckSchema returns nil when the schema is current, else ErrSchemaBehind or ErrSchemaAhead.
func (db *DB) CheckSchema(ctx context.Context) error {
	st, err := db.Status(ctx)
	switch {
	case err != nil:
		return err
	case st.Current < st.Latest:
		return ErrSchemaBehind{st}
	case st.Current > st.Latest:
		return ErrSchemaAhead{st}
	}
	return nil
}

// Migrate applies the pending migrations, each in its own transaction, and returns the
// versions it applied. On PostgreSQL an advisory lock keeps replicas from migrating at once.
func (db *DB) Migrate(ctx context.Context, now time.Time) ([]Migration, error) {
	ms, err := Migrations(db.dialect)
	if err != nil {
		return nil, err
	}
	var applied []Migration
	err = db.withMigrationLock(ctx, func(conn *gorm.DB) error {
		if err := conn.Exec(migrationsTable).Error; err != nil {
			return err
		}
		var cur *int
		if err := conn.Raw("SELECT MAX(version) FROM schema_migrations").Scan(&cur).Error; err != nil {
			return err
		}
		done := 0
		if cur != nil {
			done = *cur
		}
		if done > len(ms) {
			return ErrSchemaAhead{SchemaStatus{Current: done, Latest: len(ms)}}
		}
		for _, m := range ms[done:] {
			err := conn.Transaction(func(tx *gorm.DB) error {
				if err := tx.Exec(m.SQL).Error; err != nil {
					return err
				}
				if step := migrationSteps[m.Name]; step != nil {
					if err := step(tx); err != nil {
						return err
					}
				}
				return tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
					m.Version, m.Name, now.UTC()).Error
			})
			if err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
			}
			applied = append(applied, m)
		}
		return nil
	})
	return applied, err
}

// migrationLockKey is the PostgreSQL advisory lock id for migrations ("kitacert" in hex-ish).
const migrationLockKey = 0x6b697461636572

// withMigrationLock runs fn on one connection holding the migration lock (PostgreSQL);
// SQLite serialises writers by itself.
func (db *DB) withMigrationLock(ctx context.Context, fn func(conn *gorm.DB) error) error {
	if db.dialect != Postgres {
		return fn(db.gorm.WithContext(ctx))
	}
	return db.gorm.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		// A migration may take longer than a request: lift statement_timeout on this
		// connection (waiting for another replica's lock included), and restore it after.
		if err := conn.Exec("SET statement_timeout = 0").Error; err != nil {
			return err
		}
		defer conn.Exec("RESET statement_timeout")
		if err := conn.Exec("SELECT pg_advisory_lock(?)", migrationLockKey).Error; err != nil {
			return err
		}
		defer conn.Exec("SELECT pg_advisory_unlock(?)", migrationLockKey)
		return fn(conn)
	})
}
