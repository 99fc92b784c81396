package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/kitacert/kitacert/pkg/store"
)

var tpsLine = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// runPgbench runs the built-in select-only script with o.clients clients (and as many
// threads as clients, at most 4) for o.duration in the scratch database and returns its tps.
func runPgbench(ctx context.Context, o options) (float64, error) {
	dsn, fresh, err := scratchDB(ctx, o.pg, o.scratch)
	if err != nil {
		return 0, err
	}
	if fresh {
		if b, err := exec.CommandContext(ctx, "pgbench", "-i", "-q", "-s", "1", dsn).CombinedOutput(); err != nil {
			return 0, fmt.Errorf("pgbench -i: %v\n%s", err, b)
		}
	}
	return pgbench(ctx, o, dsn, "-S")
}

// runStatusAlone runs the status statement alone in kitacert's own database (o.pg), with
// pgbench and prepared statements, for one Kita: the database's own speed for it.
func runStatusAlone(ctx context.Context, o options, kitaID string) (float64, error) {
	if _, err := uuid.Parse(kitaID); err != nil {
		return 0, fmt.Errorf("kita id %q: %v", kitaID, err)
	}
	f, err := os.CreateTemp("", "kitabench-*.sql")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	script := strings.Join(strings.Fields(strings.Replace(store.StatusSQL(), "$1", "'"+kitaID+"'", 1)), " ") + ";\n"
	if _, err := f.WriteString(script); err != nil {
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	return pgbench(ctx, o, o.pg, "-M", "prepared", "-f", f.Name())
}

// pgbench runs pgbench with o.clients clients (as many threads, at most 4) for o.duration
// against dsn and returns its tps.
func pgbench(ctx context.Context, o options, dsn string, args ...string) (float64, error) {
	threads := min(o.clients, 4)
	args = append(append([]string{"-n", "-c", strconv.Itoa(o.clients), "-j", strconv.Itoa(threads),
		"-T", strconv.Itoa(int(o.duration.Seconds()))}, args...), dsn)
	b, err := exec.CommandContext(ctx, "pgbench", args...).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench %s: %v\n%s", strings.Join(args[:len(args)-1], " "), err, b)
	}
	m := tpsLine.FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("pgbench printed no tps:\n%s", b)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

// scratchDB returns the URL of the database name next to pgURL, creating it when missing,
// and whether pgbench still has to initialise it.
func scratchDB(ctx context.Context, pgURL, name string) (string, bool, error) {
	u, err := url.Parse(pgURL)
	if err != nil {
		return "", false, fmt.Errorf("-pg: %v", err)
	}
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		return "", false, fmt.Errorf("connect for pgbench: %v", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", false, err
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			return "", false, fmt.Errorf("create %s: %v", name, err)
		}
	}
	u.Path = "/" + strings.TrimPrefix(name, "/")
	scratch, err := pgx.Connect(ctx, u.String())
	if err != nil {
		return "", false, fmt.Errorf("connect to %s: %v", name, err)
	}
	defer scratch.Close(ctx)
	var ready bool
	if err := scratch.QueryRow(ctx, "SELECT to_regclass('pgbench_accounts') IS NOT NULL").Scan(&ready); err != nil {
		return "", false, err
	}
	return u.String(), !ready, nil
}
