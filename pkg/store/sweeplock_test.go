package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestSweepLockPerSchema: two replicas on one PostgreSQL schema exclude each other, while
// an installation in another schema of the same database sweeps at the same time (the
// parallel test suite relies on it; a database-wide lock made its sweeps skip at random).
func TestSweepLockPerSchema(t *testing.T) {
	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("SQLite has one process per file; the lock is PostgreSQL's")
	}
	t.Run("postgres", func(t *testing.T) { sweepLockPerSchema(t) })
}

func sweepLockPerSchema(t *testing.T) {
	ctx := context.Background()
	url := storetest.URL(t, store.Postgres)
	open := func(u string) *store.DB {
		db, err := store.Open(ctx, u, store.Options{MaxOpenConns: 4, ConnMaxIdle: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		return db
	}
	replica1, replica2 := open(url), open(url)
	other := open(storetest.URL(t, store.Postgres))

	var second, elsewhere bool
	ran, err := replica1.WithSweepLock(ctx, func(ctx context.Context) error {
		var err error
		if second, err = replica2.WithSweepLock(ctx, func(context.Context) error { return nil }); err != nil {
			return err
		}
		elsewhere, err = other.WithSweepLock(ctx, func(context.Context) error { return nil })
		return err
	})
	if err != nil || !ran {
		t.Fatalf("first replica: ran=%v err=%v", ran, err)
	}
	if second {
		t.Error("a second replica of the same schema swept while the first held the lock")
	}
	if !elsewhere {
		t.Error("an installation in another schema could not sweep while this one did")
	}
	if again, err := replica2.WithSweepLock(ctx, func(context.Context) error { return nil }); err != nil || !again {
		t.Errorf("after the first replica finished: ran=%v err=%v", again, err)
	}
}
