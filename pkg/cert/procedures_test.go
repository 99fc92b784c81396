package cert

// Rule tests of Procedures with fakes of its store and of the aggregates it depends on
// (seals, contingents, catalogues, scores, reminders, step notifier): what a nomination
// and a step ask of them, and in which order the checks of a step run.

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// procEnv is Procedures on a procFake with fakeDeps; the clock stands on 2026-03-10.
type procEnv struct {
	svc    *Procedures
	db     *procFake
	deps   *fakeDeps
	center Center
	office uuid.UUID
	kitas  []uuid.UUID
	sys    context.Context
}

func newProcEnv(t *testing.T) *procEnv {
	t.Helper()
	db, deps := newProcFake(), &fakeDeps{passed: true}
	office := NewID()
	kitas := []uuid.UUID{NewID(), NewID()}
	center := Center{Meta: Meta{ID: NewID(), Version: 1}, Kind: CenterNetwork, Name: "Verbund Nord",
		Members: []Membership{{KitaID: kitas[0], KitaYouthOfficeID: office, Role: RoleGrantRecipient},
			{KitaID: kitas[1], KitaYouthOfficeID: office, Role: RoleMember}}}
	db.centers[center.ID] = center
	c := core{tx: db, log: db, clock: NewFixedClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)), loc: time.UTC}
	svc := newProcedures(c, db, procedureDeps{seals: deps, places: deps, catalogues: deps, scores: deps, reminders: deps, steps: deps},
		testNumberFormat)
	return &procEnv{svc: svc, db: db, deps: deps, center: center, office: office, kitas: kitas,
		sys: access.WithPrincipal(context.Background(), access.System)}
}

// planner is a youth office planner of the center's office.
func (e *procEnv) planner() context.Context {
	return access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: &e.office})
}

// at moves p to state st in the fake store, as earlier steps would have.
func (e *procEnv) at(p Procedure, st State) Procedure {
	p.State = st
	e.db.procedures[p.ID] = p
	return p
}

