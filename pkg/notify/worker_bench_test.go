package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// BenchmarkDelivery measures delivery throughput: b.N due notifications are claimed,
// rendered, sent to an in-process SMTP sink (one SMTP connection per message, as in
// production) and recorded as sent, by one worker with the default batch size. It runs on
// SQLite, and on PostgreSQL too when KITACERT_TEST_POSTGRES is set; each run starts from a
// fresh database. Reports messages/s.
//
//	go test -run '^$' -bench Delivery -benchtime 500x ./pkg/notify/
func BenchmarkDelivery(b *testing.B) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			db := storetest.Open(b, d)
			srv := smtptest.New(b, smtptest.Options{})
			now := time.Now().UTC().Truncate(time.Second)
			insertRows(b, db, now, b.N)
			w := &notify.Worker{
				Store:       db,
				Renderer:    testRenderer{},
				Senders:     map[notify.Channel]notify.Sender{notify.ChannelEmail: sender(b, srv)},
				Clock:       cert.SystemClock{},
				Lease:       testLease,
				Batch:       testBatch,
				MaxAttempts: testMaxAttempts,
				Backoff:     testBackoff(),
			}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			total := 0
			for total < b.N {
				s, r, f, err := w.RunOnce(context.Background())
				if err != nil || r+f != 0 {
					b.Fatalf("RunOnce: %d retried, %d failed, %v", r, f, err)
				}
				if s == 0 {
					b.Fatalf("RunOnce sent nothing with %d of %d left", b.N-total, b.N)
				}
				total += s
			}
			elapsed := time.Since(start)
			b.StopTimer()
			if srv.Count() != b.N {
				b.Fatalf("server got %d messages, want %d", srv.Count(), b.N)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "messages/s")
		})
	}
}
