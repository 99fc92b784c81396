package demo

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestLoadLifecycle: seals and procedures of every kind the plan names, once.
func TestLoadLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		if _, err := Load(ctx, svc); err != nil {
			t.Fatal(err)
		}
		if err := LoadCatalogue(ctx, svc); err != nil {
			t.Fatal(err)
		}
		n, err := LoadLifecycle(ctx, svc)
		if err != nil || n == 0 {
			t.Fatalf("LoadLifecycle = %d, %v", n, err)
		}
		seals, err := svc.Seals.List(ctx, cert.SealFilter{Page: cert.Page{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		statuses := map[cert.SealStatus]int{}
		today := svc.Today()
		for _, s := range seals.Items {
			statuses[s.Status(today, 0)]++
		}
		if statuses[cert.SealRenewalDue] == 0 || statuses[cert.SealActive] == 0 || statuses[cert.SealExpired] == 0 {
			t.Errorf("seal statuses %v: want renewal_due, active and expired ones", statuses)
		}
		// the history behind each seal is that of a real procedure: visit, then decision,
		// then the seal from the next 1 August; nothing of it dated today
		for _, s := range seals.Items {
			p, err := svc.Procedures.Get(ctx, s.ProcedureID)
			if err != nil {
				t.Fatal(err)
			}
			if p.VisitOn.IsZero() || p.DecidedOn.Before(p.VisitOn) || !p.DecidedOn.Before(s.ValidFrom) ||
				s.ValidFrom != cert.KindergartenYearOf(p.DecidedOn).Next().Start() || !p.DecidedOn.Before(today) {
				t.Errorf("seal from %s: procedure visited %s, decided %s", s.ValidFrom, p.VisitOn, p.DecidedOn)
			}
		}
		open, err := svc.Procedures.List(ctx, cert.ProcedureFilter{Page: cert.Page{Limit: 100}, State: cert.StateNominated})
		if err != nil || len(open.Items) == 0 {
			t.Errorf("no nominated procedure: %v", err)
		}
		again, err := LoadLifecycle(ctx, svc)
		if err != nil || again != 0 {
			t.Fatalf("second LoadLifecycle = %d, %v; want nothing", again, err)
		}
	})
}
