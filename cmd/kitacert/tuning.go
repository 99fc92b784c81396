package main

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/store"
)

// tuning is the part of the config that has no environment variable: the internal values
// the packages need and no longer default themselves. defaultTuning is the one place
// their defaults are written; the packages refuse a zero value instead of filling one in.
type tuning struct {
	// The delivery worker (notify.Worker).
	WorkerLease   time.Duration // how long a claim holds; a send may take half of it
	WorkerBatch   int           // rows per claim
	MaxAttempts   int           // temporary failures before a notification is given up
	BackoffBase   time.Duration // wait after the first failure, doubling after each further one
	BackoffCap    time.Duration // the longest wait
	BackoffJitter float64       // ± share of a wait, so that replicas do not come back together

	// Channels.
	SMTPTimeout    time.Duration // connecting and each SMTP command, unless the URL's timeout= says otherwise
	WebhookTimeout time.Duration // one webhook request

	// Accounts (auth.Settings).
	TokenLifetime    time.Duration // an API token without an explicit expiry
	SessionLifetime  time.Duration // a browser session, absolute
	SessionIdle      time.Duration // a browser session without a request
	LoginWindow      time.Duration // the window of the login rate limit
	MaxFailsPerEmail int           // failed logins per account in the window
	MaxFailsPerAddr  int           // failed logins per client address in the window
	TouchEvery       time.Duration // how often last-used times are written

	// The connection pool, when KITACERT_DATABASE_MAX_CONNS is not set. Several replicas
	// share PostgreSQL's max_connections (100 by default): three of 25 leave room for tools.
	MaxConnsPostgres int
	MaxConnsSQLite   int
	ConnMaxIdle      time.Duration // an idle connection is closed after this

	// The HTTP server of serve.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	ShutdownTimeout                                           time.Duration // in-flight requests after SIGTERM
	// UploadTimeout is the deadline of a document upload (a file of up to
	// KITACERT_EVIDENCE_MAX_FILE_MB over a slow line) instead of KITACERT_REQUEST_TIMEOUT.
	UploadTimeout time.Duration
}

// defaultTuning holds the default of every value without a variable. The retry policy
// gives up a notification about a day after its first attempt: 8 attempts, the waits
// doubling from 10 minutes (10, 20, 40, 80, 160, 320, 640 minutes, each ± 20 %). The SMTP
// timeout is short enough that a message (five commands) fits in half of the lease.
var defaultTuning = tuning{
	WorkerLease:   2 * time.Minute,
	WorkerBatch:   20,
	MaxAttempts:   8,
	BackoffBase:   10 * time.Minute,
	BackoffCap:    12 * time.Hour,
	BackoffJitter: 0.2,

	SMTPTimeout:    10 * time.Second,
	WebhookTimeout: 30 * time.Second,

	TokenLifetime:    90 * 24 * time.Hour,
	SessionLifetime:  12 * time.Hour,
	SessionIdle:      2 * time.Hour,
	LoginWindow:      15 * time.Minute,
	MaxFailsPerEmail: 5,
	MaxFailsPerAddr:  20,
	TouchEvery:       time.Minute,

	MaxConnsPostgres: 25,
	MaxConnsSQLite:   8,
	ConnMaxIdle:      5 * time.Minute,

	ReadHeaderTimeout: 10 * time.Second,
	ReadTimeout:       10 * time.Minute, // an upload of 20 MB at 0.5 Mbit/s; headers have ReadHeaderTimeout
	WriteTimeout:      10 * time.Minute, // a download of the same
	IdleTimeout:       120 * time.Second,
	ShutdownTimeout:   10 * time.Second,
	UploadTimeout:     10 * time.Minute,
}

// validate refuses a tuning a package would refuse, naming the field; only tests and
// future settings change the defaults, so this guards against an edit that breaks them.
func (t tuning) validate() error {
	for name, d := range map[string]time.Duration{"WorkerLease": t.WorkerLease, "BackoffBase": t.BackoffBase,
		"BackoffCap": t.BackoffCap, "SMTPTimeout": t.SMTPTimeout, "WebhookTimeout": t.WebhookTimeout,
		"TokenLifetime": t.TokenLifetime, "SessionLifetime": t.SessionLifetime, "SessionIdle": t.SessionIdle,
		"LoginWindow": t.LoginWindow, "TouchEvery": t.TouchEvery, "ConnMaxIdle": t.ConnMaxIdle,
		"ReadHeaderTimeout": t.ReadHeaderTimeout, "ReadTimeout": t.ReadTimeout, "WriteTimeout": t.WriteTimeout,
		"IdleTimeout": t.IdleTimeout, "ShutdownTimeout": t.ShutdownTimeout, "UploadTimeout": t.UploadTimeout} {
		if d <= 0 {
			return fmt.Errorf("tuning %s: want a duration > 0, got %v", name, d)
		}
	}
	for name, n := range map[string]int{"WorkerBatch": t.WorkerBatch, "MaxAttempts": t.MaxAttempts,
		"MaxFailsPerEmail": t.MaxFailsPerEmail, "MaxFailsPerAddr": t.MaxFailsPerAddr,
		"MaxConnsPostgres": t.MaxConnsPostgres, "MaxConnsSQLite": t.MaxConnsSQLite} {
		if n <= 0 {
			return fmt.Errorf("tuning %s: want a number > 0, got %d", name, n)
		}
	}
	if t.BackoffJitter < 0 || t.BackoffJitter >= 1 {
		return fmt.Errorf("tuning BackoffJitter: want 0 ≤ jitter < 1, got %v", t.BackoffJitter)
	}
	return nil
}

// backoff is the worker's retry policy.
func (t tuning) backoff() notify.Backoff {
	return notify.ExponentialBackoff(t.BackoffBase, t.BackoffCap, t.BackoffJitter, nil)
}

// authSettings are the account settings, every value given.
func (t tuning) authSettings() auth.Settings {
	return auth.Settings{SessionLifetime: t.SessionLifetime, SessionIdle: t.SessionIdle, LoginWindow: t.LoginWindow,
		MaxFailsPerEmail: t.MaxFailsPerEmail, MaxFailsPerAddr: t.MaxFailsPerAddr, TouchEvery: t.TouchEvery,
		TokenValid: t.TokenLifetime}
}

// maxConns is the pool size of a dialect when KITACERT_DATABASE_MAX_CONNS is not set.
func (t tuning) maxConns(d store.Dialect) int {
	if d == store.SQLite {
		return t.MaxConnsSQLite
	}
	return t.MaxConnsPostgres
}

// logValue is the tuning as logged at start.
func (t tuning) logValue() slog.Value {
	return slog.GroupValue(
		slog.Duration("worker_lease", t.WorkerLease), slog.Int("worker_batch", t.WorkerBatch),
		slog.Int("max_attempts", t.MaxAttempts), slog.Duration("backoff_base", t.BackoffBase),
		slog.Duration("backoff_cap", t.BackoffCap), slog.Float64("backoff_jitter", t.BackoffJitter),
		slog.Duration("smtp_timeout", t.SMTPTimeout), slog.Duration("webhook_timeout", t.WebhookTimeout),
		slog.Duration("token_lifetime", t.TokenLifetime), slog.Duration("session_lifetime", t.SessionLifetime),
		slog.Duration("session_idle", t.SessionIdle), slog.Duration("conn_max_idle", t.ConnMaxIdle),
		slog.Duration("shutdown_timeout", t.ShutdownTimeout), slog.Duration("upload_timeout", t.UploadTimeout),
	)
}
