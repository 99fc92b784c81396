package notify_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// rivalSender sends, moves the clock on as a slow server would, and then lets a second
// worker try to claim: while the first works through its batch, the rival gets nothing.
type rivalSender struct {
	next  notify.Sender
	clock *cert.FixedClock
	takes time.Duration
	db    *store.DB
	lease time.Duration
	mu    *sync.Mutex
	stole *int
}

func (s rivalSender) Send(ctx context.Context, m notify.Message) error {
	err := s.next.Send(ctx, m)
	s.clock.Advance(s.takes)
	rows, cerr := s.db.ClaimDue(context.Background(), s.clock.Now(), s.lease, 100)
	if cerr != nil {
		return cerr
	}
	s.mu.Lock()
	*s.stole += len(rows)
	s.mu.Unlock()
	return err
}

// TestWorkerRenewsLeaseDuringBatch: a batch that takes longer than the lease (five
// messages of 2 minutes each under a 5-minute lease) keeps its rows: the lease is renewed
// while the batch runs, no other worker can claim them meanwhile, and every one is sent once.
func TestWorkerRenewsLeaseDuringBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		clock := cert.NewFixedClock(t0)
		w := newWorker(t, db, srv, clock, nil) // lease 5 min
		var mu sync.Mutex
		stole := 0
		w.Senders[notify.ChannelEmail] = rivalSender{next: w.Senders[notify.ChannelEmail], clock: clock, takes: 2 * time.Minute,
			db: db, lease: w.Lease, mu: &mu, stole: &stole}
		rows := insertRows(t, db, t0, 5)

		if s, r, f := runOnce(t, w); s != 5 || r+f != 0 {
			t.Fatalf("RunOnce = %d, %d, %d; want 5 sent", s, r, f)
		}
		if stole != 0 {
			t.Errorf("a second worker claimed %d rows of the batch in hand", stole)
		}
		if srv.Count() != 5 {
			t.Errorf("server got %d messages, want 5", srv.Count())
		}
		for _, row := range rows {
			if n := get(t, db, row.ID); n.Status != notify.StatusSent || n.LeaseUntil != nil {
				t.Errorf("row %s: status %s, lease %v", n.ID, n.Status, n.LeaseUntil)
			}
		}
	})
}

// TestWorkerLeaseOfCrashedWorkerIsShort: with kitacert's lease (two minutes, from
// cmd/kitacert's config) the rows of a worker that died mid-batch are claimed again after
// two minutes, not ten.
func TestWorkerLeaseOfCrashedWorkerIsShort(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		const lease = 2 * time.Minute
		insertRows(t, db, t0, 3)
		ctx := context.Background()
		if got, err := db.ClaimDue(ctx, t0, lease, 10); err != nil || len(got) != 3 {
			t.Fatalf("crashed worker's claim: %d rows, %v", len(got), err)
		}
		if got, err := db.ClaimDue(ctx, t0.Add(lease-time.Second), lease, 10); err != nil || len(got) != 0 {
			t.Fatalf("claimed %d rows while the lease runs (%v)", len(got), err)
		}
		if got, err := db.ClaimDue(ctx, t0.Add(2*time.Minute), lease, 10); err != nil || len(got) != 3 {
			t.Fatalf("after two minutes: %d rows, %v; want all 3 back", len(got), err)
		}
	})
}

// TestWorkerHangingServerCostsOneTimeout: a server that accepts and never answers costs
// one timeout per run, not one per message: the first message is set to retry, the rest
// of the batch is released unchanged for the next run.
func TestWorkerHangingServerCostsOneTimeout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{Silent: true})
		clock := cert.NewFixedClock(t0)
		w := newWorker(t, db, srv, clock, nil)
		w.Senders[notify.ChannelEmail] = sender(t, srv, func(c *notify.SMTPConfig) { c.Timeout = 200 * time.Millisecond })
		rows := insertRows(t, db, t0, 5)

		if s, r, f := runOnce(t, w); s != 0 || r != 1 || f != 0 {
			t.Fatalf("RunOnce = %d, %d, %d; want one retry", s, r, f)
		}
		retried, untouched := 0, 0
		for _, row := range rows {
			n := get(t, db, row.ID)
			switch {
			case n.Status == notify.StatusPending && n.Attempts == 1 && n.LeaseUntil == nil && n.NextAttemptAt.After(t0):
				retried++
			case n.Status == notify.StatusPending && n.Attempts == 0 && n.LeaseUntil == nil && n.NextAttemptAt.Equal(row.NextAttemptAt):
				untouched++
			default:
				t.Errorf("row %s: status %s, attempts %d, lease %v, next %v", n.ID, n.Status, n.Attempts, n.LeaseUntil, n.NextAttemptAt)
			}
		}
		if retried != 1 || untouched != 4 {
			t.Errorf("%d retried, %d released unchanged; want 1 and 4", retried, untouched)
		}
	})
}
