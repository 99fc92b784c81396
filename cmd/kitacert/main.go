// Command kitacert runs the kitacert service and its operator tools.
//
//	kitacert serve [--addr :8080] [--demo] [--migrate]   run the API
//	kitacert migrate                                      apply database migrations
//	kitacert users add|disable …                          manage accounts
//	kitacert tokens issue|revoke …                        manage API tokens
//	kitacert catalogue import FILE                        load a criteria catalogue
//	kitacert version                                      print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // "today" is computed in Europe/Berlin on every machine
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// errUsage marks errors that are the caller's mistake; they exit with status 2.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "kitacert:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "kitacert:", err)
		os.Exit(1)
	}
}

// env bundles what a subcommand may use of the outside world.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// listen opens serve's listener; nil is net.Listen on the configured address. Tests
	// pass a listener they opened on port 0, so no port is closed and taken again.
	listen func(addr string) (net.Listener, error)
}

// run dispatches to a subcommand; it returns when the command is done or ctx is cancelled.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr})
}

// runEnv is run with its surroundings in one value.
func runEnv(ctx context.Context, args []string, e env) error {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], e)
	case "migrate":
		return cmdMigrate(ctx, args[1:], e)
	case "users":
		return cmdUsers(ctx, args[1:], e)
	case "tokens":
		return cmdTokens(ctx, args[1:], e)
	case "catalogue":
		return cmdCatalogue(ctx, args[1:], e)
	case "sweep":
		return cmdSweep(ctx, args[1:], e)
	case "version":
		fmt.Fprintln(stdout, version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
}

const usage = `kitacert: the certification service for "Familienzentrum NRW"

Usage:
  kitacert serve [--addr ADDR] [--demo] [--migrate]   run the REST API
  kitacert migrate                                     apply pending database migrations
  kitacert users add --email E --name N --role R [--youth-office ID] [--kita ID] [--password-stdin]
  kitacert users disable --email E
  kitacert tokens issue --email E [--name N] [--expires 90d]   prints the token alone
  kitacert tokens revoke --id ID
  kitacert catalogue import [--database-url URL] FILE   load a criteria catalogue (FILE "-" reads stdin)
  kitacert sweep [--as-of YYYY-MM-DD] [--dry-run]     run one reminder sweep now and print what it did
  kitacert version                                     print the version

Settings come from KITACERT_* environment variables; see README.md.
`

// newLogger builds the process logger from the config.
func newLogger(c config, w io.Writer) *slog.Logger {
	level, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
