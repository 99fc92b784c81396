package store_test

import (
	"sync"
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// procEnv is a service env with a catalogue loaded.
func procEnv(t *testing.T, db *store.DB) *svcEnv {
	e := newSvcEnv(t, db)
	if err := db.PutCatalogue(e.ctx, catalogueRecord(t, testCatalogue("2020"))); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestConcurrentIdenticalTransitions: of 24 identical steps at once exactly one succeeds,
// the others get 412, and the history has the step once.
func TestConcurrentIdenticalTransitions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := procEnv(t, db)
		k := e.kitas(t, 1)[0]
		c := e.center(t, cert.CenterSingle, "FZ", grant(k))
		p, err := e.svc.Procedures.Create(e.ctx, cert.NewProcedure{CenterID: c.ID, Kind: cert.KindRecertification, Year: 2026})
		mustOK(t, err)
		const n = 24
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = e.svc.Procedures.Transition(e.ctx, p.ID, cert.Expect(p.Version),
					cert.TransitionInput{Action: cert.ActRegister, EvidenceDueOn: svcToday.AddDays(60)})
			}()
		}
		close(start)
		wg.Wait()
		ok := 0
		for i, err := range errs {
			switch cert.ErrorCode(err) {
			case "":
				ok++
			case cert.EPRECONDITIONFAILED:
			default:
				t.Errorf("goroutine %d: %v", i, err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d identical transitions succeeded, want exactly 1", ok)
		}
		events, err := e.svc.Procedures.Events(e.ctx, p.ID)
		mustOK(t, err)
		if len(events) != 2 || events[1].Action != string(cert.ActRegister) {
			t.Fatalf("history %+v, want create and one register", events)
		}
		got, _ := e.svc.Procedures.Get(e.ctx, p.ID)
		if got.Version != 2 || got.State != cert.StateRegistered || got.CertificationNumber == "" {
			t.Fatalf("procedure after the race: %+v", got)
		}
	})
}

// TestContingentLastPlaceRace: two nominations for the last place at once: one wins.
func TestContingentLastPlaceRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := procEnv(t, db)
		ks := e.kitas(t, 6)
		yo := ks[0].YouthOfficeID
		_, err := e.svc.Contingents.Create(e.ctx, cert.Contingent{YouthOfficeID: yo, Year: 2026, Places: 1})
		mustOK(t, err)
		var centers []cert.Center
		for i := 0; i < 6; i++ {
			centers = append(centers, e.center(t, cert.CenterSingle, "FZ "+ks[i].Name, grant(ks[i])))
		}
		errs := make([]error, len(centers))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, c := range centers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = e.svc.Procedures.Create(e.ctx, cert.NewProcedure{CenterID: c.ID, Kind: cert.KindInitial, Year: 2026})
			}()
		}
		close(start)
		wg.Wait()
		ok := 0
		for i, err := range errs {
			switch cert.ErrorCode(err) {
			case "":
				ok++
			case cert.ECONFLICT:
			default:
				t.Errorf("nomination %d: %v", i, err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d nominations took the one place", ok)
		}
		list, err := e.svc.Contingents.List(e.ctx, cert.ContingentFilter{})
		mustOK(t, err)
		if len(list.Items) != 1 || list.Items[0].Used != 1 {
			t.Fatalf("contingents %+v", list.Items)
		}
	})
}

// TestOneOpenProcedurePerCenterIsAConstraint: the database itself refuses a second open
// procedure, even when the service's check is bypassed.
func TestOneOpenProcedurePerCenterIsAConstraint(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := procEnv(t, db)
		k := e.kitas(t, 1)[0]
		c := e.center(t, cert.CenterSingle, "FZ", grant(k))
		p, err := e.svc.Procedures.Create(e.ctx, cert.NewProcedure{CenterID: c.ID, Kind: cert.KindRecertification, Year: 2026})
		mustOK(t, err)
		second := p
		second.ID, second.Version = cert.NewID(), 1
		wantErr(t, db.CreateProcedure(e.ctx, &second), cert.ECONFLICT, "center_id")
	})
}

// TestLoweringContingentRacesNomination: lowering the places while a nomination takes the
// last one never leaves fewer places than are used (review finding; PostgreSQL raced).
func TestLoweringContingentRacesNomination(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := procEnv(t, db)
		for round := 0; round < 5; round++ {
			k := e.kitas(t, 1)[0]
			c := e.center(t, cert.CenterSingle, "FZ", grant(k))
			year := cert.KindergartenYear(2030 + round)
			cont, err := e.svc.Contingents.Create(e.ctx, cert.Contingent{YouthOfficeID: k.YouthOfficeID, Year: year, Places: 1})
			mustOK(t, err)
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				_, _ = e.svc.Contingents.Update(e.ctx, cont.ID, cert.Expect(cont.Version), 0)
			}()
			go func() {
				defer wg.Done()
				_, _ = e.svc.Procedures.Create(e.ctx, cert.NewProcedure{CenterID: c.ID, Kind: cert.KindInitial, Year: year})
			}()
			wg.Wait()
			got, err := e.svc.Contingents.Get(e.ctx, cont.ID)
			mustOK(t, err)
			if got.Places < got.Used {
				t.Fatalf("round %d: %d places, %d used", round, got.Places, got.Used)
			}
		}
	})
}
