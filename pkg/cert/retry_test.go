package cert

import (
	"errors"
	"fmt"
	"testing"
)

// TestRetryStale: under "If-Match: *" a change that lost a race is tried again, also when
// the store wrapped ErrStale with context; a named version is never retried.
func TestRetryStale(t *testing.T) {
	for _, tc := range []struct {
		name  string
		m     IfMatch
		fail  error
		calls int
	}{
		{"any, stale twice", IfMatch{Given: true, Any: true}, ErrStale, 3},
		{"any, wrapped stale", IfMatch{Given: true, Any: true}, fmt.Errorf("update kita: %w", ErrStale), 3},
		{"named version", Expect(4), ErrStale, 1},
		{"any, other error", IfMatch{Given: true, Any: true}, ErrNotFound, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			err := RetryStale(tc.m, func() error {
				calls++
				if calls < 3 {
					return tc.fail
				}
				return nil
			})
			if calls != tc.calls {
				t.Errorf("calls = %d, want %d", calls, tc.calls)
			}
			if tc.calls == 3 && err != nil || tc.calls == 1 && !errors.Is(err, tc.fail) {
				t.Errorf("err = %v", err)
			}
		})
	}
}
