package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// NewCron returns a cron in loc whose jobs recover from panics (logged; the next run
// still happens) and are skipped while their previous run is still going. The order
// matters: SkipIfStillRunning releases its slot only when the job returns, so Recover must
// sit inside it, or one panic would block the job for good (TestCronRecoversFromPanics).
func NewCron(loc *time.Location, log *slog.Logger) *cron.Cron {
	l := cronLog{log: log}
	return cron.New(cron.WithLocation(loc), cron.WithLogger(l),
		cron.WithChain(cron.SkipIfStillRunning(l), cron.Recover(l)))
}

// ParseSchedule validates a five-field cron expression (or a descriptor like "@daily").
func ParseSchedule(spec string) (cron.Schedule, error) {
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("invalid schedule %q: %w", spec, err)
	}
	return s, nil
}

// Add registers job under spec; ctx is handed to every run.
func Add(c *cron.Cron, ctx context.Context, spec string, job func(ctx context.Context)) (cron.EntryID, error) {
	return c.AddFunc(spec, func() { job(ctx) })
}

// cronLog sends robfig/cron's messages to slog.
type cronLog struct{ log *slog.Logger }

func (l cronLog) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLog) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "error", err)...)
}
