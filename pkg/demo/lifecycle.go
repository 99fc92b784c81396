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
func LoadLifecycle(ctx context.Context, svc *cert.Service) (int, error) {
	var centers []cert.Center
	err := scan(ctx, func(ctx context.Context, p cert.Page) (cert.List[cert.Center], error) {
		return svc.Centers(ctx, cert.CenterFilter{Page: p})
	}, func(c cert.Center) bool { centers = append(centers, c); return true })
	if err != nil {
		return 0, err
	}
	for _, c := range centers {
		ps, err := svc.Procedures(ctx, cert.ProcedureFilter{Page: cert.Page{Limit: 1}, CenterID: &c.ID})
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
			from := (year - cert.KindergartenYear(plan.sealYearsAgo)).Start()
			if err := certifyDemo(ctx, svc, c, year-cert.KindergartenYear(plan.sealYearsAgo), from); err != nil {
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

// Days before a demo seal's valid_from on which the steps of its procedure happened:
// registered in December with evidence due in mid-January, visited in late April,
// decided in early June, valid from 1 August.
const (
	demoRegisteredBefore = 240
	demoEvidenceDays     = 45
	demoSubmittedBefore  = 200
	demoReviewBefore     = 190
	demoVisitPlanned     = 180
	demoVisitBefore      = 100
	demoDecidedBefore    = 60
)

// certifyDemo runs a procedure through every step to a seal valid from validFrom. Each
// step happens on a day of its own before validFrom, in the order a real procedure takes:
// a service whose clock walks through those days records them (history, visit_on,
// decided_on), so the demo's past is plausible.
func certifyDemo(ctx context.Context, svc *cert.Service, c cert.Center, year cert.KindergartenYear, validFrom cert.Date) error {
	clock := cert.NewFixedClock(demoNoon(validFrom.AddDays(-demoRegisteredBefore)))
	past := svc.WithClock(clock)
	on := func(daysBefore int) cert.Date {
		d := validFrom.AddDays(-daysBefore)
		clock.Set(demoNoon(d))
		return d
	}
	registered := on(demoRegisteredBefore)
	p, err := past.CreateProcedure(ctx, cert.NewProcedure{CenterID: c.ID, Kind: cert.KindRecertification, Year: year,
		Comment: "Demo: abgeschlossenes Verfahren."})
	if err != nil {
		return err
	}
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActRegister, EvidenceDueOn: registered.AddDays(demoEvidenceDays)}); err != nil {
		return err
	}
	on(demoSubmittedBefore)
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActSubmitEvidence}); err != nil {
		return err
	}
	on(demoReviewBefore)
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActStartReview}); err != nil {
		return err
	}
	cat, err := past.Catalogue(ctx, p.CatalogueVersion)
	if err != nil {
		return err
	}
	var met []cert.AssessmentItem
	for _, a := range cat.Areas {
		for _, cr := range a.Criteria {
			met = append(met, cert.AssessmentItem{Code: cr.Code, Met: true})
		}
	}
	if _, err := past.PutAssessment(ctx, p.ID, met); err != nil {
		return err
	}
	on(demoVisitPlanned)
	visit := validFrom.AddDays(-demoVisitBefore)
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActScheduleVisit, VisitOn: visit, VisitSites: visitSites(c)}); err != nil {
		return err
	}
	on(demoVisitBefore)
	if p, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActRecordVisit}); err != nil {
		return err
	}
	decided := on(demoDecidedBefore)
	_, err = run(ctx, past, p, cert.TransitionInput{Action: cert.ActCertify, DecidedOn: decided, ValidFrom: validFrom})
	return err
}

// demoNoon is noon (UTC) of day d, as an instant for the demo's clock: the same calendar
// day in every European time zone.
func demoNoon(d cert.Date) time.Time { return d.Time(time.UTC).Add(12 * time.Hour) }

// openDemo opens a procedure and moves it to the given state.
func openDemo(ctx context.Context, svc *cert.Service, c cert.Center, kind cert.ProcedureKind, year cert.KindergartenYear, state cert.State, today cert.Date) error {
	if kind == cert.KindInitial {
		if err := ensurePlace(ctx, svc, c, year); err != nil {
			return err
		}
	}
	p, err := svc.CreateProcedure(ctx, cert.NewProcedure{CenterID: c.ID, Kind: kind, Year: year})
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
func ensurePlace(ctx context.Context, svc *cert.Service, c cert.Center, year cert.KindergartenYear) error {
	var office uuid.UUID
	for _, m := range c.Members {
		if m.Role == cert.RoleGrantRecipient {
			office = m.KitaYouthOfficeID
		}
	}
	list, err := svc.Contingents(ctx, cert.ContingentFilter{Page: cert.Page{Limit: 1}, YouthOfficeID: &office, Year: &year})
	if err != nil {
		return err
	}
	if len(list.Items) == 0 {
		_, err := svc.CreateContingent(ctx, cert.Contingent{YouthOfficeID: office, Year: year, Places: 3})
		return err
	}
	if k := list.Items[0]; k.Free() <= 0 {
		_, err := svc.UpdateContingent(ctx, k.ID, cert.Expect(k.Version), k.Places+1)
		return err
	}
	return nil
}

func run(ctx context.Context, svc *cert.Service, p cert.Procedure, steps ...cert.TransitionInput) (cert.Procedure, error) {
	for _, st := range steps {
		var err error
		if p, err = svc.Transition(ctx, p.ID, cert.Expect(p.Version), st); err != nil {
			return p, fmt.Errorf("%s: %w", st.Action, err)
		}
	}
	return p, nil
}
