package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// readmeSettings returns the rows of the README's settings table: variable → default
// column. A row naming two variables (`A`, `B`) gives both.
func readmeSettings(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "| `KITACERT_") {
			continue
		}
		cols := strings.Split(line, " | ")
		if len(cols) < 3 {
			t.Fatalf("README settings row without three columns: %s", line)
		}
		for _, v := range strings.Split(strings.TrimPrefix(cols[0], "| "), ", ") {
			rows[strings.Trim(v, "`")] = cols[1]
		}
	}
	return rows
}

// TestREADMESettingsTableMatchesConfig: the README's table and the settings table name the
// same variables, and every default of settings is the README's default (in backticks);
// the pool's default names the dialects' values of defaultTuning.
func TestREADMESettingsTableMatchesConfig(t *testing.T) {
	rows := readmeSettings(t)
	for _, s := range settings {
		def, ok := rows[s.env]
		if !ok {
			t.Errorf("README's settings table has no row for %s", s.env)
			continue
		}
		delete(rows, s.env)
		switch {
		case s.env == "KITACERT_DATABASE_MAX_CONNS":
			for _, n := range []int{defaultTuning.MaxConnsPostgres, defaultTuning.MaxConnsSQLite} {
				if !strings.Contains(def, strconv.Itoa(n)) {
					t.Errorf("README: default of %s is %q, want it to name %d", s.env, def, n)
				}
			}
		case s.def != "" && !strings.Contains(def, "`"+s.def+"`"):
			t.Errorf("README: default of %s is %q, want `%s`", s.env, def, s.def)
		case s.def == "" && strings.Contains(def, "`"):
			t.Errorf("README: %s has no default in the code, the README says %q", s.env, def)
		}
	}
	for env := range rows {
		t.Errorf("README lists %s, which the config does not read", env)
	}
}

// TestDefaultsLiveInTheConfig: a config from an empty environment carries the defaults of
// settings and defaultTuning; the pool size is the dialect's value from the tuning.
func TestDefaultsLiveInTheConfig(t *testing.T) {
	cfg := loadConfig(envOf(nil))
	if err := cfg.validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.Tuning != defaultTuning {
		t.Errorf("tuning = %+v, want defaultTuning", cfg.Tuning)
	}
	for _, c := range []struct {
		name, got, want string
	}{
		{"delivery interval", cfg.DeliveryInterval.String(), "30s"},
		{"sweep schedule", cfg.SweepSchedule, "0 6 * * *"},
		{"request timeout", cfg.RequestTimeout.String(), "5s"},
		{"certification number format", cfg.CertNumberFormat, "FZ-{year}-{seq}"},
		{"pool on SQLite", strconv.Itoa(cfg.DatabaseMaxConns), strconv.Itoa(defaultTuning.MaxConnsSQLite)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	pg := loadConfig(envOf(map[string]string{"KITACERT_DATABASE_URL": "postgres://x@127.0.0.1/kitacert"}))
	if err := pg.validate(); err != nil || pg.DatabaseMaxConns != defaultTuning.MaxConnsPostgres {
		t.Errorf("pool on PostgreSQL = %d (%v), want %d", pg.DatabaseMaxConns, err, defaultTuning.MaxConnsPostgres)
	}
}

// TestDefaultRetryPolicySpansADay: the default attempts and backoff give up a
// notification about a day (16 to 26 hours) after its first attempt.
func TestDefaultRetryPolicySpansADay(t *testing.T) {
	tu := defaultTuning
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 7))
		b := notify.ExponentialBackoff(tu.BackoffBase, tu.BackoffCap, tu.BackoffJitter, rng.Float64)
		var total time.Duration
		for n := 1; n < tu.MaxAttempts; n++ {
			total += b(n)
		}
		if total < 16*time.Hour || total > 26*time.Hour {
			t.Fatalf("seed %d: %d attempts span %v, want about a day", seed, tu.MaxAttempts, total)
		}
	}
}

