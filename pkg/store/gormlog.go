package store

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slogGorm sends gorm's slow-query and error reports to slog. It never logs the SQL's
// bound values (they may hold personal data), only the statement text with placeholders.
type slogGorm struct {
	log  *slog.Logger
	slow time.Duration
}

func (l *slogGorm) LogMode(logger.LogLevel) logger.Interface { return l }

func (l *slogGorm) Info(ctx context.Context, msg string, args ...any) {
	l.log.InfoContext(ctx, "gorm: "+msg)
}

func (l *slogGorm) Warn(ctx context.Context, msg string, args ...any) {
	l.log.WarnContext(ctx, "gorm: "+msg)
}

func (l *slogGorm) Error(ctx context.Context, msg string, args ...any) {
	l.log.ErrorContext(ctx, "gorm: "+msg)
}

func (l *slogGorm) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	switch {
	case err != nil && !errors.Is(err, gorm.ErrRecordNotFound) && !errors.Is(err, context.Canceled) && ErrorIsConstraint(err) == "":
		l.log.ErrorContext(ctx, "query failed", "duration", elapsed, "error", err)
	case elapsed > l.slow:
		l.log.WarnContext(ctx, "slow query", "duration", elapsed)
	}
}

var _ logger.Interface = (*slogGorm)(nil)
