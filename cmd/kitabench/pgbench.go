package main

import (
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
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
	threads := min(o.clients, 4)
	b, err := exec.CommandContext(ctx, "pgbench", "-S", "-n", "-c", strconv.Itoa(o.clients), "-j", strconv.Itoa(threads),
		"-T", strconv.Itoa(int(o.duration.Seconds())), dsn).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench -S: %v\n%s", err, b)
	}
	m := tpsLine.FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("pgbench -S printed no tps:\n%s", b)
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