func (e *procEnv) nominate(t *testing.T, kind ProcedureKind) Procedure {
	t.Helper()
	p, err := e.svc.Create(e.sys, NewProcedure{CenterID: e.center.ID, Kind: kind, Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProceduresCreate(t *testing.T) {
	e := newProcEnv(t)
	p := e.nominate(t, KindInitial)
	if p.State != StateNominated || p.CatalogueVersion != "2020" || p.YouthOfficeID != e.office || p.Version != 1 {
		t.Errorf("nominated %+v", p)
	}
	if !slices.Equal(e.deps.taken, []KindergartenYear{2025}) {
		t.Errorf("places taken %v, want one of 2025", e.deps.taken)
	}
	if len(e.db.events) != 1 || e.db.events[0].Action != "create" || len(e.db.audit) != 1 || e.db.audit[0].ResourceType != "procedure" {
		t.Errorf("events %+v, audit %+v", e.db.events, e.db.audit)
	}

	_, err := e.svc.Create(e.sys, NewProcedure{CenterID: e.center.ID, Kind: KindInitial, Year: 2025})
	if !errors.Is(err, ErrProcedureOpen) {
		t.Errorf("second nomination: %v, want ErrProcedureOpen", err)
	}

	t.Run("re-certification takes no place", func(t *testing.T) {
		e := newProcEnv(t)
		e.nominate(t, KindRecertification)
		if len(e.deps.taken) != 0 {
			t.Errorf("places taken %v", e.deps.taken)
		}
	})
	t.Run("a planner re-certifies only a center with a seal", func(t *testing.T) {
		e := newProcEnv(t)
		_, err := e.svc.Create(e.planner(), NewProcedure{CenterID: e.center.ID, Kind: KindRecertification, Year: 2025})
		mdCheckFields(t, err, ECONFLICT, []string{"kind"})
		e.deps.latestSeal = &Seal{ID: NewID(), RevokedOn: MustParseDate("2025-01-01")}
		_, err = e.svc.Create(e.planner(), NewProcedure{CenterID: e.center.ID, Kind: KindRecertification, Year: 2025})
		mdCheckFields(t, err, ECONFLICT, []string{"kind"})
		e.deps.latestSeal = &Seal{ID: NewID()}
		if _, err := e.svc.Create(e.planner(), NewProcedure{CenterID: e.center.ID, Kind: KindRecertification, Year: 2025}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("no free place", func(t *testing.T) {
		e := newProcEnv(t)
		e.deps.noPlace = true
		_, err := e.svc.Create(e.sys, NewProcedure{CenterID: e.center.ID, Kind: KindInitial, Year: 2025})
		mdCheckFields(t, err, ECONFLICT, []string{"kindergarten_year"})
		if len(e.db.procedures) != 0 {
			t.Error("a procedure was stored without a place")
		}
	})
	t.Run("bad input", func(t *testing.T) {
		e := newProcEnv(t)
		_, err := e.svc.Create(e.sys, NewProcedure{CenterID: e.center.ID, Kind: "x", Year: 2024})
		mdCheckFields(t, err, EINVALID, []string{"kind", "kindergarten_year"})
		_, err = e.svc.Create(e.sys, NewProcedure{CenterID: NewID(), Kind: KindInitial, Year: 2025})
		mdCheckFields(t, err, EINVALID, []string{"center_id"})
		_, err = e.svc.Create(context.Background(), NewProcedure{CenterID: e.center.ID, Kind: KindInitial, Year: 2025})
		if ErrorCode(err) != EUNAUTHORIZED {
			t.Errorf("anonymous: %v", err)
		}
	})
}

func TestProceduresTransitionChecks(t *testing.T) {
	e := newProcEnv(t)
	p := e.nominate(t, KindInitial)
	due := MustParseDate("2026-06-30")

	_, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: "jump"})
	mdCheckFields(t, err, EINVALID, []string{"action"})
	_, err = e.svc.Transition(e.sys, NewID(), Expect(1), TransitionInput{Action: ActRegister, EvidenceDueOn: due})
	if ErrorCode(err) != ENOTFOUND {
		t.Errorf("unknown procedure: %v", err)
	}
	stranger := access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: ptrTo(NewID())})
	if _, err := e.svc.Transition(stranger, p.ID, Expect(1), TransitionInput{Action: ActRegister, EvidenceDueOn: due}); ErrorCode(err) != ENOTFOUND {
		t.Errorf("another office's procedure: %v, want not found", err)
	}
	if _, err := e.svc.Transition(e.planner(), p.ID, Expect(1), TransitionInput{Action: ActStartReview}); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("planner starts the review: %v, want forbidden", err)
	}
	if _, err := e.svc.Transition(e.sys, p.ID, IfMatch{}, TransitionInput{Action: ActRegister, EvidenceDueOn: due}); ErrorCode(err) != EPRECONDITIONREQUIRED {
		t.Errorf("without If-Match: %v", err)
	}
	_, err = e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActStartReview})
	var ce *Error
	if !errors.As(err, &ce) || ce.Code != ECONFLICT || !slices.Contains(ce.AllowedActions, string(ActRegister)) {
		t.Errorf("wrong state: %v", err)
	}
	_, err = e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActRegister})
	mdCheckFields(t, err, EINVALID, []string{"evidence_due_on"})
	if len(e.deps.steps) != 0 || len(e.deps.procCancels) != 0 {
		t.Errorf("refused steps were heard: %v, %v", e.deps.steps, e.deps.procCancels)
	}

	reg, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActRegister, EvidenceDueOn: due})
	if err != nil {
		t.Fatal(err)
	}
	if reg.State != StateRegistered || reg.Version != 2 || reg.CertificationNumber != "FZ-2025-00001" || reg.EvidenceDueOn != due {
		t.Errorf("registered %+v", reg)
	}
	if len(e.deps.steps) != 1 || e.deps.steps[0].Action != ActRegister || e.deps.steps[0].Today != MustParseDate("2026-03-10") ||
		!slices.Equal(e.deps.procCancels, []uuid.UUID{p.ID}) {
		t.Errorf("steps heard %+v, reminders cancelled %v", e.deps.steps, e.deps.procCancels)
	}
}