// TestTuningRefusesZero: a tuning value of zero is named, not replaced by a default.
func TestTuningRefusesZero(t *testing.T) {
	for name, spoil := range map[string]func(*tuning){
		"WorkerLease":     func(t *tuning) { t.WorkerLease = 0 },
		"WorkerBatch":     func(t *tuning) { t.WorkerBatch = 0 },
		"MaxAttempts":     func(t *tuning) { t.MaxAttempts = 0 },
		"SMTPTimeout":     func(t *tuning) { t.SMTPTimeout = 0 },
		"TokenLifetime":   func(t *tuning) { t.TokenLifetime = 0 },
		"MaxConnsSQLite":  func(t *tuning) { t.MaxConnsSQLite = 0 },
		"ShutdownTimeout": func(t *tuning) { t.ShutdownTimeout = 0 },
		"BackoffJitter":   func(t *tuning) { t.BackoffJitter = 1 },
	} {
		cfg := loadConfig(envOf(nil))
		spoil(&cfg.Tuning)
		if err := cfg.validate(); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s spoilt: validate = %v, want an error naming it", name, err)
		}
	}
}

// TestInvalidDurationsNameTheVariable: the delivery interval and the sweep schedule are
// checked at start, and a bad one names its variable.
func TestInvalidDurationsNameTheVariable(t *testing.T) {
	for name, v := range map[string]string{"KITACERT_DELIVERY_INTERVAL": "0s", "KITACERT_SWEEP_SCHEDULE": "täglich"} {
		err := run(context.Background(), []string{"serve"}, envOf(map[string]string{name: v}), strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: err = %v, want an error naming it", name, v, err)
		}
	}
}

// TestBackgroundTakesTheConfiguredValues: the worker newBackground wires carries the
// config's interval and tuning, not values of its own.
func TestBackgroundTakesTheConfiguredValues(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	cfg := loadConfig(envOf(map[string]string{"KITACERT_DELIVERY_INTERVAL": "250ms"}))
	cfg.Tuning.WorkerLease, cfg.Tuning.WorkerBatch, cfg.Tuning.MaxAttempts = 3*time.Minute, 7, 4
	if err := cfg.validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	bg, err := newBackground(context.Background(), cfg, db, nil, log, schedule.NewMetrics(prometheus.NewRegistry(), db, db, nil, 0))
	if err != nil {
		t.Fatal(err)
	}
	w := bg.worker
	if bg.interval != 250*time.Millisecond || w.Lease != 3*time.Minute || w.Batch != 7 || w.MaxAttempts != 4 || w.Backoff == nil {
		t.Errorf("interval %v, lease %v, batch %d, attempts %d", bg.interval, w.Lease, w.Batch, w.MaxAttempts)
	}
	if bg.shutdown != cfg.Tuning.ShutdownTimeout {
		t.Errorf("shutdown wait %v, want %v", bg.shutdown, cfg.Tuning.ShutdownTimeout)
	}
}

// TestServeRunsSweepAndWorkerAsConfigured proves through `kitacert serve` that
// KITACERT_SWEEP_SCHEDULE and KITACERT_DELIVERY_INTERVAL reach the running parts: with the
// sweep every second and delivery every 50 ms, the expiry mail of the demo data (which
// only a sweep creates, after the worker's first run at start) arrives within seconds;
// under the defaults (06:00 daily, every 30 s) it would not.
func TestServeRunsSweepAndWorkerAsConfigured(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			sink := smtptest.New(t, smtptest.Options{TLS: smtptest.Plain})
			kv := map[string]string{"KITACERT_DATABASE_URL": storetest.URL(t, d), "KITACERT_SMTP_URL": sink.URL(),
				"KITACERT_SMTP_FROM": "kitacert <noreply@example.org>", "KITACERT_DELIVERY_INTERVAL": "50ms",
				"KITACERT_SWEEP_SCHEDULE": "@every 1s"}
			s := startServe(t, kv, "--demo", "--migrate")
			expired := func(m []smtptest.Message) bool {
				for _, msg := range m {
					if strings.Contains(msg.Subject, "abgelaufen") {
						return true
					}
				}
				return false
			}
			if msgs, ok := sink.Await(15*time.Second, expired); !ok {
				t.Fatalf("no expiry mail among %d within 15 s\n%s", len(msgs), s.logs)
			}
			// The start log shows the values in force, the tuning among them.
			for _, want := range []string{"every=50ms", "config.delivery_interval=50ms", `config.sweep_schedule="@every 1s"`,
				"config.tuning.worker_lease=2m0s", "config.tuning.max_attempts=8"} {
				if !strings.Contains(s.logs.String(), want) {
					t.Errorf("the log lacks %s:\n%s", want, s.logs)
				}
			}
		})
	}
}
