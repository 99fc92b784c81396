package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestPoolOptions: the pool takes its size from the options (the dialect's default when
// 0), and on PostgreSQL every connection runs with the statement timeout asked for.
func TestPoolOptions(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			url := storetest.URL(t, d)
			db, err := store.Open(context.Background(), url, store.Options{MaxOpenConns: 40, StatementTimeout: 1500 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n := db.SQL().Stats().MaxOpenConnections; n != 40 {
				t.Errorf("pool of %d connections, want 40", n)
			}
			if d == store.Postgres {
				var v string
				if err := db.Gorm().Raw("SHOW statement_timeout").Scan(&v).Error; err != nil || v != "1500ms" {
					t.Errorf("statement_timeout = %q, %v; want 1500ms", v, err)
				}
			}
			def, err := store.Open(context.Background(), url, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer def.Close()
			want := map[store.Dialect]int{store.Postgres: store.DefaultMaxConnsPostgres, store.SQLite: store.DefaultMaxConnsSQLite}[d]
			if n := def.SQL().Stats().MaxOpenConnections; n != want {
				t.Errorf("default pool of %d connections, want %d", n, want)
			}
		})
	}
}
