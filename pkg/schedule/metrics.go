package schedule

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// StaleAfter is how long without a successful sweep makes /readyz report it.
const StaleAfter = 26 * time.Hour

// Metrics are the Prometheus series of the sweep and the outbox.
type Metrics struct {
	runs        *prometheus.CounterVec
	duration    prometheus.Histogram
	lastSuccess prometheus.Gauge
	store       Store
}

// SealCounter counts seals per status on a day; pkg/store implements it.
type SealCounter interface {
	SealStatusCounts(ctx context.Context, asOf cert.Date, windowOffsetMonths int) (map[cert.SealStatus]int64, error)
}

// NewMetrics registers the series on reg. Notifications and seals by status are read from
// the database at every scrape, so every replica reports the same truth; today() gives the
// day for the seal statuses.
func NewMetrics(reg prometheus.Registerer, store Store, seals SealCounter, today func() cert.Date, windowOffsetMonths int) *Metrics {
	m := &Metrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kitacert_sweep_runs_total",
			Help: "Sweeps by result (ok, error, locked: another replica swept)."}, []string{"result"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "kitacert_sweep_duration_seconds",
			Help: "Duration of sweeps.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 14)}),
		lastSuccess: prometheus.NewGauge(prometheus.GaugeOpts{Name: "kitacert_sweep_last_success_timestamp_seconds",
			Help: "When this replica last finished a sweep without error."}),
		store: store,
	}
	reg.MustRegister(m.runs, m.duration, m.lastSuccess, &outboxCollector{store: store,
		desc: prometheus.NewDesc("kitacert_notifications", "Notifications in the outbox by status.", []string{"status"}, nil)},
		&sealCollector{seals: seals, today: today, offset: windowOffsetMonths,
			desc: prometheus.NewDesc("kitacert_seals", "Seals by status today.", []string{"status"}, nil)})
	return m
}

// Run runs one sweep for asOf, logs and measures it.
func (m *Metrics) Run(ctx context.Context, log *slog.Logger, sw *Sweeper, asOf cert.Date) {
	start := time.Now()
	r, err := sw.Sweep(ctx, asOf, false)
	m.duration.Observe(time.Since(start).Seconds())
	switch {
	case err != nil:
		m.runs.WithLabelValues("error").Inc()
		log.ErrorContext(ctx, "sweep failed", "as_of", asOf.String(), "error", err)
	case !r.Ran:
		m.runs.WithLabelValues("locked").Inc()
		log.InfoContext(ctx, "sweep skipped: another replica is sweeping", "as_of", asOf.String())
	default:
		m.runs.WithLabelValues("ok").Inc()
		m.lastSuccess.SetToCurrentTime()
		log.InfoContext(ctx, "sweep done", "as_of", asOf.String(), "created", r.Counts.Created, "skipped", r.Counts.Skipped,
			"cancelled", r.Counts.Cancelled, "opened", r.Counts.Opened, "problems", len(r.Errors), "duration", time.Since(start))
	}
}

// SweepHealth reports "ok", or why the sweep looks stale; it never fails the process.
func SweepHealth(ctx context.Context, store Store, now time.Time) string {
	last, ok, err := store.LastSweepSuccess(ctx)
	switch {
	case err != nil:
		return "unknown: " + err.Error()
	case !ok:
		return "no sweep has succeeded yet"
	case now.Sub(last) > StaleAfter:
		return "stale: last success " + last.Format(time.RFC3339)
	}
	return "ok"
}

type outboxCollector struct {
	store Store
	desc  *prometheus.Desc
}

func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.store.CountByStatus(ctx)
	if err != nil {
		return
	}
	for _, st := range []notify.Status{notify.StatusPending, notify.StatusSent, notify.StatusFailed, notify.StatusSkipped, notify.StatusCancelled} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(counts[st]), string(st))
	}
}

type sealCollector struct {
	seals  SealCounter
	today  func() cert.Date
	offset int
	desc   *prometheus.Desc
}

func (c *sealCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *sealCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.seals.SealStatusCounts(ctx, c.today(), c.offset)
	if err != nil {
		return
	}
	for st, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), string(st))
	}
}
