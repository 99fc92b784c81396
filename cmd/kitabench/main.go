// Command kitabench measures kitacert's read path against PostgreSQL's own speed: it runs
// `pgbench -S` (select-only, in a scratch database) and then the same number of HTTP
// clients against a running kitacert, and prints both figures and their ratio.
//
//	kitabench -url http://localhost:8080 -token kc_… -pg 'postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable'
//
// The load generator is the standard library (net/http with keep-alive, one goroutine per
// client): no dependency to vet, and the same closed loop as pgbench's clients, so the two
// figures compare like for like. See docs/performance.md, "The read path".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

// options are the command line.
type options struct {
	url      string
	token    string
	pg       string
	scratch  string
	clients  int
	duration time.Duration
	pgbench  float64 // > 0: skip pgbench and use this tps
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "kitabench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("kitabench", flag.ContinueOnError)
	fs.StringVar(&o.url, "url", "http://localhost:8080", "base URL of a running kitacert with the demo data")
	fs.StringVar(&o.token, "token", os.Getenv("KITABENCH_TOKEN"), "bearer token (default $KITABENCH_TOKEN), e.g. from `kitacert tokens issue --email koordination@example.org`")
	fs.StringVar(&o.pg, "pg", os.Getenv("KITACERT_DATABASE_URL"), "PostgreSQL URL of kitacert's server; pgbench runs in a scratch database there")
	fs.StringVar(&o.scratch, "pgbench-db", "kitabench_pgbench", "scratch database for pgbench (created and initialised when missing)")
	fs.IntVar(&o.clients, "c", 16, "concurrent clients, for pgbench and HTTP alike")
	fs.DurationVar(&o.duration, "d", 10*time.Second, "duration of each phase")
	fs.Float64Var(&o.pgbench, "pgbench-tps", 0, "use this pgbench -S figure instead of running pgbench")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.token == "" {
		return errors.New("no token: -token or KITABENCH_TOKEN")
	}
	if o.clients < 1 || o.duration < time.Second {
		return errors.New("-c must be at least 1 and -d at least 1s")
	}
	base := o.pgbench
	if base <= 0 {
		if o.pg == "" {
			return errors.New("no PostgreSQL URL for pgbench: -pg, KITACERT_DATABASE_URL, or -pgbench-tps")
		}
		var err error
		if base, err = runPgbench(ctx, o); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "pgbench -S                     %3d clients %5.0fs  %8.0f tps\n", o.clients, o.duration.Seconds(), base)
	return benchReads(ctx, o, base, out)
}
