package schedule

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// SweepOneProcedure runs the sweep's per-procedure transaction for p as the sweep read it
// (possibly stale), so that a test can put a step between the read and the write.
func SweepOneProcedure(ctx context.Context, s *Sweeper, p SweepProcedure, asOf cert.Date) (Report, error) {
	r := Report{AsOf: asOf, Created: map[notify.Reminder]int{}, Skips: map[notify.Reminder]int{}}
	coord, err := s.Store.Coordinators(ctx)
	if err != nil {
		return r, err
	}
	people, err := s.Store.CentersPeople(ctx, []uuid.UUID{p.CenterID})
	if err != nil {
		return r, err
	}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		return s.sweepProcedure(ctx, p, slices.Concat(people[p.CenterID], coord), asOf, &r)
	})
	return r, err
}
