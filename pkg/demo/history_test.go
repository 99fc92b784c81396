package demo

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestDemoHistoryIsPlausible: the procedure behind every demo seal happened before the
// seal's valid_from, step after step: evidence due, then the visit, then the decision,
// and the procedure was created on its day in the past, not today.
func TestDemoHistoryIsPlausible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		if _, err := Load(ctx, svc); err != nil {
			t.Fatal(err)
		}
		if err := LoadCatalogue(ctx, svc); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadLifecycle(ctx, svc); err != nil {
			t.Fatal(err)
		}
		seals, err := svc.Seals.List(ctx, cert.SealFilter{Page: cert.Page{Limit: 100}})
		if err != nil || len(seals.Items) == 0 {
			t.Fatalf("seals: %d, %v", len(seals.Items), err)
		}
		today := svc.Today()
		for _, s := range seals.Items {
			p, err := svc.Procedures.Get(ctx, s.ProcedureID)
			if err != nil {
				t.Fatal(err)
			}
			if !(p.EvidenceDueOn.Before(p.VisitOn) && p.VisitOn.Before(p.DecidedOn) && p.DecidedOn.Before(s.ValidFrom)) {
				t.Errorf("seal from %s: evidence due %s, visit %s, decided %s; want them in this order before valid_from",
					s.ValidFrom, p.EvidenceDueOn, p.VisitOn, p.DecidedOn)
			}
			if s.ValidFrom.Before(today) && !p.DecidedOn.Before(today) {
				t.Errorf("seal from %s (past) decided on %s", s.ValidFrom, p.DecidedOn)
			}
			if created := cert.DateOf(p.CreatedAt); !created.Before(p.EvidenceDueOn) {
				t.Errorf("procedure created %s, evidence due %s", created, p.EvidenceDueOn)
			}
		}
	})
}
