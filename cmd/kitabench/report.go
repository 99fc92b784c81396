package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// benchReads measures the status read, then at half its rate, then two other
// single-resource reads, and prints each with its ratio to pgbench's tps; last /healthz,
// which reads no database, as the ceiling of HTTP on this machine.
func benchReads(ctx context.Context, o options, pgbenchTPS float64, out io.Writer) error {
	c := newClient(o)
	kitas, err := c.ids(ctx, "kitas")
	if err != nil {
		return err
	}
	procs, err := c.ids(ctx, "procedures")
	if err != nil {
		return err
	}
	paths := func(format string, ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = fmt.Sprintf(format, id)
		}
		return out
	}
	if o.pg != "" {
		alone, err := runStatusAlone(ctx, o, kitas[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%-30s %3d clients %5.0fs  %8.0f tps  ratio %.2f (the database's own speed for the statement)\n",
			"status statement, pgbench", o.clients, o.duration.Seconds(), alone, alone/pgbenchTPS)
	}
	status := paths("/api/v1/kitas/%s/status", kitas)
	// Each phase starts with a warm-up of its own: the token cache, the server's pool (new
	// PostgreSQL backends plan a statement slowly at first, and five times before they
	// keep a generic plan) and the HTTP connections.
	warm := func(paths []string) []string {
		c.closedLoop(ctx, o.clients, 2*time.Second, paths)
		return paths
	}

	line := func(name string, r result, target float64) {
		fmt.Fprintf(out, "%-30s %3d clients %5.0fs  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  ratio %.2f (target ≥ %.1f)%s\n",
			name, o.clients, r.elapsed.Seconds(), r.rate(), ms(r.quantile(0.5)), ms(r.quantile(0.99)), r.rate()/pgbenchTPS, target, failures(r))
	}
	full := c.closedLoop(ctx, o.clients, o.duration, warm(status))
	line("GET /api/v1/kitas/{id}/status", full, 0.5)
	half := full.rate() / 2
	paced := c.openLoop(ctx, o.clients, o.duration, half, status)
	fmt.Fprintf(out, "%-30s at %.0f req/s (half)    %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (target p99 ≤ 10 ms)%s\n",
		"GET /api/v1/kitas/{id}/status", half, paced.rate(), ms(paced.quantile(0.5)), ms(paced.quantile(0.99)), failures(paced))
	line("GET /api/v1/kitas/{id}", c.closedLoop(ctx, o.clients, o.duration, warm(paths("/api/v1/kitas/%s", kitas))), 0.7)
	line("GET /api/v1/procedures/{id}", c.closedLoop(ctx, o.clients, o.duration, warm(paths("/api/v1/procedures/%s", procs))), 0.7)
	h := c.closedLoop(ctx, o.clients, o.duration, warm([]string{"/healthz"}))
	fmt.Fprintf(out, "%-30s %3d clients %5.0fs  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (no database: the HTTP ceiling)%s\n",
		"GET /healthz", o.clients, h.elapsed.Seconds(), h.rate(), ms(h.quantile(0.5)), ms(h.quantile(0.99)), failures(h))
	return ctx.Err()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func failures(r result) string {
	if r.failed == 0 {
		return ""
	}
	return fmt.Sprintf("  (%d failed, e.g. %v)", r.failed, r.firstErr)
}
