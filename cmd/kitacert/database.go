package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
)

// openForCommand validates the config (filling in its derived fields) and opens the
// database for a one-shot command: SQLite is migrated (one process owns the file),
// PostgreSQL must be current. A one-shot command never creates a database: a SQLite file
// that does not exist is an error naming the path it looked at.
func openForCommand(ctx context.Context, cfg *config) (*store.DB, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := requireExistingDB(cfg.DatabaseURL); err != nil {
		return nil, err
	}
	db, err := openDB(ctx, *cfg, slog.New(slog.DiscardHandler), false)
	if err != nil {
		return nil, fmt.Errorf("%w (Datenbank: %s)", err, dbLabel(cfg.DatabaseURL))
	}
	return db, nil
}

// requireExistingDB refuses a SQLite URL whose file does not exist.
func requireExistingDB(url string) error {
	d, path, err := store.ParseURL(url)
	if err != nil || d != store.SQLite {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("keine Datenbank unter %s gefunden; einmalige Befehle legen keine an. "+
			"Im Verzeichnis der Datenbank aufrufen, KITACERT_DATABASE_URL oder --database-url setzen, "+
			"oder sie mit `kitacert migrate` anlegen", dbLabel(url))
	}
	return nil
}

// dbLabel names a database for a person: the absolute path of a SQLite file, or the
// PostgreSQL URL with its password masked.
func dbLabel(url string) string {
	d, path, err := store.ParseURL(url)
	if err != nil {
		return redactedURL(url)
	}
	if d == store.SQLite {
		if abs, err := filepath.Abs(path); err == nil {
			return "sqlite:" + abs
		}
		return url
	}
	return redactedURL(url)
}

// openDB connects and brings the schema to where the code needs it: SQLite migrates by
// itself (one process owns the file); PostgreSQL migrates only when asked, and otherwise
// refuses to start on a schema that is behind. statementTimeout becomes PostgreSQL's
// statement_timeout (0: none).
func openDB(ctx context.Context, cfg config, log *slog.Logger, migrate bool) (*store.DB, error) {
	return openDBWith(ctx, cfg, log, migrate, 0)
}

// openDBWith is openDB with a statement timeout for every connection of the pool.
func openDBWith(ctx context.Context, cfg config, log *slog.Logger, migrate bool, statementTimeout time.Duration) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{Logger: log, MaxOpenConns: cfg.DatabaseMaxConns,
		MaxIdleConns: cfg.DatabaseMaxConns, ConnMaxIdle: cfg.Tuning.ConnMaxIdle, StatementTimeout: statementTimeout})
	if err != nil {
		return nil, err
	}
	if db.Dialect() == store.SQLite || migrate {
		applied, err := db.Migrate(ctx, time.Now())
		if err != nil {
			db.Close()
			return nil, err
		}
		for _, m := range applied {
			log.Info("migration applied", "version", m.Version, "name", m.Name)
		}
	}
	if err := db.CheckSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
