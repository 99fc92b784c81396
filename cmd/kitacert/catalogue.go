package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// withCertService opens the database (whose schema must be current) and runs fn with the
// certification service in a system context.
func withCertService(ctx context.Context, cfg config, fn func(ctx context.Context, svc *cert.Services) error) error {
	db, err := openForCommand(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(access.WithPrincipal(ctx, access.System), newCertService(cfg, db, nil, cert.SystemClock{}))
}

// cmdCatalogue: kitacert catalogue import [flags] FILE. FILE is a catalogue document (the
// CatalogueDocument shape of api/openapi.yaml); "-" reads standard input. The version in
// the file is created, or replaced as long as no findings were recorded against it.
func cmdCatalogue(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: catalogue needs a subcommand: import", errUsage)
	}
	cfg := loadConfig(e.getenv)
	fs := flag.NewFlagSet("catalogue "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg.bindFlags(fs)
	switch args[0] {
	case "import":
		if err := fs.Parse(args[1:]); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() != 1 {
			return fmt.Errorf("%w: catalogue import needs exactly one FILE (flags go before it)", errUsage)
		}
		name := fs.Arg(0)
		data, err := readInput(name, e.stdin)
		if err != nil {
			return err
		}
		c, err := cert.ParseCatalogue(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, describe(err))
		}
		return withCertService(ctx, cfg, func(ctx context.Context, svc *cert.Services) error {
			out, created, err := svc.Catalogues.Put(ctx, c)
			if err != nil {
				return describe(err)
			}
			what := "replaced"
			if created {
				what = "created"
			}
			kind := ""
			if out.Illustrative {
				kind = " (illustrative, not the official catalogue)"
			}
			fmt.Fprintf(e.stdout, "%s catalogue %s%s: %d areas, %d criteria, %d groups\n",
				what, out.Version, kind, len(out.Areas), out.CriteriaCount(), len(out.Groups))
			return nil
		})
	}
	return fmt.Errorf("%w: unknown catalogue subcommand %q", errUsage, args[0])
}

// readInput reads a file, or standard input for "-".
func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}
