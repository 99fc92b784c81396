package notify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestWorkerRefusesMissingSettings: the Worker has no defaults; a zero lease, batch or
// attempt count, a missing backoff or a zero run interval is ErrWorkerSettings, and
// nothing is claimed.
func TestWorkerRefusesMissingSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := smtptest.New(t, smtptest.Options{})
		rows := insertRows(t, db, t0, 1)
		for name, spoil := range map[string]func(*notify.Worker){
			"lease":        func(w *notify.Worker) { w.Lease = 0 },
			"batch":        func(w *notify.Worker) { w.Batch = 0 },
			"max attempts": func(w *notify.Worker) { w.MaxAttempts = 0 },
			"backoff":      func(w *notify.Worker) { w.Backoff = nil },
		} {
			w := newWorker(t, db, srv, nil, nil)
			spoil(w)
			if _, _, _, err := w.RunOnce(context.Background()); !errors.Is(err, notify.ErrWorkerSettings) {
				t.Errorf("%s missing: RunOnce = %v, want ErrWorkerSettings", name, err)
			}
			if err := w.Run(context.Background(), time.Second); !errors.Is(err, notify.ErrWorkerSettings) {
				t.Errorf("%s missing: Run = %v, want ErrWorkerSettings", name, err)
			}
		}
		if err := newWorker(t, db, srv, nil, nil).Run(context.Background(), 0); !errors.Is(err, notify.ErrWorkerSettings) {
			t.Errorf("Run with interval 0 = %v, want ErrWorkerSettings", err)
		}
		if n := get(t, db, rows[0].ID); n.Status != notify.StatusPending || n.LeaseUntil != nil || srv.Count() != 0 {
			t.Errorf("a refused worker touched the outbox: status %s, lease %v, %d sent", n.Status, n.LeaseUntil, srv.Count())
		}
	})
}
