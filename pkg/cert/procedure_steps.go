package cert

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// ProcedureReminderCanceller is the part of the Store that cancels a procedure's pending
// reminders (the notification outbox).
type ProcedureReminderCanceller interface {
	// CancelProcedureReminders cancels the pending notifications of a procedure and
	// returns how many.
	CancelProcedureReminders(ctx context.Context, procedureID uuid.UUID) (int, error)
}

// Step is a step of a procedure just taken, as a StepNotifier hears of it.
type Step struct {
	Procedure  Procedure // after the step
	Action     Action
	CenterName string   // request_evidence only: the center is read for the step that mails
	Missing    []string // request_evidence: what is missing, one item per entry
	Today      Date     // the service's today (Services.At moves it), for due_on and days_left
}

// StepNotifier hears of every step of a procedure inside the step's transaction, so that
// what it writes (an outbox row) commits or rolls back with the step.
type StepNotifier interface {
	// ProcedureStep is called once per step, after the procedure was stored and its
	// pending reminders cancelled, inside the step's transaction; an error rolls the step
	// back.
	ProcedureStep(ctx context.Context, s Step) error
}

// afterStep runs in the transaction of a step: the procedure's pending reminders were
// about the state before it (a deadline met or replaced, a visit held, a decision taken, a
// withdrawal), so they are cancelled; then the notifier hears of the step.
func (s *Procedures) afterStep(ctx context.Context, p Procedure, in TransitionInput) error {
	if _, err := s.deps.reminders.CancelProcedureReminders(ctx, p.ID); err != nil {
		return fmt.Errorf("cancel reminders of procedure %s: %w", p.ID, err)
	}
	if s.deps.steps == nil {
		return nil
	}
	st := Step{Procedure: p, Action: in.Action, Today: s.Today()}
	if in.Action == ActRequestEvidence { // the only step that mails: its center's name
		c, err := s.store.Center(ctx, p.CenterID)
		if err != nil {
			return err
		}
		st.CenterName, st.Missing = c.Name, MissingItems(in.Missing)
	}
	if err := s.deps.steps.ProcedureStep(ctx, st); err != nil {
		return fmt.Errorf("notify step %s of procedure %s: %w", in.Action, p.ID, err)
	}
	return nil
}

// MissingItems splits what an assessor wrote under "missing" into items: one per line,
// without list marks ("-", "*", "•") and blank lines.
func MissingItems(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-*•"))
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
