package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// lifecyclePlan says what the demo does with each center, in the order of the center
// table: seals of different ages, open procedures in different states, and centers
// without anything, so that every view of kitacert has something to show.
var lifecyclePlan = []struct {
	sealYearsAgo int        // a seal from the start of the kindergarten year this many years ago (0: none)
	open         cert.State // an open procedure in this state ("": none)
	kind         cert.ProcedureKind
}{
	{sealYearsAgo: 3, open: cert.StateRegistered, kind: cert.KindRecertification},        // renewal due, evidence due
	{sealYearsAgo: 3, open: cert.StateEvidenceSubmitted, kind: cert.KindRecertification}, // renewal due, under way
	{sealYearsAgo: 3}, // renewal due, nothing started: the sweep's case
	{sealYearsAgo: 2}, // active
	{sealYearsAgo: 1}, // active
	{sealYearsAgo: 4}, // expired without successor
	{open: cert.StateNominated, kind: cert.KindInitial},  // new this year
	{open: cert.StateRegistered, kind: cert.KindInitial}, // new this year, registered
	{sealYearsAgo: 2}, {sealYearsAgo: 1},
}

// LoadLifecycle gives the demo centers seals and procedures relative to today: some seals
// in their re-certification window, some active, one expired; initial nominations with
// contingents. It runs once: when any demo center has a procedure, it does nothing.
// ctx must carry the system principal; the catalogue must be loaded.
func LoadLifecycle(ctx context.Context, svc *cert.Services) (int, error) {
	var centers []cert.Center
	err := scan(ctx, func(ctx context.Context, p cert.Page) (cert.List[cert.Center], error) {
		return svc.Centers.List(ctx, cert.CenterFilter{Page: p})
	}, func(c cert.Center) bool { centers = append(centers, c); return true })
	if err != nil {
		return 0, err
	}
	for _, c := range centers {
		ps, err := svc.Procedures.List(ctx, cert.ProcedureFilter{Page: cert.Page{Limit: 1}, CenterID: &c.ID})
		if err != nil {
			return 0, err
		}
		if len(ps.Items) > 0 {
			return 0, nil
		}
	}
	today := svc.Today()
	year := cert.KindergartenYearOf(today)
	n := 0
	for i, plan := range lifecyclePlan {
		if i >= len(centers) {
			break
		}
		c := centers[i]
		if plan.sealYearsAgo > 0 {
			if err := certifyDemo(ctx, svc, c, year-cert.KindergartenYear(plan.sealYearsAgo)); err != nil {
				return n, fmt.Errorf("demo seal for %s: %w", c.Name, err)
			}
			n++
		}
		if plan.open != "" {
			if err := openDemo(ctx, svc, c, plan.kind, year, plan.open, today); err != nil {
				return n, fmt.Errorf("demo procedure for %s: %w", c.Name, err)
			}
			n++
		}
	}
	return n, nil
}

// certifyDemo runs a re-certification through every step, each on a plausible day of
// the past, to a seal valid from the start of kindergarten year sealYear: registered in
// October, evidence due in January, the visit in February, the decision in April (the
// programme's year, see docs/lifecycle.md). The service runs on a clock set to each day,
// so that the procedure's dates and history are those of a real one.
func certifyDemo(ctx context.Context, svc *cert.Services, c cert.Center, sealYear cert.KindergartenYear) error {
	y := int(sealYear)
	day := func(year int, m time.Month, d int) cert.Date { return cert.NewDate(year, m, d) }
	clock := cert.NewFixedClock(time.Time{})
	past := svc.At(clock)
	on := func(d cert.Date) { clock.Set(time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, time.UTC)) }

	on(day(y-1, time.October, 15))
	p, err := past.Procedures.Create(ctx, cert.NewProcedure{CenterID: c.ID, Kind: cert.KindRecertification, Year: sealYear - 1,
		Comment: "Demo: abgeschlossenes Verfahren."})
	if err != nil {
		return err
	}
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActRegister, EvidenceDueOn: day(y, time.January, 15)}); err != nil {
		return err
	}
	on(day(y, time.January, 10))
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActSubmitEvidence}); err != nil {
		return err
	}
	on(day(y, time.January, 20))
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActStartReview}); err != nil {
		return err
	}
	cat, err := past.Catalogues.Get(ctx, p.CatalogueVersion)
	if err != nil {
		return err
	}
	var met []cert.AssessmentItem
	for _, a := range cat.Areas {
		for _, cr := range a.Criteria {
			met = append(met, cert.AssessmentItem{Code: cr.Code, Met: true})
		}
	}
	if _, err := past.Assessments.Put(ctx, p.ID, met); err != nil {
		return err
	}
	visit := day(y, time.February, 15)
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActScheduleVisit, VisitOn: visit, VisitSites: visitSites(c)}); err != nil {
		return err
	}
	on(visit)
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActRecordVisit}); err != nil {
		return err
	}
	on(day(y, time.April, 20))
	_, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActCertify, ValidFrom: sealYear.Start()})
	return err
}

