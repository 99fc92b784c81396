package store_test

import (
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestSealAwardedBackfill: the migration that adds seal_kitas.awarded marks, for seals
// awarded before it, the first coverage (on or before the seal's first day) of the Kitas
// that were members on the day of the decision. A Kita that joined on the seal's first
// day, one that joined between the spring decision and 1 August, and a later joiner stay
// unmarked (issue 8). Without a decision day the old rule (coverage from the first day)
// applies. The awarded flag round-trips through the store.
func TestSealAwardedBackfill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, ks := e.sealNetwork(t, 5)
		// The decision was on svcToday (2026-03-10); ks[3] joined on the seal's first
		// day, ks[4] between the decision and 1 August. Both are covered from the first day.
		setJoined := func(kita cert.Kita, on string) {
			t.Helper()
			mustOK(t, db.Gorm().Exec(`UPDATE center_memberships SET joined_on = ? WHERE kita_id = ?`,
				sealDay(on), kita.ID).Error)
		}
		setJoined(ks[3], "2026-08-01")
		setJoined(ks[4], "2026-05-04")
		// A seal whose procedure has no decision day: the first coverage counts.
		old, oldKs := e.sealNetwork(t, 2)
		setJoined(oldKs[1], "2026-08-01")
		oldSeal := e.storedSeal(t, old, "2026-08-01", "2030-07-31", func(s *cert.Seal) {
			for i := range s.Coverage {
				s.Coverage[i].Awarded = false
			}
		})
		mustOK(t, db.Gorm().Exec(`UPDATE procedures SET decided_on = NULL WHERE id = ?`, oldSeal.ProcedureID).Error)
		s := e.storedSeal(t, c, "2026-08-01", "2030-07-31", func(s *cert.Seal) {
			for i := range s.Coverage {
				s.Coverage[i].Awarded = false // as stored before the column existed
				if s.Coverage[i].KitaID == ks[2].ID {
					s.Coverage[i].CoveredFrom = sealDay("2026-09-01") // joined later
				}
			}
		})
		ms, err := store.Migrations(db.Dialect())
		mustOK(t, err)
		var backfill string
		for _, m := range ms {
			if m.Name == "seal_awarded" {
				if i := strings.Index(m.SQL, "UPDATE seal_kitas"); i >= 0 {
					backfill = m.SQL[i:] // the statement after ADD COLUMN
				}
			}
		}
		if strings.TrimSpace(backfill) == "" {
			t.Fatal("no backfill in the seal_awarded migration")
		}
		mustOK(t, db.Gorm().Exec(backfill).Error)
		got, err := db.Seal(e.ctx, s.ID)
		mustOK(t, err)
		want := map[string]bool{ks[0].ID.String(): true, ks[1].ID.String(): true, ks[2].ID.String(): false,
			ks[3].ID.String(): false, ks[4].ID.String(): false}
		for _, cv := range got.Coverage {
			if cv.Awarded != want[cv.KitaID.String()] {
				t.Errorf("coverage %+v: awarded %v, want %v", cv, cv.Awarded, want[cv.KitaID.String()])
			}
		}
		got, err = db.Seal(e.ctx, oldSeal.ID)
		mustOK(t, err)
		for _, cv := range got.Coverage {
			if !cv.Awarded {
				t.Errorf("seal without decision day, coverage %+v: not awarded, want the old rule", cv)
			}
		}
	})
}
