package cert

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"
)

// procFake is an in-memory ProceduresStore with a pass-through TxRunner and an
// AuditAppender; centers are set by the test.
type procFake struct {
	procedures map[uuid.UUID]Procedure
	events     []Event
	centers    map[uuid.UUID]Center
	numbers    map[uuid.UUID]string // center → certification number
	audit      []AuditEntry
}

func newProcFake() *procFake {
	return &procFake{procedures: map[uuid.UUID]Procedure{}, centers: map[uuid.UUID]Center{}, numbers: map[uuid.UUID]string{}}
}

func (f *procFake) InTx(ctx context.Context, fn func(context.Context) error) error { return fn(ctx) }
func (f *procFake) AppendAudit(_ context.Context, e *AuditEntry) error {
	f.audit = append(f.audit, *e)
	return nil
}
func (f *procFake) Center(_ context.Context, id uuid.UUID) (Center, error) { return get(f.centers, id) }
func (f *procFake) CreateProcedure(_ context.Context, p *Procedure) error {
	f.procedures[p.ID] = *p
	return nil
}
func (f *procFake) Procedure(_ context.Context, id uuid.UUID) (Procedure, error) {
	return get(f.procedures, id)
}
func (f *procFake) LockProcedure(_ context.Context, id uuid.UUID) error {
	_, err := get(f.procedures, id)
	return err
}
func (f *procFake) Procedures(_ context.Context, _ ProcedureFilter) (List[Procedure], error) {
	l := List[Procedure]{}
	for _, p := range f.procedures {
		l.Items = append(l.Items, p)
	}
	return l, nil
}
func (f *procFake) OpenProcedure(_ context.Context, centerID uuid.UUID) (Procedure, error) {
	for _, p := range f.procedures {
		if p.CenterID == centerID && slices.Contains(openStates, p.State) {
			return p, nil
		}
	}
	return Procedure{}, ErrNotFound
}
func (f *procFake) UpdateProcedure(_ context.Context, p *Procedure) error {
	cur, ok := f.procedures[p.ID]
	if !ok || cur.Version != p.Version {
		return ErrStale
	}
	p.Version++
	f.procedures[p.ID] = *p
	return nil
}
func (f *procFake) AppendEvent(_ context.Context, e *Event) error {
	f.events = append(f.events, *e)
	return nil
}
func (f *procFake) Events(_ context.Context, id uuid.UUID) ([]Event, error) {
	var out []Event
	for _, e := range f.events {
		if e.ProcedureID == id {
			out = append(out, e)
		}
	}
	return out, nil
}
func (f *procFake) CertificationNumber(_ context.Context, centerID uuid.UUID) (string, error) {
	return f.numbers[centerID], nil
}
func (f *procFake) ClaimCertificationNumber(_ context.Context, centerID uuid.UUID, number string, _ time.Time) error {
	for _, n := range f.numbers {
		if n == number {
			return Errorf(ECONFLICT, "taken")
		}
	}
	f.numbers[centerID] = number
	return nil
}
func (f *procFake) CountCertificationNumbers(context.Context) (int64, error) {
	return int64(len(f.numbers)), nil
}

// fakeDeps records what Procedures asks of the other aggregates.
type fakeDeps struct {
	latestSeal  *Seal // the center's latest seal; nil: none
	issued      []Procedure
	issuedFor   []Center
	predecessor *uuid.UUID // the predecessor the issued seal names
	noPlace     bool
	taken       []KindergartenYear
	carried     []KindergartenYear
	passed      bool
	sealCancels []uuid.UUID
	procCancels []uuid.UUID
	steps       []Step
	stepErr     error
}

func (d *fakeDeps) issue(_ context.Context, p Procedure, c Center, decidedOn, validFrom Date) (Seal, error) {
	d.issued, d.issuedFor = append(d.issued, p), append(d.issuedFor, c)
	from := SealValidFrom(validFrom, decidedOn, nil)
	return Seal{ID: NewID(), CenterID: p.CenterID, ProcedureID: p.ID, ValidFrom: from, ValidUntil: SealValidUntil(from), PredecessorID: d.predecessor}, nil
}
func (d *fakeDeps) latest(context.Context, uuid.UUID) (Seal, error) {
	if d.latestSeal == nil {
		return Seal{}, ErrNotFound
	}
	return *d.latestSeal, nil
}
func (d *fakeDeps) takePlace(_ context.Context, _ uuid.UUID, year KindergartenYear) error {
	if d.noPlace {
		return Conflict("kindergarten_year", "Das Kontingent ist ausgeschöpft.")
	}
	d.taken = append(d.taken, year)
	return nil
}
func (d *fakeDeps) carryOver(_ context.Context, _ uuid.UUID, year KindergartenYear) error {
	d.carried = append(d.carried, year)
	return nil
}
func (d *fakeDeps) versionFor(_ context.Context, version string) (string, error) {
	if version == "" {
		return "2020", nil
	}
	return version, nil
}
func (d *fakeDeps) score(context.Context, Procedure) (Score, error) {
	return Score{Passed: d.passed, Areas: []AreaScore{{Code: "1", Name: "Beratung", Points: 1, MinPoints: 3, Passed: d.passed}}}, nil
}
func (d *fakeDeps) CancelSealReminders(_ context.Context, id uuid.UUID) (int, error) {
	d.sealCancels = append(d.sealCancels, id)
	return 1, nil
}
func (d *fakeDeps) CancelProcedureReminders(_ context.Context, id uuid.UUID) (int, error) {
	d.procCancels = append(d.procCancels, id)
	return 0, nil
}
func (d *fakeDeps) ProcedureStep(_ context.Context, s Step) error {
	d.steps = append(d.steps, s)
	return d.stepErr
}
