package store_test

import (
	"context"
	"errors"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm/schema"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestMigrateFreshAndIdempotent(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.OpenEmpty(t, d)
			var behind store.ErrSchemaBehind
			if err := db.CheckSchema(ctx); !errors.As(err, &behind) || behind.Current != 0 {
				t.Fatalf("CheckSchema on empty db = %v, want ErrSchemaBehind at 0", err)
			}
			applied, err := db.Migrate(ctx, t0)
			if err != nil {
				t.Fatal(err)
			}
			all, _ := store.Migrations(d)
			if len(applied) != len(all) || len(all) == 0 {
				t.Fatalf("applied %d of %d migrations", len(applied), len(all))
			}
			if err := db.CheckSchema(ctx); err != nil {
				t.Fatalf("CheckSchema after migrate: %v", err)
			}
			again, err := db.Migrate(ctx, t0)
			if err != nil || len(again) != 0 {
				t.Fatalf("second Migrate applied %d, err %v; want 0, nil", len(again), err)
			}
		})
	}
}

func TestSchemaAheadIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.Gorm().Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', ?)", t0).Error; err != nil {
			t.Fatal(err)
		}
		var ahead store.ErrSchemaAhead
		if err := db.CheckSchema(ctx); !errors.As(err, &ahead) {
			t.Fatalf("CheckSchema = %v, want ErrSchemaAhead", err)
		}
		if _, err := db.Migrate(ctx, t0); !errors.As(err, &ahead) {
			t.Fatalf("Migrate = %v, want ErrSchemaAhead", err)
		}
	})
}

// TestSchemaMatchesModels proves that the migrated tables have exactly the columns the
// gorm row models map, so a model change without a migration (or the reverse) fails here.
func TestSchemaMatchesModels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, model := range store.RowModels() {
			s, err := schema.Parse(model, &sync.Map{}, db.Gorm().NamingStrategy)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, f := range s.Fields {
				if f.DBName != "" {
					want = append(want, f.DBName)
				}
			}
			cols, err := db.Gorm().Migrator().ColumnTypes(model)
			if err != nil {
				t.Fatalf("%s: %v", s.Table, err)
			}
			var got []string
			for _, c := range cols {
				got = append(got, c.Name())
			}
			sort.Strings(want)
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("table %s: columns differ from model (-model +table):\n%s", s.Table, diff)
			}
		}
	})
}
