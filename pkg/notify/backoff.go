package notify

import (
	"math/rand/v2"
	"time"
)

// Backoff says how long to wait after the attempt-th failed delivery attempt (1 for the
// first failure) before the next one.
type Backoff func(attempt int) time.Duration

// ExponentialBackoff returns a Backoff under which attempt n waits base·2^(n-1), capped at
// maxWait, and then multiplied by a random factor in [1-jitter, 1+jitter) so that replicas
// and the rows of one batch do not all come back at the same moment (capped waits spread
// around maxWait too). rnd returns numbers in
// [0, 1); nil means math/rand/v2's Float64 (safe for concurrent use). Tests pass a fixed
// source. Attempts below 1 count as 1; jitter is clamped to [0, 1).
func ExponentialBackoff(base, maxWait time.Duration, jitter float64, rnd func() float64) Backoff {
	if rnd == nil {
		rnd = rand.Float64
	}
	if jitter < 0 {
		jitter = 0
	}
	if jitter >= 1 {
		jitter = 0.99
	}
	if maxWait < base {
		maxWait = base
	}
	return func(attempt int) time.Duration {
		d := base
		for i := 1; i < attempt && d < maxWait; i++ {
			d *= 2 // stops at the cap long before overflowing
		}
		d = min(d, maxWait)
		factor := 1 + jitter*(2*rnd()-1)
		return time.Duration(float64(d) * factor)
	}
}
