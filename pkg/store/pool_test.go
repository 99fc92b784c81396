package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestPoolOptions: the pool takes its size from the options (Open refuses a pool without
// a size or an idle time: the defaults are the config's), and on PostgreSQL every
// connection runs with the statement timeout asked for.
func TestPoolOptions(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			url := storetest.URL(t, d)
			db, err := store.Open(context.Background(), url, store.Options{MaxOpenConns: 40, ConnMaxIdle: time.Minute, StatementTimeout: 1500 * time.Millisecond})
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
			for _, opt := range []store.Options{{}, {MaxOpenConns: 4}, {ConnMaxIdle: time.Minute}} {
				if db, err := store.Open(context.Background(), url, opt); err == nil || !strings.Contains(err.Error(), "MaxOpenConns and ConnMaxIdle") {
					if db != nil {
						db.Close()
					}
					t.Errorf("Open with %+v: %v, want a refusal naming the missing values", opt, err)
				}
			}
		})
	}
}
