package notify_test

import (
	"net/http"
	"time"

	"github.com/kitacert/kitacert/pkg/notify"
)

// The package has no defaults: kitacert's config passes every value. Tests use these.
const (
	testLease       = 5 * time.Minute
	testBatch       = 10
	testMaxAttempts = 8
)

// testBackoff is the retry policy of the tests: 10 minutes doubling up to 12 hours, ± 20 %.
func testBackoff() notify.Backoff {
	return notify.ExponentialBackoff(10*time.Minute, 12*time.Hour, 0.2, nil)
}

// webhookClient is the http.Client of the tests' webhook senders.
func webhookClient() *http.Client { return &http.Client{Timeout: 5 * time.Second} }
