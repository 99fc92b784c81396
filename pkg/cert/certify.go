package cert

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// ReminderCanceller is the part of the Store that cancels a seal's pending reminders (the
// notification outbox).
type ReminderCanceller interface {
	// CancelSealReminders cancels the pending reminders of a seal and returns how many.
	CancelSealReminders(ctx context.Context, sealID uuid.UUID) (int, error)
}

// certify decides a procedure positively: refused unless the assessment passes every
// area; it issues the seal in the same transaction.
func (s *Procedures) certify(ctx context.Context, p *Procedure, in TransitionInput, today Date) (map[string]any, error) {
	decided := in.DecidedOn
	if decided.IsZero() {
		decided = today
	}
	if decided.After(today) {
		return nil, &Error{Code: EINVALID, Message: "Die Entscheidung kann nicht in der Zukunft liegen.",
			Fields: []FieldError{{"decided_on", "Darf nicht in der Zukunft liegen."}}}
	}
	score, err := s.deps.scores.score(ctx, *p)
	if err != nil {
		return nil, fmt.Errorf("score procedure %s: %w", p.ID, err)
	}
	if !score.Passed {
		var failed []string
		for _, a := range score.Areas {
			if !a.Passed {
				failed = append(failed, a.Code+" "+a.Name+" ("+itoa(a.Points)+" von mindestens "+itoa(a.MinPoints)+" Punkten)")
			}
		}
		return nil, Errorf(ECONFLICT, "Die Bewertung erreicht nicht in jedem Bereich die Mindestpunktzahl: %s.", strings.Join(failed, "; "))
	}
	center, err := s.store.Center(ctx, p.CenterID)
	if err != nil {
		return nil, err
	}
	seal, err := s.deps.seals.issue(ctx, *p, center, decided, in.ValidFrom)
	if err != nil {
		return nil, fmt.Errorf("issue seal of procedure %s: %w", p.ID, err)
	}
	// The predecessor's pending reminders no longer apply: cancel them in this transaction,
	// so that no "your seal expires" mail goes out after the renewal.
	if seal.PredecessorID != nil {
		if _, err := s.deps.reminders.CancelSealReminders(ctx, *seal.PredecessorID); err != nil {
			return nil, fmt.Errorf("cancel reminders of seal %s: %w", *seal.PredecessorID, err)
		}
	}
	p.DecidedOn, p.SealID = decided, &seal.ID
	return map[string]any{"decided_on": decided.String(), "seal_id": seal.ID.String(),
		"valid_from": seal.ValidFrom.String(), "valid_until": seal.ValidUntil.String()}, nil
}