func TestProceduresRequestEvidenceTellsTheNotifier(t *testing.T) {
	e := newProcEnv(t)
	p := e.at(e.nominate(t, KindInitial), StateInReview)
	_, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActRequestEvidence,
		EvidenceDueOn: MustParseDate("2026-04-30"), Missing: "- Konzept\n\n* Flyer"})
	if err != nil {
		t.Fatal(err)
	}
	st := e.deps.steps[0]
	if st.CenterName != "Verbund Nord" || !slices.Equal(st.Missing, []string{"Konzept", "Flyer"}) {
		t.Errorf("step %+v", st)
	}

	e.deps.stepErr = errors.New("outbox down")
	p = e.at(e.db.procedures[p.ID], StateInReview)
	_, err = e.svc.Transition(e.sys, p.ID, Expect(p.Version), TransitionInput{Action: ActRequestEvidence,
		EvidenceDueOn: MustParseDate("2026-04-30"), Missing: "Konzept"})
	if !errors.Is(err, e.deps.stepErr) || !strings.Contains(err.Error(), "notify step request_evidence") {
		t.Errorf("notifier failure: %v", err)
	}
}

func TestProceduresCertify(t *testing.T) {
	visited := func(e *procEnv) Procedure {
		p := e.nominate(t, KindRecertification)
		p.CertificationNumber, p.VisitOn = "FZ-2025-00007", MustParseDate("2026-03-01")
		return e.at(p, StateVisited)
	}
	t.Run("an assessment that fails an area", func(t *testing.T) {
		e := newProcEnv(t)
		e.deps.passed = false
		p := visited(e)
		_, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActCertify})
		if ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), "1 Beratung (1 von mindestens 3 Punkten)") {
			t.Errorf("failed assessment: %v", err)
		}
		if len(e.deps.issued) != 0 {
			t.Error("a seal was issued")
		}
	})
	t.Run("a decision in the future", func(t *testing.T) {
		e := newProcEnv(t)
		p := visited(e)
		_, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActCertify, DecidedOn: MustParseDate("2026-03-11")})
		mdCheckFields(t, err, EINVALID, []string{"decided_on"})
	})
	t.Run("issues the seal and cancels the predecessor's reminders", func(t *testing.T) {
		e := newProcEnv(t)
		pred := NewID()
		e.deps.predecessor = &pred
		p := visited(e)
		got, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActCertify})
		if err != nil {
			t.Fatal(err)
		}
		if got.State != StateCertified || got.SealID == nil || got.DecidedOn != MustParseDate("2026-03-10") {
			t.Errorf("certified %+v", got)
		}
		if len(e.deps.issuedFor) != 1 || e.deps.issuedFor[0].ID != e.center.ID || len(e.deps.issuedFor[0].Members) != 2 {
			t.Errorf("seal issued for %+v", e.deps.issuedFor)
		}
		if !slices.Equal(e.deps.sealCancels, []uuid.UUID{pred}) {
			t.Errorf("seal reminders cancelled %v", e.deps.sealCancels)
		}
		last := e.db.events[len(e.db.events)-1]
		if last.Action != string(ActCertify) || last.Fields["seal_id"] != got.SealID.String() {
			t.Errorf("history %+v", last)
		}
	})
}

