package schedule

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
)

// TestScheduleAroundDST pins the daily 06:00 runs (kitacert's default schedule, set in
// cmd/kitacert's config) in Europe/Berlin across both changes of
// 2026 (29 March, 25 October): always 06:00 local time, 23 or 25 hours apart.
func TestScheduleAroundDST(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	s, err := ParseSchedule("0 6 * * *")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		from string
		want []string
	}{
		{"2026-03-27T12:00:00+01:00", []string{"2026-03-28T06:00:00+01:00", "2026-03-29T06:00:00+02:00", "2026-03-30T06:00:00+02:00"}},
		{"2026-10-23T12:00:00+02:00", []string{"2026-10-24T06:00:00+02:00", "2026-10-25T06:00:00+01:00", "2026-10-26T06:00:00+01:00"}},
	} {
		at, _ := time.Parse(time.RFC3339, tt.from)
		at = at.In(berlin)
		for _, w := range tt.want {
			at = s.Next(at)
			if at.Format(time.RFC3339) != w {
				t.Errorf("next run %s, want %s", at.Format(time.RFC3339), w)
			}
		}
	}
	if _, err := ParseSchedule("every morning"); err == nil {
		t.Error("bad schedule accepted")
	}
}

// TestCronRecoversFromPanics: a panicking job is logged and runs again next time.
func TestCronRecoversFromPanics(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	c := NewCron(time.UTC, log)
	runs := make(chan struct{}, 2)
	if _, err := Add(c, context.Background(), "@every 1s", func(context.Context) {
		select {
		case runs <- struct{}{}:
		default: // the test has seen two runs
		}
		panic("boom")
	}); err != nil {
		t.Fatal(err)
	}
	c.Start()
	limit := time.After(10 * time.Second) // a bound, not an order: each run wakes the test
	for seen := 0; seen < 2; seen++ {
		select {
		case <-runs:
		case <-limit:
			<-c.Stop().Done()
			t.Fatalf("job ran %d times after panicking, want at least 2", seen)
		}
	}
	<-c.Stop().Done()
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("panic not logged:\n%s", logs.String())
	}
}
