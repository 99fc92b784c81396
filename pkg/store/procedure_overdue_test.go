package store_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestProceduresOverdueFilter: OverdueOn keeps exactly the procedures whose evidence is
// due before the day (registered, evidence requested) or whose scheduled visit lies
// before it; a deadline on the day itself, a future one and other states do not count.
func TestProceduresOverdueFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := procEnv(t, db)
		ks := e.kitas(t, 7)
		office := cert.YouthOffice{}
		office.ID = ks[0].YouthOfficeID
		cases := []struct {
			state      cert.State
			due, visit cert.Date
			overdue    bool
		}{
			{cert.StateRegistered, svcToday.AddDays(-1), cert.Date{}, true},
			{cert.StateRegistered, svcToday, cert.Date{}, false},
			{cert.StateEvidenceRequested, svcToday.AddDays(-5), cert.Date{}, true},
			{cert.StateVisitScheduled, svcToday.AddDays(-40), svcToday.AddDays(-1), true},
			{cert.StateVisitScheduled, svcToday.AddDays(-40), svcToday.AddDays(3), false},
			{cert.StateInReview, svcToday.AddDays(-9), cert.Date{}, false},
			{cert.StateVisited, svcToday.AddDays(-40), svcToday.AddDays(-2), false},
		}
		want := map[uuid.UUID]bool{}
		for i, c := range cases {
			p := e.procedureIn(t, e.center(t, cert.CenterSingle, "FZ "+ks[i].Name, grant(ks[i])), office, "2020", c.state)
			p.EvidenceDueOn, p.VisitOn = c.due, c.visit
			mustOK(t, db.UpdateProcedure(e.ctx, &p))
			if c.overdue {
				want[p.ID] = true
			}
		}
		today := svcToday
		list, err := e.svc.Procedures.List(e.ctx, cert.ProcedureFilter{Page: cert.Page{Limit: cert.MaxLimit}, OverdueOn: &today})
		mustOK(t, err)
		got := map[uuid.UUID]bool{}
		for _, p := range list.Items {
			got[p.ID] = true
			if !want[p.ID] {
				t.Errorf("procedure in %s (due %s, visit %s) listed as overdue", p.State, p.EvidenceDueOn, p.VisitOn)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%d overdue procedures listed, want %d", len(got), len(want))
		}
		all, err := e.svc.Procedures.List(e.ctx, cert.ProcedureFilter{Page: cert.Page{Limit: cert.MaxLimit}})
		mustOK(t, err)
		if len(all.Items) != len(cases) {
			t.Errorf("without the filter %d procedures, want %d", len(all.Items), len(cases))
		}
	})
}