func TestProceduresDeferCarriesThePlaceOver(t *testing.T) {
	e := newProcEnv(t)
	p := e.nominate(t, KindInitial)
	got, err := e.svc.Transition(e.planner(), p.ID, Expect(1), TransitionInput{Action: ActDefer})
	if err != nil {
		t.Fatal(err)
	}
	if got.State != StateDeferred || got.DeferredToID == nil {
		t.Fatalf("deferred %+v", got)
	}
	if !slices.Equal(e.deps.carried, []KindergartenYear{2026}) {
		t.Errorf("places carried over %v, want one to 2026", e.deps.carried)
	}
	next := e.db.procedures[*got.DeferredToID]
	if next.Year != 2026 || next.State != StateNominated || next.DeferredFromID == nil || *next.DeferredFromID != p.ID || next.Kind != KindInitial {
		t.Errorf("next nomination %+v", next)
	}
	open, err := e.db.OpenProcedure(e.sys, e.center.ID)
	if err != nil || open.ID != next.ID {
		t.Errorf("open procedure %v, %v", open.ID, err)
	}

	rec := e.at(next, StateWithdrawn)
	rec.Kind = KindRecertification
	rec = e.at(rec, StateNominated)
	_, err = e.svc.Transition(e.planner(), rec.ID, Expect(rec.Version), TransitionInput{Action: ActDefer})
	if ErrorCode(err) != ECONFLICT {
		t.Errorf("deferring a re-certification: %v", err)
	}
}

func TestProceduresReads(t *testing.T) {
	e := newProcEnv(t)
	p := e.nominate(t, KindInitial)
	if got, err := e.svc.Get(e.planner(), p.ID); err != nil || got.ID != p.ID {
		t.Errorf("Get: %v", err)
	}
	if ev, err := e.svc.Events(e.planner(), p.ID); err != nil || len(ev) != 1 {
		t.Errorf("Events: %v, %v", ev, err)
	}
	if _, err := e.svc.Events(e.planner(), NewID()); ErrorCode(err) != ENOTFOUND {
		t.Errorf("Events of nothing: %v", err)
	}
	if l, err := e.svc.List(e.sys, ProcedureFilter{}); err != nil || len(l.Items) != 1 {
		t.Errorf("List: %v, %v", l, err)
	}
	if a := e.svc.AllowedFor(e.planner(), p); !slices.Equal(a, []Action{ActWithdraw, ActDefer}) {
		t.Errorf("planner may %v", a)
	}
	if a := e.svc.AllowedFor(context.Background(), p); len(a) != 0 {
		t.Errorf("anonymous may %v", a)
	}
}

func TestProceduresScheduleVisit(t *testing.T) {
	e := newProcEnv(t)
	p := e.at(e.nominate(t, KindInitial), StateInReview)
	day := MustParseDate("2026-04-02")
	_, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActScheduleVisit, VisitOn: day, VisitSites: []uuid.UUID{e.kitas[1]}})
	mdCheckFields(t, err, EINVALID, []string{"visit_sites"})
	_, err = e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActScheduleVisit, VisitOn: day,
		VisitSites: []uuid.UUID{e.kitas[0], e.kitas[0]}})
	mdCheckFields(t, err, EINVALID, []string{"visit_sites[1]"})
	_, err = e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActScheduleVisit, VisitOn: MustParseDate("2026-03-09"),
		VisitSites: []uuid.UUID{e.kitas[0], NewID()}})
	mdCheckFields(t, err, EINVALID, []string{"visit_on", "visit_sites[1]"})
	got, err := e.svc.Transition(e.sys, p.ID, Expect(1), TransitionInput{Action: ActScheduleVisit, VisitOn: day, VisitSites: e.kitas})
	if err != nil {
		t.Fatal(err)
	}
	if got.State != StateVisitScheduled || got.VisitOn != day || len(got.VisitSites) != 2 {
		t.Errorf("scheduled %+v", got)
	}
	_, err = e.svc.Transition(e.sys, p.ID, Expect(2), TransitionInput{Action: ActRecordVisit})
	mdCheckFields(t, err, EINVALID, []string{"visit_on"})
}
