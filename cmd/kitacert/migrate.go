package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
)

func cmdMigrate(ctx context.Context, args []string, e env) error {
	cfg := loadConfig(e.getenv)
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg.bindFlags(fs)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := cfg.validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{MaxOpenConns: cfg.DatabaseMaxConns, ConnMaxIdle: cfg.Tuning.ConnMaxIdle})
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx, time.Now())
	if err != nil {
		return err
	}
	for _, m := range applied {
		fmt.Fprintf(e.stdout, "applied %04d_%s\n", m.Version, m.Name)
	}
	st, err := db.Status(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema at version %d (latest %d)\n", st.Current, st.Latest)
	return nil
}
