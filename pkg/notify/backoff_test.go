package notify_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/notify"
)

func TestBackoffWithoutJitterDoubles(t *testing.T) {
	middle := func() float64 { return 0.5 } // factor exactly 1
	b := notify.ExponentialBackoff(5*time.Minute, time.Hour, 0.2, middle)
	want := []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if got := b(i + 1); got != w {
			t.Errorf("attempt %d waits %v, want %v", i+1, got, w)
		}
	}
	if got := b(0); got != 5*time.Minute {
		t.Errorf("attempt 0 waits %v, want the base", got)
	}
	if got := b(10_000); got != time.Hour {
		t.Errorf("attempt 10000 waits %v, want the cap", got)
	}
}

func TestBackoffJitterBounds(t *testing.T) {
	low := notify.ExponentialBackoff(10*time.Minute, 12*time.Hour, 0.2, func() float64 { return 0 })
	high := notify.ExponentialBackoff(10*time.Minute, 12*time.Hour, 0.2, func() float64 { return 0.999999999 })
	if got, want := low(1), 8*time.Minute; got != want {
		t.Errorf("lowest wait of attempt 1 = %v, want %v", got, want)
	}
	if got, want := high(1), 12*time.Minute; got < want-time.Second || got > want {
		t.Errorf("highest wait of attempt 1 = %v, want just under %v", got, want)
	}
}

// TestBackoffProperties checks kitacert's policy (10 minutes doubling up to 12 hours,
// ± 20 %, 8 attempts; the values come from cmd/kitacert's config) under many random
// sources: every wait lies within ± 20 % of base·2^(n-1) (capped), waits grow from attempt
// to attempt, and the 8 attempts span about a day.
func TestBackoffProperties(t *testing.T) {
	const (
		attempts = 8
		base     = 10 * time.Minute
		maxWait  = 12 * time.Hour
	)
	for seed := range uint64(500) {
		rng := rand.New(rand.NewPCG(seed, 42))
		b := notify.ExponentialBackoff(base, maxWait, 0.2, rng.Float64)
		var total, prev time.Duration
		// After attempts 1..7 fail the worker waits; the 8th failure gives up.
		for n := 1; n < attempts; n++ {
			d := b(n)
			nominal := min(base<<(n-1), maxWait)
			lo := time.Duration(float64(nominal) * 0.8)
			hi := time.Duration(float64(nominal) * 1.2)
			if d < lo || d > hi {
				t.Fatalf("seed %d: attempt %d waits %v, want within [%v, %v]", seed, n, d, lo, hi)
			}
			if d <= prev {
				t.Fatalf("seed %d: attempt %d waits %v, not more than attempt %d (%v)", seed, n, d, n-1, prev)
			}
			prev = d
			total += d
		}
		if total < 16*time.Hour || total > 26*time.Hour {
			t.Fatalf("seed %d: the %d attempts span %v, want about a day (16h to 26h)", seed, attempts, total)
		}
		// Beyond the attempts the wait stays near the cap.
		if d := b(30); d < time.Duration(float64(maxWait)*0.8) || d > time.Duration(float64(maxWait)*1.2) {
			t.Fatalf("seed %d: attempt 30 waits %v, want about the cap %v", seed, d, maxWait)
		}
	}
}

// TestBackoffIsJittered: with the process-wide random source (rnd nil) the waits spread.
func TestBackoffIsJittered(t *testing.T) {
	b := testBackoff()
	seen := map[time.Duration]bool{}
	for range 50 {
		d := b(1)
		if d < 8*time.Minute || d > 12*time.Minute {
			t.Fatalf("first wait %v outside 8 to 12 minutes", d)
		}
		seen[d] = true
	}
	if len(seen) < 10 {
		t.Errorf("50 waits took only %d values: no jitter?", len(seen))
	}
}
