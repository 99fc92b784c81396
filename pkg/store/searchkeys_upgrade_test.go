package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestSearchKeysUpgrade: a database at the version before the search_keys migration holds
// a row whose search key is the old one (the name in lower case, ß kept); Migrate rebuilds
// it, and a search for "sternstrasse" finds the row; on both databases.
func TestSearchKeysUpgrade(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.OpenEmpty(t, d)
			migrateBefore(t, db, d, "search_keys")
			g := db.Gorm()
			svc := cert.New(db, cert.SystemClock{}, time.UTC, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
			sys := access.WithPrincipal(ctx, access.System)
			o, err := svc.YouthOffices.Create(sys, cert.YouthOffice{Name: "Jugendamt Sternstraße", Code: "JA-STERN", Region: cert.RegionRheinland})
			if err != nil {
				t.Fatal(err)
			}
			if err := g.Exec("UPDATE youth_offices SET search_name = ? WHERE id = ?", "jugendamt sternstraße", o.ID).Error; err != nil {
				t.Fatal(err)
			}
			search := func() int {
				l, err := svc.YouthOffices.List(sys, cert.YouthOfficeFilter{Page: cert.Page{Limit: 10}, Q: "sternstrasse"})
				if err != nil {
					t.Fatal(err)
				}
				return len(l.Items)
			}
			if n := search(); n != 0 {
				t.Fatalf("the old key was found before the upgrade (%d rows): the test does not test the upgrade", n)
			}
			applied, err := db.Migrate(ctx, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if len(applied) == 0 || applied[0].Name != "search_keys" {
				t.Fatalf("Migrate applied %v, want search_keys first", applied)
			}
			if n := search(); n != 1 {
				t.Errorf("after the upgrade \"sternstrasse\" finds %d rows, want the Jugendamt Sternstraße", n)
			}
		})
	}
}
