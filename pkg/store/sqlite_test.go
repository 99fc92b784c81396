package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// lockWait bounds how long a statement that must wait for a lock is let wait: it ends
// with context.DeadlineExceeded, which proves that it waited instead of failing at once.
const lockWait = 200 * time.Millisecond

// TestSQLiteConnectionSettings: every connection of the pool, not only the first, runs
// with the settings of the DSN (WAL, foreign keys, a 10 s busy timeout, synchronous
// NORMAL).
func TestSQLiteConnectionSettings(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	for i := range 3 { // held at once, so three different connections
		conn, err := db.SQL().Conn(ctx)
		mustOK(t, err)
		defer conn.Close()
		want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"}
		for pragma, v := range want {
			var got string
			mustOK(t, conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got))
			if got != v {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, pragma, got, v)
			}
		}
	}
}

// TestSQLiteReadersDoNotBlockWriters: with the WAL journal a writer commits while a
// reader is in the middle of a query, and the reader goes on seeing the rows as they
// were when it started. With a rollback journal the commit would wait for the reader's
// shared lock until its deadline.
func TestSQLiteReadersDoNotBlockWriters(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	e := newSvcEnv(t, db)
	ks := e.kitas(t, 2)
	rows, err := db.SQL().QueryContext(e.ctx, "SELECT name FROM kitas ORDER BY name")
	mustOK(t, err)
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("no first row: %v", rows.Err())
	}
	ctx, cancel := context.WithTimeout(e.ctx, lockWait)
	defer cancel()
	mustOK(t, db.Gorm().WithContext(ctx).Exec("UPDATE kitas SET name = 'Umbenannt' WHERE id = ?", ks[1].ID).Error)
	var second string
	if !rows.Next() {
		t.Fatalf("no second row: %v", rows.Err())
	}
	mustOK(t, rows.Scan(&second))
	if second != ks[1].Name {
		t.Errorf("the reader saw %q, want the name before the write, %q", second, ks[1].Name)
	}
}

// TestForeignKeysEnforced: a row that others refer to cannot be deleted (SQLite checks
// foreign keys only when the connection switched them on).
func TestForeignKeysEnforced(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		k := e.kitas(t, 1)[0]
		err := db.Gorm().Exec("DELETE FROM providers WHERE id = ?", k.ProviderID).Error
		if err == nil {
			t.Fatal("deleted the provider of a Kita")
		}
	})
}

// holdWriteLock starts a transaction that runs first (its statements, if any) and then
// holds the database's write lock until the returned release is called; release returns
// the transaction's error.
func holdWriteLock(t *testing.T, db *store.DB, first func(ctx context.Context) error) (release func() error) {
	t.Helper()
	locked, proceed, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- db.InTx(context.Background(), func(ctx context.Context) error {
			if err := first(ctx); err != nil {
				return err
			}
			close(locked)
			<-proceed
			return nil
		})
	}()
	select {
	case <-locked:
	case err := <-done:
		t.Fatalf("the locking transaction ended early: %v", err)
	}
	return func() error { close(proceed); return <-done }
}

// TestSQLiteBusyWriterWaits: a writer that finds the write lock taken waits for it (busy
// timeout) until its context ends, and is then reported as unavailable (503), not as a
// failure of the request; once the lock is free it writes. Without a busy timeout it
// would fail at once with SQLITE_BUSY.
func TestSQLiteBusyWriterWaits(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	e := newSvcEnv(t, db)
	k := e.kitas(t, 1)[0]
	release := holdWriteLock(t, db, func(ctx context.Context) error {
		cur := k
		cur.Name = "A"
		return db.UpdateKita(ctx, &cur)
	})
	ctx, cancel := context.WithTimeout(e.ctx, lockWait)
	defer cancel()
	err := db.Gorm().WithContext(ctx).Exec("UPDATE kitas SET name = 'B' WHERE id = ?", k.ID).Error
	if !errors.Is(err, context.DeadlineExceeded) || !store.IsUnavailable(err) {
		t.Errorf("write while the lock is held: %v, want to wait until the deadline", err)
	}
	mustOK(t, release())
	mustOK(t, db.Gorm().WithContext(e.ctx).Exec("UPDATE kitas SET name = 'B' WHERE id = ?", k.ID).Error)
}

// TestSQLiteTransactionsLockAtBegin: a transaction takes the write lock at BEGIN
// (BEGIN IMMEDIATE), before its first write: while one that has only read is open,
// another writer waits. With deferred transactions the other writer would commit, and
// the first one's later write would fail with SQLITE_BUSY_SNAPSHOT ("database is
// locked"), see TestServiceOverlappingTransactions.
func TestSQLiteTransactionsLockAtBegin(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	e := newSvcEnv(t, db)
	k := e.kitas(t, 1)[0]
	release := holdWriteLock(t, db, func(ctx context.Context) error {
		_, err := db.Kita(ctx, k.ID)
		return err
	})
	ctx, cancel := context.WithTimeout(e.ctx, lockWait)
	defer cancel()
	err := db.Gorm().WithContext(ctx).Exec("UPDATE kitas SET name = 'B' WHERE id = ?", k.ID).Error
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("write while a reading transaction is open: %v, want to wait for its lock until the deadline", err)
	}
	mustOK(t, release())
}
