package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	gormsqlite "github.com/libtnb/sqlite"
	"gorm.io/gorm"
	_ "modernc.org/sqlite" // registers the pure-Go driver "sqlite"
)

// openSQLite opens the pool on the SQLite file at path with kitacert's settings
// (sqliteDSN) and returns gorm's dialector on it. The driver is modernc.org/sqlite, SQLite
// translated to Go (no cgo); github.com/libtnb/sqlite is its gorm dialector. The pool is
// opened here rather than by the dialector, which would add its own DSN defaults (among
// them another time format than the one existing files hold).
func openSQLite(path string) (gorm.Dialector, *sql.DB, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	pool, err := sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: %w", err)
	}
	return gormsqlite.New(gormsqlite.Config{Conn: pool}), pool, nil
}

// sqliteDSN adds the settings kitacert relies on to every connection: foreign keys, the
// WAL journal (readers do not block the writer), a busy timeout (a connection waits up to
// 10 s for a lock instead of failing at once), synchronous=NORMAL (safe with WAL) and
// transactions that take the write lock at BEGIN (_txlock=immediate: concurrent writers
// queue instead of failing with SQLITE_BUSY when a read transaction upgrades to a write).
// time.Time values keep the driver's default text form (time.Time.String), the form
// every existing file holds, so stored and compared timestamps stay alike.
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
}
