package notify

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// PeopleStore finds the people tied to centers; pkg/store implements it.
type PeopleStore interface {
	Store
	// CentersPeople returns, per center, the contacts of its Kitas, their providers and
	// youth offices, and the assessor of its open procedure.
	CentersPeople(ctx context.Context, centerIDs []uuid.UUID) (map[uuid.UUID][]Person, error)
	// Coordinators returns every enabled coordinator account.
	Coordinators(ctx context.Context) ([]Person, error)
}

// StepMailer implements cert.StepNotifier: it writes the outbox rows a procedure step
// causes, in the step's transaction. Today that is request_evidence, which tells the
// routed people (by default the Kita leaders) what is missing and the new deadline.
type StepMailer struct {
	Store    PeopleStore
	Routing  Routing
	Clock    cert.Clock
	Location *time.Location // "today" for days_left; nil: UTC
}

var _ cert.StepNotifier = (*StepMailer)(nil)

// ProcedureStep implements cert.StepNotifier.
func (m *StepMailer) ProcedureStep(ctx context.Context, s cert.Step) error {
	if s.Action != cert.ActRequestEvidence {
		return nil
	}
	p := s.Procedure
	people, err := m.Store.CentersPeople(ctx, []uuid.UUID{p.CenterID})
	if err != nil {
		return err
	}
	candidates := people[p.CenterID]
	if slices.Contains(m.Routing[EvidenceRequested], ToCoordinator) {
		coord, err := m.Store.Coordinators(ctx)
		if err != nil {
			return err
		}
		candidates = append(candidates, coord...)
	}
	loc := m.Location
	if loc == nil {
		loc = time.UTC
	}
	today := s.Today // the services' day: Services.At moves it
	if today.IsZero() {
		today = cert.Today(m.Clock, loc)
	}
	spec := ProcedureRow{Procedure: p, CenterName: s.CenterName, Reminder: EvidenceRequested, Key: strconv.Itoa(p.Version),
		DueOn: today, DaysLeft: today.DaysUntil(p.EvidenceDueOn), Missing: s.Missing}
	now := m.Clock.Now()
	row := func(to Person) Notification { return spec.For(to, now) }
	var rows []Notification
	for _, to := range Recipients(m.Routing, EvidenceRequested, candidates) {
		rows = append(rows, row(to))
	}
	if len(rows) == 0 {
		n := row(Person{Role: "none", Email: "-"})
		n.Status, n.LastError = StatusSkipped, "Keine Empfänger hinterlegt."
		rows = append(rows, n)
	}
	_, err = m.Store.InsertNotifications(ctx, rows)
	return err
}
