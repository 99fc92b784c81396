package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/httpapi"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/schedule"
)

func cmdServe(ctx context.Context, args []string, e env) error {
	cfg := loadConfig(e.getenv)
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg.bindFlags(fs)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (KITACERT_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo data set (once; idempotent)")
	migrate := fs.Bool("migrate", false, "apply pending migrations before serving (always on for SQLite)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := cfg.validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	log := newLogger(cfg, e.stderr)
	log.Info("starting kitacert", "version", version, "config", cfg.logValue())

	db, err := openDBWith(ctx, cfg, log, *migrate, cfg.RequestTimeout)
	if err != nil {
		return err
	}
	defer db.Close()

	blobs, err := openBlobs(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = blobs.Close() }()
	svc := newCertService(cfg, db, blobs, cert.SystemClock{})
	accounts := auth.NewService(db, cert.SystemClock{}, cfg.authSettings())
	sys := access.WithPrincipal(ctx, access.System)
	if *withDemo {
		res, err := demo.Load(sys, svc)
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		log.Info("demo data", "result", res.String())
		if err := demo.LoadCatalogue(sys, svc); err != nil {
			return fmt.Errorf("load the illustrative catalogue: %w", err)
		}
		if n, err := demo.LoadLifecycle(sys, svc); err != nil {
			return fmt.Errorf("load demo procedures: %w", err)
		} else if n > 0 {
			log.Info("demo procedures and seals created", "count", n)
		}
		users, err := demo.LoadUsers(sys, svc, accounts)
		if err != nil {
			return fmt.Errorf("load demo users: %w", err)
		}
		for _, u := range users {
			log.Warn("demo login (demo mode only)", "role", u.Role, "login", u.Email, "password", demo.Password)
		}
	}
	if n, err := accounts.CountUsers(ctx); err != nil {
		return err
	} else if n == 0 {
		log.Warn("no users yet: create the first admin with `kitacert users add --email ADDRESS --name NAME --role admin --password-stdin`")
	}
	started := time.Now()
	reg := prometheus.NewRegistry()
	metrics := schedule.NewMetrics(reg, db, db, func() cert.Date { return cert.Today(cert.SystemClock{}, cfg.Location) }, cfg.WindowOffsetMonths)
	bg, err := newBackground(ctx, cfg, db, blobs, log, metrics)
	if err != nil {
		return err
	}
	h, err := httpapi.New(httpapi.Config{Log: log, Service: svc, Accounts: accounts, DB: db, Cookies: cfg.Cookies, Location: cfg.Location, Site: cfg.Site,
		RequestTimeout: cfg.RequestTimeout, UploadTimeout: cfg.Tuning.UploadTimeout, BlobCheck: blobs.Check,
		Registry: reg, Outbox: &notify.Service{Store: db, Clock: cert.SystemClock{}},
		SweepHealth: func(ctx context.Context) string { return sweepHealth(ctx, db, started, time.Now()) }})
	if err != nil {
		return err
	}
	waitBackground := bg.start(ctx)
	defer waitBackground()
	listen := e.listen
	if listen == nil {
		listen = func(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }
	}
	ln, err := listen(cfg.Addr)
	if err != nil {
		return fmt.Errorf("KITACERT_ADDR: %w", err)
	}
	t := cfg.Tuning
	srv := &http.Server{Handler: h, ReadHeaderTimeout: t.ReadHeaderTimeout, ReadTimeout: t.ReadTimeout,
		WriteTimeout: t.WriteTimeout, IdleTimeout: t.IdleTimeout, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String())

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", t.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), t.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("in-flight requests cut off", "error", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// sweepHealth is the sweep's part of /readyz. A fresh installation has had no sweep yet:
// until the sweep would be stale anyway (schedule.StaleAfter after this start), that is
// no reason to report the service degraded.
func sweepHealth(ctx context.Context, st schedule.Store, started, now time.Time) string {
	if _, ok, err := st.LastSweepSuccess(ctx); err == nil && !ok && now.Sub(started) <= schedule.StaleAfter {
		return "ok"
	}
	return schedule.SweepHealth(ctx, st, now)
}
