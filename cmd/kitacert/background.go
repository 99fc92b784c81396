package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
)

// background is the periodic work of a replica: the sweep on its schedule and the
// delivery worker.
type background struct {
	cron     *cron.Cron
	worker   *notify.Worker
	interval time.Duration
	shutdown time.Duration // how long start's wait waits for the worker
}

// newBackground wires the sweep and the delivery worker from the config. Without
// KITACERT_SMTP_URL mail is off: notifications stay pending and the log says so.
func newBackground(ctx context.Context, cfg config, db *store.DB, blobs cert.Blobs, log *slog.Logger, m *schedule.Metrics) (*background, error) {
	renderer, err := notify.NewTemplateRenderer(cfg.TemplatesDir, cfg.PublicURL)
	if err != nil {
		return nil, fmt.Errorf("KITACERT_TEMPLATES_DIR: %w", err)
	}
	sig, err := cfg.signature()
	if err != nil {
		return nil, fmt.Errorf("KITACERT_MAIL_EMAIL: %w", err)
	}
	renderer.SetSignature(sig)
	senders := map[notify.Channel]notify.Sender{}
	if cfg.SMTPURL == "" {
		log.Warn("mail is off: KITACERT_SMTP_URL is not set; notifications stay pending until it is")
	} else {
		smtpCfg, err := notify.ParseSMTPURL(cfg.SMTPURL)
		if err != nil {
			return nil, fmt.Errorf("KITACERT_SMTP_URL: %w", err)
		}
		if smtpCfg.Timeout == 0 { // the URL's timeout= wins
			smtpCfg.Timeout = cfg.Tuning.SMTPTimeout
		}
		s, err := notify.NewSMTPSender(smtpCfg, cfg.SMTPFrom)
		if err != nil {
			return nil, fmt.Errorf("KITACERT_SMTP_URL: %w", err)
		}
		senders[notify.ChannelEmail] = s
		log.Info("mail is on", "smtp", smtpCfg)
	}
	if cfg.WebhookURL != "" {
		w, err := notify.NewWebhookSender(cfg.WebhookURL, []byte(cfg.WebhookSecret),
			&http.Client{Timeout: cfg.Tuning.WebhookTimeout})
		if err != nil {
			return nil, fmt.Errorf("KITACERT_WEBHOOK_URL: %w", err)
		}
		senders[notify.ChannelWebhook] = w
	}
	sw := newSweeper(cfg, db, blobs, cert.SystemClock{}, log)
	c := schedule.NewCron(cfg.Location, log)
	if _, err := schedule.Add(c, ctx, cfg.SweepSchedule, func(ctx context.Context) {
		m.Run(ctx, log, sw, cert.Today(cert.SystemClock{}, cfg.Location))
	}); err != nil {
		return nil, fmt.Errorf("KITACERT_SWEEP_SCHEDULE: %w", err)
	}
	t := cfg.Tuning
	return &background{cron: c, interval: cfg.DeliveryInterval, shutdown: t.ShutdownTimeout,
		worker: &notify.Worker{Store: db, Renderer: renderer, Senders: senders, Log: log,
			Lease: t.WorkerLease, Batch: t.WorkerBatch, MaxAttempts: t.MaxAttempts, Backoff: t.backoff()}}, nil
}

// start runs the cron and the worker until ctx ends; wait blocks until both stopped.
func (b *background) start(ctx context.Context) (wait func()) {
	b.cron.Start()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = b.worker.Run(ctx, b.interval) // the config passed every value: no settings error
	}()
	return func() {
		<-b.cron.Stop().Done()
		select {
		case <-done:
		case <-time.After(b.shutdown):
		}
	}
}
