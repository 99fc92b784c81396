// Package store keeps kitacert's data in SQLite or PostgreSQL through gorm. It implements
// the storage interfaces that pkg/cert declares, runs the versioned migrations and maps
// database errors onto cert errors.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the database kind behind a DB.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the database handle shared by all repositories.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect Dialect
}

// Options tune the connection pool. The pool's size and idle time have no defaults here:
// kitacert's config owns them (cmd/kitacert/tuning.go), and Open refuses zero.
type Options struct {
	MaxOpenConns int           // connections at most; required
	MaxIdleConns int           // 0: as many as MaxOpenConns
	ConnMaxIdle  time.Duration // an idle connection is closed after this; required
	Logger       *slog.Logger  // slow and failed queries; nil: discard
	// StatementTimeout becomes PostgreSQL's statement_timeout for every connection of the
	// pool (unless the URL sets one), so a statement that runs away is cancelled by the
	// server too; migrations lift it. 0: none. Ignored on SQLite.
	StatementTimeout time.Duration
}

// ParseURL tells the dialect of a database URL and returns the driver's DSN.
// `sqlite:PATH` (or `sqlite://PATH`) opens a file; `postgres://…` and `postgresql://…`
// open PostgreSQL.
func ParseURL(url string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return Postgres, url, nil
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "//")
		if path == "" {
			return "", "", errors.New("sqlite: URL needs a file path, e.g. sqlite:kitacert.db")
		}
		if strings.Contains(path, "?") {
			return "", "", errors.New("sqlite: URL takes no parameters; kitacert sets them")
		}
		return SQLite, path, nil
	}
	return "", "", errors.New("unknown database URL scheme; use sqlite:PATH or postgres://…")
}

// Open connects to the database named by url. It does not migrate.
func Open(ctx context.Context, url string, opt Options) (*DB, error) {
	dialect, dsn, err := ParseURL(url)
	if err != nil {
		return nil, err
	}
	if opt.MaxOpenConns <= 0 || opt.ConnMaxIdle <= 0 {
		return nil, fmt.Errorf("open %s database: the pool needs MaxOpenConns and ConnMaxIdle, got %d and %s", dialect, opt.MaxOpenConns, opt.ConnMaxIdle)
	}
	cfg := &gorm.Config{
		Logger:                 gormLogger(opt.Logger),
		SkipDefaultTransaction: true,
		// gorm reads NowFunc on every insert; the row models switch auto timestamps off, so
		// the service clock alone sets created_at and updated_at.
		NowFunc: func() time.Time { return time.Now().UTC() },
	}
	var dial gorm.Dialector
	var pool *sql.DB // opened here for SQLite, by gorm for PostgreSQL
	maxOpen := opt.MaxOpenConns
	switch dialect {
	case Postgres:
		dial = postgres.Open(withStatementTimeout(dsn, opt.StatementTimeout))
	case SQLite:
		dial, pool, err = openSQLite(dsn)
		if err != nil {
			return nil, err
		}
	}
	g, err := gorm.Open(dial, cfg)
	if err != nil {
		if pool != nil {
			_ = pool.Close()
		}
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	maxIdle := opt.MaxIdleConns
	if maxIdle == 0 {
		maxIdle = maxOpen
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(maxIdle)
	sqlDB.SetConnMaxIdleTime(opt.ConnMaxIdle)
	db := &DB{gorm: g, sql: sqlDB, dialect: dialect}
	if err := db.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dialect, err)
	}
	return db, nil
}

// withStatementTimeout adds statement_timeout (milliseconds) to a PostgreSQL URL as a
// run-time parameter of every connection, unless the URL sets it already.
func withStatementTimeout(dsn string, d time.Duration) string {
	if d <= 0 {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	q := u.Query()
	if q.Has("statement_timeout") {
		return dsn
	}
	q.Set("statement_timeout", strconv.FormatInt(d.Milliseconds(), 10))
	u.RawQuery = q.Encode()
	return u.String()
}

// Dialect returns the database kind.
func (db *DB) Dialect() Dialect { return db.dialect }

// SQL returns the underlying pool, for metrics.
func (db *DB) SQL() *sql.DB { return db.sql }

// Gorm returns the gorm handle; for tests and tools in this module.
func (db *DB) Gorm() *gorm.DB { return db.gorm }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// Close closes the pool.
func (db *DB) Close() error { return db.sql.Close() }

type txKey struct{}

// InTx runs fn in a transaction carried by fn's ctx; nested calls join the outer one.
// fn's error rolls everything back.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx)
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
	return mapError(err)
}

// Savepoint runs fn in a nested transaction (a SAVEPOINT inside the transaction of ctx,
// or a transaction of its own): fn's error undoes only what fn did.
func (db *DB) Savepoint(ctx context.Context, fn func(ctx context.Context) error) error {
	err := db.conn(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
	return mapError(err)
}

// conn returns the transaction of ctx, or the pool.
func (db *DB) conn(ctx context.Context) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx
	}
	return db.gorm.WithContext(ctx)
}

func gormLogger(l *slog.Logger) logger.Interface {
	if l == nil {
		return logger.Discard
	}
	return &slogGorm{log: l, slow: 500 * time.Millisecond}
}