// openDemo opens a procedure and moves it to the given state.
func openDemo(ctx context.Context, svc *cert.Services, c cert.Center, kind cert.ProcedureKind, year cert.KindergartenYear, state cert.State, today cert.Date) error {
	if kind == cert.KindInitial {
		if err := ensurePlace(ctx, svc, c, year); err != nil {
			return err
		}
	}
	p, err := svc.Procedures.Create(ctx, cert.NewProcedure{CenterID: c.ID, Kind: kind, Year: year})
	if err != nil {
		return err
	}
	var steps []cert.TransitionInput
	switch state {
	case cert.StateRegistered:
		steps = []cert.TransitionInput{{Action: cert.ActRegister, EvidenceDueOn: today.AddDays(60)}}
	case cert.StateEvidenceSubmitted:
		steps = []cert.TransitionInput{{Action: cert.ActRegister, EvidenceDueOn: today.AddDays(30)}, {Action: cert.ActSubmitEvidence}}
	}
	_, err = run(ctx, svc, p, steps...)
	return err
}

// visitSites names the Kitas a visit goes to: none for a single center (its Kita is the
// default), the grant recipient and one more for a network.
func visitSites(c cert.Center) []uuid.UUID {
	if c.Kind == cert.CenterSingle {
		return nil
	}
	var grant, other uuid.UUID
	for _, m := range c.Members {
		if m.Role == cert.RoleGrantRecipient {
			grant = m.KitaID
		} else if other == uuid.Nil {
			other = m.KitaID
		}
	}
	return []uuid.UUID{grant, other}
}

// ensurePlace makes sure the contingent of the center's youth office has a free place.
func ensurePlace(ctx context.Context, svc *cert.Services, c cert.Center, year cert.KindergartenYear) error {
	var office uuid.UUID
	for _, m := range c.Members {
		if m.Role == cert.RoleGrantRecipient {
			office = m.KitaYouthOfficeID
		}
	}
	list, err := svc.Contingents.List(ctx, cert.ContingentFilter{Page: cert.Page{Limit: 1}, YouthOfficeID: &office, Year: &year})
	if err != nil {
		return err
	}
	if len(list.Items) == 0 {
		_, err := svc.Contingents.Create(ctx, cert.Contingent{YouthOfficeID: office, Year: year, Places: 3})
		return err
	}
	if k := list.Items[0]; k.Free() <= 0 {
		_, err := svc.Contingents.Update(ctx, k.ID, cert.Expect(k.Version), k.Places+1)
		return err
	}
	return nil
}

func run(ctx context.Context, svc *cert.Services, p cert.Procedure, steps ...cert.TransitionInput) (cert.Procedure, error) {
	for _, st := range steps {
		var err error
		if p, err = svc.Procedures.Transition(ctx, p.ID, cert.Expect(p.Version), st); err != nil {
			return p, fmt.Errorf("%s: %w", st.Action, err)
		}
	}
	return p, nil
}
