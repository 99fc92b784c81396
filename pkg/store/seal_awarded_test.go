package store_test

import (
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestSealAwardedBackfill: the migration that adds seal_kitas.awarded marks, for seals
// awarded before it, the coverage that began on or before the seal's first day (the old
// rule, the best record of the award there is); later joiners stay unmarked. The awarded
// flag round-trips through the store.
func TestSealAwardedBackfill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, ks := e.sealNetwork(t, 3)
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
		want := map[string]bool{ks[0].ID.String(): true, ks[1].ID.String(): true, ks[2].ID.String(): false}
		for _, cv := range got.Coverage {
			if cv.Awarded != want[cv.KitaID.String()] {
				t.Errorf("coverage %+v: awarded %v, want %v", cv, cv.Awarded, want[cv.KitaID.String()])
			}
		}
	})
}
