package schedule_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestMetricsAndHealth: sweep runs, last success, notifications and seals by status; the
// sweep health turns stale after 26 hours.
func TestMetricsAndHealth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		if got := schedule.SweepHealth(context.Background(), db, today); got != "no sweep has succeeded yet" {
			t.Errorf("health before any sweep: %q", got)
		}
		reg := prometheus.NewRegistry()
		m := schedule.NewMetrics(reg, db, db, func() cert.Date { return cert.MustParseDate("2026-11-22") }, 0)
		m.Run(context.Background(), w.sw.Log, w.sw, cert.MustParseDate("2026-11-22"))
		out, err := testutil.GatherAndLint(reg)
		if err != nil || len(out) != 0 {
			t.Errorf("metrics lint: %v %v", out, err)
		}
		text := gather(t, reg)
		for _, want := range []string{`kitacert_sweep_runs_total{result="ok"} 1`, `kitacert_seals{status="renewal_due"} 3`,
			`kitacert_seals{status="expired"} 1`, `kitacert_notifications{status="pending"}`, "kitacert_sweep_last_success_timestamp_seconds"} {
			if !strings.Contains(text, want) {
				t.Errorf("metrics lack %s:\n%s", want, text)
			}
		}
		// the sweep's finish time comes from the injected clock
		if got := schedule.SweepHealth(context.Background(), db, today.Add(time.Hour)); got != "ok" {
			t.Errorf("health after a sweep: %q", got)
		}
		if got := schedule.SweepHealth(context.Background(), db, today.Add(27*time.Hour)); !strings.HasPrefix(got, "stale") {
			t.Errorf("health 27 hours later: %q", got)
		}
	})
}

func gather(t *testing.T, reg *prometheus.Registry) string {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			b.WriteString(mf.GetName())
			if len(m.GetLabel()) > 0 {
				b.WriteString("{")
				for i, l := range m.GetLabel() {
					if i > 0 {
						b.WriteString(",")
					}
					b.WriteString(l.GetName() + `="` + l.GetValue() + `"`)
				}
				b.WriteString("}")
			}
			switch {
			case m.Counter != nil:
				b.WriteString(" " + trim(m.Counter.GetValue()))
			case m.Gauge != nil:
				b.WriteString(" " + trim(m.Gauge.GetValue()))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func trim(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
