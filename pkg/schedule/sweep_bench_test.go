package schedule_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// BenchmarkSweep measures a daily sweep over a large programme on PostgreSQL:
// KITACERT_BENCH_SEALS seals (default 1,000,000), each of its own center with one Kita and
// its leader, valid_until spread over four years of days, bookmarks as a previous day's
// sweep left them. Each iteration sweeps the next day, on which about 6/1461 of the seals
// have a reminder due. Run it with
//
//	KITACERT_TEST_POSTGRES=… go test -run '^$' -bench Sweep -benchtime 5x -timeout 30m ./pkg/schedule/
func BenchmarkSweep(b *testing.B) {
	if os.Getenv(storetest.PostgresEnv) == "" {
		b.Skip("needs PostgreSQL (KITACERT_TEST_POSTGRES)")
	}
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("KITACERT_BENCH_SEALS")); err == nil && v > 0 {
		n = v
	}
	db := storetest.Open(b, store.Postgres)
	ctx := context.Background()
	start := time.Now()
	for _, q := range benchSetup {
		var args []any
		if strings.Contains(q, "?") {
			args = append(args, n)
		}
		if err := db.Gorm().Exec(q, args...).Error; err != nil {
			b.Fatalf("setup: %v\n%s", err, q)
		}
	}
	b.Logf("setup of %d seals took %s", n, time.Since(start))
	clock := cert.NewFixedClock(time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC))
	svc := cert.New(db, clock, time.UTC, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
	sw := &schedule.Sweeper{Store: db, Cert: svc, Routing: notify.DefaultRouting(), Clock: clock,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), DigestWeekday: time.Sunday}
	day := cert.MustParseDate("2026-11-23")
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		r, err := sw.Sweep(ctx, day.AddDays(i), false)
		if err != nil {
			b.Fatal(err)
		}
		total += r.Counts.Created + r.Counts.Skipped
	}
	b.StopTimer()
	b.ReportMetric(float64(total)/float64(b.N), "rows/sweep")
	b.ReportMetric(float64(n), "seals")
}

// benchSetup builds the programme in SQL; ? is the number of seals.
var benchSetup = []string{
	`INSERT INTO youth_offices (id, version, created_at, updated_at, name, search_name, code, region)
	 VALUES ('00000000-0000-7000-8000-000000000001', 1, now(), now(), 'Jugendamt Bench', 'jugendamt bench', 'BENCH', 'rheinland')
	 ON CONFLICT DO NOTHING`,
	`INSERT INTO providers (id, version, created_at, updated_at, name, search_name, kind)
	 VALUES ('00000000-0000-7000-8000-000000000002', 1, now(), now(), 'Träger Bench', 'träger bench', 'other')
	 ON CONFLICT DO NOTHING`,
	`INSERT INTO catalogues (version, title, illustrative, document, loaded_at)
	 VALUES ('bench', 'Bench', true, '{"version":"bench","title":"Bench","areas":[]}', now()) ON CONFLICT DO NOTHING`,
	`CREATE TEMP TABLE bench_ids AS
	 SELECT i, md5('k' || i)::uuid AS kita, md5('c' || i)::uuid AS center, md5('p' || i)::uuid AS proc,
	        md5('s' || i)::uuid AS seal, md5('m' || i)::uuid AS member, md5('x' || i)::uuid AS contact,
	        DATE '2027-01-01' + (i % 1461) AS until
	 FROM generate_series(1, ?::int) AS i`,
	`INSERT INTO kitas (id, version, created_at, updated_at, name, search_name, provider_id, youth_office_id, street, postal_code, city, city_key)
	 SELECT kita, 1, now(), now(), 'Kita ' || i, 'kita ' || i, '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001',
	        'Straße 1', '40210', 'Düsseldorf', 'düsseldorf' FROM bench_ids`,
	`INSERT INTO centers (id, version, created_at, updated_at, kind, name, search_name)
	 SELECT center, 1, now(), now(), 'single', 'FZ ' || i, 'fz ' || i FROM bench_ids`,
	`INSERT INTO center_memberships (id, center_id, kita_id, role, joined_on) SELECT member, center, kita, 'grant_recipient', DATE '2020-08-01' FROM bench_ids`,
	`INSERT INTO contacts (id, version, created_at, updated_at, name, search_name, email, function, kita_id)
	 SELECT contact, 1, now(), now(), 'Leitung ' || i, 'leitung ' || i, 'leitung' || i || '@example.org', 'kita_leader', kita FROM bench_ids`,
	`INSERT INTO procedures (id, version, created_at, updated_at, center_id, youth_office_id, kind, year, catalogue_version, state, open, certification_number)
	 SELECT proc, 1, now(), now(), center, '00000000-0000-7000-8000-000000000001', 'initial', 2022, 'bench', 'certified', false, 'B-' || i FROM bench_ids`,
	// bookmarks as the sweep of 2026-11-22 left them: the first reminder day after it
	`INSERT INTO seals (id, version, created_at, updated_at, center_id, procedure_id, certification_number, valid_from, valid_until, certified_kitas, next_reminder_on)
	 SELECT seal, 1, now(), now(), center, proc, 'B-' || i, until - INTERVAL '4 years' + INTERVAL '1 day', until, 1,
	   (SELECT MIN(d) FROM (VALUES
	       (make_date(CASE WHEN EXTRACT(MONTH FROM until) >= 8 THEN EXTRACT(YEAR FROM until)::int ELSE EXTRACT(YEAR FROM until)::int - 1 END, 8, 1)),
	       ((until + 1 - INTERVAL '12 months')::date), ((until + 1 - INTERVAL '6 months')::date),
	       ((until + 1 - INTERVAL '3 months')::date), ((until + 1 - INTERVAL '1 month')::date), (until + 1)) AS r(d)
	    WHERE d > DATE '2026-11-22')
	 FROM bench_ids`,
	`ANALYZE`,
}
